//! Special files where a config file or a source file is expected: a keymap.toml that is
//! /dev/zero, a theme.toml that is /dev/urandom, a FIFO, a directory, a file over 1 MiB,
//! a symlink loop. Each is one line naming the file and the reason (exit 2 for config
//! files, before the terminal changes), quickly and in bounded memory (the runs have a
//! 1 GiB address-space limit and a 20 s timeout); `--list` goes past such sources.

#[path = "support/hostile_profile.rs"]
mod hostile_profile;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use hostile_profile::Func;

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().expect("utf8")).expect("cstr");
    // SAFETY: mkfifo with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// A command whose process tree may map at most 1 GiB.
fn limited(program: &str) -> Command {
    let mut c = Command::new(program);
    // SAFETY: setrlimit is async-signal-safe; called in the child before exec.
    unsafe {
        c.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    c
}

/// Runs the explorer on a pty (`script`) with `config` as $XDG_CONFIG_HOME, typing `q`
/// in case it starts; (exit code, output). `None` without `script`.
fn explorer(config: &Path, extra: &str) -> Option<(Option<i32>, String)> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: no `script` to give the explorer a terminal");
        return None;
    }
    let cmd = format!(
        "{} {extra} testdata/profiles/seed-default.prof",
        env!("CARGO_BIN_EXE_memprof-tui")
    );
    let mut child = limited("timeout")
        .args(["20", "script", "-qec", &cmd, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", config)
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script");
    let mut stdin = child.stdin.take().expect("stdin");
    let typist = std::thread::spawn(move || {
        use std::io::Write;
        for _ in 0..20 {
            std::thread::sleep(std::time::Duration::from_millis(500));
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

/// A config directory `…/memprof-tui` under a fresh $XDG_CONFIG_HOME.
fn config_home(tag: &str) -> (PathBuf, PathBuf) {
    let home = hostile_profile::fresh_dir(&format!("config-{tag}"));
    let dir = home.join("memprof-tui");
    std::fs::create_dir_all(&dir).expect("config dir");
    (home, dir)
}

fn refused(home: &Path, file: &str, reason: &str) {
    let Some((code, text)) = explorer(home, "") else {
        return;
    };
    let text = text.trim();
    assert_eq!(code, Some(2), "{file}: {text}");
    assert_eq!(text.lines().count(), 1, "{file}: {text}");
    assert!(text.contains(file), "{file}: {text}");
    assert!(text.contains(reason), "{file}: {text}");
}

#[test]
fn a_keymap_that_is_dev_zero_is_refused_at_once() {
    let (home, dir) = config_home("zero");
    std::os::unix::fs::symlink("/dev/zero", dir.join("keymap.toml")).expect("symlink");
    refused(&home, "keymap.toml", "system file");
}

#[test]
fn a_theme_that_is_dev_urandom_is_refused_at_once() {
    let (home, dir) = config_home("urandom");
    std::os::unix::fs::symlink("/dev/urandom", dir.join("theme.toml")).expect("symlink");
    refused(&home, "theme.toml", "system file");
}

#[test]
fn a_fifo_a_directory_and_a_huge_file_are_refused() {
    let (home, dir) = config_home("fifo");
    mkfifo(&dir.join("keymap.toml"));
    refused(&home, "keymap.toml", "not a regular file");
    let (home, dir) = config_home("dir");
    std::fs::create_dir_all(dir.join("theme.toml")).expect("dir");
    refused(&home, "theme.toml", "not a regular file");
    let (home, dir) = config_home("huge");
    let mut big = String::from("# comment\n");
    while big.len() <= 1 << 20 {
        big.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    std::fs::write(dir.join("keymap.toml"), big).expect("big");
    refused(&home, "keymap.toml", "larger than the 1 MiB limit");
    // And a good file is still read (the limits do not stop a normal run).
    let (home, dir) = config_home("ok");
    std::fs::write(dir.join("theme.toml"), "[style.title]\nfg = \"red\"\n").expect("theme");
    let (code, text) = explorer(&home, "").expect("script");
    assert_eq!(code, Some(0), "{text}");
}

/// `--list` over a profile whose sources are a FIFO, /dev/zero, a symlink loop and a
/// directory: each source is reported as not read, and the report ends.
#[test]
fn list_goes_past_special_sources() {
    let dir = hostile_profile::fresh_dir("special-sources");
    mkfifo(&dir.join("fifo.go"));
    std::os::unix::fs::symlink("loop-b.go", dir.join("loop-a.go")).expect("symlink");
    std::os::unix::fs::symlink("loop-a.go", dir.join("loop-b.go")).expect("symlink");
    std::fs::create_dir_all(dir.join("dir.go")).expect("dir");
    let files = ["fifo.go", "/dev/zero", "loop-a.go", "dir.go"];
    let names = ["main.fifo", "main.zero", "main.loop", "main.dir"];
    let funcs: Vec<Func> = files
        .iter()
        .zip(names)
        .map(|(f, n)| Func {
            name: n,
            file: f,
            line: 1,
            value: 10,
        })
        .collect();
    std::fs::write(dir.join("p.pb"), hostile_profile::bytes(&funcs, None)).expect("profile");
    let out = limited("timeout")
        .args([
            "20",
            env!("CARGO_BIN_EXE_memprof-tui"),
            "--list",
            "main\\.",
            "p.pb",
        ])
        .current_dir(&dir)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for n in names {
        assert!(
            text.contains(&format!("ROUTINE ======================== {n} ")),
            "{n}: {text}"
        );
    }
    assert!(
        text.contains("open /dev/zero: not a regular file") || text.contains("system file"),
        "{text}"
    );
}
