//! Profiles fetched from a running Go program (testdata/src/liveserver, built here with
//! `go build`): `--top URL` prints what `go tool pprof -top` prints for the copy
//! memprof-tui saved, for heap, allocs, goroutine and CPU, by URL and by `host:port`;
//! every failure (refused, 404, HTML, timeout, DNS, hostile error page) is one line with
//! its exit code, and nothing is saved.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::live::{start_server, start_server_with, temp_dir};

/// Runs memprof-tui with `args`, saving fetched profiles in `save_dir`.
fn memprof(args: &[&str], save_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(args)
        .env("PPROF_TMPDIR", save_dir)
        // A proxy from the environment must not stand between the test and 127.0.0.1.
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .output()
        .expect("run memprof-tui")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `--top SOURCE` (with `extra` flags) saves one file named `expected_name` and prints
/// exactly what `go tool pprof -top` (with `pprof_extra` flags) prints for that file.
fn top_equals_pprof_on_saved(
    source: &str,
    (extra, pprof_extra): (&[&str], &[&str]),
    expected_name: &str,
) {
    let dir = temp_dir("save");
    let mut args = vec!["--top"];
    args.extend_from_slice(extra);
    args.push(source);
    let ours = memprof(&args, &dir);
    let stderr = String::from_utf8_lossy(&ours.stderr);
    assert_eq!(ours.status.code(), Some(0), "{source}: {stderr}");
    assert_eq!(files_in(&dir), [expected_name], "{source}");
    let saved = dir.join(expected_name);
    assert_eq!(
        stderr,
        format!("Saved profile in {}\n", saved.display()),
        "{source}: stderr is the saved line only (no progress off a terminal)"
    );
    let theirs = Command::new("go")
        .args(["tool", "pprof", "-top"])
        .args(pprof_extra)
        .arg(&saved)
        .env("TZ", "UTC")
        .output()
        .expect("run go tool pprof");
    assert!(
        theirs.status.success(),
        "{}",
        String::from_utf8_lossy(&theirs.stderr)
    );
    let (ours, theirs) = (
        String::from_utf8_lossy(&ours.stdout),
        String::from_utf8_lossy(&theirs.stdout),
    );
    assert!(
        ours.lines().count() > 5,
        "{source}: a report with rows:\n{ours}"
    );
    for (i, (a, b)) in ours.lines().zip(theirs.lines()).enumerate() {
        assert_eq!(a, b, "{source}: line {}", i + 1);
    }
    assert_eq!(ours, theirs, "{source}: whole output");
}

#[test]
fn heap_url_top_equals_pprof_on_the_saved_copy() {
    let Some(server) = start_server() else { return };
    let url = format!("http://127.0.0.1:{}/debug/pprof/heap", server.port);
    top_equals_pprof_on_saved(
        &url,
        (&[], &[]),
        "pprof.liveserver.alloc_objects.alloc_space.inuse_objects.inuse_space.001.pb.gz",
    );
    top_equals_pprof_on_saved(
        &url,
        (&["-i", "alloc_space"], &["-sample_index=alloc_space"]),
        "pprof.liveserver.alloc_objects.alloc_space.inuse_objects.inuse_space.001.pb.gz",
    );
}

#[test]
fn host_port_sources_allocs_and_goroutine() {
    let Some(server) = start_server() else { return };
    let base = format!("127.0.0.1:{}", server.port);
    top_equals_pprof_on_saved(
        &format!("{base}/debug/pprof/allocs"),
        (&[], &[]),
        "pprof.liveserver.alloc_objects.alloc_space.inuse_objects.inuse_space.001.pb.gz",
    );
    top_equals_pprof_on_saved(
        &format!("{base}/debug/pprof/goroutine"),
        (&[], &[]),
        "pprof.liveserver.goroutine.001.pb.gz",
    );
}

#[test]
fn host_port_alone_is_the_cpu_profile_for_the_given_seconds() {
    let Some(server) = start_server() else { return };
    let started = Instant::now();
    top_equals_pprof_on_saved(
        &format!("127.0.0.1:{}", server.port),
        (&["--seconds", "1"], &[]),
        "pprof.liveserver.samples.cpu.001.pb.gz",
    );
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "profiled for 1 s"
    );
}

#[test]
fn saved_copies_take_the_next_counter() {
    let Some(server) = start_server() else { return };
    let dir = temp_dir("counter");
    let url = format!("http://127.0.0.1:{}/debug/pprof/goroutine", server.port);
    for _ in 0..2 {
        let out = memprof(&["--top", &url], &dir);
        assert_eq!(out.status.code(), Some(0));
    }
    assert_eq!(
        files_in(&dir),
        [
            "pprof.liveserver.goroutine.001.pb.gz",
            "pprof.liveserver.goroutine.002.pb.gz"
        ]
    );
}

/// Runs `--top` with `args` and checks the exit code, one line on stderr naming
/// `source` and holding `cause`, nothing on stdout and nothing saved; returns the line.
fn fails(args: &[&str], source: &str, code: i32, cause: &str) -> String {
    let dir = temp_dir("fail");
    let mut all = vec!["--top"];
    all.extend_from_slice(args);
    all.push(source);
    let out = memprof(&all, &dir);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{source}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
    assert!(
        stderr.starts_with(&format!("memprof-tui: {source}: ")) && stderr.contains(cause),
        "{source}: expected {cause:?} in {stderr:?}"
    );
    assert!(out.stdout.is_empty(), "nothing on stdout");
    assert!(files_in(&dir).is_empty(), "nothing saved");
    stderr
}

#[test]
fn server_errors_are_one_line_with_their_exit_code() {
    let Some(server) = start_server() else { return };
    let base = format!("http://127.0.0.1:{}", server.port);
    fails(
        &[],
        &format!("{base}/debug/pprof/nosuchprofile"),
        3,
        "server response: 404 Not Found - Unknown profile",
    );
    fails(
        &[],
        &format!("{base}/debug/pprof/"),
        4,
        "HTML page, not a profile",
    );
    fails(
        &[],
        &format!("127.0.0.1:{}/debug/pprof/cmdline", server.port),
        4,
        "not a legacy profile either",
    );
}

#[test]
fn unreachable_servers_exit_3() {
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    fails(
        &[],
        &format!("http://127.0.0.1:{port}/debug/pprof/heap"),
        3,
        "connection refused",
    );
    fails(
        &[],
        "http://no-such-host.invalid:6060/debug/pprof/heap",
        3,
        "host not found",
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // Accepts and holds connections without ever answering.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming() {
            held.push(conn);
        }
    });
    let started = Instant::now();
    fails(
        &["--timeout", "1"],
        &format!("127.0.0.1:{port}/debug/pprof/heap"),
        3,
        "no profile within 6 s (timeout 1 s + 5 s",
    );
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(6) && took < Duration::from_secs(20),
        "{took:?}"
    );
}

#[test]
fn a_hostile_error_page_is_quoted_safely_and_short() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            let mut request = [0u8; 4096];
            let _ = conn.read(&mut request);
            let body = format!(
                "\x1b]0;pwned\x07\x1b[31mred {}\nsecond line",
                "x".repeat(400)
            );
            let _ = write!(
                conn,
                "HTTP/1.1 500 Internal Server Error\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let line = fails(
        &[],
        &format!("http://127.0.0.1:{port}/debug/pprof/heap"),
        3,
        "server response: 500 Internal Server Error - \\x1b]0;pwned\\x07\\x1b[31mred xxx",
    );
    assert!(!line.contains('\x1b') && !line.contains('\x07'), "{line:?}");
    assert!(!line.contains("second line"), "first line only: {line:?}");
    assert!(line.chars().count() < 400, "capped: {line:?}");
}

#[test]
fn self_signed_https_needs_insecure() {
    let Some(server) = start_server_with(&["-tls"]) else {
        return;
    };
    let url = format!("https://127.0.0.1:{}/debug/pprof/goroutine", server.port);
    fails(
        &[],
        &url,
        3,
        "certificate: UnknownIssuer (a self-signed development server? --insecure skips the check)",
    );
    top_equals_pprof_on_saved(
        &url,
        (&["--insecure"], &[]),
        "pprof.liveserver.goroutine.001.pb.gz",
    );
    // pprof's spelling of the same.
    top_equals_pprof_on_saved(
        &format!(
            "https+insecure://127.0.0.1:{}/debug/pprof/goroutine",
            server.port
        ),
        (&[], &[]),
        "pprof.liveserver.goroutine.001.pb.gz",
    );
}

#[test]
fn an_existing_file_named_like_host_port_is_read_not_fetched() {
    let dir = temp_dir("file-named-url");
    let save = temp_dir("file-named-url-save");
    let profile = common::testdata("profiles/kinds-goroutine.prof");
    std::fs::copy(&profile, dir.join("127.0.0.1:9")).expect("copy");
    let out = Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(["--top", "127.0.0.1:9"])
        .current_dir(&*dir)
        .env("PPROF_TMPDIR", &*save)
        .env("TZ", "UTC")
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "no fetch, nothing saved");
    assert!(String::from_utf8_lossy(&out.stdout).contains("main.worker"));
    assert!(std::fs::read_dir(&save).expect("ls").next().is_none());
}
