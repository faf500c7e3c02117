//! The keymap as data: scope × key → action, each with a description. The help overlay
//! and the status-bar hints are generated from this table, so they cannot drift.

use super::action::Action;
use super::input::{Key, KeyCode};
use super::pane::PaneId;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everywhere (unless an overlay takes the key first).
    Global,
    /// The top table pane.
    Top,
    /// The call-tree pane.
    Tree,
    /// The callers/callees pane.
    Peek,
    /// The flame graph pane.
    Flame,
    /// The source pane.
    Source,
    /// An open overlay (help, details).
    Overlay,
    /// The search or refinement prompt (printable keys type into it).
    Prompt,
}

impl Scope {
    /// Every scope, in help order.
    pub const ALL: [Self; 8] = [
        Self::Global,
        Self::Top,
        Self::Tree,
        Self::Peek,
        Self::Flame,
        Self::Source,
        Self::Overlay,
        Self::Prompt,
    ];
}

impl Scope {
    /// The scope of pane `p`.
    pub fn of_pane(p: PaneId) -> Self {
        match p {
            PaneId::Top => Self::Top,
            PaneId::Tree => Self::Tree,
            PaneId::Peek => Self::Peek,
            PaneId::Flame => Self::Flame,
            PaneId::Source => Self::Source,
        }
    }

    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Top => "Top table",
            Self::Tree => "Call tree",
            Self::Peek => "Callers/callees",
            Self::Flame => "Flame graph",
            Self::Source => "Source",
            Self::Overlay => "Overlays (help, details, sizes)",
            Self::Prompt => "Prompt (/ search, : refine); other keys type",
        }
    }
}

/// One entry of the keymap.
#[derive(Clone, Debug)]
pub struct Binding {
    /// Where it applies.
    pub scope: Scope,
    /// The keys that trigger it.
    pub keys: Vec<Key>,
    /// What it does.
    pub action: Action,
    /// One line for the help overlay.
    pub desc: &'static str,
    /// Short label for the status bar, when it is worth a hint there.
    pub hint: Option<&'static str>,
}

/// All bindings, in help order.
#[derive(Clone, Debug)]
pub struct Keymap {
    /// The bindings.
    pub bindings: Vec<Binding>,
}

fn b(
    scope: Scope,
    keys: &[Key],
    action: Action,
    desc: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys: keys.to_vec(),
        action,
        desc,
        hint,
    }
}

/// Moves shared by the list panes.
fn list_moves(scope: Scope) -> Vec<Binding> {
    use KeyCode as C;
    vec![
        b(scope, &[p(C::Down), k('j')], Action::Down, "next row", None),
        b(scope, &[p(C::Up), k('k')], Action::Up, "previous row", None),
        b(
            scope,
            &[p(C::PageDown)],
            Action::PageDown,
            "down one page",
            None,
        ),
        b(scope, &[p(C::PageUp)], Action::PageUp, "up one page", None),
        b(
            scope,
            &[Key::ctrl('d')],
            Action::HalfPageDown,
            "down half a page",
            None,
        ),
        b(
            scope,
            &[Key::ctrl('u')],
            Action::HalfPageUp,
            "up half a page",
            None,
        ),
        b(
            scope,
            &[k('g'), p(C::Home)],
            Action::First,
            "first row",
            None,
        ),
        b(scope, &[k('G'), p(C::End)], Action::Last, "last row", None),
    ]
}

const fn k(c: char) -> Key {
    Key::ch(c)
}

const fn p(code: KeyCode) -> Key {
    Key::plain(code)
}

impl Default for Keymap {
    fn default() -> Self {
        use super::prompt::PromptKind;
        use crate::analysis::filter::FilterKind as F;
        use KeyCode as C;
        use Scope::{Flame, Global, Overlay, Peek, Prompt, Source, Top, Tree};
        let mut bindings = vec![
            b(
                Overlay,
                &[k('q'), p(C::Esc), k('?'), k('i'), k('#')],
                Action::Back,
                "close the overlay",
                Some("close"),
            ),
            b(
                Top,
                &[k('S')],
                Action::CycleSort,
                "sort by flat, cum or name (cycles)",
                Some("sort"),
            ),
            b(
                Global,
                &[k('a')],
                Action::ToggleInuseAlloc,
                "switch in-use ↔ alloc (inuse_space ↔ alloc_space)",
                Some("inuse/alloc"),
            ),
            b(
                Global,
                &[k('o')],
                Action::ToggleSpaceObjects,
                "switch space ↔ objects",
                Some("space/objects"),
            ),
            b(
                Global,
                &[k('t')],
                Action::NextSampleType,
                "next sample type (cycles through all)",
                Some("type"),
            ),
            b(
                Global,
                &[k('b')],
                Action::ToggleSideBySide,
                "in-use and alloc side by side, with retained %",
                Some("side-by-side"),
            ),
            b(
                Global,
                &[k('i')],
                Action::ShowDetails,
                "details: totals, period, sampling, comments",
                Some("details"),
            ),
            b(
                Global,
                &[k('x')],
                Action::ToggleNotice,
                "hide or show the notice",
                None,
            ),
            b(
                Global,
                &[k('/')],
                Action::OpenPrompt(PromptKind::Search),
                "search (regex, incremental) in the focused pane",
                Some("search"),
            ),
            b(Global, &[k('n')], Action::SearchNext, "next match", None),
            b(
                Global,
                &[k('N')],
                Action::SearchPrev,
                "previous match",
                None,
            ),
            b(
                Global,
                &[k('&')],
                Action::ToggleMatchOnly,
                "show only matching rows (top table)",
                None,
            ),
            b(
                Global,
                &[k('f')],
                Action::RefineSelected(F::Focus),
                "focus: keep samples through the selected function",
                Some("focus"),
            ),
            b(
                Global,
                &[k('I')],
                Action::RefineSelected(F::Ignore),
                "ignore: drop samples through the selected function",
                None,
            ),
            b(
                Global,
                &[k('H')],
                Action::RefineSelected(F::Hide),
                "hide the selected function's frames",
                None,
            ),
            b(
                Global,
                &[k('v')],
                Action::RefineSelected(F::Show),
                "show only the selected function's frames",
                None,
            ),
            b(
                Global,
                &[k('>')],
                Action::RefineSelected(F::ShowFrom),
                "show_from: drop frames above the selected function",
                None,
            ),
            b(
                Global,
                &[k('P')],
                Action::RefineSelected(F::PruneFrom),
                "prune_from: drop frames below the selected function",
                None,
            ),
            b(
                Global,
                &[k(':')],
                Action::OpenPrompt(PromptKind::Refine),
                "refine by typing: focus|ignore|hide|show|show_from|prune_from|tagfocus|tagignore REGEX",
                Some("refine"),
            ),
            b(
                Global,
                &[p(C::Backspace)],
                Action::UndoRefine,
                "undo the last refinement",
                None,
            ),
            b(
                Global,
                &[k('X')],
                Action::ClearRefinements,
                "clear all refinements",
                None,
            ),
            b(
                Global,
                &[k('%')],
                Action::ToggleRelative,
                "percentages of the refined total (relative_percentages)",
                None,
            ),
            b(
                Global,
                &[k('d')],
                Action::CycleGranularity,
                "granularity: functions, filefunctions, files, lines, addresses",
                None,
            ),
            b(
                Global,
                &[k('#')],
                Action::ShowHistogram,
                "sizes of the selected function's allocations (bytes label)",
                None,
            ),
            b(
                Prompt,
                &[p(C::Enter)],
                Action::PromptAccept,
                "accept",
                Some("accept"),
            ),
            b(
                Prompt,
                &[p(C::Esc)],
                Action::PromptCancel,
                "cancel",
                Some("cancel"),
            ),
            b(
                Prompt,
                &[p(C::Backspace)],
                Action::PromptBackspace,
                "delete a character",
                None,
            ),
            b(Global, &[p(C::Tab)], Action::NextPane, "next pane", None),
            b(
                Global,
                &[p(C::BackTab)],
                Action::PrevPane,
                "previous pane",
                None,
            ),
            b(
                Global,
                &[k('1')],
                Action::FocusPane(PaneId::Top),
                "top table pane",
                None,
            ),
            b(
                Global,
                &[k('2')],
                Action::FocusPane(PaneId::Tree),
                "call tree pane (at the selected function)",
                Some("tree"),
            ),
            b(
                Global,
                &[k('3')],
                Action::FocusPane(PaneId::Peek),
                "callers/callees of the selected function",
                Some("callers"),
            ),
            b(
                Global,
                &[k('4')],
                Action::FocusPane(PaneId::Flame),
                "flame graph (at the selected function)",
                Some("flame"),
            ),
            b(
                Global,
                &[k('5'), k('s')],
                Action::OpenSource,
                "source of the selected function",
                Some("source"),
            ),
            b(
                Top,
                &[p(C::Enter)],
                Action::OpenSource,
                "source of the selected function",
                None,
            ),
            b(
                Source,
                &[k('H')],
                Action::HottestLine,
                "the hottest line",
                Some("hottest"),
            ),
            b(
                Source,
                &[k(']')],
                Action::NextCostly,
                "next line with cost",
                Some("next cost"),
            ),
            b(
                Source,
                &[k('[')],
                Action::PrevCostly,
                "previous line with cost",
                None,
            ),
            b(
                Source,
                &[p(C::Enter)],
                Action::Activate,
                "show or hide the calls inlined at this line",
                Some("inlined"),
            ),
            b(
                Source,
                &[k('e')],
                Action::OpenEditor,
                "open $VISUAL/$EDITOR at this line",
                Some("edit"),
            ),
            b(
                Global,
                &[k('?')],
                Action::ShowHelp,
                "help (this screen)",
                Some("help"),
            ),
            b(
                Global,
                &[k('q')],
                Action::Quit,
                "quit",
                Some("quit"),
            ),
            b(
                Global,
                &[p(C::Esc)],
                Action::Back,
                "close the innermost thing: overlay, prompt, zoom, search",
                None,
            ),
            b(
                Global,
                &[Key::ctrl('z')],
                Action::Suspend,
                "suspend to the shell (fg resumes)",
                None,
            ),
            b(
                Prompt,
                &[p(C::Up)],
                Action::PromptHistoryPrev,
                "previous entry of the history",
                None,
            ),
            b(
                Prompt,
                &[p(C::Down)],
                Action::PromptHistoryNext,
                "next entry of the history",
                None,
            ),
            b(
                Global,
                &[Key::ctrl('c')],
                Action::Quit,
                "quit at once",
                None,
            ),
            b(
                Global,
                &[Key::ctrl('l')],
                Action::Redraw,
                "redraw the screen",
                None,
            ),
            b(
                Tree,
                &[p(C::Enter)],
                Action::Activate,
                "expand or collapse",
                Some("expand"),
            ),
            b(
                Tree,
                &[p(C::Right), k('l')],
                Action::Right,
                "expand, or go to the first child",
                None,
            ),
            b(
                Tree,
                &[p(C::Left), k('h')],
                Action::Left,
                "collapse, or go to the parent",
                None,
            ),
            b(
                Tree,
                &[k('e')],
                Action::ExpandSubtree,
                "expand everything below",
                Some("expand all"),
            ),
            b(
                Tree,
                &[k('c')],
                Action::CollapseAll,
                "collapse all",
                Some("collapse"),
            ),
            b(
                Tree,
                &[k('r')],
                Action::ToggleDirection,
                "top-down ↔ bottom-up (callers of where it was allocated)",
                Some("invert"),
            ),
            b(
                Peek,
                &[p(C::Enter)],
                Action::Activate,
                "make this caller/callee the selected function",
                Some("go"),
            ),
            b(
                Flame,
                &[p(C::Left), k('h')],
                Action::Left,
                "frame to the left",
                None,
            ),
            b(
                Flame,
                &[p(C::Right), k('l')],
                Action::Right,
                "frame to the right",
                None,
            ),
            b(
                Flame,
                &[p(C::Up), k('k')],
                Action::Up,
                "caller (one level up)",
                None,
            ),
            b(
                Flame,
                &[p(C::Down), k('j')],
                Action::Down,
                "heaviest callee (one level down)",
                None,
            ),
            b(
                Flame,
                &[p(C::Enter)],
                Action::Activate,
                "zoom into the frame",
                Some("zoom"),
            ),
            b(
                Flame,
                &[p(C::Backspace)],
                Action::ZoomOut,
                "zoom out (else undo the last refinement)",
                Some("back"),
            ),
        ];
        for scope in [Top, Tree, Peek, Source, Overlay] {
            bindings.extend(list_moves(scope));
        }
        Self { bindings }
    }
}

impl Keymap {
    /// The action for `key`, looking in `scopes` in order (innermost first).
    pub fn resolve(&self, scopes: &[Scope], key: Key) -> Option<Action> {
        // Ctrl-C quits from anywhere, overlays included.
        if key == Key::ctrl('c') {
            return Some(Action::Quit);
        }
        scopes.iter().find_map(|&s| {
            self.bindings
                .iter()
                .find(|b| b.scope == s && b.keys.contains(&key))
                .map(|b| b.action)
        })
    }

    /// The label of the first key bound to `action` in the first of `scopes` that binds
    /// it (so UI prose names the user's keys).
    pub fn key_for(&self, scopes: &[Scope], action: &Action) -> Option<String> {
        scopes.iter().find_map(|&s| {
            self.bindings
                .iter()
                .find(|b| b.scope == s && b.action == *action)
                .and_then(|b| b.keys.first())
                .map(ToString::to_string)
        })
    }

    /// Bindings of `scope`, in order.
    pub fn in_scope(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }

    /// The keys of a binding as shown to the user ("↓/j").
    pub fn keys_label(b: &Binding) -> String {
        b.keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Status-bar hints for `scopes`: (key, label) pairs. Help and quit come first so
    /// that they survive a narrow terminal, then the innermost scope's keys.
    pub fn hints(&self, scopes: &[Scope]) -> Vec<(String, &'static str)> {
        let mut bindings: Vec<&Binding> = scopes
            .iter()
            .flat_map(|&s| self.in_scope(s))
            .filter(|b| b.hint.is_some())
            .collect();
        bindings.sort_by_key(|b| !matches!(b.action, Action::ShowHelp | Action::Quit | Action::Back));
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for b in bindings {
            let key = b.keys.first().map(ToString::to_string).unwrap_or_default();
            if let Some(h) = b.hint
                && !out.iter().any(|(k, _)| *k == key)
            {
                out.push((key, h));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        let km = Keymap::default();
        for s in Scope::ALL {
            let mut seen = std::collections::HashSet::new();
            for b in km.in_scope(s) {
                for key in &b.keys {
                    assert!(seen.insert(*key), "{key} bound twice in {s:?}");
                }
            }
        }
    }

    #[test]
    fn overlay_scope_wins_over_global() {
        let km = Keymap::default();
        let a = km.resolve(&[Scope::Overlay], Key::ch('i'));
        assert!(matches!(a, Some(Action::Back)));
        let a = km.resolve(&[Scope::Top, Scope::Global], Key::ch('i'));
        assert!(matches!(a, Some(Action::ShowDetails)));
        assert!(matches!(
            km.resolve(&[Scope::Overlay], Key::ctrl('c')),
            Some(Action::Quit)
        ));
    }
}
