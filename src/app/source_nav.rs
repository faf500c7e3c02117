//! The source pane as a component: follows the selected function (loading its source),
//! moves by lines and pages, to the hottest line and between lines with cost, lists
//! inlined calls, hands a line to the editor.

use super::input::Mouse;
use super::pane::{Ctx, Effect, Pane};
use super::places::PanePlace;
use super::source_pane::{SourcePane, SourceRow};
use super::{Action, Command};
use crate::analysis::FuncId;
use crate::analysis::source_view::SourceText;
use crate::jobs::JobKey;

/// Columns one Left/Right scrolls the code by.
const HSCROLL: usize = 8;

impl Pane for SourcePane {
    fn needs(&self, cx: &Ctx) -> Vec<JobKey> {
        cx.selection
            .map(|f| JobKey::Source(f, cx.key.filters))
            .into_iter()
            .collect()
    }

    fn sync(&mut self, cx: &Ctx) -> Option<FuncId> {
        let (t, page) = (cx.key.sample.index(), cx.page());
        if self.func != cx.selection {
            *self = SourcePane {
                func: cx.selection,
                ..SourcePane::default()
            };
        }
        let want = cx.selection.and_then(|f| cx.jobs.source(f, cx.key.filters));
        match want {
            None => self.bound = None,
            Some(r) => {
                if !self
                    .bound
                    .as_ref()
                    .is_some_and(|b| std::sync::Arc::ptr_eq(b, r))
                {
                    self.bound = Some(r.clone());
                }
            }
        }
        let ready = self.bound.clone()?;
        let data = ready.data.as_ref()?;
        if self.cursor == 0 {
            self.cursor = SourcePane::hottest(data, t);
            self.center(data, t, page);
        } else {
            self.clamp(data, t, page);
        }
        None
    }

    fn act(&mut self, a: Action, cx: &Ctx) -> Effect {
        let Some(ready) = self.bound.clone() else {
            return Effect::ignored();
        };
        let Some(data) = ready.data.as_ref() else {
            return Effect::ignored();
        };
        let (t, page) = (cx.key.sample.index(), cx.page() as i64);
        let half = (page / 2).max(1);
        match a {
            Action::Up => self.cursor -= 1,
            Action::Down => self.cursor += 1,
            Action::PageUp => self.cursor -= page,
            Action::PageDown => self.cursor += page,
            Action::HalfPageUp => self.cursor -= half,
            Action::HalfPageDown => self.cursor += half,
            Action::First => self.cursor = 1,
            Action::Last => self.cursor = data.line_count() as i64,
            Action::Left => {
                self.hscroll = self.hscroll.saturating_sub(HSCROLL);
                return Effect::done();
            }
            Action::Right => {
                // Up to the longest line, so something always stays in view.
                let longest = match &data.text {
                    SourceText::Found(_, lines) => lines.iter().map(|l| l.len()).max(),
                    _ => None,
                };
                self.hscroll = (self.hscroll + HSCROLL).min(longest.unwrap_or(0));
                return Effect::done();
            }
            Action::HottestLine => {
                self.cursor = SourcePane::hottest(data, t);
                self.center(data, t, page as usize);
                return Effect::done();
            }
            Action::NextCostly | Action::PrevCostly => {
                let dir = if a == Action::NextCostly { 1 } else { -1 };
                if !self.next_costly(data, t, dir) {
                    return Effect {
                        handled: true,
                        status: Some(super::notice::Status::NoMoreCostlyLines),
                        ..Effect::default()
                    };
                }
            }
            Action::Activate => {
                let line = self.cursor;
                let has = data.inlined_of(t).iter().any(|c| c.line == line);
                if self.expanded.remove(&line) || !has {
                    self.clamp(data, t, page as usize);
                    return Effect::done();
                }
                self.expanded.insert(line);
                // Scroll so that the listed calls are visible too.
                let rows = self.rows(data, t);
                let last = rows
                    .iter()
                    .rposition(|r| matches!(r, SourceRow::Inlined(l, _) if *l == line));
                let at = rows.iter().position(|r| *r == SourceRow::Line(line));
                if let (Some(last), Some(at)) = (last, at) {
                    let h = page.max(1) as usize;
                    if last >= self.offset + h {
                        self.offset = (last + 1 - h).min(at);
                    }
                }
                return Effect::done();
            }
            Action::OpenEditor => {
                if let SourceText::Found(path, _) = &data.text {
                    return Effect {
                        handled: true,
                        commands: vec![Command::OpenEditor(path.clone(), self.cursor)],
                        ..Effect::default()
                    };
                }
                return Effect {
                    handled: true,
                    status: Some(super::notice::Status::NoSourceFile),
                    ..Effect::default()
                };
            }
            _ => return Effect::ignored(),
        }
        self.clamp(data, t, page as usize);
        Effect::done()
    }

    fn mouse(&mut self, m: Mouse, cx: &Ctx) -> Effect {
        let Some(ready) = self.bound.clone() else {
            return Effect::ignored();
        };
        let Some(data) = ready.data.as_ref() else {
            return Effect::ignored();
        };
        let t = cx.key.sample.index();
        let rows = self.rows(data, t);
        let max = rows.len().saturating_sub(cx.page());
        let h = cx.page();
        match m {
            Mouse::ScrollUp(..) | Mouse::ScrollDown(..) => {
                self.offset = match m {
                    Mouse::ScrollUp(..) => self.offset.saturating_sub(3),
                    _ => (self.offset + 3).min(max),
                };
                // The cursor stays on a visible line, so the scroll is kept.
                let visible = rows.iter().skip(self.offset).take(h.max(1));
                let lines: Vec<i64> = visible
                    .filter_map(|r| match r {
                        SourceRow::Line(n) => Some(*n),
                        SourceRow::Inlined(..) => None,
                    })
                    .collect();
                if let (Some(&lo), Some(&hi)) = (lines.first(), lines.last()) {
                    self.cursor = self.cursor.clamp(lo, hi);
                }
            }
            Mouse::Click(x, y) if cx.layout.body.contains(x, y) => {
                let i = self.offset + usize::from(y - cx.layout.body.y);
                if let Some(SourceRow::Line(n) | SourceRow::Inlined(n, _)) = rows.get(i) {
                    self.cursor = *n;
                }
            }
            Mouse::Click(..) => return Effect::ignored(),
        }
        Effect::done()
    }

    fn names(&self, _cx: &Ctx) -> Vec<String> {
        match self
            .bound
            .as_ref()
            .and_then(|r| r.data.as_ref())
            .map(|d| &d.text)
        {
            Some(SourceText::Found(_, lines)) => lines.clone(),
            _ => Vec::new(),
        }
    }

    fn cursor(&self, _cx: &Ctx) -> usize {
        self.cursor.saturating_sub(1).max(0) as usize
    }

    fn set_cursor(&mut self, i: usize, cx: &Ctx) -> Option<FuncId> {
        if let Some(ready) = self.bound.clone()
            && let Some(data) = ready.data.as_ref()
        {
            self.cursor = i as i64 + 1;
            self.clamp(data, cx.key.sample.index(), cx.page());
        }
        None
    }

    fn place(&self) -> Option<PanePlace> {
        self.bound.as_ref()?.data.as_ref()?;
        Some(PanePlace::Line {
            line: self.cursor,
            offset: self.offset,
        })
    }

    /// The selection's source at the line and scroll recorded (once it is loaded).
    fn restore(&mut self, at: &PanePlace, cx: &Ctx) {
        if let PanePlace::Line { line, offset } = *at {
            *self = SourcePane {
                func: cx.selection,
                cursor: line.max(1),
                offset,
                ..SourcePane::default()
            };
        }
    }

    /// Keeps the line, scroll and listed calls for the same function's source in the
    /// new snapshot.
    fn rebase(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>) {
        self.func = self.func.and_then(map);
        self.bound = None;
    }

    fn position(&self) -> Option<(usize, usize)> {
        let data = self.bound.as_ref()?.data.as_ref()?;
        Some((
            self.cursor.saturating_sub(1).max(0) as usize,
            data.line_count(),
        ))
    }
}
