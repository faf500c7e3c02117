//! The transforms as keys: collapse direct or indirect recursion (pressed again: stop),
//! collapse the selected function's package into one frame. Each is one step of the
//! refinement history (Backspace undoes it) and applies to every pane and report.

use super::notice::Status;
use super::{Action, App, Command};
use crate::analysis::filter::{FilterKind, Recursion, package_of};

/// A regex matching exactly the package `pkg`.
fn exactly(pkg: &str) -> String {
    format!("^{}$", regex::escape(pkg))
}

impl App {
    /// Transform actions; `None` for the others.
    pub(super) fn apply_transform(&mut self, a: Action) -> Option<Vec<Command>> {
        match a {
            Action::CollapseRecursion => self.toggle_recursion(Recursion::Direct),
            Action::CollapseIndirectRecursion => self.toggle_recursion(Recursion::Indirect),
            Action::CollapsePackage => self.collapse_selected_package(),
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Collapses recursion of kind `r`; when that is what is in force, stops collapsing.
    fn toggle_recursion(&mut self, r: Recursion) {
        let now = self.filters().collapse_recursion;
        let text = if now == Some(r) { "" } else { r.name() };
        if let Err(e) = self.refine(FilterKind::CollapseRecursion, text) {
            self.status = Some(Status::RefineFailed(e));
        }
    }

    /// Adds the selected function's package to the packages collapsed.
    fn collapse_selected_package(&mut self) {
        let Some(f) = self.selection else {
            self.status = Some(Status::NoSelection);
            return;
        };
        let name = self.func_name(f);
        let Some((pkg, frame)) = package_of(&name) else {
            self.status = Some(Status::Failed(format!(
                "{name} belongs to no package (Go import path, Java package, C++/Rust namespace) to collapse"
            )));
            return;
        };
        let filters = self.filters();
        let text = match &filters.collapse_package {
            Some(p) if p.is_match(pkg) => {
                self.status = Some(Status::Failed(format!(
                    "{pkg} is collapsed already (into {frame}); Backspace undoes"
                )));
                return;
            }
            Some(p) => format!("{}|{}", p.as_str(), exactly(pkg)),
            None => exactly(pkg),
        };
        match self.refine(FilterKind::CollapsePackage, &text) {
            Ok(()) => self.status = Some(Status::Note(format!("{pkg} collapsed into {frame}"))),
            Err(e) => self.status = Some(Status::RefineFailed(e)),
        }
    }
}
