//! Actions of the explorer beyond its panes, taken before any other: the transforms
//! (`transforms`), the samples of the selected function (an overlay), the saved views
//! (`saved_view`), writing the profile or a pane (`export_keys`), the commands that
//! reproduce the view (`commands`), and the cursor of the overlays that are lists.

use super::list_state::list_delta;
use super::notice::Status;
use super::prompt::PromptKind;
use super::{Action, App, Command, Overlay};
use crate::analysis::FuncId;
use crate::config::views::SavedView;
use crate::jobs::JobKey;

/// The state these actions keep.
#[derive(Clone, Debug, Default)]
pub(super) struct Explore {
    /// The saved views (read at start, updated when one is saved).
    pub views: Vec<SavedView>,
    /// Why views cannot be saved (`--no-config`, no config directory), if so.
    pub views_off: Option<String>,
    /// The input names as given (for the commands that reproduce the view).
    pub inputs: Vec<String>,
    /// The cursor of a list overlay.
    pub cursor: usize,
    /// The function whose samples the traces overlay lists.
    pub traces_of: Option<FuncId>,
}

impl App {
    /// Saved-view, export, sample-listing, command and transform actions, and the list
    /// overlays' moves; `None` for the others.
    pub(super) fn apply_explore(&mut self, a: Action) -> Option<Vec<Command>> {
        if let Some((o, _)) = self.overlay
            && o.is_list()
        {
            let rows = usize::from(self.layout.overlay.1).max(1);
            if let Some(d) = list_delta(a, rows) {
                let n = self.list_len(o);
                let max = n.saturating_sub(1) as isize;
                let c = (self.explore.cursor as isize)
                    .saturating_add(d)
                    .clamp(0, max);
                self.set_list_cursor(c as usize);
                return Some(Vec::new());
            }
            if a == Action::Activate {
                return Some(self.take_list_row(o));
            }
        }
        // Enter on another overlay takes nothing (and reaches no pane behind it).
        if a == Action::Activate && self.overlay.is_some() && self.prompt.is_none() {
            return Some(Vec::new());
        }
        if a == Action::PromptAccept
            && let Some(p) = self.prompt.clone()
            && matches!(
                p.kind,
                PromptKind::SaveView | PromptKind::ExportProfile | PromptKind::ExportPane
            )
        {
            return Some(self.accept_explore_prompt(&p));
        }
        if let Some(cmds) = self.apply_transform(a) {
            return Some(cmds);
        }
        match a {
            Action::ShowTraces => match self.selection {
                Some(f) => {
                    self.toggle_list_overlay(Overlay::Traces);
                    self.explore.traces_of = Some(f);
                }
                None => self.status = Some(Status::NoSelection),
            },
            Action::ShowViews => self.toggle_list_overlay(Overlay::Views),
            Action::ShowCommands => self.toggle_list_overlay(Overlay::Commands),
            Action::OpenPrompt(
                k @ (PromptKind::SaveView | PromptKind::ExportProfile | PromptKind::ExportPane),
            ) => self.open_explore_prompt(k),
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Opens overlay `o` (or closes it when it is open), its cursor on the first row.
    fn toggle_list_overlay(&mut self, o: Overlay) {
        self.overlay = match self.overlay {
            Some((open, _)) if open == o => None,
            _ => Some((o, 0)),
        };
        self.explore.cursor = 0;
    }

    /// Rows of list overlay `o`.
    fn list_len(&self, o: Overlay) -> usize {
        match o {
            Overlay::Views => self.explore.views.len(),
            Overlay::Commands => self.commands().len(),
            _ => 0,
        }
    }

    /// Puts the list cursor on row `c`, scrolling the overlay so it shows (rows are the
    /// overlay's first lines).
    fn set_list_cursor(&mut self, c: usize) {
        self.explore.cursor = c;
        if let Some((o, scroll)) = self.overlay {
            let rows = usize::from(self.layout.overlay.1).max(1);
            let scroll = if c < scroll {
                c
            } else if c >= scroll + rows {
                c + 1 - rows
            } else {
                scroll
            };
            let max = self.layout.overlay.0.saturating_sub(rows);
            self.overlay = Some((o, scroll.min(max)));
        }
    }

    /// Enter on a list overlay's row: recall the view, copy the command.
    fn take_list_row(&mut self, o: Overlay) -> Vec<Command> {
        let i = self.explore.cursor;
        match o {
            Overlay::Views => {
                let Some(v) = self.explore.views.get(i).cloned() else {
                    self.status = Some(Status::Failed("no saved view yet".into()));
                    return Vec::new();
                };
                self.overlay = None;
                self.recall(&v);
                Vec::new()
            }
            Overlay::Commands => {
                let Some(c) = self.commands().into_iter().nth(i) else {
                    return Vec::new();
                };
                self.overlay = None;
                self.status = Some(Status::Note(format!(
                    "copied the {} command (OSC 52: the terminal must allow clipboard writes; tmux: set-clipboard on)",
                    c.what
                )));
                vec![Command::Copy(c.text)]
            }
            _ => Vec::new(),
        }
    }

    /// The samples listing the traces overlay needs, while it is open.
    pub(super) fn traces_key(&self) -> Option<JobKey> {
        let (o, _) = self.overlay?;
        let f = self.explore.traces_of?;
        (o == Overlay::Traces).then_some(JobKey::Traces(
            f,
            self.key.filters,
            self.key.sample,
            self.key.granularity,
        ))
    }

    /// Whether views can be saved.
    pub(super) fn explore_views_on(&self) -> bool {
        self.explore.views_off.is_none()
    }

    /// The list overlays' cursor.
    pub fn list_cursor(&self) -> usize {
        self.explore.cursor
    }

    /// The function whose samples the traces overlay lists.
    pub fn traces_of(&self) -> Option<FuncId> {
        self.explore.traces_of
    }

    /// The samples through [`App::traces_of`], once computed (while the overlay is open).
    pub fn traces(
        &self,
    ) -> Option<&std::sync::Arc<crate::analysis::traces_listing::TracesListing>> {
        self.snap.jobs().traces(&self.traces_key()?)
    }

    /// The input names as given on the command line (for the commands reproducing the
    /// view); the runtime sets them, else the inputs split at spaces.
    pub fn set_input_names(&mut self, names: Vec<String>) {
        self.explore.inputs = names;
    }

    /// The input names (see [`App::set_input_names`]).
    pub fn input_names(&self) -> Vec<String> {
        if self.explore.inputs.is_empty() {
            self.inputs.split_whitespace().map(String::from).collect()
        } else {
            self.explore.inputs.clone()
        }
    }
}
