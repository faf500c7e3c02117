//! Editing the prompt: typing (the search follows each key), deleting, history, accepting
//! a search or a refinement command; moving the focused pane between search matches.

use super::notice::Status;
use super::prompt::{Prompt, PromptKind, split_command};
use super::search::Search;
use super::{Action, App, Command};
use crate::analysis::filter::FilterKind;

/// Entries kept in the prompt history.
const HISTORY: usize = 50;

fn kind_named(name: &str) -> Option<FilterKind> {
    FilterKind::ALL
        .into_iter()
        .find(|k| k.option() == name || k.option().replace('_', "") == name)
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
                }
                self.prompt_changed();
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
                }
                self.prompt_changed();
            }
            Action::PromptAccept => self.prompt_accept(),
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Types `c` into the prompt.
    pub(super) fn prompt_type(&mut self, c: char) {
        if let Some(p) = self.prompt.as_mut() {
            p.text.push(c);
            p.history_pos = None;
        }
        self.prompt_changed();
    }

    fn prompt_changed(&mut self) {
        let Some(p) = self.prompt.as_mut() else {
            return;
        };
        p.error = None;
        if p.kind != PromptKind::Search {
            return;
        }
        if p.text.is_empty() {
            self.search = None;
            return;
        }
        match Search::new(&p.text) {
            Some(s) => {
                self.search = Some(s);
                self.jump_to_match(1, true);
            }
            None => p.error = Some("incomplete or invalid regex".into()),
        }
    }

    fn remember(&mut self, text: &str) {
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
            }
            PromptKind::Refine => {
                let parsed =
                    split_command(&p.text).and_then(|(k, v)| kind_named(k).map(|k| (k, v)));
                let Some((kind, arg)) = parsed else {
                    self.set_prompt_error("type KIND REGEX: focus, ignore, hide, show, show_from, prune_from, tagfocus, tagignore");
                    return;
                };
                match self.refine(kind, arg) {
                    Ok(()) => self.prompt = None,
                    Err(e) => self.set_prompt_error(&e),
                }
            }
        }
    }

    fn set_prompt_error(&mut self, e: &str) {
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
