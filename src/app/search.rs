//! Search across panes: the compiled regex, incremental matching as the prompt is typed,
//! and moving the focused pane to the next or previous match.

use regex::Regex;

use super::App;
use super::notice::Status;
use super::pane::PaneId;

/// A compiled search.
#[derive(Clone, Debug)]
pub struct Search {
    /// The text typed.
    pub text: String,
    /// The compiled regex.
    pub regex: Regex,
}

impl Search {
    /// Compiles `text`; `None` when it is not a valid regex (yet).
    pub fn new(text: &str) -> Option<Self> {
        Regex::new(text).ok().map(|regex| Self {
            text: text.to_string(),
            regex,
        })
    }

    /// Whether `name` matches.
    pub fn is_match(&self, name: &str) -> bool {
        self.regex.is_match(name)
    }
}

impl App {
    /// Moves the focused pane's cursor to the next (`dir` 1) or previous (-1) match;
    /// `from_here` lets the current row match (incremental search).
    pub(super) fn jump_to_match(&mut self, dir: isize, from_here: bool) {
        if self.search.is_none() {
            return;
        }
        let focus = self.focus;
        let (panes, cx) = self.split();
        let pane = panes.get_mut(focus);
        let names = pane.names(&cx);
        let n = names.len();
        if n == 0 {
            self.status = Some(Status::NoMatch);
            return;
        }
        let cur = pane.cursor(&cx).min(n - 1);
        let start = usize::from(!from_here);
        let found = (start..=n)
            .map(|step| (cur as isize + dir * step as isize).rem_euclid(n as isize) as usize)
            .find(|&i| cx.is_match(&names[i]));
        let Some(i) = found else {
            self.status = Some(Status::NoMatch);
            return;
        };
        let sel = pane.set_cursor(i, &cx);
        if let Some(f) = sel {
            self.selection = Some(f);
        }
        if focus == PaneId::Top {
            // The table's cursor now defines the selection.
            self.sync_all();
        }
    }
}
