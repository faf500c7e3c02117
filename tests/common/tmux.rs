//! Drives the real binary in a tmux session: type keys, read the screen.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

/// A private tmux server with one shell window.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Whether tmux is installed.
    pub fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Whether tmux is installed; when it is not, says the test (`what`) is skipped, or
    /// panics when `MEMPROF_TUI_REQUIRE_TMUX` is set (CI), so a missing tmux cannot pass
    /// unnoticed.
    pub fn available_or_skip(what: &str) -> bool {
        if Self::available() {
            return true;
        }
        super::skip_or_fail(
            "MEMPROF_TUI_REQUIRE_TMUX",
            &format!("tmux is not installed; {what} did not run"),
        );
        false
    }

    /// Starts a shell for test `name`, or says the test is skipped when tmux is absent
    /// (panics instead under `MEMPROF_TUI_REQUIRE_TMUX`).
    pub fn start_or_skip(name: &str, w: u16, h: u16) -> Option<Self> {
        if !Self::available_or_skip("the end-to-end terminal test") {
            return None;
        }
        Some(Self::start(name, w, h))
    }

    /// Waits for the explorer's first table, then switches to alloc_space and waits for it.
    pub fn open_alloc_view(&self, timeout: Duration) {
        self.wait_for("Why does this look empty?", timeout);
        self.wait_gone("computing…", timeout);
        self.keys(&["a"]);
        self.wait_for("— alloc_space", timeout);
        self.wait_gone("computing…", timeout);
    }

    /// Resizes the window to `w`×`h`.
    pub fn resize(&self, w: u16, h: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "0",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
    }

    /// "alternate_on mouse_any_flag" of the pane, e.g. "1 1" while the explorer runs.
    pub fn modes(&self) -> String {
        self.run(&[
            "display",
            "-p",
            "-t",
            "0",
            "#{alternate_on} #{mouse_any_flag}",
        ])
        .trim()
        .to_string()
    }

    /// Starts a plain bash (prompt "PROMPT$ ") in a `w`×`h` window.
    pub fn start(name: &str, w: u16, h: u16) -> Self {
        let socket = format!("memprof-test-{name}-{}", std::process::id());
        let t = Self { socket };
        let ok = t
            .cmd(&[
                "new-session",
                "-d",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "TERM=xterm-256color",
                "TZ=UTC",
                "PS1=PROMPT$ ",
                "HOME=/tmp",
                "bash",
                "--norc",
                "--noprofile",
            ])
            .status
            .success();
        assert!(ok, "tmux new-session failed");
        t.wait_for("PROMPT$", Duration::from_secs(10));
        t
    }

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux")
    }

    /// Runs any tmux command on this server (`display -p …`, `resize-window …`); returns
    /// its standard output.
    pub fn run(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.cmd(args).stdout).into_owned()
    }

    /// Types literal text followed by Enter.
    pub fn type_line(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "0", "-l", text]);
        self.cmd(&["send-keys", "-t", "0", "Enter"]);
    }

    /// Sends tmux key names ("a", "q", "C-c", "Down").
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }

    /// The visible screen.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    /// Waits until the screen contains `text`; panics with the screen after `timeout`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {text:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until nothing is being computed and two captures 100 ms apart are the same
    /// (a capture can catch the explorer half-way through drawing a frame); returns it.
    pub fn settled(&self, timeout: Duration) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let s = self.screen();
            if s == last && !s.contains("computing…") {
                return s;
            }
            if start.elapsed() > timeout {
                panic!("the screen did not settle; screen:\n{s}");
            }
            last = s;
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the screen no longer contains `text`.
    pub fn wait_gone(&self, text: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if !s.contains(text) {
                return s;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {text:?} to go; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    /// Ends the server and removes its socket file (tmux leaves it behind).
    fn drop(&mut self) {
        let socket = self.run(&["display", "-p", "#{socket_path}"]);
        let _ = self.cmd(&["kill-server"]);
        let socket = socket.trim();
        if socket.contains("memprof-test-") {
            let _ = std::fs::remove_file(socket);
        }
    }
}
