//! Refinements (pprof's filters, with a back stack), granularity and relative
//! percentages, and search across panes.

use std::sync::Arc;

use regex::Regex;

use super::prompt::{Prompt, PromptKind, split_command};
use super::{Action, App, Command, Job, Overlay, PaneId, ViewKey};
use crate::analysis::Granularity;
use crate::analysis::filter::{FilterKind, Filters};

/// A compiled search.
#[derive(Clone, Debug)]
pub struct Search {
    /// The text typed.
    pub text: String,
    /// The compiled regex.
    pub regex: Regex,
}

fn kind_named(name: &str) -> Option<FilterKind> {
    FilterKind::ALL
        .into_iter()
        .find(|k| k.option() == name || k.option().replace('_', "") == name)
}

impl App {
    /// The filter set with id `fid`.
    pub fn filter_set(&self, fid: u32) -> Arc<Filters> {
        self.filter_sets
            .get(fid as usize)
            .cloned()
            .unwrap_or_default()
    }

    /// The filters in force.
    pub fn filters(&self) -> Arc<Filters> {
        self.filter_set(self.key.filters)
    }

    /// Whether `name` matches the search.
    pub fn is_match(&self, name: &str) -> bool {
        self.search.as_ref().is_some_and(|s| s.regex.is_match(name))
    }

    /// Applies a new filter set (remembering the current one for Backspace).
    fn push_filters(&mut self, f: Filters) -> Vec<Command> {
        self.filter_back.push(self.key.filters);
        self.filter_sets.push(Arc::new(f));
        let fid = (self.filter_sets.len() - 1) as u32;
        self.status = None;
        self.switch_view(ViewKey {
            filters: fid,
            ..self.key
        })
    }

    fn refine(&mut self, kind: FilterKind, text: &str) -> Result<Vec<Command>, String> {
        let mut f = (*self.filters()).clone();
        f.set(kind, text)?;
        Ok(self.push_filters(f))
    }

    /// The anchored regex for the selected function's name.
    fn selected_regex(&self) -> Option<String> {
        self.func
            .map(|f| format!("^{}$", regex::escape(&self.frames.infos[f as usize].name)))
    }

    /// Handles refinement, granularity, search and prompt actions; `None` for others.
    pub(crate) fn refine_action(&mut self, a: &Action) -> Option<Vec<Command>> {
        Some(match a {
            Action::RefineSelected(kind) => match self.selected_regex() {
                Some(re) => self.refine(*kind, &re).unwrap_or_else(|e| {
                    self.status = Some(e);
                    Vec::new()
                }),
                None => Vec::new(),
            },
            Action::UndoRefine => match self.filter_back.pop() {
                Some(fid) => self.switch_view(ViewKey {
                    filters: fid,
                    ..self.key
                }),
                None => {
                    self.status = Some("no refinement to undo".into());
                    Vec::new()
                }
            },
            Action::ClearRefinements if self.key.filters != 0 => {
                self.filter_back.push(self.key.filters);
                self.switch_view(ViewKey {
                    filters: 0,
                    ..self.key
                })
            }
            Action::ToggleRelative => {
                let mut f = (*self.filters()).clone();
                f.relative_percentages = !f.relative_percentages;
                self.push_filters(f)
            }
            Action::CycleGranularity => {
                let all = Granularity::ALL;
                let i = all
                    .iter()
                    .position(|&g| g == self.key.granularity)
                    .unwrap_or(0);
                let focus = self.focus;
                let cmds = self.switch_view(ViewKey {
                    granularity: all[(i + 1) % all.len()],
                    ..self.key
                });
                if focus != PaneId::Top {
                    self.status = Some(format!(
                        "granularity {} applies to the top table (1)",
                        self.key.granularity.name()
                    ));
                }
                cmds
            }
            Action::OpenPrompt(kind) => {
                let start = match kind {
                    PromptKind::Search => self
                        .search
                        .as_ref()
                        .map_or(String::new(), |s| s.text.clone()),
                    PromptKind::Refine => String::new(),
                };
                self.prompt = Some(Prompt::new(*kind, &start));
                Vec::new()
            }
            Action::PromptInput(c) => {
                if let Some(p) = self.prompt.as_mut() {
                    p.text.push(*c);
                }
                self.prompt_changed();
                Vec::new()
            }
            Action::PromptBackspace => {
                if let Some(p) = self.prompt.as_mut() {
                    p.text.pop();
                }
                self.prompt_changed();
                Vec::new()
            }
            Action::PromptCancel => {
                self.prompt = None;
                Vec::new()
            }
            Action::PromptAccept => self.prompt_accept(),
            Action::SearchNext => {
                self.jump_to_match(1, false);
                Vec::new()
            }
            Action::SearchPrev => {
                self.jump_to_match(-1, false);
                Vec::new()
            }
            Action::ToggleMatchOnly => {
                self.match_only = !self.match_only && self.search.is_some();
                self.sync_focused();
                Vec::new()
            }
            Action::ShowHistogram => match self.func {
                Some(f) if self.heap.is_heap() => {
                    self.overlay = Some(Overlay::Histogram);
                    self.overlay_scroll = 0;
                    self.ensure(Job::Histogram(f, self.key.filters))
                }
                _ => {
                    self.status =
                        Some("size histograms need a heap profile and a selected function".into());
                    Vec::new()
                }
            },
            _ => return None,
        })
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
        match Regex::new(&p.text) {
            Ok(regex) => {
                self.search = Some(Search {
                    text: p.text.clone(),
                    regex,
                });
                self.jump_to_match(1, true);
            }
            Err(_) => p.error = Some("incomplete or invalid regex".into()),
        }
    }

    fn prompt_accept(&mut self) -> Vec<Command> {
        let Some(p) = self.prompt.clone() else {
            return Vec::new();
        };
        match p.kind {
            PromptKind::Search => {
                self.prompt = None;
                if self.search.is_none() {
                    self.match_only = false;
                }
                self.sync_focused();
                Vec::new()
            }
            PromptKind::Refine => {
                let parsed =
                    split_command(&p.text).and_then(|(k, v)| kind_named(k).map(|k| (k, v)));
                let Some((kind, arg)) = parsed else {
                    self.set_prompt_error("type KIND REGEX: focus, ignore, hide, show, show_from, prune_from, tagfocus, tagignore");
                    return Vec::new();
                };
                match self.refine(kind, arg) {
                    Ok(cmds) => {
                        self.prompt = None;
                        cmds
                    }
                    Err(e) => {
                        self.set_prompt_error(&e);
                        Vec::new()
                    }
                }
            }
        }
    }

    fn set_prompt_error(&mut self, e: &str) {
        if let Some(p) = self.prompt.as_mut() {
            p.error = Some(e.to_string());
        }
    }

    /// Moves the focused pane's selection to the next (`dir` 1) or previous (-1) match;
    /// `from_here` lets the current row match (incremental search).
    fn jump_to_match(&mut self, dir: isize, from_here: bool) {
        if self.search.is_none() {
            return;
        }
        let names = self.pane_names();
        let n = names.len();
        if n == 0 {
            return;
        }
        let cur = self.pane_cursor().min(n - 1);
        let start = if from_here { 0 } else { 1 };
        for step in start..=n {
            let i = (cur as isize + dir * step as isize).rem_euclid(n as isize) as usize;
            if self.is_match(&names[i]) {
                self.set_pane_cursor(i);
                return;
            }
        }
        self.status = Some("no match".into());
    }
}
