//! The interactive runtime: loads the profile off the UI thread, runs the event loop
//! (input thread, worker thread, signals), feeds actions to the app and draws it.

mod keys;
pub mod terminal;
pub mod worker;

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::analysis::SourceLocator;
use crate::analysis::filter::Filters;
use crate::app::input::{Key, Mouse};
use crate::app::{Action, App, Command, Job};
use crate::cli::{Args, EXIT_FAILURE, EXIT_OK, Failure};
use crate::profile::{self, LoadError, Profile};
use crate::ui::{self, Theme};
use keys::Input;

/// Everything the event loop waits for.
pub enum Event {
    /// A terminal event.
    Input(crossterm::event::Event),
    /// An action from a background job.
    Action(Action),
    /// A termination signal.
    Signal(i32),
    /// The profile finished loading.
    Loaded(Box<Result<Profile, LoadError>>),
}

fn io_failure(e: io::Error) -> Failure {
    Failure {
        message: format!("terminal: {e}"),
        code: EXIT_FAILURE,
    }
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
pub fn run(args: &Args) -> Result<i32, Failure> {
    // A bad config file stops here, before the terminal changes, with its file and line.
    let (keymap, theme_spec) =
        crate::config::load(args.no_config).map_err(|e| Failure::usage(e.to_string()))?;
    crate::highlight::set_syntax_colors(&theme_spec.syntax);
    let (tx, rx) = mpsc::channel::<Event>();
    spawn_loader(args, tx.clone());
    spawn_signals(tx.clone())?;
    let theme = Theme::from_spec(&theme_spec, color_enabled(&args.color));
    // crossterm would emit a bare reset under NO_COLOR that cancels reverse video; the
    // theme already avoids colours, so let crossterm write attributes as asked.
    crossterm::style::force_color_output(true);
    terminal::install_panic_hook(crate::cli::EXIT_PANIC);
    terminal::enter(!args.no_mouse).map_err(io_failure)?;
    let _guard = terminal::Guard;
    spawn_input(tx.clone());
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout())).map_err(io_failure)?;
    let profile = match wait_for_profile(&mut term, &rx, &args.profiles.join(" "), &theme)? {
        Ok(p) => Arc::new(p),
        Err(code) => return Ok(code),
    };
    args.require_sample_types(&profile)?;
    let sample_index = profile
        .sample_index_by_name(args.sample_index.as_deref().unwrap_or(""))
        .map_err(Failure::usage)?;
    let (mut app, cmds) = App::new(profile.clone(), args.profiles.join(" "), sample_index);
    app.keymap = keymap;
    let (job_tx, job_rx) = mpsc::channel::<(Job, Arc<Filters>)>();
    {
        let tx = tx.clone();
        let cwd = std::env::current_dir().unwrap_or_default();
        let locator = SourceLocator::new(
            args.source_path.as_deref().unwrap_or(""),
            args.trim_path.as_deref().unwrap_or(""),
            &cwd,
        );
        let w = worker::Worker::new(profile, locator);
        thread::spawn(move || worker::run(w, job_rx, tx));
    }
    let size = term.size().map_err(io_failure)?;
    app.update(Action::Resize(size.width, size.height));
    run_commands(&mut term, &mut app, cmds, &job_tx)?;
    event_loop(&mut term, &mut app, &rx, &job_tx, &theme)
}

fn spawn_loader(args: &Args, tx: Sender<Event>) {
    let inputs = args.profiles.clone();
    let limits = args.limits();
    thread::spawn(move || {
        let r = profile::load(&inputs, &limits);
        let _ = tx.send(Event::Loaded(Box::new(r)));
    });
}

fn spawn_signals(tx: Sender<Event>) -> Result<(), Failure> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]).map_err(io_failure)?;
    thread::spawn(move || {
        for s in signals.forever() {
            if tx.send(Event::Signal(s)).is_err() {
                break;
            }
        }
    });
    Ok(())
}

fn spawn_input(tx: Sender<Event>) {
    // Poll with a timeout so the reader's lock is released between polls.
    thread::spawn(move || {
        loop {
            match crossterm::event::poll(Duration::from_millis(100)) {
                Ok(true) => match crossterm::event::read() {
                    Ok(e) => {
                        if tx.send(Event::Input(e)).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                },
                Ok(false) => {}
                Err(_) => break,
            }
        }
    });
}

/// Shows a loading line until the profile arrives; `Err(code)` when the user or a signal
/// ended the wait.
fn wait_for_profile<B: Backend>(
    term: &mut Terminal<B>,
    rx: &Receiver<Event>,
    name: &str,
    theme: &Theme,
) -> Result<Result<Profile, i32>, Failure>
where
    B::Error: std::fmt::Display,
{
    let spinner = ['|', '/', '-', '\\'];
    let mut tick = 0usize;
    loop {
        let text = format!(
            "{} loading {} …",
            spinner[tick % 4],
            ui::text::fit(name, 60)
        );
        term.draw(|f| {
            f.render_widget(
                Paragraph::new(Line::styled(text.clone(), theme.dim())),
                f.area(),
            )
        })
        .map_err(|e| Failure {
            message: format!("terminal: {e}"),
            code: EXIT_FAILURE,
        })?;
        tick += 1;
        match rx.recv_timeout(Duration::from_millis(120)) {
            Ok(Event::Loaded(r)) => return (*r).map(Ok).map_err(Failure::from),
            Ok(Event::Signal(s)) => return Ok(Err(128 + s)),
            Ok(Event::Input(e)) => {
                if let Some(Input::Key(k)) = keys::convert(&e)
                    && (k == Key::ctrl('c') || k == Key::ch('q'))
                {
                    return Ok(Err(EXIT_OK));
                }
            }
            Ok(Event::Action(_)) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Ok(Err(EXIT_FAILURE)),
        }
    }
}

fn run_commands(
    term: &mut Tty,
    app: &mut App,
    cmds: Vec<Command>,
    jobs: &Sender<(Job, Arc<Filters>)>,
) -> Result<(), Failure> {
    for c in cmds {
        match c {
            Command::Compute(job) => {
                let _ = jobs.send((job, app.filter_set(job.filters())));
            }
            Command::ClearScreen => reset_terminal(term).map_err(io_failure)?,
            Command::OpenEditor(path, line) => {
                app.status = open_editor(&path, line)?;
                reset_terminal(term).map_err(io_failure)?;
            }
        }
    }
    Ok(())
}

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

/// Suspends the UI, runs $VISUAL or $EDITOR (else vi) at `line` of `path`, and restores
/// the UI afterwards, whatever the editor did.
fn open_editor(path: &std::path::Path, line: i64) -> Result<Option<String>, Failure> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_string();
    let mouse = terminal::mouse_enabled();
    terminal::restore();
    let status = std::process::Command::new(&program)
        .args(words)
        .arg(format!("+{line}"))
        .arg(path)
        .status();
    terminal::enter(mouse).map_err(io_failure)?;
    // The UI is back; say why the editor did not start instead of failing.
    Ok(status
        .err()
        .map(|e| format!("could not start {program}: {e}")))
}

/// Draws `app`, feeding the frame's layout back when it changed.
pub fn draw<B: Backend>(term: &mut Terminal<B>, app: &mut App, theme: &Theme) -> Result<(), Failure>
where
    B::Error: std::fmt::Display,
{
    for _ in 0..2 {
        let mut layout = None;
        term.draw(|f| layout = Some(ui::draw(f, app, theme)))
            .map_err(|e| Failure {
                message: format!("terminal: {e}"),
                code: EXIT_FAILURE,
            })?;
        match layout {
            Some(l) if l != app.layout => {
                app.update(Action::Layout(l));
            }
            _ => break,
        }
    }
    Ok(())
}

/// Turns an input into the app's action (through the keymap for keys).
pub fn action_for(app: &App, input: Input) -> Option<Action> {
    match input {
        Input::Key(k) => app.keymap.resolve(&app.scopes(), k),
        Input::Mouse(Mouse::ScrollUp(x, y)) => Some(Action::WheelUp(x, y)),
        Input::Mouse(Mouse::ScrollDown(x, y)) => Some(Action::WheelDown(x, y)),
        Input::Mouse(Mouse::Click(x, y)) => Some(Action::Click(x, y)),
        Input::Resize(w, h) => Some(Action::Resize(w, h)),
    }
}

fn event_loop(
    term: &mut Tty,
    app: &mut App,
    rx: &Receiver<Event>,
    jobs: &Sender<(Job, Arc<Filters>)>,
    theme: &Theme,
) -> Result<i32, Failure> {
    loop {
        draw(term, app, theme)?;
        terminal::test_panic("ui");
        let Ok(first) = rx.recv() else {
            return Ok(EXIT_FAILURE);
        };
        let mut next = Some(first);
        // Handle everything already queued before drawing again.
        while let Some(ev) = next {
            match ev {
                Event::Signal(s) => return Ok(128 + s),
                Event::Loaded(_) => {}
                Event::Action(a) => {
                    let cmds = app.update(a);
                    run_commands(term, app, cmds, jobs)?;
                }
                Event::Input(e) => match keys::convert(&e) {
                    Some(Input::Key(k)) if k == Key::ctrl('z') => {
                        terminal::suspend().map_err(io_failure)?;
                        reset_terminal(term).map_err(io_failure)?;
                    }
                    Some(Input::Resize(w, h)) => {
                        reset_terminal(term).map_err(io_failure)?;
                        app.update(Action::Resize(w, h));
                    }
                    Some(i) => {
                        if let Some(a) = action_for(app, i) {
                            let cmds = app.update(a);
                            run_commands(term, app, cmds, jobs)?;
                        }
                    }
                    None => {}
                },
            }
            if app.should_quit {
                return Ok(EXIT_OK);
            }
            next = rx.try_recv().ok();
        }
    }
}
