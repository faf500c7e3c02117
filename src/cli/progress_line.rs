//! The progress line of a long text-report run: on stderr, only when stderr is a terminal
//! and the work has taken longer than a moment, redrawn ten times a second (at once when
//! the files to merge are counted or the report begins) and erased when the report is
//! ready (stdout never sees it).

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::profile::LoadProgress;

/// Quiet period: a run that ends sooner shows no line at all.
const DELAY: Duration = Duration::from_millis(150);
/// Time between redraws of the same kind of line.
const PERIOD: Duration = Duration::from_millis(100);
/// How often the line looks for a change in kind (the files counted, the report begun).
const POLL: Duration = Duration::from_millis(10);
pub(crate) use crate::report_text::ERASE;

/// A running progress line; [`ProgressLine::finish`] erases it.
pub struct ProgressLine {
    stop: Sender<()>,
    computing: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl ProgressLine {
    /// Starts the line for loading `names` (shown sanitized) when stderr is a terminal;
    /// None otherwise.
    pub fn start(names: &str, progress: Arc<LoadProgress>) -> Option<Self> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let computing = Arc::new(AtomicBool::new(false));
        let name = crate::sanitize::sanitize(names).to_string();
        let phase = Arc::clone(&computing);
        let thread = std::thread::spawn(move || {
            if stopped.recv_timeout(delay()) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            let mut err = std::io::stderr();
            // What the line says changes in kind when the files to merge are counted or
            // the report starts: drawn at once; numbers alone, once a period.
            let mut drawn: Option<(bool, u64, std::time::Instant)> = None;
            loop {
                let computing = phase.load(Ordering::Relaxed);
                let s = progress.snapshot();
                let due = drawn.is_none_or(|(c, files, at)| {
                    c != computing || files != s.files_total || at.elapsed() >= PERIOD
                });
                if due {
                    let text = if computing {
                        format!(
                            "memprof-tui: {name}: {} samples loaded, computing the report …",
                            s.samples_decoded
                        )
                    } else {
                        format!("memprof-tui: loading {name}: {} …", s.summary())
                    };
                    let _ = write!(err, "{ERASE}{}", fit_width(&text));
                    let _ = err.flush();
                    drawn = Some((computing, s.files_total, std::time::Instant::now()));
                }
                if stopped.recv_timeout(POLL) != Err(RecvTimeoutError::Timeout) {
                    break;
                }
            }
            let _ = write!(err, "{ERASE}");
            let _ = err.flush();
        });
        Some(Self {
            stop,
            computing,
            thread,
        })
    }

    /// The profile is loaded; the line now says the report is being computed.
    pub fn computing(&self) {
        self.computing.store(true, Ordering::Relaxed);
    }

    /// Stops the line and erases it (if it was shown) before anything else is printed.
    pub fn finish(self) {
        let _ = self.stop.send(());
        let _ = self.thread.join();
    }
}

/// The quiet period; `MEMPROF_TUI_PROGRESS_DELAY_MS` overrides it (tests use 0, so the
/// line shows however fast the machine loads).
fn delay() -> Duration {
    std::env::var("MEMPROF_TUI_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

/// `text` cut to one column less than the terminal's width, so it never wraps (a wrapped
/// line could not be erased).
fn fit_width(text: &str) -> String {
    let width = match crossterm::terminal::size() {
        Ok((w, _)) if w > 0 => usize::from(w),
        _ => 80,
    };
    crate::ui::text::fit(text, width.saturating_sub(1))
}
