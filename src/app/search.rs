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
