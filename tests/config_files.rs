//! The keymap and theme files from outside: the README's key table is the keymap's,
//! `--print-config` prints the built-in files, and a broken user file stops the explorer
//! with one line (exit 2) unless `--no-config`, while text reports never read it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use memprof_tui::app::Keymap;
use memprof_tui::config;

const START: &str = "<!-- keymap:start -->\n";
const END: &str = "<!-- keymap:end -->";

#[test]
fn readme_key_table_is_generated_from_the_keymap() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let a = readme
        .find(START)
        .expect("README lacks <!-- keymap:start -->")
        + START.len();
    let b = a + readme[a..]
        .find(END)
        .expect("README lacks <!-- keymap:end -->");
    let want = Keymap::default().markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{want}{}", &readme[..a], &readme[b..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert!(
        readme[a..b] == want,
        "README.md's key table differs from assets/keymap.toml; regenerate it with\n  \
         UPDATE_README=1 cargo test --test config_files readme\n\
         --- README ---\n{}--- keymap ---\n{want}",
        &readme[a..b]
    );
}

/// Sentences outside the table that name a key say the key the keymap binds.
#[test]
fn readme_prose_names_the_bound_keys() {
    use memprof_tui::app::{Action, Scope};
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let km = Keymap::default();
    for (phrase, action) in [
        (
            "switches in-use ↔ alloc with one key (`",
            Action::ToggleInuseAlloc,
        ),
        ("shows both side by side (`", Action::ToggleSideBySide),
    ] {
        let at = readme
            .find(phrase)
            .unwrap_or_else(|| panic!("README lacks {phrase:?}"))
            + phrase.len();
        let named = &readme[at..at + readme[at..].find('`').expect("closing backtick")];
        let bound = km.key_for(&[Scope::Global], &action).expect("bound");
        assert_eq!(named, bound, "README names {named} for {action:?}");
    }
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_memprof-tui"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn print_config_prints_the_built_in_files() {
    for (name, want) in [
        ("keymap", include_str!("../assets/keymap.toml")),
        ("theme", include_str!("../assets/theme.toml")),
    ] {
        let out = bin().args(["--print-config", name]).output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{name}");
    }
    let out = bin()
        .args(["--print-config", "colours"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

/// A config home under the temp dir holding a keymap.toml with an unknown action.
fn broken_config(name: &str) -> (PathBuf, String) {
    let home = std::env::temp_dir().join(format!("memprof-tui-{name}-{}", std::process::id()));
    let dir = home.join("memprof-tui");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let text =
        "# mine\n[[binding]]\nscope = \"global\"\naction = \"toggle_inuse\"\nkeys = [\"a\"]\n";
    std::fs::write(dir.join("keymap.toml"), text).expect("write");
    let want = format!(
        "{}:4: unknown action \"toggle_inuse\"",
        dir.join("keymap.toml").display()
    );
    (home, want)
}

#[test]
fn the_loader_reports_a_broken_file_and_reads_the_theme() {
    let (home, want) = broken_config("loader");
    let dir = home.join("memprof-tui");
    let err = config::load_from(Some(&dir)).expect_err("broken keymap");
    assert_eq!(err.to_string(), want);
    std::fs::write(dir.join("keymap.toml"), "").expect("write");
    std::fs::write(dir.join("theme.toml"), "[style.hot]\nfg = \"blue\"\n").expect("write");
    let (_, theme) = config::load_from(Some(&dir)).expect("valid files");
    assert_eq!(theme.style.hot.fg, Some(4));
    std::fs::write(dir.join("theme.toml"), "[style.hot]\nfg = \"blu\"\n").expect("write");
    let err = config::load_from(Some(&dir)).expect_err("broken theme");
    let want = format!(
        "{}:2: unknown colour \"blu\"",
        dir.join("theme.toml").display()
    );
    assert_eq!(err.to_string(), want);
    assert!(config::load_from(Some(&home.join("missing"))).is_ok());
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn text_reports_ignore_the_config() {
    let (home, _) = broken_config("top");
    let out = bin()
        .env("XDG_CONFIG_HOME", &home)
        .args(["--top", "testdata/profiles/seed-default.prof"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("main.main"));
    let _ = std::fs::remove_dir_all(&home);
}

/// Runs the explorer on a pty (`script`), typing `q` now and then; (exit code, output).
fn explorer(home: &Path, extra: &str) -> Option<(Option<i32>, String)> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to give the explorer a terminal");
        return None;
    }
    let cmd = format!(
        "{} {extra} testdata/profiles/seed-default.prof",
        env!("CARGO_BIN_EXE_memprof-tui")
    );
    let mut child = Command::new("timeout")
        .args(["30", "script", "-qec", &cmd, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script");
    let mut stdin = child.stdin.take().expect("stdin");
    let typist = std::thread::spawn(move || {
        use std::io::Write;
        for _ in 0..10 {
            std::thread::sleep(Duration::from_millis(500));
            if stdin.write_all(b"q").and_then(|()| stdin.flush()).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().expect("wait");
    let _ = typist.join();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    Some((out.status.code(), text))
}

#[test]
fn the_explorer_stops_on_a_broken_file_unless_no_config() {
    let (home, want) = broken_config("explorer");
    let Some((code, text)) = explorer(&home, "") else {
        return;
    };
    assert_eq!(code, Some(2), "{text}");
    assert_eq!(text.trim(), format!("memprof-tui: {want}"));
    let (code, text) = explorer(&home, "--no-config").expect("script");
    assert_eq!(code, Some(0), "{text}");
    let _ = std::fs::remove_dir_all(&home);
}

/// Every key the screen names comes from the keymap: a rebinding shows in the pane tabs,
/// the overlay's title and the help.
#[test]
fn keys_on_screen_follow_the_keymap() {
    let text = "[[binding]]\nscope = \"global\"\naction = \"pane_tree\"\nkeys = [\"@\"]\n\n\
                [[binding]]\nscope = \"overlay\"\naction = \"back\"\nkeys = [\"Q\"]\n\n\
                [[binding]]\nscope = \"overlay\"\naction = \"down\"\nkeys = [\"J\"]\n";
    let km = Keymap::from_toml(text, "keymap.toml").expect("valid");
    let mut h = memprof_tui_testkit::harness::Harness::new("retain-mid.prof", 120, 30);
    h.app.set_keymap(km);
    h.draw();
    let screen = h.screen();
    assert!(
        screen.contains("@ Tree") && !screen.contains("2 Tree"),
        "{screen}"
    );
    h.act(memprof_tui::app::Action::ShowHelp);
    let screen = h.screen();
    assert!(
        screen.contains("Keys (Q closes; ↑J PgUp PgDn scroll)"),
        "{screen}"
    );
}
