//! Values and percentages as the explorer shows them, in the unit mode the user chose
//! (per value, pprof's report-wide unit, exact): one formatter for every pane.

use ratatui::text::Span;

use crate::analysis::{compact, units};
use crate::app::{App, UnitMode};

/// Formats values of the current sample type.
pub struct Numbers<'a> {
    mode: &'a UnitMode,
    unit: String,
    report: Option<&'a crate::analysis::TopReport>,
    /// The percentage base: the table's total when computed, else the profile's (0
    /// until its facts are computed).
    pub total: i64,
    /// A diff: positive values and shares carry an explicit "+".
    signed: bool,
}

impl<'a> Numbers<'a> {
    /// The formatter for `app`'s current view.
    pub fn of(app: &'a App) -> Self {
        let t = app.view_key().sample.index();
        let unit = app
            .profile()
            .sample_types
            .get(t)
            .map_or_else(String::new, |s| s.unit.clone());
        let report = app.view().map(|v| &v.report);
        let total = report.map_or_else(
            || {
                app.facts()
                    .and_then(|f| f.totals.get(t).copied())
                    .unwrap_or(0)
            },
            |r| r.total,
        );
        Self {
            mode: app.units(),
            unit,
            report,
            total,
            signed: app.diff().is_some(),
        }
    }

    /// The same formatter without a diff's signs (for values that are totals, not
    /// changes: the Growth pane's, whatever the view behind it).
    pub fn unsigned(mut self) -> Self {
        self.signed = false;
        self
    }

    /// `text` for value `v`, with "+" in front when a diff's `v` grew.
    fn sign(&self, v: i64, text: String) -> String {
        if self.signed && v > 0 {
            format!("+{text}")
        } else {
            text
        }
    }

    /// `v` in the chosen mode.
    pub fn value(&self, v: i64) -> String {
        self.sign(v, self.magnitude(v))
    }

    /// `v` as a table cell: in a diff, in the growth or shrinkage style.
    pub fn value_span(&self, v: i64, theme: &super::Theme) -> Span<'static> {
        if self.signed {
            Span::styled(self.value(v), theme.diff_value(v))
        } else {
            Span::raw(self.value(v))
        }
    }

    /// `v` in the chosen mode without a diff's "+" (a total, not a change).
    pub fn magnitude(&self, v: i64) -> String {
        match self.mode {
            UnitMode::PerValue => compact::value(v, &self.unit),
            UnitMode::Exact => compact::exact(v, &self.unit),
            UnitMode::Report(u) => match (u.as_str(), self.report) {
                ("minimum", Some(r)) => r.format_value(v),
                (u, _) => units::scaled_label(v, &self.unit, u),
            },
        }
    }

    /// `v` as a share of the total.
    pub fn pct(&self, v: i64) -> String {
        self.sign(v, compact::percent(v, self.total))
    }

    /// `v` as a share of `of`.
    pub fn pct_of(&self, v: i64, of: i64) -> String {
        self.sign(v, compact::percent(v, of))
    }
}

/// A share for a sentence: "40%", "3.2%" (no trailing zeros), "<0.01%".
pub fn prose_percent(v: i64, total: i64) -> String {
    let p = compact::percent(v, total);
    match p.strip_suffix('%') {
        Some(n) if n.contains('.') => {
            format!("{}%", n.trim_end_matches('0').trim_end_matches('.'))
        }
        _ => p,
    }
}
