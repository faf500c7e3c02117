//! Model-based exploration of the explorer, for tests and fuzzing: a byte stream decides
//! each step (an action, a key, a mouse event, a resize, a paste of up to 100,000
//! characters or a burst of keys typed into a prompt, a finished job delivered late or
//! in another order, a frame drawn at any size; for a fetched profile, refetches answered
//! late, failed, with progress, and `--watch` ticks), and after every step the invariants
//! a user relies on are checked — and once the jobs have settled, that what is shown is
//! what a fresh computation of its key gives ([`crate::reference`]). No terminal is
//! involved: the walker drives the app through the test [`Harness`].

mod invariants;
mod live;

use std::sync::Arc;

use memprof_tui::analysis::SourceLocator;
use memprof_tui::app::input::{Key, KeyCode, Mouse};
use memprof_tui::app::{Action, Event, Scope, Start};
use memprof_tui::profile::Profile;
use memprof_tui::ui::Theme;

use crate::harness::{Harness, default_start, no_sources};
use crate::reference::Reference;

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

/// What a walk opens, and opens again after a quit (the program would have ended).
struct Launch {
    profile: Arc<Profile>,
    inputs: String,
    size: (u16, u16),
    locator: SourceLocator,
    start: Start,
    /// The report cache's budget (`--cache-mib`), when not the default.
    cache_budget: Option<usize>,
}

/// The explorer under a walk.
pub struct Walker {
    h: Harness,
    launch: Launch,
    /// The profiles refetches answer with, in turn (empty: the inputs are files).
    refetch_with: Vec<Arc<Profile>>,
    /// The snapshots of a series walk (`--series`; empty otherwise).
    series: Vec<Arc<Profile>>,
    /// Refetches answered so far.
    refetches: usize,
    /// Fresh computations of the keys shown, to compare with.
    reference: Reference,
    /// Steps taken.
    pub steps: u64,
    /// Quits asked for and done (each followed by a new launch).
    pub quits: u64,
    /// Times the shown views were compared with fresh computations.
    pub reference_checks: u64,
    /// Times `back` returned to a remembered place.
    pub backs: u64,
}

impl Walker {
    /// A walker over `profile` (which must have a sample type) on a `w`×`h` terminal.
    pub fn new(profile: Arc<Profile>, w: u16, h: u16) -> Self {
        Self::open(profile, "walk", w, h, no_sources())
    }

    /// A walker over `profile` named `inputs`, finding sources with `locator`.
    pub fn open(
        profile: Arc<Profile>,
        inputs: &str,
        w: u16,
        h: u16,
        locator: SourceLocator,
    ) -> Self {
        let start = default_start(&profile);
        Self::open_with(profile, inputs, w, h, locator, start)
    }

    /// A walker over `profile` started in the state `start` asks for (a diff's bases,
    /// say), finding no sources.
    pub fn with_start(profile: Arc<Profile>, start: Start, w: u16, h: u16) -> Self {
        Self::open_with(profile, "walk", w, h, no_sources(), start)
    }

    /// A walker over `profile` named `inputs`, started in the state `start`, finding
    /// sources with `locator`.
    pub fn open_with(
        profile: Arc<Profile>,
        inputs: &str,
        w: u16,
        h: u16,
        locator: SourceLocator,
        start: Start,
    ) -> Self {
        let launch = Launch {
            profile,
            inputs: inputs.to_string(),
            size: (w, h),
            locator,
            start,
            cache_budget: None,
        };
        Self {
            h: launched(&launch),
            launch,
            refetch_with: Vec::new(),
            series: Vec::new(),
            refetches: 0,
            reference: Reference::default(),
            steps: 0,
            quits: 0,
            reference_checks: 0,
            backs: 0,
        }
    }

    /// Presses `keys` one by one, each answered in full (its jobs computed), and draws.
    pub fn press(&mut self, keys: &[Key]) {
        for &k in keys {
            let cmds = self.h.app.handle(Event::Key(k));
            self.h.run(cmds);
        }
        self.h.draw();
    }

    /// The last frame drawn.
    pub fn buffer(&self) -> &ratatui::buffer::Buffer {
        self.h.buffer()
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.h.screen()
    }

    /// The app.
    pub fn app(&self) -> &memprof_tui::app::App {
        &self.h.app
    }

    /// Delivers every held-back job, and those they start.
    pub fn settle(&mut self) {
        self.h.settle();
    }

    /// Lays out and draws a frame at the terminal's size, as the runtime does; the jobs
    /// it asks for are held.
    pub fn draw(&mut self) {
        let cmds = self.h.draw_once();
        self.h.take(cmds);
    }

    /// Settles the jobs, draws, and again until a frame asks for nothing more.
    fn settle_fully(&mut self) {
        for _ in 0..8 {
            self.h.settle();
            let cmds = self.h.draw_once();
            if cmds.is_empty() && self.h.queue.is_empty() {
                return;
            }
            self.h.take(cmds);
        }
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.h.term.backend_mut().resize(w, h);
        let cmds = self.h.app.handle(Event::Resize(w, h));
        self.h.take(cmds);
    }

    /// Whether `key` asks to quit as the app stands: the keymap resolves it to Quit in
    /// the scopes in force (a character typed into the prompt does not), or, for an Alt
    /// key bound to nothing, the key after the Esc a terminal sends first.
    fn key_quits(&self, key: Key) -> bool {
        let app = &self.h.app;
        let typed =
            app.prompt().is_some() && matches!(key.code, KeyCode::Char(_)) && !key.ctrl && !key.alt;
        if typed {
            return false;
        }
        let km = app.keymap();
        match km.resolve(&app.scopes(), key) {
            Some(a) => a == Action::Quit,
            None if key.alt => {
                // Esc closes the innermost of prompt and overlay (or leaves a zoom or a
                // search), then the key is read in the scopes left.
                let plain = Key { alt: false, ..key };
                let pane = [Scope::of_pane(app.focus()), Scope::Global];
                let after_esc: &[Scope] = if app.prompt().is_some() && app.overlay().is_some() {
                    &[Scope::Overlay]
                } else {
                    &pane
                };
                km.resolve(after_esc, plain) == Some(Action::Quit)
            }
            None => false,
        }
    }

    /// The pane `back` returns to from here, when it has nothing to close first.
    fn back_goes_to(&self) -> Option<memprof_tui::app::PaneId> {
        let app = &self.h.app;
        let closes = app.prompt().is_some()
            || app.overlay().is_some()
            || app.search().is_some()
            || (app.focus() == memprof_tui::app::PaneId::Flame && app.flame().is_zoomed());
        if closes {
            return None;
        }
        app.back_target().map(|p| p.pane)
    }

    /// Takes one step decided by `d`; `None` when the bytes ran out.
    fn step(&mut self, d: &mut Decisions) -> Result<Option<()>, String> {
        let actions = Action::all();
        let Some(op) = d.byte() else { return Ok(None) };
        let size = self.h.term.backend().buffer().area;
        let mut quit_asked = false;
        let mut settled = false;
        let mut back_missed = None;
        let Some(()) = (|| {
            match op % 16 {
                0..=5 => {
                    let a = actions[usize::from(d.byte()?) % actions.len()];
                    quit_asked = a == Action::Quit;
                    let goes_back = (a == Action::Back).then(|| self.back_goes_to()).flatten();
                    let cmds = self.h.app.update(a);
                    self.h.take(cmds);
                    if let Some(pane) = goes_back {
                        self.backs += 1;
                        if self.h.app.focus() != pane {
                            back_missed = Some(pane);
                        }
                    }
                }
                6..=7 => {
                    let b = d.byte()?;
                    let key = match b % 4 {
                        0 => Key::plain(KEYS[usize::from(d.byte()?) % KEYS.len()]),
                        1 => Key::ctrl(char::from(b'a' + d.byte()? % 26)),
                        2 => Key {
                            alt: true,
                            ..Key::ch(char::from(b' ' + d.byte()? % 95))
                        },
                        _ => Key::ch(char::from(b' ' + d.byte()? % 95)),
                    };
                    quit_asked = self.key_quits(key);
                    let cmds = self.h.app.handle(Event::Key(key));
                    self.h.take(cmds);
                }
                8 => {
                    let (x, y) = (d.u16_in(0, size.width)?, d.u16_in(0, size.height)?);
                    let m = match d.byte()? % 3 {
                        0 => Mouse::ScrollUp(x, y),
                        1 => Mouse::ScrollDown(x, y),
                        _ => Mouse::Click(x, y),
                    };
                    let cmds = self.h.app.handle(Event::Mouse(m));
                    self.h.take(cmds);
                }
                9 => {
                    let (w, h) = (d.u16_in(1, 250)?, d.u16_in(1, 80)?);
                    self.resize(w, h);
                }
                10..=13 => {
                    self.h.deliver(usize::from(d.byte()?));
                }
                14 => self.paste_or_type(d.byte()?, d.byte()?),
                15 if !self.refetch_with.is_empty() => self.live_event(d.byte()?),
                _ => settled = true,
            }
            Some(())
        })() else {
            return Ok(None);
        };
        self.steps += 1;
        if let Some(pane) = back_missed {
            return Err(format!(
                "back did not return to the {pane:?} pane (focus: {:?})",
                self.h.app.focus()
            ));
        }
        let app = &self.h.app;
        match (app.should_quit(), quit_asked) {
            (true, true) => {
                // The program ends here; a new one starts, so quitting stays checked.
                self.quits += 1;
                self.h = launched(&self.launch);
                self.relaunched();
                return Ok(Some(()));
            }
            (true, false) => return Err("quit without q or Ctrl-C".into()),
            (false, true) => return Err("q or Ctrl-C did not quit".into()),
            (false, false) => {}
        }
        if settled {
            self.settle_fully();
            self.check()?;
            self.check_settled()?;
        } else {
            self.draw();
        }
        Ok(Some(()))
    }

    /// A paste (bracketed: one event) of 1 to 100,000 characters of regex syntax,
    /// names, controls and wide characters, or, in an open prompt, a burst of up to 2,000
    /// keys typed with no frame between them; `b` decides the length and the kind, `seed`
    /// the text.
    fn paste_or_type(&mut self, b: u8, seed: u8) {
        let len = match b >> 4 {
            0..=7 => 1 + usize::from(b % 16),
            8..=11 => 300,
            12..=14 => 5_000,
            _ => 100_000,
        };
        let text = paste_text(seed, len);
        if b & 1 == 1 && self.h.app.prompt().is_some() {
            for c in text.chars().take(2_000) {
                let cmds = self.h.app.handle(Event::Key(Key::ch(c)));
                self.h.take(cmds);
            }
        } else {
            let cmds = self.h.app.handle(Event::Paste(text));
            self.h.take(cmds);
        }
    }

    /// Walks as `bytes` decide; returns the first broken invariant.
    pub fn walk(&mut self, bytes: &[u8]) -> Result<(), String> {
        let mut d = Decisions { bytes, at: 0 };
        while self.step(&mut d)?.is_some() {
            self.check()?;
        }
        self.settle_fully();
        self.check()?;
        self.check_settled()
    }

    /// The invariants once every job has been delivered: nothing is computing, the
    /// focused pane shows the reports of the current key, and what is shown equals a
    /// fresh computation of that key.
    fn check_settled(&mut self) -> Result<(), String> {
        let app = &self.h.app;
        if let Some(k) = app.busy() {
            return Err(format!(
                "still computing {k:?} after every job was delivered"
            ));
        }
        crate::reference::check_bound(app)?;
        self.reference_checks += 1;
        self.reference.check(app, &self.h.worker)
    }

    /// Bounds the reports the app keeps to about `bytes`, now and at every new launch: a
    /// tiny budget makes every report that is not on screen go, so panes must find
    /// theirs computed again.
    pub fn set_cache_budget(&mut self, bytes: usize) {
        self.launch.cache_budget = Some(bytes);
        self.h.app.set_cache_budget(bytes);
    }

    /// After a new launch: a live walker's app is a fetched profile again.
    fn relaunched(&mut self) {
        self.h.theme = Theme::new(true);
        if let Some(b) = self.launch.cache_budget {
            self.h.app.set_cache_budget(b);
        }
        if !self.refetch_with.is_empty() {
            let cmds = live::set_fetched(&mut self.h.app);
            self.h.take(cmds);
        }
        if !self.series.is_empty() {
            let cmds = live::open_series(&mut self.h.app, &self.series);
            self.h.take(cmds);
        }
        let cmds = self.h.draw_once();
        self.h.take(cmds);
    }
}

/// A harness over what `l` opens, its first jobs held, drawn in colour.
fn launched(l: &Launch) -> Harness {
    let mut h = Harness::held(
        l.profile.clone(),
        &l.inputs,
        l.size.0,
        l.size.1,
        l.locator.clone(),
        l.start.clone(),
    );
    h.theme = Theme::new(true);
    h
}

/// `len` characters for a paste or typed keys, drawn from `seed`.
fn paste_text(seed: u8, len: usize) -> String {
    const ALPHABET: &[char] = &[
        'm', 'a', 'i', 'n', '.', '(', ')', '[', ']', '*', '+', '?', '{', '}', '|', '\\', '^', '$',
        ' ', '0', '9', ',', '=', ':', '\n', '\t', '\u{1b}', 'é', '世', '\u{202e}',
    ];
    let mut x = u32::from(seed) * 2 + 1;
    (0..len)
        .map(|_| {
            // xorshift32
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            ALPHABET[x as usize % ALPHABET.len()]
        })
        .collect()
}
