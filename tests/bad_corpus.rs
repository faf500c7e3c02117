//! The committed bad-input corpus (testdata/bad/, listed in EXPECT.tsv): each file is run
//! through the binary with `--top`, which must exit with the listed code and one stderr
//! line naming the file and the cause, never panic, finish within 2 s and stay under a
//! memory bound. The hostile-string profiles among them are valid; on a terminal (a pty
//! from `script`) their output (top, peek, traces) must carry no control characters, and
//! `--proto -` is refused there.
//!
//! The files are made by tests/support/bad_corpus.rs; the first test checks the committed
//! bytes are still exactly what it generates (`cargo run --example gen_bad_corpus`
//! rewrites them).

#[path = "support/bad_corpus.rs"]
mod bad_corpus;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use memprof_tui::sanitize::is_unsafe;

/// Wall-time bound of one run: a guard against a hang or a runaway loop, not a speed
/// measurement (benchmarks measure speed); wide enough for a loaded CI machine, where a
/// 30-million-string bomb took just over 2 s.
const MAX_TIME: Duration = Duration::from_secs(10);
/// Peak resident memory bound of one run, in KiB.
const MAX_RSS_KIB: u64 = 300 * 1024;

/// Corpus files that still fail because of bugs outside the loader, with their cause.
/// Strict: a listed file that starts passing fails the test, so the entry gets removed.
const KNOWN_BUGS: [(&str, &str); 0] = [];

/// Hostile profiles whose terminal output still leaks control characters, with the cause.
/// Strict like [`KNOWN_BUGS`].
const KNOWN_LEAKS: [(&str, &str); 0] = [];

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/bad")
}

/// One manifest row.
struct Expect {
    file: String,
    code: i32,
    substring: String,
}

fn manifest() -> Vec<Expect> {
    let text = std::fs::read_to_string(dir().join("EXPECT.tsv")).expect("testdata/bad/EXPECT.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.splitn(3, '\t').collect();
            assert_eq!(f.len(), 3, "bad manifest line {l:?}");
            Expect {
                file: f[0].to_string(),
                code: f[1].parse().expect("exit code"),
                substring: f[2].to_string(),
            }
        })
        .collect()
}

#[test]
fn committed_corpus_matches_the_generator() {
    let entries = bad_corpus::corpus();
    let regen = "run `cargo run --example gen_bad_corpus` and commit testdata/bad/";
    let manifest = std::fs::read_to_string(dir().join("EXPECT.tsv")).expect("EXPECT.tsv");
    assert_eq!(
        manifest,
        bad_corpus::manifest(&entries),
        "EXPECT.tsv is stale: {regen}"
    );
    for e in &entries {
        let committed = std::fs::read(dir().join(&e.name))
            .unwrap_or_else(|err| panic!("{}: {err}; {regen}", e.name));
        assert!(
            committed == e.bytes,
            "{} differs from the generator: {regen}",
            e.name
        );
    }
    for f in std::fs::read_dir(dir()).expect("testdata/bad") {
        let name = f.expect("entry").file_name().to_string_lossy().into_owned();
        assert!(
            name == "EXPECT.tsv" || name == "README.md" || entries.iter().any(|e| e.name == name),
            "{name} is not generated: {regen}"
        );
    }
    assert!(
        entries.len() >= 40,
        "the corpus has {} files",
        entries.len()
    );
}

#[test]
fn bombs_are_small_files() {
    for e in bad_corpus::corpus()
        .iter()
        .filter(|e| e.name.starts_with("bomb-"))
    {
        assert!(
            e.bytes.len() < 200_000,
            "{} is {} bytes",
            e.name,
            e.bytes.len()
        );
    }
}

/// How peak memory is measured.
#[derive(Clone, Copy, PartialEq)]
enum MemProbe {
    /// GNU time's %M (max RSS in KiB) written to a file.
    Time,
    /// VmHWM polled from /proc/<pid>/status.
    Proc,
    /// Neither works here.
    None,
}

fn mem_probe() -> MemProbe {
    let ok = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        MemProbe::Time
    } else if Path::new("/proc/self/status").exists() {
        MemProbe::Proc
    } else {
        MemProbe::None
    }
}

/// The result of one run.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
    elapsed: Duration,
    /// Peak RSS in KiB, if measured.
    rss_kib: Option<u64>,
}

fn vm_hwm(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run(args: &[&str], probe: MemProbe, tag: usize) -> Run {
    let time_out = std::env::temp_dir().join(format!(
        "memprof-bad-corpus-{}-{tag}.rss",
        std::process::id()
    ));
    let mut cmd = if probe == MemProbe::Time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(&time_out).arg(bin());
        c
    } else {
        Command::new(bin())
    };
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn memprof-tui");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let mut hwm = None;
    let status = loop {
        if probe == MemProbe::Proc
            && let Some(v) = vm_hwm(child.id())
        {
            hwm = Some(v);
        }
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > MAX_TIME * 5 {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "memprof-tui {args:?} still running after {:?}",
                MAX_TIME * 5
            );
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = start.elapsed();
    let stdout = out_t.join().expect("stdout reader");
    let stderr = String::from_utf8_lossy(&err_t.join().expect("stderr reader")).into_owned();
    let rss_kib = match probe {
        MemProbe::Time => {
            let s = std::fs::read_to_string(&time_out).unwrap_or_default();
            let _ = std::fs::remove_file(&time_out);
            // GNU time writes "Command exited with non-zero status N" before %M.
            s.lines().last().and_then(|l| l.trim().parse().ok())
        }
        MemProbe::Proc => hwm,
        MemProbe::None => None,
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
        elapsed,
        rss_kib,
    }
}

#[test]
fn every_file_exits_as_expected_with_one_line_quickly_and_within_memory() {
    let probe = mem_probe();
    if probe == MemProbe::None {
        eprintln!("NOTE: neither /usr/bin/time nor /proc is usable; peak memory is not checked");
    }
    let rows = manifest();
    assert!(rows.len() >= 40, "EXPECT.tsv lists {} files", rows.len());
    let mut failures = Vec::new();
    let mut worst = (Duration::ZERO, 0u64, String::new(), String::new());
    for (i, row) in rows.iter().enumerate() {
        let path = dir().join(&row.file).display().to_string();
        let mut args = vec!["--top"];
        args.extend_from_slice(&bad_corpus::RUN_FLAGS);
        args.push(&path);
        let r = run(&args, probe, i);
        let mut problems: Vec<String> = Vec::new();
        let mut fail = |what: String| problems.push(what);
        if r.code != row.code {
            fail(format!(
                "exit {} (want {}); stderr {:?}",
                r.code, row.code, r.stderr
            ));
        }
        if r.stderr.contains("panicked") {
            fail(format!("panicked: {}", r.stderr));
        }
        if row.code == 0 {
            if !r.stderr.is_empty() {
                fail(format!("unexpected stderr {:?}", r.stderr));
            }
        } else {
            let lines: Vec<&str> = r.stderr.lines().collect();
            if lines.len() != 1 {
                fail(format!("{} stderr lines: {:?}", lines.len(), r.stderr));
            } else {
                let l = lines[0];
                if !l.starts_with("memprof-tui: ") {
                    fail(format!(
                        "stderr does not start with \"memprof-tui: \": {l:?}"
                    ));
                }
                if !l.contains(&path) {
                    fail(format!("stderr does not name the file: {l:?}"));
                }
                if !l.contains(&row.substring) {
                    fail(format!("stderr lacks {:?}: {l:?}", row.substring));
                }
            }
        }
        if r.elapsed > MAX_TIME {
            fail(format!("took {:?} (limit {MAX_TIME:?})", r.elapsed));
        }
        if let Some(kib) = r.rss_kib {
            if kib > MAX_RSS_KIB {
                fail(format!(
                    "peak RSS {} MiB (limit {} MiB)",
                    kib / 1024,
                    MAX_RSS_KIB / 1024
                ));
            }
            if kib > worst.1 {
                worst.1 = kib;
                worst.3 = row.file.clone();
            }
        } else if probe != MemProbe::None {
            fail("peak memory could not be read".into());
        }
        if r.elapsed > worst.0 {
            worst.0 = r.elapsed;
            worst.2 = row.file.clone();
        }
        let _ = r.stdout;
        match KNOWN_BUGS.iter().find(|(f, _)| *f == row.file) {
            Some((_, cause)) if problems.is_empty() => failures.push(format!(
                "{}: passes now; remove it from KNOWN_BUGS ({cause})",
                row.file
            )),
            Some((_, cause)) => eprintln!("KNOWN BUG (not counted): {}: {cause}", row.file),
            None => failures.extend(problems.into_iter().map(|p| format!("{}: {p}", row.file))),
        }
    }
    eprintln!(
        "{} files; slowest {} in {:?}; largest peak RSS {} at {} KiB",
        rows.len(),
        worst.2,
        worst.0,
        worst.3,
        worst.1
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Whether `script` (util-linux) can run a command on a pseudo-terminal here.
fn script_works() -> bool {
    Command::new("script")
        .args(["-qec", "true", "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the shell command `cmd` on a pseudo-terminal (`script`), as from a terminal.
fn on_a_pty(cmd: &str) -> std::process::Output {
    Command::new("script")
        .args(["-qec", cmd, "/dev/null"])
        .stdin(Stdio::null())
        .env("TERM", "xterm-256color")
        // The progress line (its own erase sequence on stderr, which the pty mixes in)
        // would show on a loaded machine after 150 ms; the reports are what is checked.
        .env("MEMPROF_TUI_PROGRESS_DELAY_MS", "3600000")
        .output()
        .expect("script")
}

/// Characters that must not reach a terminal. Line ends (the pty adds "\r") and tabs
/// (TSV and peek separators; tabs inside names are escaped) are the output's own.
fn leaked(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| !matches!(c, '\n' | '\r' | '\t') && is_unsafe(c))
        .collect()
}

#[test]
fn hostile_profiles_print_no_control_characters_on_a_terminal() {
    if !script_works() {
        eprintln!(
            "SKIPPED: `script` (util-linux) cannot run a command on a pty here; the terminal \
             output of the hostile profiles was not checked"
        );
        return;
    }
    let hostile: Vec<String> = bad_corpus::corpus()
        .into_iter()
        .filter(|e| e.hostile)
        .map(|e| e.name)
        .collect();
    assert!(hostile.len() >= 8, "{hostile:?}");
    let mut failures = Vec::new();
    for name in &hostile {
        let before = failures.len();
        let path = dir().join(name).display().to_string();
        for extra in [
            "--top",
            "--top -g lines",
            "--top -g files",
            "--top -g addresses",
            "--top --format tsv",
            "--peek .",
            "--traces",
            "--traces --format tsv -g addresses",
        ] {
            // The path has no quotes or spaces (it is under the crate directory).
            let cmd = format!("{} {extra} {path}", bin());
            let out = on_a_pty(&cmd);
            let text = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() {
                failures.push(format!(
                    "{name} [{extra}]: exit {:?}: {text}",
                    out.status.code()
                ));
                continue;
            }
            if std::str::from_utf8(&out.stdout).is_err() {
                failures.push(format!("{name} [{extra}]: output is not UTF-8"));
            }
            for b in [0x1bu8, 0x07, 0x9b] {
                if out.stdout.contains(&b) && (b != 0x9b || text.contains('\u{9b}')) {
                    failures.push(format!("{name} [{extra}]: raw byte {b:#04x} in the output"));
                }
            }
            let bad = leaked(&text);
            if !bad.is_empty() {
                failures.push(format!("{name} [{extra}]: leaked {bad:?}"));
            }
            if text.contains("panicked") {
                failures.push(format!("{name} [{extra}]: panicked: {text}"));
            }
        }
        if let Some((_, cause)) = KNOWN_LEAKS.iter().find(|(f, _)| f == name) {
            if failures.len() == before {
                failures.push(format!(
                    "{name}: clean now; remove it from KNOWN_LEAKS ({cause})"
                ));
            } else {
                eprintln!("KNOWN LEAK (not counted): {name}: {cause}");
                failures.truncate(before);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // A binary profile is never written to the terminal.
    let path = dir().join(&hostile[0]).display().to_string();
    let out = on_a_pty(&format!("{} --proto - {path}", bin()));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("would write a binary profile to the terminal"),
        "{text}"
    );
}

/// The explorer (the binary on a terminal, without `--top`) refuses every invalid file the
/// same way: the listed exit code and message, printed after the terminal was restored,
/// and no panic.
#[test]
fn the_explorer_refuses_every_invalid_file_like_the_cli() {
    if !script_works() {
        eprintln!(
            "SKIPPED: `script` (util-linux) cannot run a command on a pty here; the explorer \
             was not run on the bad corpus"
        );
        return;
    }
    let mut failures = Vec::new();
    let rows: Vec<Expect> = manifest().into_iter().filter(|r| r.code != 0).collect();
    assert!(rows.len() >= 40, "{} invalid files", rows.len());
    for row in &rows {
        let path = dir().join(&row.file).display().to_string();
        // The path has no quotes or spaces (it is under the crate directory).
        let cmd = format!("{} {} {path}", bin(), bad_corpus::RUN_FLAGS.join(" "));
        let out = on_a_pty(&cmd);
        let text = String::from_utf8_lossy(&out.stdout);
        let code = out.status.code().unwrap_or(-1);
        // After the explorer left the alternate screen: the one error line.
        let tail = text.rsplit("\x1b[?1049l").next().unwrap_or(&text);
        if code != row.code {
            failures.push(format!(
                "{}: exit {code} (want {}): {text:?}",
                row.file, row.code
            ));
        } else if text.contains("panicked") {
            failures.push(format!("{}: panicked: {text:?}", row.file));
        } else if !tail.contains(&row.substring) || !tail.contains("memprof-tui: ") {
            failures.push(format!(
                "{}: no {:?} after the explorer: {text:?}",
                row.file, row.substring
            ));
        }
    }
    eprintln!("{} invalid files through the explorer", rows.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
