//! Hostile file names never reach an editor as an option or a command: a profile may
//! record any source file name (`+:!touch PWNED.txt`, `-c!sh`, `--eval=…`), and `e` in the
//! source pane opens it in `$VISUAL`/`$EDITOR`. The real binary in tmux with a recording
//! `vim` and with the real vim (when installed), and the command builder run against
//! recording editors of every known kind, with arguments in the variable.

mod common;
#[path = "support/hostile_profile.rs"]
mod hostile_profile;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::tmux::Tmux;
use hostile_profile::Func;

const T: Duration = Duration::from_secs(30);
const EVIL: &str = "+:!touch PWNED.txt";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

/// A directory with a profile whose hot function is recorded in a file named `EVIL` at
/// line 3, and that file.
fn evil_dir(name: &str) -> PathBuf {
    let dir = hostile_profile::fresh_dir(name);
    let prof = hostile_profile::bytes(
        &[Func {
            name: "main.evil",
            file: EVIL,
            line: 3,
            value: 1 << 20,
        }],
        None,
    );
    std::fs::write(dir.join("evil.pb"), prof).expect("profile");
    std::fs::write(
        dir.join(EVIL),
        "package main\n\nfunc evil() { MARKER_LINE_THREE }\n\n",
    )
    .expect("source");
    dir
}

/// An executable shell script at `path` that writes its arguments, one per line, to `log`.
fn recording_editor(path: &Path, log: &Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
    std::fs::write(
        path,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\n",
            log.display()
        ),
    )
    .expect("editor script");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// Runs the editor command, again while exec says "text file busy": another test thread
/// may fork while a freshly written script is still open for writing (its child holds
/// the descriptor until it execs), a race of the test, not of the product.
fn run_editor(cmd: &memprof_tui::editor::EditorCommand) -> std::process::ExitStatus {
    const ETXTBSY: i32 = 26;
    for _ in 0..100 {
        match cmd.to_command().status() {
            Err(e) if e.raw_os_error() == Some(ETXTBSY) => {
                std::thread::sleep(Duration::from_millis(20))
            }
            r => return r.expect("run the editor"),
        }
    }
    panic!("the editor script stayed busy");
}

fn wait_for_file(path: &Path) -> String {
    let start = std::time::Instant::now();
    while !path.exists() && start.elapsed() < T {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Opens the evil profile in tmux from `dir` with `--source-path .`, as the report did,
/// goes to the source and presses `e` with `editor` as $EDITOR.
fn open_source_and_press_e(t: &Tmux, dir: &Path, editor: &str) {
    t.type_line(&format!(
        "cd '{}' && EDITOR='{editor}' {} --source-path . evil.pb; echo EXIT=$?",
        dir.display(),
        bin()
    ));
    t.wait_for("main.evil", T);
    t.settled(T);
    t.keys(&["Enter"]);
    t.wait_for("MARKER_LINE_THREE", T);
    t.keys(&["e"]);
}

#[test]
fn a_source_file_named_like_a_vim_command_is_passed_after_dashes_and_absolute() {
    let Some(t) = Tmux::start_or_skip("editor-args", 120, 30) else {
        return;
    };
    let dir = evil_dir("editor-args");
    let log = dir.join("argv");
    let vim = dir.join("bin/vim");
    recording_editor(&vim, &log);
    open_source_and_press_e(&t, &dir, &vim.display().to_string());
    let argv = wait_for_file(&log);
    let args: Vec<&str> = argv.lines().collect();
    let file = dir.join(EVIL).display().to_string();
    assert_eq!(args, ["+3", "--", file.as_str()], "{argv}");
    t.wait_for("MARKER_LINE_THREE", T);
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
    assert!(!dir.join("PWNED.txt").exists());
}

#[test]
fn the_real_vim_opens_the_file_and_runs_nothing() {
    let vim = ["/usr/bin/vim", "/bin/vim"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(vim) = vim else {
        eprintln!("SKIPPED: vim is not installed");
        return;
    };
    let Some(t) = Tmux::start_or_skip("editor-vim", 120, 30) else {
        return;
    };
    let dir = evil_dir("editor-vim");
    open_source_and_press_e(&t, &dir, &format!("{vim} -u NONE -i NONE -N -n"));
    // vim shows the file (its name on the status line), at line 3.
    t.wait_for("PWNED.txt\"", T);
    // Quit vim (again if the keys came before it read input; no Escape first, which vim
    // may take as the start of an escape sequence); the explorer is back (vim's screen
    // has no function name).
    let start = std::time::Instant::now();
    'quit: while start.elapsed() < T {
        t.keys(&[":qa!", "Enter"]);
        let wait = std::time::Instant::now();
        while wait.elapsed() < Duration::from_secs(5) {
            if t.screen().contains("main.evil") {
                break 'quit;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    t.wait_for("main.evil", T);
    // Should a second ":qa!" have reached the explorer, Esc closes its prompt.
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(200));
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(200));
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
    assert!(
        !dir.join("PWNED.txt").exists(),
        "vim ran the command the file name spelt"
    );
}

/// Hostile names against recording editors of every kind in the table and an unknown
/// one, with arguments in the variable: the file arrives whole, absolute, as one argument
/// after the editor's own and the line, never starting with '-' or '+'.
#[test]
fn every_kind_of_editor_gets_the_file_as_an_absolute_path() {
    let dir = hostile_profile::fresh_dir("editor-kinds");
    let names = [
        EVIL,
        "-c!touch PWNED.txt",
        "--cmd=!touch PWNED.txt",
        "--eval=(shell-command \"touch PWNED.txt\")",
        "-",
        "--",
        "+5",
        "a file with spaces.go",
        "$(touch PWNED.txt).go",
        "`touch PWNED.txt`.go",
        "x;touch PWNED.txt.go",
    ];
    let editors: &[(&str, &str, &[&str])] = &[
        // (program, extra arguments in the variable, arguments expected before the file)
        ("vi", "", &["+4", "--"]),
        ("vim", "-u NONE", &["-u", "NONE", "+4", "--"]),
        ("nvim", "--clean", &["--clean", "+4", "--"]),
        ("emacs", "-nw -Q", &["-nw", "-Q", "+4", "--"]),
        ("nano", "", &["+4", "--"]),
        ("emacsclient", "-t", &["-t", "+4"]),
        ("code", "--wait", &["--wait", "--goto"]),
        ("hx", "", &[]),
        ("some-editor", "--flag value", &["--flag", "value", "+4"]),
    ];
    for name in names {
        let source = dir.join(name);
        std::fs::write(&source, "a\nb\nc\nd\n").expect("source");
        for &(program, extra, before) in editors {
            let log = dir.join(format!("argv-{program}"));
            let _ = std::fs::remove_file(&log);
            let exe = dir.join("bin").join(program);
            recording_editor(&exe, &log);
            let var = format!("{} {extra}", exe.display());
            // The path as the source pane holds it: relative to the working directory.
            let cmd = memprof_tui::editor::command(&var, Path::new(name), 4, &dir);
            let status = run_editor(&cmd);
            assert!(status.success());
            let argv = std::fs::read_to_string(&log).expect("argv");
            let args: Vec<&str> = argv.lines().collect();
            assert_eq!(&args[..before.len()], before, "{program} {name:?}: {argv}");
            let file = args[before.len()..].join("\n");
            let want = source.display().to_string();
            let file_ok = match program {
                "code" | "hx" => file == format!("{want}:4"),
                _ => file == want,
            };
            assert!(file_ok, "{program} {name:?}: {argv}");
            assert!(file.starts_with('/'), "{program} {name:?}: {argv}");
        }
    }
    assert!(!dir.join("PWNED.txt").exists());
}
