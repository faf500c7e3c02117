//! A search: the regex typed at the `/` prompt, matched against names in every pane.

use std::cell::Cell;

use regex::Regex;

thread_local! {
    /// Searches compiled on this thread (see [`compilations`]).
    static COMPILATIONS: Cell<u64> = const { Cell::new(0) };
}

/// How many searches this thread has compiled: the tests check that typing compiles at
/// most once a frame.
pub fn compilations() -> u64 {
    COMPILATIONS.with(Cell::get)
}

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
        COMPILATIONS.with(|n| n.set(n.get() + 1));
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

impl super::App {
    /// What the search in force finds in the focused pane, once its report is there:
    /// the matching rows and, when none matches, a function with value in another sample
    /// type (not in the source pane, whose rows are lines; not with refinements in force
    /// or on a diff, where the profile's own numbers would not be the view's).
    pub(super) fn search_found(&mut self) -> Option<super::prompt::Found> {
        let search = self.search.clone()?;
        let focus = self.focus;
        let refined = self.key.filters != crate::jobs::FilterSetId(0);
        let diff = self.diff().is_some();
        let sample = self.key.sample.index();
        let (panes, cx) = self.split();
        let pane = panes.get_mut(focus);
        let names = pane.names(&cx);
        // The flame graph has no row position: its frames say that it is there.
        if pane.position().is_none() && names.is_empty() {
            return None;
        }
        let matches = names.iter().filter(|n| search.is_match(n)).count();
        let elsewhere = (matches == 0 && focus != super::PaneId::Source && !refined && !diff)
            .then(|| {
                crate::analysis::search_elsewhere::elsewhere(cx.profile, sample, &|n| {
                    search.is_match(n)
                })
            })
            .flatten();
        Some(super::prompt::Found {
            matches,
            rows: names.len(),
            elsewhere,
        })
    }
}
