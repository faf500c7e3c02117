//! Shared test harness: load testdata profiles, drive the app with keys synchronously
//! (background jobs run inline), and render it on ratatui's TestBackend.
#![allow(dead_code)]

pub mod live;
pub mod tmux;

/// Whether the environment variable `var` asks for a tool to be there ("1", or any value
/// but "" and "0"): CI sets `MEMPROF_TUI_REQUIRE_TMUX=1` and `MEMPROF_TUI_REQUIRE_GO=1`
/// so that a missing tool fails the run instead of skipping tests silently.
pub fn required(var: &str) -> bool {
    std::env::var(var).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// A test cannot run because `why` (a tool is missing): prints "SKIPPED: why", or panics
/// when `var` (e.g. `MEMPROF_TUI_REQUIRE_TMUX`) requires the tool.
pub fn skip_or_fail(var: &str, why: &str) {
    assert!(
        !required(var),
        "{why}, and {var} is set: this test must run here (install the tool, or unset {var} \
         to skip it)"
    );
    eprintln!("SKIPPED: {why}");
}

/// Whether the `go` command runs; when it does not, says the test is skipped, or panics
/// under `MEMPROF_TUI_REQUIRE_GO`. For tests that need Go: the live server of the fetch
/// tests, several diff bases merged by pprof first (most tests compare with the
/// committed pprof goldens).
pub fn go_or_skip(what: &str) -> bool {
    let ok = std::process::Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        skip_or_fail(
            "MEMPROF_TUI_REQUIRE_GO",
            &format!("go is not installed; {what} did not run"),
        );
    }
    ok
}

use std::path::PathBuf;
use std::sync::{Arc, Once};

use memprof_tui::app::input::{Key, KeyCode};
use memprof_tui::app::{Action, App, Command, Event};
use memprof_tui::input::load;
use memprof_tui::jobs::{Filtered, Worker};
use memprof_tui::profile::{Limits, Profile};
use memprof_tui::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

static TZ: Once = Once::new();

/// Pins the local time zone to UTC (profiles print their time in local time). Every test
/// calls this first, so no other thread reads the environment while it is written.
pub fn utc() {
    TZ.call_once(|| {
        // SAFETY: runs once, before any test in this binary reads the environment.
        unsafe { std::env::set_var("TZ", "UTC") };
    });
}

/// Path of a file under testdata/.
pub fn testdata(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel)
}

/// Loads testdata/profiles/NAME.
pub fn profile(name: &str) -> Arc<Profile> {
    utc();
    let path = testdata(&format!("profiles/{name}"));
    Arc::new(load(&[path.display().to_string()], &Limits::default()).expect(name))
}

/// Finds sources under testdata/src (as `--source-path testdata/src` would), with no Go
/// installation or module cache, so results do not depend on the machine.
pub fn source_locator() -> memprof_tui::analysis::SourceLocator {
    let src = testdata("src");
    memprof_tui::analysis::SourceLocator::new(&src.display().to_string(), "", &src)
        .with_go_dirs(None, None)
}

/// An app under test with a synchronous job runner.
pub struct Harness {
    pub app: App,
    pub worker: Worker,
    pub term: Terminal<TestBackend>,
    pub theme: Theme,
}

impl Harness {
    /// Opens testdata/profiles/NAME at its default sample type on a `w`×`h` terminal.
    pub fn new(name: &str, w: u16, h: u16) -> Self {
        Self::with_locator(name, w, h, source_locator())
    }

    /// Like [`Harness::new`], finding sources with `locator`.
    pub fn with_locator(
        name: &str,
        w: u16,
        h: u16,
        locator: memprof_tui::analysis::SourceLocator,
    ) -> Self {
        let p = profile(name);
        Self::build(p, &format!("testdata/profiles/{name}"), w, h, locator)
    }

    /// Opens testdata/profiles/NAME in the state `start` (as the command line would).
    pub fn with_start(name: &str, w: u16, h: u16, start: memprof_tui::app::Start) -> Self {
        let p = profile(name);
        Self::build_with(
            p,
            &format!("testdata/profiles/{name}"),
            w,
            h,
            source_locator(),
            Some(start),
        )
    }

    fn build(
        p: Arc<Profile>,
        inputs: &str,
        w: u16,
        h: u16,
        locator: memprof_tui::analysis::SourceLocator,
    ) -> Self {
        Self::build_with(p, inputs, w, h, locator, None)
    }

    fn build_with(
        p: Arc<Profile>,
        inputs: &str,
        w: u16,
        h: u16,
        locator: memprof_tui::analysis::SourceLocator,
        start: Option<memprof_tui::app::Start>,
    ) -> Self {
        utc();
        let start = start.unwrap_or_else(|| memprof_tui::app::Start {
            sample_index: p.default_sample_index(),
            ..Default::default()
        });
        let (app, cmds) = App::with_start(Filtered::unfiltered(p), inputs.to_string(), start);
        let mut h = Self {
            worker: Worker::new(locator),
            app,
            term: Terminal::new(TestBackend::new(w, h)).expect("terminal"),
            theme: Theme::new(false),
        };
        h.run(cmds);
        let more = h
            .app
            .handle(Event::Resize(w, h.term.backend().buffer().area.height));
        h.run(more);
        h.draw();
        h
    }

    /// Opens testdata/profiles/END minus testdata/profiles/BASE (`mode`: `--diff-base` or
    /// `--base`) at its default sample type, as the command line would.
    pub fn diff(
        end: &str,
        base: &str,
        mode: memprof_tui::profile::BaseMode,
        w: u16,
        h: u16,
    ) -> Self {
        utc();
        let bases = memprof_tui::profile::Bases {
            paths: vec![testdata(&format!("profiles/{base}")).display().to_string()],
            mode,
            normalize: false,
        };
        let end_path = testdata(&format!("profiles/{end}")).display().to_string();
        let p = memprof_tui::input::load_with_bases(
            &[end_path],
            Some(&bases),
            &Limits::default(),
            &Default::default(),
            &Default::default(),
        )
        .map(|l| l.profile)
        .expect(end);
        let start = memprof_tui::app::Start {
            sample_index: p.default_sample_index(),
            base: Some(bases),
            ..Default::default()
        };
        let inputs = format!("testdata/profiles/{end}");
        Self::build_with(Arc::new(p), &inputs, w, h, source_locator(), Some(start))
    }

    /// Opens an already loaded profile, named `inputs` in the header, at its default
    /// sample type on a `w`×`h` terminal (hostile-profile render tests, fuzzing).
    pub fn from_profile(p: Arc<Profile>, inputs: &str, w: u16, h: u16) -> Self {
        Self::build(p, inputs, w, h, source_locator())
    }

    /// Opens the profile file at `path` (anywhere, not only testdata/profiles).
    pub fn open(path: &std::path::Path, w: u16, h: u16) -> Self {
        utc();
        let name = path.display().to_string();
        let p = load(std::slice::from_ref(&name), &Limits::default()).expect(&name);
        Self::from_profile(Arc::new(p), &name, w, h)
    }

    /// Runs the jobs among `cmds` inline, feeding results back, until none is left.
    pub fn run(&mut self, cmds: Vec<Command>) {
        let mut queue: std::collections::VecDeque<Command> = cmds.into();
        while let Some(c) = queue.pop_front() {
            if let Command::Compute(job) = c {
                let done = self.worker.compute(&job);
                queue.extend(self.app.handle(Event::Done(done)));
            }
        }
    }

    /// Applies an action (and any jobs it starts), then redraws.
    pub fn act(&mut self, a: Action) {
        let cmds = self.app.update(a);
        self.run(cmds);
        self.draw();
    }

    /// Handles an event (and any jobs it starts), then redraws.
    pub fn event(&mut self, e: Event) {
        let cmds = self.app.handle(e);
        self.run(cmds);
        self.draw();
    }

    /// Presses the keys one by one, as the runtime does (keymap, or typing in a prompt).
    pub fn press(&mut self, keys: &[Key]) {
        for &k in keys {
            self.event(Event::Key(k));
        }
    }

    /// Types a string of plain characters as key presses.
    pub fn type_str(&mut self, s: &str) {
        let keys: Vec<Key> = s.chars().map(Key::ch).collect();
        self.press(&keys);
    }

    /// Draws a frame (laying it out first, like the runtime does).
    pub fn draw(&mut self) {
        memprof_tui::tui::draw(&mut self.term, &mut self.app, &self.theme).expect("draw");
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        let buf = self.term.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Resizes the terminal.
    pub fn resize(&mut self, w: u16, h: u16) {
        self.term.backend_mut().resize(w, h);
        self.event(Event::Resize(w, h));
    }
}

/// A key by name for readability in tests.
pub fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

impl Harness {
    /// Selects the top-table row named `name` (from the first row, with `g` then `j`s).
    pub fn select_row(&mut self, name: &str) {
        let v = self.app.view().expect("view");
        let i = v
            .report
            .rows
            .iter()
            .position(|r| r.name == name)
            .unwrap_or_else(|| panic!("no row {name}"));
        self.type_str("g");
        self.type_str(&"j".repeat(i));
    }
}

/// A small synthetic profile: functions `f0`…, one location per function, and a sample
/// per stack (leaf first) with one value per sample type named in `types` (the Go heap
/// names get Go's units).
pub fn synthetic_profile(funcs: usize, stacks: &[(Vec<u32>, Vec<i64>)], types: &[&str]) -> Profile {
    let names: Vec<String> = (0..funcs).map(|i| format!("f{i}")).collect();
    let types: Vec<(&str, &str)> = types
        .iter()
        .map(|t| {
            (
                *t,
                if t.ends_with("space") {
                    "bytes"
                } else {
                    "count"
                },
            )
        })
        .collect();
    let mut p = Profile::synthetic(&names, stacks, &types);
    for f in &mut p.functions {
        f.system_name.clear();
    }
    p
}
