//! Editing the prompt: typing and pasting (cut at [`MAX_PROMPT_CHARS`]; the search follows
//! once a frame, in [`App::before_draw`], however many keys came in between), deleting,
//! history, accepting a search or a refinement command; moving the focused pane between
//! search matches.

use super::notice::Status;
use super::prompt::{MAX_PROMPT_CHARS, Prompt, PromptKind, split_command};
use super::search::Search;
use super::{Action, App, Command};
use crate::analysis::filter::FilterKind;

/// Entries kept in the prompt history.
const HISTORY: usize = 50;

/// A refinement or transform command: `KIND REGEX` (any filter's or transform's word,
/// `merge` for hide), or a transform word alone (`collapse_recursion` is direct).
fn parse_command(text: &str) -> Option<(FilterKind, &str)> {
    if let Some((k, v)) = split_command(text) {
        return FilterKind::named(k).map(|k| (k, v));
    }
    match FilterKind::named(text.trim()) {
        Some(k @ FilterKind::CollapseRecursion) => Some((k, "direct")),
        _ => None,
    }
}

impl App {
    /// Prompt actions; `None` for the others.
    pub(super) fn apply_prompt(&mut self, a: Action) -> Option<Vec<Command>> {
        match a {
            Action::OpenPrompt(kind) => {
                // Always empty: the previous text is one ↑ away in the history. The
                // search in force comes back if the prompt is cancelled.
                self.search_before_prompt = self.search.clone();
                self.prompt = Some(Prompt::new(kind, ""));
            }
            Action::PromptBackspace => {
                if let Some(p) = self.prompt.as_mut() {
                    p.text.pop();
                    p.dirty = true;
                }
            }
            Action::PromptCancel => {
                if let Some(p) = self.prompt.take()
                    && p.kind == PromptKind::Search
                {
                    self.search = self.search_before_prompt.take();
                    if self.search.is_none() {
                        self.match_only = false;
                    }
                }
            }
            Action::PromptHistoryPrev | Action::PromptHistoryNext => {
                let back = a == Action::PromptHistoryPrev;
                let len = self.search_history.len();
                if let Some(p) = self.prompt.as_mut() {
                    let pos = p.history_pos.unwrap_or(len);
                    let next = if back {
                        pos.checked_sub(1)
                    } else {
                        (pos + 1 < len).then_some(pos + 1)
                    };
                    match next {
                        Some(i) => {
                            p.history_pos = Some(i);
                            p.text = self.search_history[i].clone();
                        }
                        None if !back => {
                            p.history_pos = None;
                            p.text.clear();
                        }
                        None => {}
                    }
                    p.dirty = true;
                }
            }
            Action::PromptAccept => self.prompt_accept(),
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Types `c` into the prompt (the search follows before the next frame).
    pub(super) fn prompt_type(&mut self, c: char) {
        if let Some(p) = self.prompt.as_mut() {
            let mut buf = [0u8; 4];
            p.insert(c.encode_utf8(&mut buf));
        }
    }

    /// Pasted `text`: into the prompt at once when one is open (control characters and
    /// line breaks dropped, cut at [`MAX_PROMPT_CHARS`]), else ignored: a paste is never
    /// read as keys.
    pub(super) fn paste(&mut self, text: &str) -> Vec<Command> {
        if let Some(p) = self.prompt.as_mut() {
            self.status = None;
            p.insert(text);
        }
        Vec::new()
    }

    /// Work put off to once a frame: when the prompt's text changed since the last frame,
    /// the search is compiled once and the focused pane moves to its first match. The
    /// runtime calls this before laying out each frame.
    pub fn before_draw(&mut self) -> Vec<Command> {
        if !self.prompt.as_ref().is_some_and(|p| p.dirty) {
            return Vec::new();
        }
        self.prompt_changed();
        self.refresh()
    }

    fn prompt_changed(&mut self) {
        let Some(p) = self.prompt.as_mut() else {
            return;
        };
        p.dirty = false;
        p.error = (p.text.chars().count() >= MAX_PROMPT_CHARS)
            .then(|| format!("cut: at most {MAX_PROMPT_CHARS} characters"));
        if p.kind != PromptKind::Search {
            return;
        }
        p.found = None;
        if p.text.is_empty() {
            self.search = None;
            return;
        }
        match Search::new(&p.text) {
            Some(s) => {
                self.search = Some(s);
                self.jump_to_match(1, true);
                let found = self.search_found();
                if let Some(p) = self.prompt.as_mut() {
                    p.found = found;
                }
            }
            None => {
                if let Some(p) = self.prompt.as_mut() {
                    p.error
                        .get_or_insert_with(|| "incomplete or invalid regex".into());
                }
            }
        }
    }

    pub(super) fn remember(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.search_history.retain(|t| t != text);
        self.search_history.push(text.to_string());
        if self.search_history.len() > HISTORY {
            self.search_history.remove(0);
        }
    }

    fn prompt_accept(&mut self) {
        if self.prompt.as_ref().is_some_and(|p| p.dirty) {
            self.prompt_changed();
        }
        let Some(p) = self.prompt.clone() else {
            return;
        };
        self.remember(&p.text);
        match p.kind {
            PromptKind::Search => {
                self.prompt = None;
                if self.search.is_none() {
                    self.match_only = false;
                }
                // Nothing found: said once the prompt is gone, with where it would be.
                if let Some(f) = p.found.filter(|f| f.matches == 0) {
                    self.status = Some(Status::SearchFoundNothing(p.text.clone(), f.elsewhere));
                }
            }
            // Accepted by `explore`, before this (they answer with commands).
            PromptKind::SaveView | PromptKind::ExportProfile | PromptKind::ExportPane => {}
            PromptKind::Refine => {
                let Some((kind, arg)) = parse_command(&p.text) else {
                    self.set_prompt_error("type KIND REGEX: focus, ignore, hide (merge), show, show_from, prune_from, tagfocus, tagignore, collapse_package; or collapse_recursion [direct|indirect]");
                    return;
                };
                match self.refine(kind, arg) {
                    Ok(()) => self.prompt = None,
                    Err(e) => self.set_prompt_error(&e),
                }
            }
        }
    }

    pub(super) fn set_prompt_error(&mut self, e: &str) {
        if let Some(p) = self.prompt.as_mut() {
            p.error = Some(e.to_string());
        }
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_take_the_transform_words() {
        assert_eq!(
            parse_command("collapse_package net/http"),
            Some((FilterKind::CollapsePackage, "net/http"))
        );
        assert_eq!(
            parse_command("merge fmt\\."),
            Some((FilterKind::Hide, "fmt\\."))
        );
        assert_eq!(
            parse_command("collapse_recursion indirect"),
            Some((FilterKind::CollapseRecursion, "indirect"))
        );
        assert_eq!(
            parse_command(" collapserecursion "),
            Some((FilterKind::CollapseRecursion, "direct"))
        );
        assert_eq!(
            parse_command("focus=main"),
            Some((FilterKind::Focus, "main"))
        );
        assert_eq!(parse_command("focus"), None);
        assert_eq!(parse_command("bogus x"), None);
    }
}
