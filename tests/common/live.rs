//! The live Go server of the fetch tests (testdata/src/liveserver): built once per test
//! binary with `go build`, started per test, killed when its guard is dropped.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// The running test server; killed (and waited for) when dropped, even on a panic.
pub struct LiveServer {
    child: Child,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
}

impl Drop for LiveServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh directory under the system's temporary directory, removed when dropped (even
/// when the test fails).
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Makes a [`TempDir`] whose name says `what` it is for.
pub fn temp_dir(what: &str) -> TempDir {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = std::env::temp_dir().join(format!("memprof-fetch-{}-{what}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    TempDir(d)
}

/// Builds the live server once per test binary; `None` (test skipped) without Go.
pub fn server_binary() -> Option<&'static Path> {
    static BIN: OnceLock<Option<PathBuf>> = OnceLock::new();
    BIN.get_or_init(|| build("liveserver", "the live-server fetch tests"))
        .as_deref()
}

/// Builds the leaking server (testdata/src/leakserver) once per test binary; `None`
/// (test skipped) without Go.
pub fn leak_server_binary() -> Option<&'static Path> {
    static BIN: OnceLock<Option<PathBuf>> = OnceLock::new();
    BIN.get_or_init(|| build("leakserver", "the leak-hunting tests"))
        .as_deref()
}

/// Builds testdata's Go server `name` (src/NAME/main.go, module gen/NAME/go.mod). The
/// binary is kept under the temporary directory, in a folder named after a hash of its
/// source, so later runs reuse it and nothing piles up; a fresh build is moved into place
/// whole.
fn build(name: &str, what: &str) -> Option<PathBuf> {
    if !super::go_or_skip(what) {
        return None;
    }
    let sources = [
        (format!("src/{name}/main.go"), "main.go"),
        (format!("gen/{name}/go.mod"), "go.mod"),
    ];
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (from, _) in &sources {
        std::hash::Hash::hash(
            &std::fs::read(super::testdata(from)).expect("read server source"),
            &mut hasher,
        );
    }
    // The file keeps the server's name: profiles (and saved copies) are named after it.
    let home = std::env::temp_dir().join(format!(
        "memprof-{name}-{:016x}",
        std::hash::Hasher::finish(&hasher)
    ));
    let bin = home.join(name);
    if bin.is_file() {
        return Some(bin);
    }
    let dir = temp_dir("build");
    for (from, to) in &sources {
        std::fs::copy(super::testdata(from), dir.join(to)).expect("copy server source");
    }
    let out = Command::new("go")
        .args(["build", "-o", name, "."])
        .env("CGO_ENABLED", "0")
        .current_dir(&*dir)
        .output()
        .expect("run go build");
    assert!(
        out.status.success(),
        "go build: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::create_dir_all(&home).expect("server directory");
    std::fs::rename(dir.join(name), &bin).expect("move the server into place");
    Some(bin)
}

/// Starts the leaking server and reads its port; `None` without Go.
pub fn start_leak_server() -> Option<LiveServer> {
    start_binary(leak_server_binary()?, &[])
}

/// Starts the server and reads its port; `None` without Go.
pub fn start_server() -> Option<LiveServer> {
    start_server_with(&[])
}

/// Starts the server with `args` (`-tls`: HTTPS with a self-signed certificate).
pub fn start_server_with(args: &[&str]) -> Option<LiveServer> {
    start_binary(server_binary()?, args)
}

/// Starts the server at `bin` with `args` and reads its port.
fn start_binary(bin: &Path, args: &[&str]) -> Option<LiveServer> {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the test server");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    let mut server = LiveServer { child, port: 0 };
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read port");
    server.port = line.trim().parse().expect("port number");
    // Let the allocating and CPU-burning goroutines get going.
    std::thread::sleep(Duration::from_millis(300));
    Some(server)
}

/// How many files `dir` holds (the saved copies of fetches).
pub fn saved_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("list the saved copies")
        .count()
}

/// Waits until `dir` holds at least `n` saved copies; fails after `timeout`.
pub fn wait_saved(dir: &Path, n: usize, timeout: Duration) {
    let start = std::time::Instant::now();
    while saved_count(dir) < n {
        assert!(
            start.elapsed() < timeout,
            "{} saved copies after {timeout:?}, waiting for {n}",
            saved_count(dir)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
