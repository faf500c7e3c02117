//! Moving in the source pane: lines, pages, the hottest line, lines with cost, inlined
//! calls, and handing a line to the editor.

use super::source_pane::SourceState;
use super::{Action, App, Command, Job, SourceReady};
use crate::analysis::source_view::{SourceData, SourceText};

impl App {
    /// The loaded source of the selected function, if any.
    pub fn source_ready(&self) -> Option<&SourceReady> {
        self.sources
            .get(&(self.source.func?, self.key.filters))
            .map(AsRef::as_ref)
    }

    fn source_data(&self) -> Option<SourceData> {
        self.source_ready().and_then(|r| r.data.clone())
    }

    /// The source text lines (for search).
    pub(crate) fn source_lines(&self) -> Vec<String> {
        match self
            .source_ready()
            .and_then(|r| r.data.as_ref())
            .map(|d| &d.text)
        {
            Some(SourceText::Found(_, lines)) => lines.clone(),
            _ => Vec::new(),
        }
    }

    /// Moves the cursor to line `n`.
    pub(crate) fn source_goto(&mut self, n: i64) {
        let Some(d) = self.source_data() else { return };
        self.source.cursor = n;
        self.source.clamp(&d, self.key.sample_index, self.page());
    }

    /// Points the pane at the selected function (loading it if needed).
    pub(crate) fn sync_source(&mut self) {
        let Some(f) = self.func else { return };
        if self.source.func != Some(f) {
            self.source = SourceState {
                func: Some(f),
                ..SourceState::default()
            };
        }
        let t = self.key.sample_index;
        let page = self.page();
        if let Some(d) = self.source_data() {
            if self.source.cursor == 0 {
                self.source.cursor = SourceState::hottest(&d, t);
                self.source.center(&d, t, page);
            } else {
                self.source.clamp(&d, t, page);
            }
        }
    }

    pub(crate) fn source_action(&mut self, a: &Action) -> Vec<Command> {
        if self.func.is_some() && self.source_ready().is_none() {
            let job = Job::Source(self.func.unwrap_or_default(), self.key.filters);
            return self.ensure(job);
        }
        let Some(d) = self.source_data() else {
            return Vec::new();
        };
        let (t, page) = (self.key.sample_index, self.page() as i64);
        let s = &mut self.source;
        match *a {
            Action::Up => s.cursor -= 1,
            Action::Down => s.cursor += 1,
            Action::PageUp => s.cursor -= page,
            Action::PageDown => s.cursor += page,
            Action::HalfPageUp => s.cursor -= (page / 2).max(1),
            Action::HalfPageDown => s.cursor += (page / 2).max(1),
            Action::First => s.cursor = 1,
            Action::Last => s.cursor = d.line_count() as i64,
            Action::HottestLine => {
                s.cursor = SourceState::hottest(&d, t);
                s.center(&d, t, page as usize);
                return Vec::new();
            }
            Action::NextCostly => s.next_costly(&d, t, 1),
            Action::PrevCostly => s.next_costly(&d, t, -1),
            Action::Activate => {
                let line = s.cursor;
                if !s.expanded.remove(&line) && d.inlined[t].iter().any(|c| c.line == line) {
                    s.expanded.insert(line);
                    // Scroll so that the listed calls are visible too.
                    let rows = s.rows(&d, t);
                    let last = rows.iter().rposition(
                        |r| matches!(r, super::source_pane::SourceRow::Inlined(l, _) if *l == line),
                    );
                    let at = rows
                        .iter()
                        .position(|r| *r == super::source_pane::SourceRow::Line(line));
                    if let (Some(last), Some(at)) = (last, at) {
                        let h = page.max(1) as usize;
                        if last >= s.offset + h {
                            s.offset = (last + 1 - h).min(at);
                        }
                    }
                    return Vec::new();
                }
            }
            Action::WheelUp(..) => s.offset = s.offset.saturating_sub(3),
            Action::WheelDown(..) => {
                s.offset = (s.offset + 3).min(d.line_count().saturating_sub(1))
            }
            Action::OpenEditor => {
                if let SourceText::Found(path, _) = &d.text {
                    return vec![Command::OpenEditor(path.clone(), s.cursor)];
                }
                self.status = Some("no source file to edit".into());
                return Vec::new();
            }
            _ => return Vec::new(),
        }
        if !matches!(a, Action::WheelUp(..) | Action::WheelDown(..)) {
            self.source.clamp(&d, t, page as usize);
        }
        Vec::new()
    }
}
