//! The source pane: a cursor on a line of the function's file, the scroll position, and
//! which lines show their inlined calls; moves to hot lines and lines with cost.

use std::collections::HashSet;

use crate::analysis::source_view::SourceData;

/// One displayed row: a source line, or an inlined call listed under a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceRow {
    /// Line `n` (1-based) of the file.
    Line(i64),
    /// The `k`-th call inlined at line `n`.
    Inlined(i64, usize),
}

/// State of the source pane.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceState {
    /// The function shown (functions-granularity node id).
    pub func: Option<u32>,
    /// The line under the cursor (1-based).
    pub cursor: i64,
    /// First displayed row.
    pub offset: usize,
    /// Lines whose inlined calls are listed.
    pub expanded: HashSet<i64>,
}

impl SourceState {
    /// The rows to display for `data` and sample type `t`.
    pub fn rows(&self, data: &SourceData, t: usize) -> Vec<SourceRow> {
        let n = data.line_count() as i64;
        let mut rows = Vec::with_capacity(n as usize);
        for line in 1..=n {
            rows.push(SourceRow::Line(line));
            if self.expanded.contains(&line) {
                let calls = data.inlined[t].iter().filter(|c| c.line == line).count();
                rows.extend((0..calls).map(|k| SourceRow::Inlined(line, k)));
            }
        }
        rows
    }

    /// The hottest line for type `t` (largest cum, then flat), or the window's start.
    pub fn hottest(data: &SourceData, t: usize) -> i64 {
        data.values[t]
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
    pub fn next_costly(&mut self, data: &SourceData, t: usize, dir: i64) {
        let lines = &data.values[t];
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
    }

    /// Keeps the cursor in the file and visible in `height` rows.
    pub fn clamp(&mut self, data: &SourceData, t: usize, height: usize) {
        let n = data.line_count() as i64;
        self.cursor = self.cursor.clamp(1, n.max(1));
        let rows = self.rows(data, t);
        let Some(i) = rows.iter().position(|r| *r == SourceRow::Line(self.cursor)) else {
            return;
        };
        let h = height.max(1);
        if i < self.offset {
            self.offset = i;
        } else if i >= self.offset + h {
            self.offset = i + 1 - h;
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
