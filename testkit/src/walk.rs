//! Model-based exploration of the explorer, for tests and fuzzing: a byte stream decides
//! each step (an action, a key, a mouse event, a resize, a finished job delivered late or
//! in another order, a frame drawn at any size; for a fetched profile, refetches answered
//! late, failed, with progress, and `--watch` ticks), and after every step the invariants
//! a user relies on are checked. No terminal is involved.

mod live;

use std::collections::VecDeque;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use memprof_tui::analysis::SourceLocator;
use memprof_tui::app::input::{Key, KeyCode, Mouse};
use memprof_tui::app::{Action, App, Command, Event};
use memprof_tui::jobs::{Filtered, Job, Worker};
use memprof_tui::profile::Profile;
use memprof_tui::ui::{self, Theme};

/// A small Go file that stands in for every source file a profile names and this machine
/// has, so walks and fuzzing still find, read, highlight and annotate a file (with the
/// profile's line numbers) without spending each step on a large real file.
fn small_source() -> &'static str {
    static PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("memprof-walk-src-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("main.go");
        let mut text = String::from("package main\n\nimport \"fmt\"\n\n");
        for i in 0..12 {
            text.push_str(&format!(
                "func f{i}(n int) []byte {{\n\treturn make([]byte, n*{i})\n}}\n\n"
            ));
        }
        text.push_str("func main() {\n\tfmt.Println(len(f1(3)))\n}\n");
        let _ = std::fs::write(&path, text);
        path.display().to_string()
    })
}

/// Points every source file of `p` that exists on this machine at a small stand-in file.
pub fn tame_sources(p: &mut Profile) {
    for f in &mut p.functions {
        if !f.filename.is_empty() && std::path::Path::new(&f.filename).is_file() {
            f.filename = small_source().to_string();
        }
    }
}

/// Keys a user may press (beyond the keymap's, plain characters type into prompts).
const KEYS: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Backspace,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
];

/// Reads the decisions of a walk from bytes (fuzzer input or a seeded generator).
struct Decisions<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Decisions<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn u16_in(&mut self, lo: u16, hi: u16) -> Option<u16> {
        let v = u16::from_le_bytes([self.byte()?, self.byte()?]);
        Some(lo + v % (hi - lo + 1))
    }
}

/// The explorer under a walk: the app, a worker run inline, jobs held back to be
/// delivered later, and a test terminal.
pub struct Walker {
    app: App,
    worker: Worker,
    queue: VecDeque<Job>,
    term: Terminal<TestBackend>,
    theme: Theme,
    quit_asked: bool,
    /// The profiles refetches answer with, in turn (empty: the inputs are files).
    refetch_with: Vec<Arc<Profile>>,
    /// Whether the app asked for a refetch not answered yet.
    refetch_pending: bool,
    /// Refetches answered so far.
    refetches: usize,
    /// Steps taken.
    pub steps: u64,
}

impl Walker {
    /// A walker over `profile` (which must have a sample type) on a `w`×`h` terminal.
    pub fn new(profile: Arc<Profile>, w: u16, h: u16) -> Self {
        let locator = SourceLocator::new("", "", std::path::Path::new("/nonexistent"))
            .with_go_dirs(None, None);
        Self::open(profile, "walk", w, h, locator)
    }

    /// A walker over `profile` named `inputs`, finding sources with `locator`.
    pub fn open(
        profile: Arc<Profile>,
        inputs: &str,
        w: u16,
        h: u16,
        locator: SourceLocator,
    ) -> Self {
        let start = memprof_tui::app::Start {
            sample_index: profile.default_sample_index(),
            ..Default::default()
        };
        Self::open_with(profile, inputs, w, h, locator, start)
    }

    /// A walker over `profile` started in the state `start` asks for (a diff's bases,
    /// say), finding no sources.
    pub fn with_start(
        profile: Arc<Profile>,
        start: memprof_tui::app::Start,
        w: u16,
        h: u16,
    ) -> Self {
        let locator = SourceLocator::new("", "", std::path::Path::new("/nonexistent"))
            .with_go_dirs(None, None);
        Self::open_with(profile, "walk", w, h, locator, start)
    }

    fn open_with(
        profile: Arc<Profile>,
        inputs: &str,
        w: u16,
        h: u16,
        locator: SourceLocator,
        start: memprof_tui::app::Start,
    ) -> Self {
        let (app, cmds) = App::with_start(Filtered::unfiltered(profile), inputs.into(), start);
        let mut walker = Self {
            app,
            worker: Worker::new(locator),
            queue: VecDeque::new(),
            term: Terminal::new(TestBackend::new(w.max(1), h.max(1))).expect("test terminal"),
            theme: Theme::new(true),
            quit_asked: false,
            refetch_with: Vec::new(),
            refetch_pending: false,
            refetches: 0,
            steps: 0,
        };
        walker.take(cmds);
        let more = walker.app.handle(Event::Resize(w, h));
        walker.take(more);
        walker
    }

    /// Presses `keys` one by one, each answered in full (its jobs computed), and draws.
    pub fn press(&mut self, keys: &[Key]) {
        for &k in keys {
            let cmds = self.app.handle(Event::Key(k));
            self.take(cmds);
            self.settle();
        }
        self.draw();
    }

    /// The last frame drawn.
    pub fn buffer(&self) -> &ratatui::buffer::Buffer {
        self.term.backend().buffer()
    }

    /// The app.
    pub fn app(&self) -> &App {
        &self.app
    }

    fn take(&mut self, cmds: Vec<Command>) {
        for c in cmds {
            match c {
                Command::Compute(job) => self.queue.push_back(job),
                Command::Refetch => self.refetch_pending = true,
                _ => {}
            }
        }
    }

    /// Delivers held-back job `i` (modulo their number).
    fn deliver(&mut self, i: usize) {
        if self.queue.is_empty() {
            return;
        }
        let i = i % self.queue.len();
        if let Some(job) = self.queue.remove(i) {
            let done = self.worker.compute(&job);
            let cmds = self.app.handle(Event::Done(done));
            self.take(cmds);
        }
    }

    /// Delivers every held-back job, and those they start.
    pub fn settle(&mut self) {
        while !self.queue.is_empty() {
            self.deliver(0);
        }
    }

    /// Lays out and draws a frame at the terminal's size, as the runtime does.
    pub fn draw(&mut self) {
        let area = self.term.backend().buffer().area;
        self.app.set_layout(ui::layout(&self.app, area));
        let app = &self.app;
        let theme = self.theme;
        self.term
            .draw(|f| ui::draw(f, app, &theme))
            .expect("drawing on a test backend");
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.term.backend_mut().resize(w, h);
        let cmds = self.app.handle(Event::Resize(w, h));
        self.take(cmds);
    }

    /// Takes one step decided by `d`; `None` when the bytes ran out.
    fn step(&mut self, d: &mut Decisions) -> Option<()> {
        let actions = Action::all();
        let op = d.byte()?;
        let size = self.term.backend().buffer().area;
        match op % 16 {
            0..=5 => {
                let a = actions[usize::from(d.byte()?) % actions.len()];
                self.quit_asked |= a == Action::Quit;
                let cmds = self.app.update(a);
                self.take(cmds);
            }
            6..=7 => {
                let b = d.byte()?;
                let key = match b % 4 {
                    0 => Key::plain(KEYS[usize::from(d.byte()?) % KEYS.len()]),
                    1 => Key::ctrl(char::from(b'a' + d.byte()? % 26)),
                    _ => Key::ch(char::from(b' ' + d.byte()? % 95)),
                };
                self.quit_asked |=
                    key == Key::ctrl('c') || (key == Key::ch('q') && self.app.prompt().is_none());
                let cmds = self.app.handle(Event::Key(key));
                self.take(cmds);
            }
            8 => {
                let (x, y) = (d.u16_in(0, size.width)?, d.u16_in(0, size.height)?);
                let m = match d.byte()? % 3 {
                    0 => Mouse::ScrollUp(x, y),
                    1 => Mouse::ScrollDown(x, y),
                    _ => Mouse::Click(x, y),
                };
                let cmds = self.app.handle(Event::Mouse(m));
                self.take(cmds);
            }
            9 => {
                let (w, h) = (d.u16_in(1, 250)?, d.u16_in(1, 80)?);
                self.resize(w, h);
            }
            10..=13 => self.deliver(usize::from(d.byte()?)),
            15 if !self.refetch_with.is_empty() => self.live_event(d.byte()?),
            _ => self.settle(),
        }
        self.draw();
        self.steps += 1;
        Some(())
    }

    /// Walks as `bytes` decide; returns the first broken invariant.
    pub fn walk(&mut self, bytes: &[u8]) -> Result<(), String> {
        let mut d = Decisions { bytes, at: 0 };
        while self.step(&mut d).is_some() {
            self.check()?;
        }
        self.settle();
        self.draw();
        self.check()
    }

    /// The invariants: the selection names a function, every cursor and scroll position
    /// is in bounds, and the app quits only when asked to.
    pub fn check(&self) -> Result<(), String> {
        let app = &self.app;
        if app.should_quit() && !self.quit_asked {
            return Err("quit without q or Ctrl-C".into());
        }
        if let Some(f) = app.selection()
            && f.index() >= app.frames().infos.len()
        {
            return Err(format!("selection {f:?} names no function"));
        }
        let top = app.top();
        if top.view().is_some() && !in_list(top.table.selected, top.table.offset, top.len()) {
            return Err(format!("top cursor {:?} of {}", top.table, top.len()));
        }
        let tree = app.tree();
        let rows = tree.rows();
        if !in_list(tree.table().selected, tree.table().offset, rows.len()) {
            return Err(format!("tree cursor {:?} of {}", tree.table(), rows.len()));
        }
        if let Some(t) = tree.tree()
            && let Some(r) = rows.iter().find(|r| !t.contains(r.node))
        {
            return Err(format!("tree row {r:?} not in its tree"));
        }
        let peek = app.peek();
        if !in_list(peek.table.selected, peek.table.offset, peek.rows().len()) {
            return Err(format!(
                "peek cursor {:?} of {}",
                peek.table,
                peek.rows().len()
            ));
        }
        let flame = app.flame();
        if let Some(t) = flame.tree() {
            let bad = flame
                .selected()
                .into_iter()
                .chain(flame.zoom().iter().copied())
                .find(|&n| !t.contains(n));
            if let Some(n) = bad {
                return Err(format!("flame node {n:?} not in its tree"));
            }
        }
        let src = app.source();
        if let Some(data) = src.ready().and_then(|r| r.data.as_ref())
            && data.line_count() > 0
            && !(1..=data.line_count() as i64).contains(&src.cursor_line())
        {
            return Err(format!(
                "source cursor {} of {} lines",
                src.cursor_line(),
                data.line_count()
            ));
        }
        if app.live().showing_change() && app.diff().is_none() {
            return Err("the change since the previous fetch is shown without a diff".into());
        }
        if let Some((_, scroll)) = app.overlay() {
            let (lines, rows) = app.layout().overlay;
            if scroll > lines.saturating_sub(usize::from(rows)) {
                return Err(format!(
                    "overlay scroll {scroll} of {lines} lines in {rows}"
                ));
            }
        }
        Ok(())
    }
}

/// Whether a list cursor is on a row (or at 0 for an empty list) with the offset at or
/// before it.
fn in_list(selected: usize, offset: usize, len: usize) -> bool {
    (len == 0 && selected == 0 && offset == 0) || (selected < len && offset <= selected)
}
