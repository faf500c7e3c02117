//! The keymap as data: scope × key → action, each with a description. The help overlay
//! and the status-bar hints are generated from this table, so they cannot drift.

use super::action::Action;
use super::input::{Key, KeyCode};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everywhere (unless an overlay takes the key first).
    Global,
    /// The top table pane.
    Top,
    /// An open overlay (help, details).
    Overlay,
}

impl Scope {
    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Top => "Top table",
            Self::Overlay => "Help and details overlays",
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

fn b(scope: Scope, keys: &[Key], action: Action, desc: &'static str, hint: Option<&'static str>) -> Binding {
    Binding { scope, keys: keys.to_vec(), action, desc, hint }
}

const fn k(c: char) -> Key {
    Key::ch(c)
}

const fn p(code: KeyCode) -> Key {
    Key::plain(code)
}

impl Default for Keymap {
    fn default() -> Self {
        use KeyCode as C;
        use Scope::{Global, Overlay, Top};
        let bindings = vec![
            b(Overlay, &[k('q'), p(C::Esc), k('?'), k('i')], Action::Back, "close the overlay", Some("close")),
            b(Overlay, &[p(C::Down), k('j')], Action::ScrollOverlay(1), "scroll down", None),
            b(Overlay, &[p(C::Up), k('k')], Action::ScrollOverlay(-1), "scroll up", None),
            b(Overlay, &[p(C::PageDown), Key::ctrl('d')], Action::ScrollOverlay(10), "scroll down a page", None),
            b(Overlay, &[p(C::PageUp), Key::ctrl('u')], Action::ScrollOverlay(-10), "scroll up a page", None),
            b(Top, &[p(C::Down), k('j')], Action::Down, "select the next row", None),
            b(Top, &[p(C::Up), k('k')], Action::Up, "select the previous row", None),
            b(Top, &[p(C::PageDown)], Action::PageDown, "down one page", None),
            b(Top, &[p(C::PageUp)], Action::PageUp, "up one page", None),
            b(Top, &[Key::ctrl('d')], Action::HalfPageDown, "down half a page", None),
            b(Top, &[Key::ctrl('u')], Action::HalfPageUp, "up half a page", None),
            b(Top, &[k('g'), p(C::Home)], Action::First, "first row", None),
            b(Top, &[k('G'), p(C::End)], Action::Last, "last row", None),
            b(Top, &[k('S')], Action::CycleSort, "sort by flat, cum or name (cycles)", Some("sort")),
            b(Global, &[k('a')], Action::ToggleInuseAlloc, "switch in-use ↔ alloc (inuse_space ↔ alloc_space)", Some("inuse/alloc")),
            b(Global, &[k('o')], Action::ToggleSpaceObjects, "switch space ↔ objects", Some("space/objects")),
            b(Global, &[k('t')], Action::NextSampleType, "next sample type (cycles through all)", Some("type")),
            b(Global, &[k('b')], Action::ToggleSideBySide, "in-use and alloc side by side, with retained %", Some("side-by-side")),
            b(Global, &[k('i')], Action::ShowDetails, "details: totals, period, sampling, comments", Some("details")),
            b(Global, &[k('x')], Action::ToggleNotice, "hide or show the notice", None),
            b(Global, &[p(C::Tab)], Action::NextPane, "next pane", None),
            b(Global, &[p(C::BackTab)], Action::PrevPane, "previous pane", None),
            b(Global, &[k('1')], Action::FocusPane(super::pane::PaneId::Top), "top table pane", None),
            b(Global, &[k('?')], Action::ShowHelp, "help (this screen)", Some("help")),
            b(Global, &[k('q'), p(C::Esc)], Action::Back, "quit", Some("quit")),
            b(Global, &[Key::ctrl('c')], Action::Quit, "quit at once", None),
            b(Global, &[Key::ctrl('l')], Action::Redraw, "redraw the screen", None),
        ];
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
                .map(|b| b.action.clone())
        })
    }

    /// Bindings of `scope`, in order.
    pub fn in_scope(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }

    /// The keys of a binding as shown to the user ("↓/j").
    pub fn keys_label(b: &Binding) -> String {
        b.keys.iter().map(ToString::to_string).collect::<Vec<_>>().join("/")
    }

    /// Status-bar hints for `scopes`: (key, label) pairs. Help and quit come first so
    /// that they survive a narrow terminal, then the innermost scope's keys.
    pub fn hints(&self, scopes: &[Scope]) -> Vec<(String, &'static str)> {
        let mut bindings: Vec<&Binding> = scopes
            .iter()
            .flat_map(|&s| self.in_scope(s))
            .filter(|b| b.hint.is_some())
            .collect();
        bindings.sort_by_key(|b| !matches!(b.action, Action::ShowHelp | Action::Back));
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
        for s in [Scope::Global, Scope::Top, Scope::Overlay] {
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
        let a = km.resolve(&[Scope::Overlay, Scope::Global], Key::ch('i'));
        assert!(matches!(a, Some(Action::Back)));
        let a = km.resolve(&[Scope::Top, Scope::Global], Key::ch('i'));
        assert!(matches!(a, Some(Action::ShowDetails)));
        assert!(matches!(km.resolve(&[Scope::Overlay], Key::ctrl('c')), Some(Action::Quit)));
    }
}
