//! Loading the inputs off the UI thread — the first load with its loading screen, and
//! the refetches of URL inputs (`R`, `--watch`) — with fetch progress sent as events.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::keys::{self, Input};
use super::{Event, Options};
use crate::app::input::Key;
use crate::app::{App, Command, Fetch, live};
use crate::exit::{EXIT_FAILURE, EXIT_OK, Failure};
use crate::fetch::{Progress, ProgressFn};
use crate::jobs::{Filtered, SeriesPoint};
use crate::profile::{LoadError, LoadProgress};
use crate::ui::{self, Theme};

/// What the first load opens: the profile shown and, for `--series`, the snapshots of the
/// series in time order (the one shown last) with the one before it, named.
pub struct Opened {
    /// The profile shown (the latest snapshot of a series), with the change since the
    /// snapshot before it.
    pub fetch: Fetch,
    /// The snapshots of `--series`; empty otherwise.
    pub series: Vec<SeriesPoint>,
    /// The snapshot before the shown one, with its name.
    pub previous: Option<(Arc<Filtered>, String)>,
}

/// Loads the files of `--series` each on its own, in time order; the latest is the
/// profile shown, compared with the one before it.
fn open_series(inputs: &[String], limits: &crate::profile::Limits) -> Result<Opened, LoadError> {
    let points: Vec<SeriesPoint> = crate::input::series::load_series(inputs, limits)?
        .into_iter()
        .map(|e| SeriesPoint {
            at_nanos: e.at_nanos,
            label: e.name,
            profile: Arc::new(e.profile),
            saved: None,
        })
        .collect();
    let o = crate::app::timeline::open_series(points).ok_or_else(|| {
        LoadError::new(
            &inputs.join(" "),
            crate::profile::LoadErrorKind::Read,
            "no profile files",
        )
    })?;
    Ok(Opened {
        fetch: o.latest,
        series: o.points,
        previous: o.previous,
    })
}

/// Loads the inputs on a new thread; the result comes back as [`Event::Loaded`] (first
/// load) or [`Event::Refetched`], progress as [`Event::Progress`].
/// A refetch given the snapshot it replaces also computes the change since that one.
pub(super) fn spawn(
    opts: &Options,
    tx: Sender<Event>,
    refetch: bool,
    previous: Option<Arc<crate::profile::Profile>>,
    progress: Arc<LoadProgress>,
) {
    let inputs = opts.profiles.clone();
    let limits = opts.limits;
    let bases = opts.bases.clone();
    let mut fetch = opts.fetch.clone();
    let progress_tx = tx.clone();
    let report: ProgressFn = Arc::new(move |p: &Progress| {
        let _ = progress_tx.send(Event::Progress(p.clone()));
    });
    fetch.progress = Some(report);
    let base_paths = bases.iter().flat_map(|b| b.paths.iter());
    if refetch && let Some(once) = inputs.iter().chain(base_paths).find(|i| read_once(i)) {
        // Fetching the URLs again would merge them with nothing where this input was:
        // say so, and the profile shown stays.
        let what = if once == "-" { "stdin (-)" } else { "a pipe" };
        let e = LoadError::new(
            once,
            crate::profile::LoadErrorKind::Read,
            format!(
                "{what} cannot be read again; the profile shown is kept (R and --watch need every input to be a URL or a file)"
            ),
        );
        let _ = tx.send(Event::Refetched(Box::new(Err(e))));
        return;
    }
    if opts.series && !refetch {
        thread::spawn(move || {
            let r = open_series(&inputs, &limits);
            let _ = tx.send(Event::Loaded(Box::new(r)));
        });
        return;
    }
    thread::spawn(move || {
        // The functions table is built here too: the explorer names every function.
        let r = crate::input::load_with_bases(&inputs, bases.as_ref(), &limits, &fetch, &progress)
            .map(|l| {
                let at = SystemTime::now();
                let change = previous.as_ref().map(|p| live::change_since(&l.profile, p));
                let unchanged = previous
                    .is_some_and(|p| crate::app::live_unchanged::same_samples(&l.profile, &p));
                Fetch {
                    unfiltered: Filtered::unfiltered(Arc::new(l.profile)),
                    fetched: l.fetched,
                    at,
                    change,
                    unchanged,
                }
            });
        let _ = tx.send(if refetch {
            Event::Refetched(Box::new(r))
        } else {
            Event::Loaded(Box::new(r.map(|fetch| Opened {
                fetch,
                series: Vec::new(),
                previous: None,
            })))
        });
    });
}

/// Removes saved copies of fetched profiles that the series let go of: regular files only
/// (never what a symbolic link points to), errors ignored (the copy may be gone already).
fn remove_saved(paths: &[std::path::PathBuf]) {
    for p in paths {
        if std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Whether `input` could be read only once: stdin, or a pipe (a FIFO, process
/// substitution's `/dev/fd/N`).
fn read_once(input: &str) -> bool {
    use std::os::unix::fs::FileTypeExt;
    input == "-"
        || input.starts_with("/dev/fd/")
        || input.starts_with("/proc/self/fd/")
        || std::fs::metadata(input).is_ok_and(|m| m.file_type().is_fifo())
}

/// A refetch's outcome for the app: the error as one line.
pub(super) fn outcome(r: Result<Fetch, LoadError>) -> Result<Fetch, String> {
    r.map_err(|e| e.to_string())
}

/// Why the event loop woke up.
pub(super) enum Wake {
    /// An event arrived.
    Event(Event),
    /// A `--watch` refetch is due.
    Watch,
    /// Time to turn the spinner.
    Spin,
}

/// Refetches on the app's request and every `--watch` seconds.
pub(super) struct Reload {
    /// What to load again.
    pub opts: Options,
    /// Where results and progress go.
    pub tx: Sender<Event>,
    /// `--watch`: the time between the end of one fetch and the next.
    pub watch: Option<Duration>,
    /// When the next `--watch` refetch is due (none while one is under way).
    pub next_tick: Option<Instant>,
}

impl Reload {
    /// A fetch ended (or the explorer started): the next `--watch` tick is due later.
    pub fn schedule(&mut self) {
        self.next_tick = self.watch.and_then(|w| Instant::now().checked_add(w));
    }

    /// The next event; `Watch` when a `--watch` refetch is due; `Spin` after `spin` (the
    /// spinner's period while a job runs) with nothing else to do; `None` when every
    /// sender is gone.
    pub fn wait(&mut self, rx: &Receiver<Event>, spin: Option<Duration>) -> Option<Wake> {
        let now = Instant::now();
        let until_tick = self.next_tick.map(|due| due.saturating_duration_since(now));
        let timeout = match (until_tick, spin) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let Some(timeout) = timeout else {
            return rx.recv().ok().map(Wake::Event);
        };
        match rx.recv_timeout(timeout) {
            Ok(e) => Some(Wake::Event(e)),
            Err(RecvTimeoutError::Disconnected) => None,
            Err(RecvTimeoutError::Timeout) => match self.next_tick {
                Some(due) if Instant::now() >= due => {
                    // Rescheduled by `after_tick` (or when the refetch ends).
                    self.next_tick = None;
                    Some(Wake::Watch)
                }
                _ => Some(Wake::Spin),
            },
        }
    }

    /// Starts the refetch the app asked for in `cmds` (with the base of its change, and a
    /// GC first when asked), the changes to compute against another base, and removes the
    /// saved copies the series let go of.
    pub fn run(&mut self, cmds: &[Command], app: &App) {
        for c in cmds {
            match c {
                Command::Refetch => {
                    self.next_tick = None;
                    let mut opts = self.opts.clone();
                    opts.fetch.gc |= app.live().gc_next();
                    spawn(
                        &opts,
                        self.tx.clone(),
                        true,
                        app.refetch_base(),
                        Arc::new(LoadProgress::new()),
                    );
                }
                Command::Compare(job) => {
                    let (job, tx) = (job.clone(), self.tx.clone());
                    thread::spawn(move || {
                        let done = crate::app::timeline::compute(&job);
                        let _ = tx.send(Event::Compared(Box::new(done)));
                    });
                }
                Command::RemoveSaved(paths) => remove_saved(paths),
                _ => {}
            }
        }
    }

    /// After a `--watch` tick: schedules the next one unless a refetch started.
    pub fn after_tick(&mut self, cmds: &[Command]) {
        if !cmds.contains(&Command::Refetch) {
            self.schedule();
        }
    }
}

/// Shows a loading line until the profile arrives — the fetch's progress for a URL, else
/// how far loading has got (bytes read and decompressed, samples decoded) under it;
/// `Err(code)` when the user or a signal ended the wait.
pub(super) fn wait_for_profile<B: Backend>(
    term: &mut Terminal<B>,
    rx: &Receiver<Event>,
    name: &str,
    theme: &Theme,
    loading: &LoadProgress,
) -> Result<Result<Opened, i32>, Failure>
where
    B::Error: std::fmt::Display,
{
    let spinner = ['|', '/', '-', '\\'];
    let mut tick = 0usize;
    let mut progress: Option<Progress> = None;
    loop {
        let width = usize::from(term.size().map_or(80, |s| s.width)).max(20);
        let text = match &progress {
            Some(p) if !p.done => format!("{} {}", spinner[tick % 4], p.line()),
            _ => format!("{} loading {} …", spinner[tick % 4], name),
        };
        let text = ui::text::fit(&crate::sanitize::sanitize(&text), width - 1);
        let detail = ui::text::fit(&loading.snapshot().summary(), width - 1);
        term.draw(|f| {
            f.render_widget(
                Paragraph::new(vec![
                    Line::styled(text.clone(), theme.dim()),
                    Line::styled(detail.clone(), theme.dim()),
                ]),
                f.area(),
            )
        })
        .map_err(|e| Failure::unexpected(format!("terminal: {e}")))?;
        tick += 1;
        match rx.recv_timeout(Duration::from_millis(120)) {
            Ok(Event::Loaded(r)) => return (*r).map(Ok).map_err(Failure::from),
            Ok(Event::Progress(p)) => progress = Some(p),
            Ok(Event::Signal(s)) => return Ok(Err(128 + s)),
            Ok(Event::Input(e)) => {
                if let Some(Input::Key(k)) = keys::convert(&e)
                    && (k == Key::ctrl('c') || k == Key::ch('q'))
                {
                    return Ok(Err(EXIT_OK));
                }
            }
            Ok(Event::Done(_) | Event::Refetched(_) | Event::Compared(_) | Event::Answer(_))
            | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Ok(Err(EXIT_FAILURE)),
        }
    }
}
