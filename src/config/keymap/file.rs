//! The keymap's TOML form: key syntax, `[[binding]]` entries, and merging a user's file
//! over the defaults, with every error pointing at its file and line.

use serde::Deserialize;
use toml::Spanned;

use super::{Binding, Keymap, Scope};
use crate::config::action::Action;
use crate::config::error::ConfigError;
use crate::config::input::{Key, KeyCode};

/// Named keys as written in the file (matched without regard to case).
const NAMED: [(&str, KeyCode); 14] = [
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Space", KeyCode::Char(' ')),
];

/// Parses a key: "a", "?", "Enter", "PageDown", "Space", "Ctrl-c", "Alt-x", "Ctrl-Alt-x".
/// Ctrl with a letter is case-insensitive (terminals send the same for both).
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut rest = text;
    let (mut ctrl, mut alt) = (false, false);
    loop {
        let lower = rest.get(..5).map(str::to_ascii_lowercase);
        if rest.len() > 5 && lower.as_deref() == Some("ctrl-") {
            (ctrl, rest) = (true, &rest[5..]);
        } else if rest.len() > 4 && lower.as_deref().is_some_and(|l| l.starts_with("alt-")) {
            (alt, rest) = (true, &rest[4..]);
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err("empty key".into()),
        (Some(c), None) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        (Some(c), None) => KeyCode::Char(c),
        _ => NAMED
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(rest))
            .map(|&(_, c)| c)
            .ok_or_else(|| format!("unknown key {text:?}"))?,
    };
    Ok(Key { code, ctrl, alt })
}

/// A key in the file's syntax (the inverse of [`parse_key`]).
pub fn key_name(key: Key) -> String {
    let mut s = String::new();
    if key.ctrl {
        s.push_str("Ctrl-");
    }
    if key.alt {
        s.push_str("Alt-");
    }
    match NAMED.iter().find(|(_, c)| *c == key.code) {
        Some((n, _)) => s.push_str(n),
        None => {
            if let KeyCode::Char(c) = key.code {
                s.push(c);
            }
        }
    }
    s
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    binding: Vec<EntrySpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntrySpec {
    scope: Spanned<String>,
    action: Spanned<String>,
    keys: Option<Vec<Spanned<String>>>,
    desc: Option<String>,
    hint: Option<String>,
}

/// One checked `[[binding]]` entry; `None` fields were not given.
struct Entry {
    scope: Scope,
    action: Action,
    keys: Option<Vec<Key>>,
    desc: Option<String>,
    hint: Option<String>,
    line: usize,
}

fn entries(text: &str, origin: &str) -> Result<Vec<Entry>, ConfigError> {
    let file: FileSpec = toml::from_str(text).map_err(|e| ConfigError::toml(origin, text, &e))?;
    let mut out: Vec<Entry> = Vec::new();
    for e in file.binding {
        let at =
            |span: std::ops::Range<usize>, msg: String| ConfigError::at(origin, text, span, msg);
        let scope = Scope::from_name(e.scope.get_ref()).ok_or_else(|| {
            at(
                e.scope.span(),
                format!("unknown scope {:?}", e.scope.get_ref()),
            )
        })?;
        let action = Action::from_name(e.action.get_ref()).ok_or_else(|| {
            at(
                e.action.span(),
                format!("unknown action {:?}", e.action.get_ref()),
            )
        })?;
        let keys = match e.keys {
            Some(ks) => Some(
                ks.iter()
                    .map(|k| parse_key(k.get_ref()).map_err(|m| at(k.span(), m)))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => None,
        };
        let line = crate::config::error::line_of(text, e.action.span().start);
        if out
            .iter()
            .any(|o| o.scope == scope && same(&o.action, &action))
        {
            return Err(at(
                e.action.span(),
                format!(
                    "action {:?} given twice in scope {:?}",
                    e.action.get_ref(),
                    scope.name()
                ),
            ));
        }
        out.push(Entry {
            scope,
            action,
            keys,
            desc: e.desc,
            hint: e.hint,
            line,
        });
    }
    Ok(out)
}

fn same(a: &Action, b: &Action) -> bool {
    a == b
}

/// A whole keymap (the built-in one): every entry needs keys and a description.
pub(super) fn parse(text: &str, origin: &str) -> Result<Keymap, ConfigError> {
    let mut lines = Vec::new();
    let mut bindings = Vec::new();
    for e in entries(text, origin)? {
        let missing = |what: &str| ConfigError {
            origin: origin.to_string(),
            line: Some(e.line),
            message: format!("{what} missing for action {:?}", e.action.name()),
        };
        let keys = e.keys.clone().ok_or_else(|| missing("keys"))?;
        let desc = e.desc.clone().ok_or_else(|| missing("desc"))?;
        bindings.push(Binding {
            scope: e.scope,
            keys,
            action: e.action,
            desc,
            hint: e.hint,
        });
        lines.push(Some(e.line));
    }
    let km = Keymap { bindings };
    check_duplicates(&km, &lines, origin)?;
    Ok(km)
}

/// `base` with a user's file merged over it: same scope and action replaces the keys
/// (and desc/hint when given), `keys = []` unbinds, a new pair adds a binding.
pub(super) fn merge(base: &Keymap, text: &str, origin: &str) -> Result<Keymap, ConfigError> {
    let mut km = base.clone();
    let mut lines: Vec<Option<usize>> = vec![None; km.bindings.len()];
    for e in entries(text, origin)? {
        let i = match km
            .bindings
            .iter()
            .position(|b| b.scope == e.scope && same(&b.action, &e.action))
        {
            Some(i) => i,
            None => {
                let name = e.action.name();
                if e.keys.is_none() {
                    return Err(ConfigError {
                        origin: origin.to_string(),
                        line: Some(e.line),
                        message: format!(
                            "keys missing for action {name:?}, which has no binding in scope {:?} to change",
                            e.scope.name()
                        ),
                    });
                }
                km.bindings.push(Binding {
                    scope: e.scope,
                    keys: Vec::new(),
                    action: e.action,
                    desc: name.replace('_', " "),
                    hint: None,
                });
                lines.push(None);
                km.bindings.len() - 1
            }
        };
        let b = &mut km.bindings[i];
        if let Some(keys) = e.keys {
            b.keys = keys;
        }
        if let Some(d) = e.desc {
            b.desc = d;
        }
        if e.hint.is_some() {
            b.hint = e.hint;
        }
        lines[i] = Some(e.line);
    }
    check_duplicates(&km, &lines, origin)?;
    Ok(km)
}

/// A key bound twice in one scope is an error, reported at the file's binding.
fn check_duplicates(km: &Keymap, lines: &[Option<usize>], origin: &str) -> Result<(), ConfigError> {
    for (i, b) in km.bindings.iter().enumerate() {
        for (j, other) in km.bindings.iter().enumerate().take(i + 1) {
            if other.scope != b.scope {
                continue;
            }
            let earlier = if i == j {
                &b.keys[..0]
            } else {
                &other.keys[..]
            };
            let dup = b
                .keys
                .iter()
                .enumerate()
                .find(|&(n, k)| earlier.contains(k) || (i == j && b.keys[..n].contains(k)));
            if let Some((_, &k)) = dup {
                let line = lines[i].or(lines[j]);
                return Err(ConfigError {
                    origin: origin.to_string(),
                    line,
                    message: format!(
                        "key {:?} bound twice in scope {:?} ({} and {})",
                        key_name(k),
                        b.scope.name(),
                        other.action.name(),
                        b.action.name()
                    ),
                });
            }
        }
    }
    Ok(())
}
