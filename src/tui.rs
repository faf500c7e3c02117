//! The interactive runtime: loads the profile off the UI thread, runs the event loop
//! (input thread, worker thread, signals), feeds actions to the app and draws it.

mod background;
mod keys;
mod loader;
mod memory;
pub mod terminal;
mod writer;

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::{App, Command, Event as AppEvent, Fetch};
use crate::exit::{EXIT_FAILURE, EXIT_OK, EXIT_PANIC, Failure};
use crate::jobs::Done;
use crate::profile::{Limits, LoadError, LoadErrorKind, LoadProgress};
use crate::ui::{self, Theme};
use keys::Input;

/// What the explorer needs from the command line.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Profile files (merged); "-" reads stdin.
    pub profiles: Vec<String>,
    /// Base profiles subtracted from the profile (`--diff-base`/`--base`), if any.
    pub bases: Option<crate::profile::Bases>,
    /// The loader's resource caps.
    pub limits: Limits,
    /// The sample type to show first (name or index), else the profile's default.
    pub sample_index: Option<String>,
    /// Where source files are searched (':'-separated).
    pub source_path: String,
    /// Prefixes removed from recorded source paths (':'-separated).
    pub trim_path: String,
    /// `--color`: auto, always or never.
    pub color: String,
    /// Whether the mouse is captured.
    pub mouse: bool,
    /// Ignore the user's config files (keymap, theme).
    pub no_config: bool,
    /// The granularity to start at (pprof's name).
    pub granularity: String,
    /// Start sorted by cum.
    pub cum: bool,
    /// `--unit`: "minimum" shows each value in its own unit, another unit the whole
    /// report in it.
    pub unit: String,
    /// `--nodecount` (0: every row).
    pub node_count: usize,
    /// `--node-fraction` (0: every row).
    pub node_fraction: f64,
    /// The refinements to start with.
    pub filters: crate::analysis::filter::Filters,
    /// How URL inputs are fetched.
    pub fetch: crate::fetch::FetchOptions,
    /// `--watch`: refetch URL inputs every so many seconds.
    pub watch: Option<u64>,
    /// `--series`: the inputs are snapshots of one program, opened as a series.
    pub series: bool,
    /// How many snapshots the series keeps (`--keep`; 0: every one).
    pub keep: usize,
    /// About how much memory the kept snapshots may take (`--keep-mib`), in bytes.
    pub keep_bytes: u64,
    /// About how much memory the computed reports may take (`--cache-mib`), in bytes.
    pub cache_bytes: usize,
    /// `--view NAME`: the saved view to start with.
    pub view: Option<String>,
}

/// Everything the event loop waits for.
enum Event {
    /// A terminal event.
    Input(crossterm::event::Event),
    /// A finished background job.
    Done(Done),
    /// A termination signal.
    Signal(i32),
    /// The profile finished loading (with its functions table built).
    Loaded(Box<Result<loader::Opened, LoadError>>),
    /// A refetch finished.
    Refetched(Box<Result<Fetch, LoadError>>),
    /// Progress of a fetch (first load or refetch).
    Progress(crate::fetch::Progress),
    /// A change against a chosen base was computed.
    Compared(Box<crate::app::timeline::Compared>),
    /// The answer to something the app asked for (a file written, a view saved).
    Answer(AppEvent),
}

/// Where the app's commands go: jobs to the workers, writes to the writer.
struct Outbox {
    jobs: background::JobQueue,
    writer: writer::Writer,
}

impl Drop for Outbox {
    /// The explorer is done: the workers end.
    fn drop(&mut self) {
        self.jobs.close();
    }
}

fn io_failure(e: io::Error) -> Failure {
    Failure::unexpected(format!("terminal: {e}"))
}

/// Whether colours are on for `--color` and the environment (NO_COLOR).
pub fn color_enabled(flag: &str) -> bool {
    match flag {
        "always" => true,
        "never" => false,
        _ => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Runs the explorer on a terminal; returns the exit code.
pub fn run(opts: &Options) -> Result<i32, Failure> {
    memory::tune();
    // A bad config file stops here, before the terminal changes, with its file and line.
    let (keymap, theme_spec) =
        crate::config::load(opts.no_config).map_err(|e| Failure::usage(e.to_string()))?;
    // Saved views too: a bad views.toml or an unknown --view stops here.
    let views_dir = (!opts.no_config).then(crate::config::user_dir).flatten();
    let views_path = views_dir.map(|d| d.join(crate::config::views::FILE_NAME));
    let views = match &views_path {
        Some(p) => crate::config::views::load(p).map_err(|e| Failure::usage(e.to_string()))?,
        None => Vec::new(),
    };
    if let Some(name) = &opts.view
        && !views.iter().any(|v| &v.name == name)
    {
        let mut app_views = views.iter().map(|v| v.name.as_str()).collect::<Vec<_>>();
        app_views.truncate(20);
        return Err(Failure::usage(if app_views.is_empty() {
            format!("--view {name}: no view is saved yet (M in the explorer saves one)")
        } else {
            format!(
                "--view {name}: no such saved view; saved: {}",
                app_views.join(", ")
            )
        }));
    }
    crate::highlight::set_syntax_colors(&theme_spec.syntax);
    let (tx, rx) = mpsc::channel::<Event>();
    let progress = Arc::new(LoadProgress::new());
    loader::spawn(opts, tx.clone(), false, None, Arc::clone(&progress));
    spawn_signals(tx.clone())?;
    let theme = Theme::from_spec(&theme_spec, color_enabled(&opts.color));
    // crossterm would emit a bare reset under NO_COLOR that cancels reverse video; the
    // theme already avoids colours, so let crossterm write attributes as asked.
    crossterm::style::force_color_output(true);
    terminal::install_panic_hook(EXIT_PANIC);
    terminal::enter(opts.mouse).map_err(io_failure)?;
    let _guard = terminal::Guard;
    spawn_input(tx.clone());
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout())).map_err(io_failure)?;
    let names = opts.profiles.join(" ");
    let opened = match loader::wait_for_profile(&mut term, &rx, &names, &theme, &progress)? {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let snapshot = opened.fetch;
    let unfiltered = snapshot.unfiltered.clone();
    let profile = unfiltered.profile.clone();
    if profile.sample_types.is_empty() {
        return Err(Failure {
            message: format!("{names}: profile has no samples"),
            code: LoadErrorKind::Invalid.exit_code(),
        });
    }
    let sample_index = profile
        .sample_index_by_name(opts.sample_index.as_deref().unwrap_or(""))
        .map_err(Failure::usage)?;
    let granularity = crate::analysis::Granularity::parse(&opts.granularity).ok_or_else(|| {
        Failure::usage(format!(
            "unknown granularity {:?}: use functions, filefunctions, files, lines or addresses",
            opts.granularity
        ))
    })?;
    let start = crate::app::Start {
        sample_index,
        granularity,
        cum: opts.cum,
        units: crate::app::UnitMode::from_flag(&opts.unit),
        trim: crate::jobs::Trim::new(opts.node_count, opts.node_fraction),
        filters: opts.filters.clone(),
        base: opts.bases.clone(),
    };
    let (mut app, mut cmds) = App::with_start(unfiltered, names, start);
    app.set_keymap(keymap);
    app.set_series_keep(opts.keep, opts.keep_bytes);
    app.set_cache_budget(opts.cache_bytes);
    app.set_fetched(snapshot.fetched.clone(), snapshot.at);
    cmds.extend(app.begin_series(opened.series, opened.previous, &snapshot));
    let watch = opts.watch.filter(|&s| s > 0).map(Duration::from_secs);
    if watch.is_some() {
        app.watch_requested();
    }
    app.set_input_names(opts.profiles.clone());
    let save_off = match (&views_path, opts.no_config) {
        (_, true) => Some("--no-config ignores your config files".to_string()),
        (None, _) => Some("no config directory (set XDG_CONFIG_HOME or HOME)".to_string()),
        (Some(_), false) => None,
    };
    app.set_views(views, save_off);
    if let Some(name) = &opts.view {
        app.recall_named(name).map_err(Failure::usage)?;
        cmds.extend(app.update(crate::app::Action::Redraw));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let locator = crate::analysis::SourceLocator::new(&opts.source_path, &opts.trim_path, &cwd);
    let jobs = Outbox {
        jobs: background::spawn_workers(opts, tx.clone()),
        writer: writer::Writer::new(tx.clone(), locator, views_path),
    };
    let size = term.size().map_err(io_failure)?;
    let more = app.handle(AppEvent::Resize(size.width, size.height));
    run_commands(
        &mut term,
        &mut app,
        cmds.into_iter().chain(more).collect(),
        &jobs,
    )?;
    let mut live = loader::Reload {
        opts: opts.clone(),
        tx: tx.clone(),
        // Files are never refetched: no ticks (the status line said so).
        watch: watch.filter(|_| app.live().is_live()),
        next_tick: None,
    };
    live.schedule();
    event_loop(&mut term, &mut app, &rx, &jobs, &mut live, &theme)
}

fn spawn_signals(tx: Sender<Event>) -> Result<(), Failure> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]).map_err(io_failure)?;
    thread::spawn(move || {
        for s in signals.forever() {
            let _ = tx.send(Event::Signal(s));
            // Ends the process itself if the UI thread has not within the grace period
            // (returns only while the editor or the shell has the terminal).
            terminal::on_termination_signal(s);
        }
    });
    Ok(())
}

fn spawn_input(tx: Sender<Event>) {
    // Poll with a timeout so the reader's lock is released between polls, and nothing is
    // read while the editor has the terminal (its keys are its own).
    thread::spawn(move || {
        loop {
            let event = terminal::reading_input(|| {
                match crossterm::event::poll(Duration::from_millis(100)) {
                    Ok(true) => crossterm::event::read().map(Some),
                    Ok(false) => Ok(None),
                    Err(e) => Err(e),
                }
            });
            match event {
                Ok(Some(e)) => {
                    if tx.send(Event::Input(e)).is_err() {
                        break;
                    }
                }
                Ok(None) => {}
                Err(_) => break,
            }
        }
    });
}

fn run_commands(
    term: &mut Tty,
    app: &mut App,
    cmds: Vec<Command>,
    jobs: &Outbox,
) -> Result<(), Failure> {
    for c in cmds {
        match c {
            // Handled by the event loop's loader (`loader::Reload::run`).
            Command::Refetch | Command::Compare(_) | Command::RemoveSaved(_) => {}
            Command::Compute(job) => {
                jobs.jobs.send(job);
            }
            Command::Export(req) => jobs.writer.export(*req),
            Command::SaveView(view) => jobs.writer.save_view(*view),
            Command::Copy(text) => writer::copy(&text).map_err(io_failure)?,
            Command::ClearScreen => reset_terminal(term).map_err(io_failure)?,
            Command::Suspend => {
                terminal::suspend().map_err(io_failure)?;
                reset_terminal(term).map_err(io_failure)?;
            }
            Command::OpenEditor(path, line) => {
                if let Some(e) = open_editor(&path, line)? {
                    app.editor_failed(e);
                }
                reset_terminal(term).map_err(io_failure)?;
            }
        }
    }
    Ok(())
}

/// How long queued events are handled before a frame is drawn anyway.
const FRAME_BUDGET: Duration = Duration::from_millis(50);

/// The interactive terminal.
type Tty = Terminal<CrosstermBackend<io::Stdout>>;

/// Clears the screen and starts a fresh ratatui terminal of the current size, so the next
/// frame is drawn whole. (ratatui's own clear and resize ask the terminal for the cursor
/// position, whose answer the input thread may consume; this never asks.)
fn reset_terminal(term: &mut Tty) -> io::Result<()> {
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    *term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(())
}

/// Suspends the UI, runs $VISUAL or $EDITOR (else vi) at `line` of `path` (the command
/// built by [`crate::editor::command`]: the path never reads as an option), and restores
/// the UI afterwards, whatever the editor did.
fn open_editor(path: &std::path::Path, line: i64) -> Result<Option<String>, Failure> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| "/".into());
    let cmd = crate::editor::command(&crate::editor::from_env(), path, line, &cwd);
    let mouse = terminal::mouse_enabled();
    // The input thread stops before the terminal is handed over, so no key typed for the
    // editor is read here and the terminal is back in raw mode before it reads again.
    let status = terminal::handed_over(|| {
        terminal::restore();
        let status = cmd.to_command().status();
        terminal::enter(mouse).map(|()| status)
    })
    .map_err(io_failure)?;
    // The UI is back; say why the editor did not start instead of failing.
    Ok(status
        .err()
        .map(|e| format!("could not start {}: {e}", cmd.program)))
}

/// Plans the next frame, hands its layout to `app` (again if that changed the app's
/// state so that the plan changes), then draws it: one draw per batch of events. Returns
/// what the app asked for when it took the layout.
pub fn draw<B: Backend>(
    term: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
) -> Result<Vec<Command>, Failure>
where
    B::Error: std::fmt::Display,
{
    let size = term
        .size()
        .map_err(|e| Failure::unexpected(format!("terminal: {e}")))?;
    let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
    let mut cmds = Vec::new();
    let mut plan = ui::plan(app, area, theme);
    // Taking a layout may move a cursor onto its page (and the notice or header with
    // it): plan again until the layout holds; twice is the rule, three times the most.
    for _ in 0..3 {
        if plan.layout == *app.layout() {
            break;
        }
        cmds.extend(app.set_layout(plan.layout));
        plan = ui::plan(app, area, theme);
    }
    term.draw(|f| ui::draw(f, app, theme, &plan))
        .map_err(|e| Failure::unexpected(format!("terminal: {e}")))?;
    Ok(cmds)
}

fn event_loop(
    term: &mut Tty,
    app: &mut App,
    rx: &Receiver<Event>,
    jobs: &Outbox,
    live: &mut loader::Reload,
    theme: &Theme,
) -> Result<i32, Failure> {
    let mut busy_since = None;
    let mut held = app.jobs().len();
    let mut was_busy = false;
    loop {
        // Reports let go of (past the budget, or of a filter set no longer kept), or the
        // work under way all done (results no longer wanted are dropped): the free
        // memory goes back to the system.
        let now_held = app.jobs().len();
        let busy = app.busy().is_some();
        if now_held < held || (was_busy && !busy) {
            memory::trim();
        }
        held = now_held;
        was_busy = busy;
        background::update_spinner(app, &mut busy_since);
        // Work put off to once a frame (the search typed since the last one).
        let cmds = app.before_draw();
        live.run(&cmds, app);
        run_commands(term, app, cmds, jobs)?;
        let cmds = draw(term, app, theme)?;
        live.run(&cmds, app);
        run_commands(term, app, cmds, jobs)?;
        terminal::test_panic("ui");
        // While computing, wake up to turn the spinner.
        let spin = app.busy().is_some().then_some(background::SPINNER_TICK);
        let first = match live.wait(rx, spin) {
            Some(loader::Wake::Event(e)) => e,
            Some(loader::Wake::Watch) => {
                // --watch: time to refetch (the app ignores it while one is under way).
                let cmds = app.handle(AppEvent::WatchTick);
                live.run(&cmds, app);
                live.after_tick(&cmds);
                run_commands(term, app, cmds, jobs)?;
                continue;
            }
            Some(loader::Wake::Spin) => continue,
            None => return Ok(EXIT_FAILURE),
        };
        let mut next = Some(first);
        let batch = std::time::Instant::now();
        // Handle what is already queued before drawing again, for one frame's time at
        // most: a long queue (a key storm) is drawn as it goes.
        while let Some(ev) = next {
            if let Some(s) = terminal::signalled() {
                return Ok(128 + s);
            }
            let cmds = match ev {
                Event::Signal(s) => return Ok(128 + s),
                Event::Loaded(_) => Vec::new(),
                Event::Progress(p) => app.handle(AppEvent::FetchProgress(p)),
                Event::Refetched(r) => {
                    live.schedule();
                    app.handle(AppEvent::Refetched(Box::new(loader::outcome(*r))))
                }
                Event::Done(d) => app.handle(AppEvent::Done(d)),
                Event::Compared(c) => app.handle(AppEvent::Compared(c)),
                Event::Answer(e) => app.handle(e),
                Event::Input(e) => match keys::convert(&e) {
                    Some(Input::Key(k)) => app.handle(AppEvent::Key(k)),
                    Some(Input::Mouse(m)) => app.handle(AppEvent::Mouse(m)),
                    Some(Input::Resize(w, h)) => {
                        reset_terminal(term).map_err(io_failure)?;
                        app.handle(AppEvent::Resize(w, h))
                    }
                    Some(Input::Paste(text)) => app.handle(AppEvent::Paste(text)),
                    None => Vec::new(),
                },
            };
            live.run(&cmds, app);
            run_commands(term, app, cmds, jobs)?;
            if app.should_quit() {
                return Ok(EXIT_OK);
            }
            next = if batch.elapsed() < FRAME_BUDGET {
                rx.try_recv().ok()
            } else {
                None
            };
        }
    }
}
