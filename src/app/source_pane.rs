//! The source pane's state: a cursor on a line of the function's file, the scroll
//! position, and which lines show their inlined calls; moves to hot lines and lines with
//! cost. Its [`super::pane::Pane`] behaviour is in `source_nav`.

use std::collections::HashSet;
use std::sync::Arc;

use crate::analysis::FuncId;
use crate::analysis::source_view::SourceData;
use crate::jobs::SourceReady;

/// One displayed row: a source line, or an inlined call listed under a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceRow {
    /// Line `n` (1-based) of the file.
    Line(i64),
    /// The `k`-th call inlined at line `n`.
    Inlined(i64, usize),
}

/// State of the source pane.
#[derive(Clone, Debug, Default)]
pub struct SourcePane {
    /// The function shown.
    pub(super) func: Option<FuncId>,
    /// Its loaded source, once there.
    pub(super) bound: Option<Arc<SourceReady>>,
    /// The line under the cursor (1-based; 0 until the source is there).
    pub(super) cursor: i64,
    /// First displayed row.
    pub(super) offset: usize,
    /// Lines whose inlined calls are listed.
    pub(super) expanded: HashSet<i64>,
    /// Columns of code scrolled off to the left.
    pub(super) hscroll: usize,
}

impl SourcePane {
    /// The function shown.
    pub fn func(&self) -> Option<FuncId> {
        self.func
    }

    /// The loaded source of the function shown.
    pub fn ready(&self) -> Option<&Arc<SourceReady>> {
        self.bound.as_ref()
    }

    /// The line under the cursor.
    pub fn cursor_line(&self) -> i64 {
        self.cursor
    }

    /// First displayed row.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Columns of code scrolled off to the left.
    pub fn hscroll(&self) -> usize {
        self.hscroll
    }

    /// Whether the calls inlined at line `n` are listed.
    pub fn is_expanded(&self, n: i64) -> bool {
        self.expanded.contains(&n)
    }

    /// The rows to display for `data` and sample type `t`.
    pub fn rows(&self, data: &SourceData, t: usize) -> Vec<SourceRow> {
        let n = data.line_count() as i64;
        let mut rows = Vec::with_capacity(n as usize);
        for line in 1..=n {
            rows.push(SourceRow::Line(line));
            if self.expanded.contains(&line) {
                let calls = data.inlined_of(t).iter().filter(|c| c.line == line).count();
                rows.extend((0..calls).map(|k| SourceRow::Inlined(line, k)));
            }
        }
        rows
    }

    /// The hottest line for type `t` (largest cum, then flat), or the window's start.
    pub fn hottest(data: &SourceData, t: usize) -> i64 {
        data.lines_of(t)
            .iter()
            .max_by_key(|v| {
                (
                    v.cum.wrapping_abs(),
                    v.flat.wrapping_abs(),
                    std::cmp::Reverse(v.line),
                )
            })
            .map_or(data.window.0.max(1), |v| v.line)
    }

    /// Moves the cursor to the next (`dir` 1) or previous (-1) line with cost for `t`.
    pub fn next_costly(&mut self, data: &SourceData, t: usize, dir: i64) -> bool {
        let lines = data.lines_of(t);
        let next = if dir > 0 {
            lines.iter().map(|v| v.line).find(|&l| l > self.cursor)
        } else {
            lines
                .iter()
                .rev()
                .map(|v| v.line)
                .find(|&l| l < self.cursor)
        };
        if let Some(l) = next {
            self.cursor = l;
        }
        next.is_some()
    }

    /// Keeps the cursor in the file and visible in `height` rows.
    pub fn clamp(&mut self, data: &SourceData, t: usize, height: usize) {
        let n = data.line_count() as i64;
        self.cursor = self.cursor.clamp(1, n.max(1));
        let rows = self.rows(data, t);
        let h = height.max(1);
        if let Some(i) = rows.iter().position(|r| *r == SourceRow::Line(self.cursor)) {
            if i < self.offset {
                self.offset = i;
            } else if i >= self.offset + h {
                self.offset = i + 1 - h;
            }
        }
        self.offset = self.offset.min(rows.len().saturating_sub(h));
    }

    /// Centres the cursor line in `height` rows.
    pub fn center(&mut self, data: &SourceData, t: usize, height: usize) {
        let rows = self.rows(data, t);
        if let Some(i) = rows.iter().position(|r| *r == SourceRow::Line(self.cursor)) {
            self.offset = i.saturating_sub(height / 2);
        }
        self.clamp(data, t, height);
    }
}
