//! The details overlay: the profile's metadata, totals per sample type, the selected
//! row in full with its exact values, the unit mode, a diff's bases and net changes, cut
//! stacks, heap sampling, comments.

use ratatui::text::{Line, Span};

use super::Theme;
use super::text::fit;
use crate::analysis::header::{go_time, profile_kind};
use crate::analysis::units;
use crate::app::App;

fn kv(k: &str, v: String, theme: &Theme, width: usize) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{k:<24}"), theme.dim()),
        Span::raw(fit(&v, width.saturating_sub(24))),
    ])
}

/// A diff's bases and, per sample type, its net change and the total its percentages are
/// shares of.
fn diff_lines(
    d: &crate::analysis::change::DiffSummary,
    app: &App,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let how = match (d.relative_to_base(), d.bases.normalize) {
        (true, false) => "pprof's -diff_base: % of the base's total",
        (true, true) => "pprof's -diff_base -normalize: % of the base's total",
        (false, false) => "pprof's -base: % of all changes",
        (false, true) => "pprof's -base -normalize: % of all changes",
    };
    let mut out = vec![
        Line::styled("Diff", theme.title()),
        kv("minus", format!("{} ({how})", d.base_names()), theme, width),
    ];
    for (t, c) in app.profile().sample_types.iter().zip(&d.changes) {
        let sign = if c.net > 0 { "+" } else { "" };
        out.push(kv(
            &t.ty,
            format!(
                "net {sign}{} ({sign}{} {u}), % of {} ({} {u})",
                units::label(c.net, &t.unit),
                c.net,
                units::label(c.total, &t.unit),
                c.total,
                u = t.unit
            ),
            theme,
            width,
        ));
    }
    out
}

/// The details overlay's lines.
pub fn lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let p = app.profile();
    let mut out = selection(app, theme, width);
    out.push(Line::styled("Profile", theme.title()));
    out.push(kv("input", app.inputs().to_string(), theme, width));
    for f in app.live().fetched() {
        out.push(kv("fetched from", f.url.clone(), theme, width));
        let saved = match &f.saved {
            Ok(path) => path.display().to_string(),
            Err(e) => format!("not saved: {e}"),
        };
        out.push(kv("saved in", saved, theme, width));
    }
    out.push(kv("kind", profile_kind(p).to_string(), theme, width));
    if let Some(b) = p.main_binary() {
        out.push(kv("main binary", b.to_string(), theme, width));
    }
    if p.time_nanos != 0 {
        out.push(kv("time", go_time(p.time_nanos), theme, width));
    }
    if p.duration_nanos != 0 {
        out.push(kv(
            "duration",
            units::label(p.duration_nanos, "nanoseconds"),
            theme,
            width,
        ));
    }
    match &p.period_type {
        Some(pt) => out.push(kv(
            "period",
            format!(
                "{} {} ({} {})",
                p.period,
                pt.unit,
                pt.ty,
                units::label(p.period, &pt.unit)
            ),
            theme,
            width,
        )),
        None => out.push(kv("period", p.period.to_string(), theme, width)),
    }
    let default = p
        .sample_types
        .get(p.default_sample_index())
        .map_or("", |t| t.ty.as_str());
    let how = if p.default_sample_type.is_empty() {
        "(the last type: no default_sample_type set)"
    } else {
        "(default_sample_type)"
    };
    out.push(kv(
        "default sample type",
        format!("{default} {how}"),
        theme,
        width,
    ));
    out.push(kv("samples", p.samples.len().to_string(), theme, width));
    out.push(kv(
        "functions / locations",
        format!("{} / {}", p.functions.len(), p.locations.len()),
        theme,
        width,
    ));
    let jobs = app.jobs();
    let mib = |b: usize| match b {
        b if b < 1 << 20 => format!("{} KiB", b.div_ceil(1 << 10)),
        b if b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b => format!("{:.1} MiB", b as f64 / f64::from(1 << 20)),
    };
    // Past the budget only what the view shows (never let go of) is kept.
    let over = if jobs.bytes() > jobs.budget() {
        ", all on screen"
    } else {
        ""
    };
    let kept = format!(
        "{} of {} (--cache-mib){over}",
        mib(jobs.bytes()),
        mib(jobs.budget())
    );
    out.push(kv("reports kept", kept, theme, width));
    if jobs.evicted() > 0 {
        let gone = format!("{}, computed again when asked for", jobs.evicted());
        out.push(kv("let go of", gone, theme, width));
    }
    let under_way = jobs.under_way_bytes();
    if under_way > 0 {
        let work = format!("about {}, counted in the budget", mib(under_way));
        out.push(kv("work under way", work, theme, width));
    }
    if !p.drop_frames.is_empty() {
        out.push(kv("drop frames", p.drop_frames.clone(), theme, width));
    }
    out.push(Line::raw(""));
    match (app.diff_summary(), app.facts()) {
        (Some(d), _) => out.extend(diff_lines(&d, app, theme, width)),
        (None, _) if app.diff().is_some() => {
            out.push(Line::styled("Diff: computing…", theme.dim()));
        }
        (None, None) => out.push(Line::styled("Totals: computing…", theme.dim())),
        (None, Some(facts)) => {
            out.push(Line::styled("Totals per sample type", theme.title()));
            for (t, &total) in p.sample_types.iter().zip(&facts.totals) {
                out.push(kv(
                    &t.ty,
                    format!("{} ({total} {})", units::label(total, &t.unit), t.unit),
                    theme,
                    width,
                ));
            }
        }
    }
    if let Some(t) = app.truncation() {
        out.push(kv(
            "stacks cut",
            format!(
                "{} of {} samples ({}) stop at {} frames, the producer's depth limit: their outermost frames are not real roots",
                t.samples,
                p.samples.len(),
                crate::analysis::compact::percent((t.share * 1e6) as i64, 1_000_000),
                t.depth
            ),
            theme,
            width,
        ));
    }
    if let Some(d) = app.diagnosis() {
        out.push(Line::raw(""));
        out.push(Line::styled("Heap sampling", theme.title()));
        out.push(kv(
            "in use / allocated",
            format!("{} of alloc_space is in use", d.inuse_share()),
            theme,
            width,
        ));
        out.push(kv(
            "raw samples (est.)",
            format!(
                "≈{} allocations, ≈{} live objects",
                super::notice_text::whole(d.raw_alloc_samples),
                super::notice_text::whole(d.raw_inuse_samples)
            ),
            theme,
            width,
        ));
        out.push(kv(
            "MemProfileRate",
            format!(
                "{} ({} per sample on average)",
                d.rate,
                units::label(d.rate, "bytes")
            ),
            theme,
            width,
        ));
        let how = if d.rate > 1 {
            "Go scales each sample by 1/(1−e^(−size/rate)), so values are estimates; the raw-sample estimate undoes that scaling (the ~smpl column, !1/!2 marks)."
        } else {
            "Every allocation was recorded (MemProfileRate 1): values are exact."
        };
        for l in super::text::wrap(how, width) {
            out.push(Line::styled(l, theme.dim()));
        }
    }
    if !p.comments.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Comments", theme.title()));
        for c in &p.comments {
            out.push(Line::raw(fit(c, width)));
        }
    }
    out
}

/// The selected row in full, with its exact values, and how values are shown.
fn selection(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let Some(f) = app.selection() else {
        return out;
    };
    out.push(Line::styled("Selected", theme.title()));
    for l in super::text::wrap(&crate::sanitize::sanitize(&app.func_name(f)), width) {
        out.push(Line::raw(l));
    }
    let t = app.view_key().sample.index();
    if let (Some(v), Some(st)) = (app.view(), app.profile().sample_types.get(t)) {
        let name = app.frames().infos.get(f.index()).map(|i| i.name.clone());
        if let Some(row) = v
            .report
            .rows
            .iter()
            .find(|r| Some(&r.name) == name.as_ref())
        {
            out.push(kv(
                "flat / cum (exact)",
                format!("{} / {} {}", row.flat, row.cum, st.unit),
                theme,
                width,
            ));
        }
    }
    out.push(kv("values", app.units().label(), theme, width));
    out.push(Line::raw(""));
    out
}
