//! The one-line prompt at the bottom: a regex search typed incrementally, or a refinement
//! command such as `focus main\.fill` or `tagfocus bytes=1mb:`.

pub use crate::config::action::PromptKind;

/// An open prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// Search or refinement.
    pub kind: PromptKind,
    /// What was typed.
    pub text: String,
    /// Why the text is not accepted yet (bad regex, unknown refinement).
    pub error: Option<String>,
    /// Position in the history while browsing it with ↑/↓.
    pub history_pos: Option<usize>,
}

impl Prompt {
    /// An empty prompt, or one starting with `text`.
    pub fn new(kind: PromptKind, text: &str) -> Self {
        Self {
            kind,
            text: text.to_string(),
            error: None,
            history_pos: None,
        }
    }

    /// The leading symbol shown before the text.
    pub fn symbol(&self) -> &'static str {
        match self.kind {
            PromptKind::Search => "/",
            PromptKind::Refine => ":",
        }
    }
}

/// Splits a refinement command into its kind and argument: "focus main" or "focus=main".
pub fn split_command(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let i = text.find([' ', '='])?;
    let (k, rest) = text.split_at(i);
    Some((k, rest[1..].trim_start()))
}

#[cfg(test)]
mod tests {
    use super::split_command;

    #[test]
    fn splits_commands() {
        assert_eq!(
            split_command("focus main\\.fill"),
            Some(("focus", "main\\.fill"))
        );
        assert_eq!(
            split_command("tagfocus=bytes=1mb:"),
            Some(("tagfocus", "bytes=1mb:"))
        );
        assert_eq!(split_command("focus"), None);
    }
}
