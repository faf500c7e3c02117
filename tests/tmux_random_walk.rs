//! Random walks through the explorer in a real terminal (tmux): the binary takes a few
//! hundred keys drawn from a fixed seed — every key it binds except the ones that end or
//! suspend it on purpose (`q`, Ctrl-C, Ctrl-Z), plus printable characters that type into
//! the prompts — in small batches, with resizes in between, on several profiles at 80×24
//! and 160×48. After the walk it must still be running; `q` then ends it with status 0 and
//! the terminal restored (`stty -g`, alternate screen and mouse reporting off).
//!
//! Deterministic walks check the key sequences that used to crash it (`2 f`, `4 f`, `4 v`,
//! `4 >`, `2 j f`) and that only `q` and Ctrl-C quit: `Esc` in every pane and Backspace in
//! the flame graph do not.
//!
//! A failure prints the test, profile, size, seed, the last keys sent, the screen and the
//! explorer's stderr. The keys of a walk depend only on the seed (timing may still differ
//! between runs); `MEMPROF_TUI_WALK_SEED=N` changes the base seed and
//! `MEMPROF_TUI_WALK_KEYS=N` the number of keys per walk, to look for more;
//! `MEMPROF_TUI_WALK_SKIP="Escape BSpace"` leaves keys out, to look past a known failure.
//!
//! Skipped, and says so, when tmux is not installed (a failure instead under
//! `MEMPROF_TUI_REQUIRE_TMUX=1`).

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::tmux::Tmux;

/// How long any single wait may take before the test fails.
const T: Duration = Duration::from_secs(20);
/// The base seed of the random walks (`MEMPROF_TUI_WALK_SEED` overrides it).
const BASE_SEED: u64 = 0x6d65_6d70_726f_6621;
/// Keys per random walk (`MEMPROF_TUI_WALK_KEYS` overrides it).
const WALK_KEYS: usize = 500;
/// Printed by the shell once the explorer has ended; typed as `END$((6*7))` so that the
/// command line never contains it.
const END: &str = "END42";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

/// splitmix64: a tiny deterministic generator, enough to draw keys.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True once in `n` draws on average.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

/// Every key the explorer binds (src/app/keymap.rs), as tmux key names, except `q`,
/// Ctrl-C and Ctrl-Z. Moves, Enter, Esc and Backspace appear more than once so that walks
/// move around and leave prompts.
const BOUND: &[&str] = &[
    // Letters: global, top table, tree, flame graph, source, list moves.
    "a", "o", "t", "b", "i", "x", "n", "N", "f", "I", "H", "v", "P", "X", "d", "s", "S", "e", "l",
    "h", "c", "r", "g", "G", "j", "k", "j", "k", //
    // Panes, overlays, prompts, refinements.
    "1", "2", "3", "4", "5", "?", "/", ":", "&", "%", "#", ">", //
    // Named keys.
    "Enter", "Enter", "Enter", "Escape", "Escape", "BSpace", "BSpace", "Tab", "BTab", "Up", "Down",
    "Up", "Down", "Left", "Right", "PPage", "NPage", "Home", "End", "C-d", "C-u", "C-l",
];

/// A printable character as a tmux key name: ASCII but `q` (which quits outside a
/// prompt), and a few wider ones.
fn printable(rng: &mut Rng) -> String {
    const WIDE: [&str; 3] = ["é", "ß", "世"];
    if rng.one_in(10) {
        return WIDE[rng.range(0, WIDE.len() as u64 - 1) as usize].to_string();
    }
    loop {
        let c = char::from(rng.range(0x20, 0x7e) as u8);
        match c {
            'q' => continue,
            // tmux reads a lone `;` as a command separator.
            ';' => return "\\;".to_string(),
            ' ' => return "Space".to_string(),
            c => return c.to_string(),
        }
    }
}

/// Keys left out of the walks: the tmux key names listed in `MEMPROF_TUI_WALK_SKIP`
/// (space-separated, e.g. "Escape BSpace"), to look past a known failure.
fn skipped_keys() -> Vec<String> {
    std::env::var("MEMPROF_TUI_WALK_SKIP")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// 5 to 10 random keys, none of `skip`; a batch ends after `Escape`, so that the
/// explorer reads it as Esc and not as Alt with the next key.
fn batch(rng: &mut Rng, skip: &[String]) -> Vec<String> {
    let n = rng.range(5, 10);
    let mut keys = Vec::new();
    while (keys.len() as u64) < n {
        let k = if rng.one_in(7) {
            printable(rng)
        } else {
            BOUND[rng.range(0, BOUND.len() as u64 - 1) as usize].to_string()
        };
        if skip.contains(&k) {
            continue;
        }
        let esc = k == "Escape";
        keys.push(k);
        if esc {
            break;
        }
    }
    keys
}

fn env_u64(var: &str) -> Option<u64> {
    let v = std::env::var(var).ok()?;
    let v = v.trim();
    let parsed = match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => v.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{var}={v:?} is not a number")))
}

fn base_seed() -> u64 {
    env_u64("MEMPROF_TUI_WALK_SEED").unwrap_or(BASE_SEED)
}

/// The seed of one walk: the base seed mixed with the profile and the size (FNV-1a), so
/// that walks differ from one another but each stays the same from run to run.
fn walk_seed(base: u64, profile: &str, w: u16, h: u16) -> u64 {
    let mut x: u64 = 0xcbf2_9ce4_8422_2325;
    for b in format!("{profile} {w}x{h}").bytes() {
        x = (x ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    base ^ x
}

/// The explorer running in a tmux pane, and what was sent to it.
struct Session {
    t: Tmux,
    test: String,
    profile: String,
    size: (u16, u16),
    seed: Option<(u64, u64)>,
    stderr: PathBuf,
    sent: Vec<String>,
    started: Instant,
}

impl Session {
    /// Starts `memprof-tui ARGS testdata/profiles/PROFILE` (`testdata/` in ARGS is the
    /// crate's, as the shell runs elsewhere) in a `w`×`h` tmux window, with
    /// `EDITOR=true` so that `e` in the source pane returns at once. When it ends, the
    /// shell prints its status, whether `stty -g` is what it was before, and [`END`], then
    /// swallows every key (so that keys sent after an unexpected exit never reach the
    /// shell) until Ctrl-C. None when tmux is absent (the test is skipped).
    fn start(test: &str, profile: &str, args: &str, w: u16, h: u16) -> Option<Self> {
        if !Tmux::available_or_skip("the random-walk terminal test") {
            return None;
        }
        let t = Tmux::start(test, w, h);
        let dir = std::env::temp_dir().join(format!("memprof-walk-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let stderr = dir.join("stderr");
        let path = common::testdata(&format!("profiles/{profile}"));
        let args = args.replace("testdata/", &common::testdata("").display().to_string());
        // Anything typed at the shell runs in the scratch directory.
        t.type_line(&format!("cd {} && S1=$(stty -g) && clear", dir.display()));
        t.type_line(&format!(
            "EDITOR=true VISUAL=true {} {args} {} 2>{}; echo EXIT=$?; \
             echo STTY_$([ \"$S1\" = \"$(stty -g)\" ] && echo SAME || echo DIFF); \
             echo END$((6*7)); while read -rsn1 k; do :; done",
            bin(),
            path.display(),
            stderr.display()
        ));
        Some(Self {
            t,
            test: test.to_string(),
            profile: profile.to_string(),
            size: (w, h),
            seed: None,
            stderr,
            sent: Vec::new(),
            started: Instant::now(),
        })
    }

    /// The pane's foreground command ("memprof-tui" while the explorer runs).
    fn command(&self) -> String {
        self.t
            .run(&["display", "-p", "-t", "0", "#{pane_current_command}"])
            .trim()
            .to_string()
    }

    /// "alternate_on mouse_any_flag" of the pane.
    fn modes(&self) -> String {
        self.t.modes()
    }

    /// The screen and up to 200 lines above it.
    fn scrollback(&self) -> String {
        self.t
            .run(&["capture-pane", "-p", "-t", "0", "-S", "-200"])
            .to_string()
    }

    /// Whether the explorer has ended and the shell printed its status.
    fn ended(&self) -> bool {
        self.command() != "memprof-tui" && self.scrollback().contains(END)
    }

    /// The `EXIT=…` line the shell printed, if any.
    fn exit_line(&self) -> Option<String> {
        self.scrollback()
            .lines()
            .map(str::trim_end)
            // Not the typed command line, wrapped so that a line starts with "EXIT=$?".
            .find(|l| {
                l.strip_prefix("EXIT=")
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
            .map(str::to_string)
    }

    /// Ok while the explorer runs; an error once it has ended (or is neither running nor
    /// ended after [`T`]).
    fn alive(&self) -> Result<(), String> {
        let start = Instant::now();
        loop {
            let cmd = self.command();
            if cmd == "memprof-tui" {
                return Ok(());
            }
            if self.scrollback().contains(END) {
                let exit = self.exit_line().unwrap_or_else(|| "EXIT=?".into());
                let how = match exit.as_str() {
                    "EXIT=0" => "quit, though no key sent quits it (only q and Ctrl-C may)",
                    "EXIT=101" => "panicked",
                    _ => "ended",
                };
                return Err(format!("the explorer {how} ({exit})"));
            }
            if start.elapsed() > T {
                return Err(format!(
                    "the pane runs {cmd:?}, not the explorer, and the explorer did not end"
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the explorer is up on the alternate screen with its first report.
    fn ready(&self) -> Result<(), String> {
        let start = Instant::now();
        loop {
            self.alive()?;
            let s = self.t.screen();
            if self.modes() == "1 1" && s.contains('│') && !s.contains("computing…") {
                return Ok(());
            }
            if start.elapsed() > T {
                return Err("the explorer did not show its first report".into());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until no report is being computed, the explorer still running.
    fn settle(&self) -> Result<(), String> {
        let start = Instant::now();
        loop {
            self.alive()?;
            if !self.t.screen().contains("computing…") {
                return Ok(());
            }
            if start.elapsed() > T {
                return Err(format!("still computing after {T:?}"));
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Sends tmux key names in one `send-keys`.
    fn send(&mut self, keys: &[&str]) {
        let mut args = vec!["--"];
        args.extend_from_slice(keys);
        self.t.keys(&args);
        self.sent.push(keys.join(" "));
    }

    fn resize(&mut self, w: u16, h: u16) -> Result<(), String> {
        self.t.resize(w, h);
        self.sent.push(format!("[resize {w}x{h}]"));
        std::thread::sleep(Duration::from_millis(30));
        self.alive()
    }

    /// Quits, then checks status 0, `stty -g` unchanged, the alternate screen and mouse
    /// reporting off, no panic, and the shell prompt back. With `leave_first` (after a
    /// random walk, which may end in a prompt or an overlay) Esc goes before `q`, and both
    /// are tried up to four times (a `q` may close an overlay); without it a single `q`
    /// must end the explorer.
    fn quit_and_check(&mut self, leave_first: bool) -> Result<(), String> {
        if leave_first {
            for _ in 0..4 {
                if self.ended() {
                    break;
                }
                self.send(&["Escape"]);
                std::thread::sleep(Duration::from_millis(150));
                if self.ended() {
                    break;
                }
                self.send(&["q"]);
                let start = Instant::now();
                while !self.ended() && start.elapsed() < Duration::from_secs(3) {
                    std::thread::sleep(Duration::from_millis(30));
                }
            }
        } else {
            self.send(&["q"]);
        }
        let start = Instant::now();
        while !self.ended() {
            if start.elapsed() > T {
                return Err(if leave_first {
                    "Esc then q (four times) did not end the explorer".into()
                } else {
                    format!("q did not end the explorer within {T:?}")
                });
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        let s = self.scrollback();
        let exit = self.exit_line().unwrap_or_else(|| "EXIT=?".into());
        if exit != "EXIT=0" {
            return Err(format!("the explorer ended with {exit}, want EXIT=0"));
        }
        if !s.contains("STTY_SAME") {
            return Err("`stty -g` after the explorer differs from before".into());
        }
        let modes = self.modes();
        if modes != "0 0" {
            return Err(format!(
                "alternate screen / mouse reporting left on: {modes:?} (want \"0 0\")"
            ));
        }
        let err = std::fs::read_to_string(&self.stderr).unwrap_or_default();
        if err.contains("panicked") {
            return Err("the explorer panicked".into());
        }
        // Leave the key-swallowing loop; the prompt comes back.
        self.t.keys(&["C-c"]);
        let start = Instant::now();
        while !self.t.screen().trim_end().ends_with("PROMPT$") {
            if start.elapsed() > T {
                return Err("the shell prompt did not come back".into());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        Ok(())
    }

    /// Everything needed to understand and replay a failure.
    fn report(&self, why: &str) -> String {
        let (w, h) = self.size;
        let mut out = format!(
            "{why}\n  test:    {}\n  profile: testdata/profiles/{}\n  size:    {w}x{h}\n",
            self.test, self.profile
        );
        if let Some((base, seed)) = self.seed {
            out.push_str(&format!(
                "  seed:    {seed:#018x} (base seed {base:#x}; rerun with \
                 MEMPROF_TUI_WALK_SEED={base:#x} cargo test --test tmux_random_walk {})\n",
                self.test
            ));
        }
        let keys: usize = self
            .sent
            .iter()
            .filter(|b| !b.starts_with('['))
            .map(|b| b.split(' ').count())
            .sum();
        let last = self.sent.len().saturating_sub(12);
        out.push_str(&format!(
            "  after {keys} keys in {} sends, {:.1}s; the last sends (tmux key names, \
             oldest first):\n",
            self.sent.len(),
            self.started.elapsed().as_secs_f64()
        ));
        for b in &self.sent[last..] {
            out.push_str(&format!("    {b}\n"));
        }
        out.push_str(&format!(
            "  pane: {:?}, modes {:?}\n  screen:\n",
            self.command(),
            self.modes()
        ));
        for l in self.t.screen().trim_end().lines() {
            out.push_str(&format!("    |{l}\n"));
        }
        let err = std::fs::read_to_string(&self.stderr).unwrap_or_default();
        if !err.trim().is_empty() {
            out.push_str("  explorer stderr:\n");
            for l in err.lines() {
                out.push_str(&format!("    {l}\n"));
            }
        }
        out
    }
}

impl Drop for Session {
    /// Removes the scratch directory. An explorer that does not end (a hang) is killed
    /// with the tmux server, not left behind: SIGKILL to the children of the pane's shell.
    fn drop(&mut self) {
        if let Some(dir) = self.stderr.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
        if self.command() == "bash" {
            return;
        }
        let shell = self.t.run(&["display", "-p", "-t", "0", "#{pane_pid}"]);
        if let Ok(pid) = shell.trim().parse::<u32>() {
            let _ = std::process::Command::new("pkill")
                .args(["-KILL", "-P", &pid.to_string()])
                .status();
        }
    }
}

/// A random walk of the explorer on `profile` at `w`×`h`.
fn walk(test: &str, profile: &str, w: u16, h: u16) {
    let base = base_seed();
    let seed = walk_seed(base, profile, w, h);
    let keys = env_u64("MEMPROF_TUI_WALK_KEYS").map_or(WALK_KEYS, |n| n as usize);
    let Some(mut s) = Session::start(test, profile, "", w, h) else {
        return;
    };
    s.seed = Some((base, seed));
    let result = walk_keys(&mut s, &mut Rng(seed), keys).and_then(|()| s.quit_and_check(true));
    if let Err(why) = result {
        panic!("random walk failed: {}", s.report(&why));
    }
    eprintln!(
        "{test}: {keys} keys on {profile} at {w}x{h}, seed {seed:#x}: ok in {:.1}s",
        s.started.elapsed().as_secs_f64()
    );
}

fn walk_keys(s: &mut Session, rng: &mut Rng, keys: usize) -> Result<(), String> {
    let (w, h) = s.size;
    s.ready()?;
    let mut sent = 0;
    let mut resized = false;
    let skip = skipped_keys();
    while sent < keys {
        if resized {
            s.resize(w, h)?;
            resized = false;
        } else if rng.one_in(12) {
            s.resize(rng.range(20, 200) as u16, rng.range(5, 60) as u16)?;
            resized = true;
        }
        let b = batch(rng, &skip);
        sent += b.len();
        let b: Vec<&str> = b.iter().map(String::as_str).collect();
        s.send(&b);
        std::thread::sleep(Duration::from_millis(rng.range(20, 50)));
        if rng.one_in(5) {
            s.settle()?;
        } else {
            s.alive()?;
        }
    }
    if resized {
        s.resize(w, h)?;
    }
    s.settle()
}

macro_rules! walks {
    ($($name:ident: $profile:literal at $w:literal x $h:literal;)*) => {
        $(
            #[test]
            fn $name() {
                walk(stringify!($name), $profile, $w, $h);
            }
        )*
    };
}

walks! {
    walk_seed_default_80x24: "seed-default.prof" at 80 x 24;
    walk_seed_default_160x48: "seed-default.prof" at 160 x 48;
    walk_retain_mid_80x24: "retain-mid.prof" at 80 x 24;
    walk_retain_mid_160x48: "retain-mid.prof" at 160 x 48;
    walk_seed_cpu_80x24: "seed-cpu.prof" at 80 x 24;
    walk_seed_cpu_160x48: "seed-cpu.prof" at 160 x 48;
    walk_kinds_mutex_80x24: "kinds-mutex.prof" at 80 x 24;
    walk_kinds_mutex_160x48: "kinds-mutex.prof" at 160 x 48;
    walk_kinds_goroutine_80x24: "kinds-goroutine.prof" at 80 x 24;
    walk_kinds_goroutine_160x48: "kinds-goroutine.prof" at 160 x 48;
    walk_kinds_heap_80x24: "kinds-heap.prof" at 80 x 24;
    walk_kinds_allocs_160x48: "kinds-allocs.prof" at 160 x 48;
    walk_kinds_block_80x24: "kinds-block.prof" at 80 x 24;
    walk_retain_end_160x48: "retain-end.prof" at 160 x 48;
}

/// A fixed walk: each step's keys in one `send-keys`, then the explorer must settle and
/// still run; at the end one `q` must end it cleanly.
fn fixed(test: &str, profile: &str, args: &str, steps: &[&[&str]]) {
    let Some(mut s) = Session::start(test, profile, args, 100, 30) else {
        return;
    };
    let result = (|| {
        s.ready()?;
        for step in steps {
            s.send(step);
            // Give a wrong quit time to happen before asking whether it did.
            std::thread::sleep(Duration::from_millis(200));
            s.settle()?;
        }
        s.quit_and_check(false)
    })();
    if let Err(why) = result {
        panic!("fixed walk {steps:?} failed: {}", s.report(&why));
    }
}

macro_rules! fixed_walks {
    ($($name:ident: $profile:literal $args:literal [$($step:expr),*];)*) => {
        $(
            #[test]
            fn $name() {
                fixed(stringify!($name), $profile, $args, &[$(&$step),*]);
            }
        )*
    };
}

// Key sequences that crashed the explorer (index out of bounds in src/app/navigate.rs).
fixed_walks! {
    keys_2_f_retain_mid: "retain-mid.prof" "" [["2"], ["f"]];
    keys_4_f_retain_mid: "retain-mid.prof" "" [["4"], ["f"]];
    keys_4_v_retain_mid: "retain-mid.prof" "" [["4"], ["v"]];
    keys_4_gt_retain_mid: "retain-mid.prof" "" [["4"], [">"]];
    keys_2_j_f_retain_mid: "retain-mid.prof" "" [["2"], ["j"], ["f"]];
    keys_2_f_seed_cpu: "seed-cpu.prof" "" [["2"], ["f"]];
    keys_4_f_seed_cpu: "seed-cpu.prof" "" [["4"], ["f"]];
    keys_4_v_seed_cpu: "seed-cpu.prof" "" [["4"], ["v"]];
    keys_4_gt_seed_cpu: "seed-cpu.prof" "" [["4"], [">"]];
    keys_2_j_f_seed_cpu: "seed-cpu.prof" "" [["2"], ["j"], ["f"]];
}

// Only `q` (outside a prompt) and Ctrl-C quit: Esc in each pane, and Backspace in the
// flame graph with nothing to zoom out of, do not.
fixed_walks! {
    esc_in_top_does_not_quit: "seed-default.prof" "" [["1"], ["Escape"]];
    esc_in_tree_does_not_quit: "seed-default.prof" "" [["2"], ["Escape"]];
    esc_in_callers_does_not_quit: "seed-default.prof" "" [["3"], ["Escape"]];
    esc_in_flame_does_not_quit: "seed-default.prof" "" [["4"], ["Escape"]];
    esc_in_flame_twice_does_not_quit: "seed-default.prof" "" [["4"], ["Enter"], ["Escape"], ["Escape"]];
    esc_in_source_does_not_quit: "seed-default.prof" "--source-path testdata/src" [["5"], ["Escape"]];
    backspace_in_unzoomed_flame_does_not_quit: "seed-default.prof" "" [["4"], ["BSpace"]];
    esc_on_retain_mid_does_not_quit: "retain-mid.prof" "" [["Escape"], ["2"], ["Escape"], ["4"], ["Escape"]];
}
