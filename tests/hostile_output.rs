//! Text reports never carry a profile's escape sequences to a terminal, a pipe or a log
//! unless `--raw` asks for pprof's exact bytes; source files under /proc, /sys and /dev
//! are never read (from `--list` or the source pane), even through a symlink.

mod common;
#[path = "support/hostile_profile.rs"]
mod hostile_profile;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::tmux::Tmux;
use hostile_profile::Func;
use memprof_tui::sanitize::is_unsafe;

/// OSC 52 (set the clipboard), OSC 0 (set the title), CSI 2J as a C1 character, DEL, NEL,
/// a bidi override and a line break: each in a function name, a file name and a source line.
const CLIPBOARD: &str = "\x1b]52;c;cHduZWQ=\x07";
const TITLE: &str = "\x1b]0;PWNED-TITLE\x07";

fn names() -> Vec<(String, String)> {
    vec![
        (
            format!("main.clip{CLIPBOARD}"),
            format!("clip{CLIPBOARD}.go"),
        ),
        (format!("main.title{TITLE}"), format!("title{TITLE}.go")),
        ("main.c1\u{9b}2J\u{7f}\u{85}".into(), "c1\u{9b}2J.go".into()),
        ("main.bidi\u{202e}gnp.exe".into(), "bidi\u{2066}.go".into()),
        ("main.fake\nFAKE LINE".into(), "nl\n.go".into()),
    ]
}

/// A directory with the hostile profile, and a source file for every function, each
/// line holding escape sequences too.
fn hostile_dir(name: &str) -> PathBuf {
    let dir = hostile_profile::fresh_dir(name);
    let names = names();
    let funcs: Vec<Func> = names
        .iter()
        .map(|(n, f)| Func {
            name: n,
            file: f,
            line: 2,
            value: 4096,
        })
        .collect();
    std::fs::write(
        dir.join("evil.pb"),
        hostile_profile::bytes(&funcs, Some(TITLE)),
    )
    .expect("profile");
    for (_, f) in &names {
        std::fs::write(
            dir.join(f),
            format!("package main\n\tx := \"{CLIPBOARD}{TITLE}\u{9b}31m\u{202e}\"\n"),
        )
        .expect("source");
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(args)
        .current_dir(dir)
        .env("TZ", "UTC")
        .env("HIDDEN_TOKEN", "hunter2-secret-value")
        .output()
        .expect("run memprof-tui")
}

/// The unsafe characters of `bytes` (which must be UTF-8), tab and newline allowed.
fn leaks(bytes: &[u8]) -> Vec<char> {
    let text = std::str::from_utf8(bytes).expect("safe output is UTF-8");
    text.chars()
        .filter(|&c| c != '\t' && c != '\n' && is_unsafe(c))
        .collect()
}

const REPORTS: &[&[&str]] = &[
    &["--top"],
    &["--top", "-g", "files"],
    &["--top", "-g", "lines"],
    &["--top", "--format", "tsv"],
    &["--top", "--format", "json"],
    &["--peek", "."],
    &["--peek", ".", "--format", "tsv"],
    &["--list", ".", "--source-path", "."],
    &["--list", ".", "--source-path", ".", "--format", "tsv"],
];

#[test]
fn every_text_report_escapes_hostile_names_and_source_lines_in_a_pipe() {
    let dir = hostile_dir("pipe");
    for flags in REPORTS {
        let mut args = flags.to_vec();
        args.push("evil.pb");
        let out = run(&dir, &args);
        assert!(
            out.status.success(),
            "{flags:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let l = leaks(&out.stdout);
        assert!(
            l.is_empty(),
            "{flags:?} leaks {l:?}:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        // The escapes are visible (tabs and line breaks stay, as in pprof's text).
        if !flags.contains(&"json") {
            assert!(text.contains("\\x1b]52;c;"), "{flags:?}: {text}");
        }
    }
}

#[test]
fn raw_writes_the_profiles_exact_bytes() {
    let dir = hostile_dir("raw");
    let out = run(&dir, &["--top", "--raw", "evil.pb"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("main.clip{CLIPBOARD}")), "{text}");
    assert!(text.contains("main.fake\nFAKE LINE"), "{text}");
    let out = run(
        &dir,
        &["--list", "title", "--source-path", ".", "--raw", "evil.pb"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("{CLIPBOARD}{TITLE}")), "{text}");
    // JSON escapes by its own rules, with or without --raw.
    let out = run(&dir, &["--top", "--raw", "--format", "json", "evil.pb"]);
    assert!(leaks(&out.stdout).is_empty());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\\u001b]52;c;"));
}

/// In tmux, with the clipboard open to applications: `--top evil.pb | cat` and `--list
/// . | cat` set neither the clipboard nor the window title.
#[test]
fn a_piped_report_in_tmux_sets_neither_the_clipboard_nor_the_title() {
    let Some(t) = Tmux::start_or_skip("pipe-osc", 120, 40) else {
        return;
    };
    t.run(&["set", "-g", "set-clipboard", "on"]);
    t.run(&["set", "-g", "allow-rename", "on"]);
    let dir = hostile_dir("pipe-osc");
    let title = || t.run(&["display", "-p", "-t", "0", "#{pane_title}"]);
    let before = title();
    t.type_line(&format!(
        "cd '{}' && {} --top evil.pb | cat && {} --list . --source-path . evil.pb | head -100; echo DONE",
        dir.display(),
        env!("CARGO_BIN_EXE_memprof-tui"),
        env!("CARGO_BIN_EXE_memprof-tui"),
    ));
    t.wait_for("DONE", Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(300));
    let buffers = t.run(&["list-buffers"]);
    assert_eq!(buffers.trim(), "", "the clipboard was set");
    let after = title();
    assert_eq!(after, before, "the title changed");
    assert!(!after.contains("PWNED"), "{after}");
}

/// A profile naming /proc/self/environ (and friends) as sources, directly, relative to a
/// --source-path of /proc/self, and through a symlink: `--list` reads none of them.
#[test]
fn list_never_reads_proc_sys_or_dev() {
    let dir = hostile_profile::fresh_dir("proc");
    std::os::unix::fs::symlink("/proc/self/environ", dir.join("environ.go")).expect("symlink");
    let files = [
        "/proc/self/environ",
        "/proc/self/status",
        "environ",
        "environ.go",
        "/sys/kernel/mm/transparent_hugepage/enabled",
        "/dev/zero",
    ];
    let funcs: Vec<Func> = files
        .iter()
        .enumerate()
        .map(|(i, f)| Func {
            name: ["main.a", "main.b", "main.c", "main.d", "main.e", "main.f"][i],
            file: f,
            line: 1,
            value: 100,
        })
        .collect();
    std::fs::write(dir.join("p.pb"), hostile_profile::bytes(&funcs, None)).expect("profile");
    for extra in [
        &[][..],
        &["--source-path", "/proc/self:."],
        &["--format", "tsv"],
    ] {
        let mut args = vec!["--list", "main\\."];
        args.extend_from_slice(extra);
        args.push("p.pb");
        let out = run(&dir, &args);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !all.contains("hunter2"),
            "{extra:?}: the environment leaked:\n{all}"
        );
        assert!(
            !all.contains("VmRSS"),
            "{extra:?}: /proc/self/status leaked:\n{all}"
        );
        assert!(all.contains("system file"), "{extra:?}: says why:\n{all}");
    }
}

/// The source pane refuses the same files.
#[test]
fn the_source_pane_never_reads_proc() {
    use memprof_tui::app::input::Key;
    let dir = hostile_profile::fresh_dir("proc-pane");
    let prof = hostile_profile::bytes(
        &[Func {
            name: "main.status",
            file: "/proc/self/status",
            line: 1,
            value: 100,
        }],
        None,
    );
    let path = dir.join("p.pb");
    std::fs::write(&path, prof).expect("profile");
    let mut h = common::Harness::open(&path, 120, 40);
    h.select_row("main.status");
    h.press(&[Key::ch('s')]);
    let screen = h.screen();
    assert!(!screen.contains("VmRSS"), "{screen}");
    assert!(screen.contains("system file"), "{screen}");
}

/// `--raw` is documented in `--help` and the manual page (both generated from clap).
#[test]
fn raw_is_documented_in_help_and_the_manual() {
    let dir = hostile_profile::fresh_dir("help");
    for flag in ["--help", "--man"] {
        let out = run(&dir, &[flag]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("raw"), "{flag}");
        assert!(text.contains("exact bytes"), "{flag}: {text}");
    }
}
