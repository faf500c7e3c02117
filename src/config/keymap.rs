//! The keymap: scope × key → action, each with a description, read from
//! `assets/keymap.toml` (and a user's file over it). The help overlay, the status-bar
//! hints and the README's key table are generated from it, so they cannot drift.

use super::action::{Action, PaneId};
use super::error::ConfigError;
use super::input::Key;

/// The built-in keymap, compiled in.
pub const DEFAULT_TOML: &str = include_str!("../../assets/keymap.toml");

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everywhere (unless an overlay takes the key first).
    Global,
    /// A pane, when it is focused.
    Pane(PaneId),
    /// An open overlay (help, details).
    Overlay,
    /// The search or refinement prompt (printable keys type into it).
    Prompt,
}

impl Scope {
    /// Every scope, in help order: global, each pane's, overlay, prompt.
    pub fn all() -> Vec<Self> {
        let mut all = vec![Self::Global];
        all.extend(PaneId::ALL.map(Self::Pane));
        all.extend([Self::Overlay, Self::Prompt]);
        all
    }

    /// The scope of pane `p`.
    pub fn of_pane(p: PaneId) -> Self {
        Self::Pane(p)
    }

    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Pane(p) => p.heading(),
            Self::Overlay => "Overlays (help, details, sizes, samples, views, commands)",
            Self::Prompt => "Prompt (search, refine); other keys type",
        }
    }

    /// The name in keymap files ("global", "top", …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Pane(p) => p.name(),
            Self::Overlay => "overlay",
            Self::Prompt => "prompt",
        }
    }

    /// The scope named `name` in a keymap file.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::all().into_iter().find(|s| s.name() == name)
    }

    /// The scopes a key is looked up in when `self` is the innermost one: a pane's own
    /// keys, then the global ones; an overlay or the prompt sees only its own.
    pub fn lookup_chain(self) -> Vec<Scope> {
        match self {
            Self::Pane(_) => vec![self, Self::Global],
            _ => vec![self],
        }
    }
}

/// One entry of the keymap.
#[derive(Clone, Debug)]
pub struct Binding {
    /// Where it applies.
    pub scope: Scope,
    /// The keys that trigger it (empty: unbound).
    pub keys: Vec<Key>,
    /// What it does.
    pub action: Action,
    /// One line for the help overlay.
    pub desc: String,
    /// Short label for the status bar, when it is worth a hint there.
    pub hint: Option<String>,
}

/// All bindings, in help order.
#[derive(Clone, Debug)]
pub struct Keymap {
    /// The bindings.
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// The built-in keymap ([`DEFAULT_TOML`]).
    fn default() -> Self {
        static BUILT_IN: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        BUILT_IN
            .get_or_init(|| {
                Self::parse(DEFAULT_TOML, "<built-in keymap>")
                    .expect("the built-in keymap parses (tested)")
            })
            .clone()
    }
}

impl Keymap {
    /// A complete keymap from TOML text (every entry with keys and desc); `origin` names
    /// the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self, ConfigError> {
        file::parse(text, origin)
    }

    /// The built-in keymap with a user's file `text` (read from `origin`) merged over it.
    pub fn from_toml(text: &str, origin: &str) -> Result<Self, ConfigError> {
        Self::default().with_overrides(text, origin)
    }

    /// This keymap with a user's file merged over it: an entry with the same scope and
    /// action replaces that binding's keys (and desc/hint when given), `keys = []`
    /// unbinds it, a new scope and action adds a binding. A key bound twice in one
    /// scope afterwards is an error.
    pub fn with_overrides(&self, text: &str, origin: &str) -> Result<Self, ConfigError> {
        file::merge(self, text, origin)
    }

    /// The action for `key`, looking in `scopes` in order (innermost first).
    pub fn resolve(&self, scopes: &[Scope], key: Key) -> Option<Action> {
        // Ctrl-C quits from anywhere, overlays included, whatever the user's keymap says.
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

    /// The label of the first key bound to `action` in the first of `scopes` that binds
    /// it ("?", "Ctrl-l", "Bksp"); `None` when no key does.
    pub fn key_for(&self, scopes: &[Scope], action: &Action) -> Option<String> {
        scopes.iter().find_map(|&s| {
            self.in_scope(s)
                .filter(|b| b.action == *action)
                .find_map(|b| b.keys.first())
                .map(ToString::to_string)
        })
    }

    /// The label of the first key bound, in the first of `scopes` that binds one, to an
    /// action `which` accepts.
    pub fn key_where(&self, scopes: &[Scope], which: impl Fn(&Action) -> bool) -> Option<String> {
        scopes.iter().find_map(|&s| {
            self.in_scope(s)
                .filter(|b| which(&b.action))
                .find_map(|b| b.keys.first())
                .map(ToString::to_string)
        })
    }

    /// The label of the key for `action` when `scope` is the innermost scope (a pane
    /// scope also sees the global keys), or "(unbound)" when no key triggers it there.
    pub fn key_label(&self, scope: Scope, action: &Action) -> String {
        self.key_for(&scope.lookup_chain(), action)
            .unwrap_or_else(|| "(unbound)".to_string())
    }

    /// Status-bar hints for `scopes`: (key, label) pairs. Help and quit come first so
    /// that they survive a narrow terminal, then the innermost scope's keys.
    pub fn hints(&self, scopes: &[Scope]) -> Vec<(String, &str)> {
        self.hints_where(scopes, |_| true)
    }

    /// Status-bar hints for `scopes` of the actions `applies` keeps (keys that do nothing
    /// for this profile are not advertised).
    pub fn hints_where(
        &self,
        scopes: &[Scope],
        applies: impl Fn(&Action) -> bool,
    ) -> Vec<(String, &str)> {
        let mut bindings: Vec<&Binding> = scopes
            .iter()
            .flat_map(|&s| self.in_scope(s))
            .filter(|b| b.hint.is_some() && applies(&b.action))
            .collect();
        bindings
            .sort_by_key(|b| !matches!(b.action, Action::ShowHelp | Action::Quit | Action::Back));
        let mut out: Vec<(String, &str)> = Vec::new();
        for b in bindings {
            let Some(key) = b.keys.first().map(ToString::to_string) else {
                continue;
            };
            if let Some(h) = &b.hint
                && !out.iter().any(|(k, _)| *k == key)
            {
                out.push((key, h));
            }
        }
        out
    }

    /// The key table of the README (markdown), one group of rows per scope.
    pub fn markdown_table(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = String::from("| key | does |\n|---|---|\n");
        for scope in Scope::all() {
            let rows: Vec<&Binding> = self
                .in_scope(scope)
                .filter(|b| !b.keys.is_empty())
                .collect();
            if rows.is_empty() {
                continue;
            }
            out.push_str(&format!("| **{}** | |\n", esc(scope.title())));
            for b in rows {
                let keys: Vec<String> = b
                    .keys
                    .iter()
                    .map(|k| format!("`{}`", esc(&k.to_string())))
                    .collect();
                out.push_str(&format!("| {} | {} |\n", keys.join(" "), esc(&b.desc)));
            }
        }
        out
    }
}

pub mod file;
#[cfg(test)]
mod tests;
