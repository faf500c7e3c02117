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
    /// The text changed since the search last followed it (done once a frame).
    pub dirty: bool,
    /// What the search typed so far finds in the focused pane (once its report is there).
    pub found: Option<Found>,
}

/// What a search finds in the focused pane: how many of its rows match and, when none
/// does, a matching function with value in another sample type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Rows that match.
    pub matches: usize,
    /// Rows searched.
    pub rows: usize,
    /// Nothing matches here, but a function does in another sample type.
    pub elsewhere: Option<crate::analysis::search_elsewhere::SearchElsewhere>,
}

/// The longest text a prompt holds, in characters: a regex longer than this is no search
/// anyone types, and typing or pasting beyond it would only cost time.
pub const MAX_PROMPT_CHARS: usize = 4096;

impl Prompt {
    /// An empty prompt, or one starting with `text`.
    pub fn new(kind: PromptKind, text: &str) -> Self {
        Self {
            kind,
            text: text.to_string(),
            error: None,
            history_pos: None,
            dirty: false,
            found: None,
        }
    }

    /// Appends the characters of `text` that are not control characters, up to
    /// [`MAX_PROMPT_CHARS`]; returns whether some were cut.
    pub fn insert(&mut self, text: &str) -> bool {
        let room = MAX_PROMPT_CHARS.saturating_sub(self.text.chars().count());
        let mut kept = text.chars().filter(|c| !c.is_control());
        self.text.extend(kept.by_ref().take(room));
        self.history_pos = None;
        self.dirty = true;
        kept.next().is_some()
    }

    /// The leading symbol shown before the text.
    pub fn symbol(&self) -> &'static str {
        match self.kind {
            PromptKind::Search => "/",
            PromptKind::Refine => ":",
            PromptKind::SaveView => "save view as: ",
            PromptKind::ExportProfile => "write the refined profile to: ",
            PromptKind::ExportPane => "write the pane to (.txt, .tsv, .json): ",
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
