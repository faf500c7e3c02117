//! Tests of the keymap: the built-in file, key syntax, bad files, user overrides.

use super::*;
use crate::config::action::PaneId;
use crate::config::input::KeyCode;
use crate::config::keymap::file::{key_name, parse_key};

const ORIGIN: &str = "/home/u/.config/memprof-tui/keymap.toml";

fn user(text: &str) -> Result<Keymap, String> {
    Keymap::from_toml(text, ORIGIN).map_err(|e| e.to_string())
}

#[test]
fn the_built_in_keymap_parses_and_names_only_known_actions() {
    let km = Keymap::parse(DEFAULT_TOML, "keymap.toml").expect("built-in keymap");
    assert!(km.bindings.len() > 80);
    for b in &km.bindings {
        assert_ne!(b.action.name(), "unbindable", "{b:?}");
        assert!(!b.keys.is_empty(), "{b:?}");
    }
}

#[test]
fn no_key_is_bound_twice_in_one_scope() {
    let km = Keymap::default();
    for s in Scope::all() {
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
    let a = km.resolve(&[Scope::Overlay], Key::ch('q'));
    assert!(matches!(a, Some(Action::Back)));
    let a = km.resolve(&[Scope::Overlay], Key::ch('j'));
    assert!(matches!(a, Some(Action::Down)));
    let a = km.resolve(&[Scope::Pane(PaneId::Top), Scope::Global], Key::ch('i'));
    assert!(matches!(a, Some(Action::ShowDetails)));
    assert!(matches!(
        km.resolve(&[Scope::Overlay], Key::ctrl('c')),
        Some(Action::Quit)
    ));
}

#[test]
fn product_decisions_hold() {
    let km = Keymap::default();
    let g = |scopes: &[Scope], k: Key| km.resolve(scopes, k).map(|a| a.name());
    let top = [Scope::Pane(PaneId::Top), Scope::Global];
    let flame = [Scope::Pane(PaneId::Flame), Scope::Global];
    let source = [Scope::Pane(PaneId::Source), Scope::Global];
    assert_eq!(g(&top, Key::ch('q')), Some("quit"));
    assert_eq!(g(&top, Key::plain(KeyCode::Esc)), Some("back"));
    assert_eq!(g(&flame, Key::plain(KeyCode::Esc)), Some("back"));
    assert_eq!(g(&top, Key::plain(KeyCode::Backspace)), Some("undo_refine"));
    assert_eq!(g(&flame, Key::plain(KeyCode::Backspace)), Some("zoom_out"));
    assert_eq!(g(&top, Key::ctrl('z')), Some("suspend"));
    assert_eq!(g(&top, Key::ctrl('l')), Some("redraw"));
    assert_eq!(g(&source, Key::plain(KeyCode::Tab)), Some("next_pane"));
    assert_eq!(g(&source, Key::plain(KeyCode::BackTab)), Some("prev_pane"));
    assert_eq!(g(&source, Key::ch(']')), Some("next_costly"));
    assert_eq!(g(&source, Key::ch('[')), Some("prev_costly"));
    assert_eq!(g(&source, Key::ch('n')), Some("search_next"));
    let prompt = [Scope::Prompt];
    assert_eq!(g(&prompt, Key::plain(KeyCode::Esc)), Some("prompt_cancel"));
    assert_eq!(
        g(&prompt, Key::plain(KeyCode::Up)),
        Some("prompt_history_prev")
    );
    assert_eq!(
        g(&prompt, Key::plain(KeyCode::Down)),
        Some("prompt_history_next")
    );
    assert_eq!(g(&prompt, Key::ch('q')), None, "q types into the prompt");
}

#[test]
fn every_key_syntax_parses() {
    let plain = |c| Key::plain(c);
    let cases = [
        ("a", Key::ch('a')),
        ("A", Key::ch('A')),
        ("?", Key::ch('?')),
        ("/", Key::ch('/')),
        ("#", Key::ch('#')),
        ("-", Key::ch('-')),
        ("↑", Key::ch('↑')),
        ("Enter", plain(KeyCode::Enter)),
        ("Esc", plain(KeyCode::Esc)),
        ("Backspace", plain(KeyCode::Backspace)),
        ("Tab", plain(KeyCode::Tab)),
        ("BackTab", plain(KeyCode::BackTab)),
        ("Up", plain(KeyCode::Up)),
        ("Down", plain(KeyCode::Down)),
        ("Left", plain(KeyCode::Left)),
        ("Right", plain(KeyCode::Right)),
        ("PageUp", plain(KeyCode::PageUp)),
        ("PageDown", plain(KeyCode::PageDown)),
        ("Home", plain(KeyCode::Home)),
        ("End", plain(KeyCode::End)),
        ("Space", Key::ch(' ')),
        ("pagedown", plain(KeyCode::PageDown)),
        ("Ctrl-c", Key::ctrl('c')),
        ("Ctrl-C", Key::ctrl('c')),
        ("Ctrl--", Key::ctrl('-')),
        (
            "Alt-x",
            Key {
                code: KeyCode::Char('x'),
                ctrl: false,
                alt: true,
            },
        ),
        (
            "Ctrl-Alt-Up",
            Key {
                code: KeyCode::Up,
                ctrl: true,
                alt: true,
            },
        ),
    ];
    for (text, want) in cases {
        assert_eq!(parse_key(text), Ok(want), "{text}");
        assert_eq!(parse_key(&key_name(want)), Ok(want), "{text} round trip");
    }
    for bad in ["", "F13", "Ctrl-", "Alt-", "ab", "Shift-a"] {
        assert!(parse_key(bad).is_err(), "{bad:?} parsed");
    }
}

#[test]
fn bad_files_give_one_line_with_file_and_line() {
    let cases = [
        (
            "[[binding]]\nscope = \"global\"\naction = \"toggle_inuse\"\nkeys = [\"a\"]\n",
            "/home/u/.config/memprof-tui/keymap.toml:3: unknown action \"toggle_inuse\"",
        ),
        (
            "\n[[binding]]\nscope = \"tops\"\naction = \"quit\"\nkeys = [\"a\"]\n",
            "/home/u/.config/memprof-tui/keymap.toml:3: unknown scope \"tops\"",
        ),
        (
            "[[binding]]\nscope = \"top\"\naction = \"quit\"\nkeys = [\n  \"Q\",\n  \"F13\",\n]\n",
            "/home/u/.config/memprof-tui/keymap.toml:6: unknown key \"F13\"",
        ),
        (
            "# mine\n[[binding]]\nscope = \"global\"\naction = \"quit\"\nkeys = [\"a\"]\n",
            "/home/u/.config/memprof-tui/keymap.toml:4: key \"a\" bound twice in scope \"global\" (toggle_inuse_alloc and quit)",
        ),
        (
            "[[binding]]\nscope = \"global\"\naction = \"quit\"\nkeys = [\"a\"\n",
            "/home/u/.config/memprof-tui/keymap.toml:4: unclosed array, expected `]`",
        ),
        (
            "[[binding]]\nscope = \"global\"\naction = \"quit\"\nkey = [\"Q\"]\n",
            "/home/u/.config/memprof-tui/keymap.toml:4: unknown field `key`, expected one of `scope`, `action`, `keys`, `desc`, `hint`",
        ),
    ];
    for (text, want) in cases {
        let got = user(text).expect_err(text);
        assert!(!got.contains('\n'), "{got}");
        assert_eq!(got, want, "for\n{text}");
    }
}

#[test]
fn overrides_replace_unbind_and_add() {
    let km = user(
        "[[binding]]\nscope = \"global\"\naction = \"toggle_inuse_alloc\"\nkeys = [\"A\", \"Ctrl-a\"]\nhint = \"in/al\"\n\
         [[binding]]\nscope = \"global\"\naction = \"toggle_notice\"\nkeys = []\n\
         [[binding]]\nscope = \"tree\"\naction = \"pane_source\"\nkeys = [\"x\"]\n",
    )
    .expect("valid overrides");
    let top = [Scope::Pane(PaneId::Top), Scope::Global];
    let tree = [Scope::Pane(PaneId::Tree), Scope::Global];
    assert!(km.resolve(&top, Key::ch('a')).is_none());
    assert!(matches!(
        km.resolve(&top, Key::ch('A')),
        Some(Action::ToggleInuseAlloc)
    ));
    assert!(matches!(
        km.resolve(&top, Key::ctrl('a')),
        Some(Action::ToggleInuseAlloc)
    ));
    let b = km
        .in_scope(Scope::Global)
        .find(|b| matches!(b.action, Action::ToggleInuseAlloc));
    let b = b.expect("binding kept");
    assert_eq!(b.desc, "switch in-use ↔ alloc (inuse_space ↔ alloc_space)");
    assert_eq!(b.hint.as_deref(), Some("in/al"));
    assert!(km.resolve(&top, Key::ch('x')).is_none(), "unbound");
    assert!(matches!(
        km.resolve(&tree, Key::ch('x')),
        Some(Action::FocusPane(PaneId::Source))
    ));
    assert_eq!(
        km.key_label(Scope::Pane(PaneId::Top), &Action::ToggleNotice),
        "(unbound)"
    );
    // Moving a key to another action is fine once its old binding lets go of it.
    let km = user(
        "[[binding]]\nscope = \"global\"\naction = \"toggle_inuse_alloc\"\nkeys = [\"A\"]\n\
         [[binding]]\nscope = \"global\"\naction = \"quit\"\nkeys = [\"a\"]\n",
    )
    .expect("moved key");
    assert!(matches!(km.resolve(&top, Key::ch('a')), Some(Action::Quit)));
    assert!(user("").is_ok(), "an empty file changes nothing");
}

#[test]
fn reverse_lookup_finds_the_first_key() {
    let km = Keymap::default();
    let src = [Scope::Pane(PaneId::Source), Scope::Global];
    assert_eq!(km.key_for(&src, &Action::ShowHelp).as_deref(), Some("?"));
    assert_eq!(
        km.key_for(&src, &Action::Activate).as_deref(),
        Some("Enter")
    );
    assert_eq!(km.key_for(&src, &Action::NextCostly).as_deref(), Some("]"));
    assert_eq!(km.key_for(&[Scope::Global], &Action::NextCostly), None);
    assert_eq!(
        km.key_label(Scope::Pane(PaneId::Flame), &Action::ZoomOut),
        "Bksp"
    );
    assert_eq!(
        km.key_label(Scope::Pane(PaneId::Flame), &Action::Redraw),
        "Ctrl-l"
    );
    assert_eq!(km.key_label(Scope::Overlay, &Action::ShowHelp), "(unbound)");
}

#[test]
fn hints_put_help_and_quit_first() {
    let km = Keymap::default();
    let h = km.hints(&[Scope::Pane(PaneId::Top), Scope::Global]);
    assert_eq!(h[0], ("?".to_string(), "help"));
    assert_eq!(h[1], ("q".to_string(), "quit"));
    assert_eq!(km.hints(&[Scope::Overlay])[0], ("q".to_string(), "close"));
}
