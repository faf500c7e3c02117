//! The progress line of text reports: a run whose stderr is a pipe prints only the report
//! (stderr stays empty), and a run whose stderr is a terminal (a pty from `script`) shows
//! the line there while loading a large profile, erases it, and its stdout is byte for
//! byte the piped run's. The terminal run sets the line's quiet period to 0
//! (`MEMPROF_TUI_PROGRESS_DELAY_MS`), so it does not depend on the machine's speed.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use memprof_tui::profile::wire;
use prost::Message;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

/// Erases the terminal line (what the progress line writes before each update and last).
const ERASE: &str = "\r\x1b[2K";

/// A heap-like profile large enough that loading it takes well over the line's quiet
/// period in a test build: 150,000 samples of 24 frames over 2,000 functions.
fn large_profile() -> PathBuf {
    let path = std::env::temp_dir().join(format!("memprof-progress-{}.pb", std::process::id()));
    let mut strings = vec![String::new(), "alloc_space".into(), "bytes".into()];
    let functions = 2000u64;
    let mut function = Vec::new();
    let mut location = Vec::new();
    for i in 1..=functions {
        strings.push(format!("pkg.fn{i}"));
        function.push(wire::Function {
            id: i,
            name: strings.len() as i64 - 1,
            ..Default::default()
        });
        location.push(wire::Location {
            id: i,
            line: vec![wire::Line {
                function_id: i,
                line: 1,
                ..Default::default()
            }],
            ..Default::default()
        });
    }
    let mut state = 7u64;
    let sample = (0..150_000)
        .map(|_| {
            let location_id = (0..24)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (state >> 33) % functions + 1
                })
                .collect();
            wire::Sample {
                location_id,
                value: vec![(state >> 40) as i64 % 4096 + 1],
                label: vec![],
            }
        })
        .collect();
    let p = wire::Profile {
        sample_type: vec![wire::ValueType { r#type: 1, unit: 2 }],
        sample,
        location,
        function,
        string_table: strings.into_iter().map(String::into_bytes).collect(),
        ..Default::default()
    };
    std::fs::write(&path, p.encode_to_vec()).expect("write profile");
    path
}

#[test]
fn progress_goes_to_a_terminal_only_and_is_erased() {
    let profile = large_profile();
    let piped = Command::new(bin())
        .env("MEMPROF_TUI_PROGRESS_DELAY_MS", "0")
        .args(["--top"])
        .arg(&profile)
        .output()
        .expect("run");
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&piped.stderr),
        "",
        "nothing on a piped stderr"
    );
    let report = String::from_utf8(piped.stdout).expect("utf-8 report");
    assert!(report.contains("pkg.fn"), "{report}");
    assert!(
        !report.contains('\x1b') && !report.contains("loading"),
        "{report}"
    );

    let script_works = Command::new("script")
        .args(["-qec", "true", "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    if !script_works {
        eprintln!(
            "SKIPPED: `script` cannot run a command on a pty; the terminal line was not checked"
        );
        let _ = std::fs::remove_file(&profile);
        return;
    }
    let out = profile.with_extension("txt");
    let cmd = format!("{} --top {} > {}", bin(), profile.display(), out.display());
    let tty = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(Stdio::null())
        .env("TERM", "xterm-256color")
        .env("MEMPROF_TUI_PROGRESS_DELAY_MS", "0")
        .output()
        .expect("script");
    let terminal = String::from_utf8_lossy(&tty.stdout).into_owned();
    let stdout = std::fs::read_to_string(&out).expect("report file");
    let _ = std::fs::remove_file(&out);
    let _ = std::fs::remove_file(&profile);
    assert_eq!(
        stdout, report,
        "the report is the same with a terminal on stderr"
    );
    assert!(
        terminal.contains("memprof-tui: loading "),
        "no progress line: {terminal:?}"
    );
    assert!(
        terminal.ends_with(ERASE),
        "the line is erased at the end: {terminal:?}"
    );
    // Only progress lines, each drawn over the last: no newline, no other output.
    assert!(!terminal.contains('\n'), "{terminal:?}");
    for update in terminal.split(ERASE).filter(|u| !u.is_empty()) {
        assert!(update.starts_with("memprof-tui: "), "{update:?}");
    }
}
