//! A search: the regex typed at the `/` prompt, matched against names in every pane.

use regex::Regex;

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
