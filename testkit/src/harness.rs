//! The one way tests, the walker, the screenshots and the fuzz targets drive the explorer
//! without a terminal: the app, a worker run inline, the jobs the app asked for held in a
//! queue (delivered at once by [`Harness::settle`], or one by one, late and out of order,
//! by the walker), and a test terminal drawn as the runtime draws (`tui::draw`).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};

use memprof_tui::analysis::SourceLocator;
use memprof_tui::app::input::{Key, KeyCode};
use memprof_tui::app::{Action, App, Command, Event, Start};
use memprof_tui::input::load;
use memprof_tui::jobs::{Filtered, Job, Ticket, Worker};
use memprof_tui::profile::{BaseMode, Bases, Limits, Profile};
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

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("testkit/ is in the repository")
        .to_path_buf()
}

/// Path of a file under testdata/.
pub fn testdata(rel: &str) -> PathBuf {
    root().join("testdata").join(rel)
}

/// Loads testdata/profiles/NAME.
pub fn profile(name: &str) -> Arc<Profile> {
    utc();
    let path = testdata(&format!("profiles/{name}"));
    Arc::new(load(&[path.display().to_string()], &Limits::default()).expect(name))
}

/// Finds sources under testdata/src (as `--source-path testdata/src` would), with no Go
/// installation or module cache, so results do not depend on the machine.
pub fn source_locator() -> SourceLocator {
    let src = testdata("src");
    SourceLocator::new(&src.display().to_string(), "", &src).with_go_dirs(None, None)
}

/// Finds no source file at all.
pub fn no_sources() -> SourceLocator {
    SourceLocator::new("", "", Path::new("/nonexistent")).with_go_dirs(None, None)
}

/// The explorer under test: the app, a worker run inline, the jobs asked for and not yet
/// delivered, and a test terminal.
pub struct Harness {
    /// The app.
    pub app: App,
    /// Computes the jobs.
    pub worker: Worker,
    /// The test terminal.
    pub term: Terminal<TestBackend>,
    /// The styles frames are drawn with.
    pub theme: Theme,
    /// Jobs asked for and not delivered yet.
    pub queue: VecDeque<Job>,
    /// Whether the app asked for a refetch not answered yet.
    pub refetch_asked: bool,
    /// What the app asked to write, answered at once: made (never written to disk,
    /// unless [`Harness::write_exports`]).
    pub exports: Vec<memprof_tui::export::ExportRequest>,
    /// Write exports to the paths asked for (tests give temporary paths).
    pub write_exports: bool,
    /// The views saved (in memory, unless [`Harness::views_file`] names a file).
    pub saved_views: Vec<memprof_tui::config::views::SavedView>,
    /// The views file saves go to, if any.
    pub views_file: Option<PathBuf>,
    /// What the app put on the clipboard.
    pub copied: Vec<String>,
}

impl Harness {
    /// Opens testdata/profiles/NAME at its default sample type on a `w`×`h` terminal.
    pub fn new(name: &str, w: u16, h: u16) -> Self {
        Self::with_locator(name, w, h, source_locator())
    }

    /// Like [`Harness::new`], finding sources with `locator`.
    pub fn with_locator(name: &str, w: u16, h: u16, locator: SourceLocator) -> Self {
        let p = profile(name);
        let start = default_start(&p);
        Self::build(
            p,
            &format!("testdata/profiles/{name}"),
            w,
            h,
            locator,
            start,
        )
    }

    /// Opens testdata/profiles/NAME in the state `start` (as the command line would).
    pub fn with_start(name: &str, w: u16, h: u16, start: Start) -> Self {
        let p = profile(name);
        let inputs = format!("testdata/profiles/{name}");
        Self::build(p, &inputs, w, h, source_locator(), start)
    }

    /// Opens testdata/profiles/END minus testdata/profiles/BASE (`mode`: `--diff-base` or
    /// `--base`) at its default sample type, as the command line would.
    pub fn diff(end: &str, base: &str, mode: BaseMode, w: u16, h: u16) -> Self {
        utc();
        let bases = Bases {
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
        let start = Start {
            sample_index: p.default_sample_index(),
            base: Some(bases),
            ..Default::default()
        };
        let inputs = format!("testdata/profiles/{end}");
        Self::build(Arc::new(p), &inputs, w, h, source_locator(), start)
    }

    /// Opens an already loaded profile, named `inputs` in the header, at its default
    /// sample type on a `w`×`h` terminal (hostile-profile render tests, fuzzing).
    pub fn from_profile(p: Arc<Profile>, inputs: &str, w: u16, h: u16) -> Self {
        let start = default_start(&p);
        Self::build(p, inputs, w, h, source_locator(), start)
    }

    /// Opens the profile file at `path` (anywhere, not only testdata/profiles).
    pub fn open(path: &Path, w: u16, h: u16) -> Self {
        utc();
        let name = path.display().to_string();
        let p = load(std::slice::from_ref(&name), &Limits::default()).expect(&name);
        Self::from_profile(Arc::new(p), &name, w, h)
    }

    /// The app over `p` named `inputs`, in the state `start`, finding sources with
    /// `locator`, on a `w`×`h` terminal; its first jobs run and a frame is drawn.
    pub fn build(
        p: Arc<Profile>,
        inputs: &str,
        w: u16,
        h: u16,
        locator: SourceLocator,
        start: Start,
    ) -> Self {
        let mut harness = Self::held(p, inputs, w, h, locator, start);
        harness.settle();
        harness.draw();
        harness
    }

    /// Like [`Harness::build`], with the first jobs held in the queue and nothing drawn
    /// (the walker decides when they arrive).
    pub fn held(
        p: Arc<Profile>,
        inputs: &str,
        w: u16,
        h: u16,
        locator: SourceLocator,
        start: Start,
    ) -> Self {
        utc();
        let (app, cmds) = App::with_start(Filtered::unfiltered(p), inputs.to_string(), start);
        let (w, h) = (w.max(1), h.max(1));
        let mut harness = Self {
            app,
            worker: Worker::new(locator),
            term: Terminal::new(TestBackend::new(w, h)).expect("test terminal"),
            theme: Theme::new(false),
            queue: VecDeque::new(),
            refetch_asked: false,
            exports: Vec::new(),
            write_exports: false,
            saved_views: Vec::new(),
            views_file: None,
            copied: Vec::new(),
        };
        harness.take(cmds);
        let more = harness.app.handle(Event::Resize(w, h));
        harness.take(more);
        harness
    }

    /// Holds what the app asked for: jobs in the queue, a refetch as asked; writes and
    /// copies are answered at once.
    pub fn take(&mut self, cmds: Vec<Command>) {
        for c in cmds {
            match c {
                Command::Compute(job) => self.queue.push_back(job),
                Command::Refetch => self.refetch_asked = true,
                // Saved copies of thinned snapshots: the walk saves none.
                Command::RemoveSaved(_) => {}
                // A change against another base: computed at once, as a thread would.
                Command::Compare(c) => {
                    let done = memprof_tui::app::timeline::compute(&c);
                    let more = self.app.handle(Event::Compared(Box::new(done)));
                    self.take(more);
                }
                Command::Export(req) => {
                    let r = if self.write_exports {
                        memprof_tui::export::run(&req, &no_sources())
                    } else {
                        memprof_tui::export::bytes(&req.what, &no_sources())
                            .map(|b| format!("made {} bytes", b.len()))
                    };
                    self.exports.push(*req);
                    let more = self.app.handle(Event::Written(r));
                    self.take(more);
                }
                Command::SaveView(v) => {
                    let r = match &self.views_file {
                        Some(path) => memprof_tui::config::views::save(path, &v),
                        None => {
                            self.saved_views.retain(|x| x.name != v.name);
                            self.saved_views.push((*v).clone());
                            Ok(self.saved_views.clone())
                        }
                    };
                    let more = self
                        .app
                        .handle(Event::ViewsSaved(r.map(|all| (v.name.clone(), all))));
                    self.take(more);
                }
                Command::Copy(text) => self.copied.push(text),
                Command::ClearScreen | Command::Suspend | Command::OpenEditor(..) => {}
            }
        }
    }

    /// Delivers held job `i` (modulo their number), skipped as a worker skips it when it
    /// was withdrawn; false when none is held.
    pub fn deliver(&mut self, i: usize) -> bool {
        if self.queue.is_empty() {
            return false;
        }
        let i = i % self.queue.len();
        if let Some(job) = self.queue.remove(i)
            && !job.is_withdrawn()
        {
            let done = self.worker.compute(&job);
            // As a worker does: the job ends before its result arrives.
            drop(job);
            if let Some(done) = done {
                let cmds = self.app.handle(Event::Done(done));
                self.take(cmds);
            }
        }
        true
    }

    /// Delivers the result of `job` even if it was withdrawn, as from a worker that
    /// finished it just before (a late result the app must drop or take).
    pub fn deliver_late(&mut self, job: &Job) {
        let job = Job {
            ticket: Ticket::default(),
            ..job.clone()
        };
        if let Some(done) = self.worker.compute(&job) {
            drop(job);
            let cmds = self.app.handle(Event::Done(done));
            self.take(cmds);
        }
    }

    /// Delivers every held job, and those they start.
    pub fn settle(&mut self) {
        while self.deliver(0) {}
    }

    /// Takes `cmds` and delivers every job.
    pub fn run(&mut self, cmds: Vec<Command>) {
        self.take(cmds);
        self.settle();
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

    /// Draws a frame as the runtime does (planned, the layout handed to the app); the
    /// jobs taking the layout asks for are delivered and the frame drawn again.
    pub fn draw(&mut self) {
        for _ in 0..4 {
            let cmds = self.draw_once();
            if cmds.is_empty() {
                return;
            }
            self.run(cmds);
        }
    }

    /// Does the work put off to once a frame (the search typed since the last one), then
    /// draws one frame; returns what the app asked for in both.
    pub fn draw_once(&mut self) -> Vec<Command> {
        let mut cmds = self.app.before_draw();
        cmds.extend(
            memprof_tui::tui::draw(&mut self.term, &mut self.app, &self.theme).expect("draw"),
        );
        cmds
    }

    /// The last frame drawn.
    pub fn buffer(&self) -> &ratatui::buffer::Buffer {
        self.term.backend().buffer()
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

/// The state the command line starts in without flags: the profile's default type.
pub fn default_start(p: &Profile) -> Start {
    Start {
        sample_index: p.default_sample_index(),
        ..Default::default()
    }
}

/// A key by name for readability in tests.
pub fn key(code: KeyCode) -> Key {
    Key::plain(code)
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
