//! Terminal lifecycle: raw mode, alternate screen, mouse capture, and their restoration
//! on every exit path (normal, error, panic, signal, suspend with Ctrl-Z).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};

/// Whether the terminal is currently in the explorer's modes.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture was requested.
static MOUSE: AtomicBool = AtomicBool::new(true);

/// Puts the terminal into raw mode on the alternate screen (with mouse capture if asked).
pub fn enter(mouse: bool) -> io::Result<()> {
    MOUSE.store(mouse, Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Whether mouse capture is on.
pub fn mouse_enabled() -> bool {
    MOUSE.load(Ordering::SeqCst)
}

/// Restores the terminal if the explorer changed it; safe to call more than once and from
/// a panic hook.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Chains a panic hook that restores the terminal before the panic message is printed,
/// then ends the process with `exit_code`: a panic in the worker thread must not leave
/// the interface running on a restored terminal.
pub fn install_panic_hook(exit_code: i32) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        std::process::exit(exit_code);
    }));
}

/// The environment variable that makes the explorer panic on purpose, so the tests can
/// check that a panic restores the terminal: `ui` panics in the interface thread after the
/// first frame, `worker` in the worker thread on its first job.
pub const TEST_PANIC_ENV: &str = "MEMPROF_TUI_TEST_PANIC";

/// Panics if [`TEST_PANIC_ENV`] asks for a panic in `thread`.
pub fn test_panic(thread: &str) {
    if std::env::var_os(TEST_PANIC_ENV).is_some_and(|v| v == thread) {
        panic!("{TEST_PANIC_ENV}={thread}: panicking on purpose");
    }
}

/// Suspends the process like Ctrl-Z in a shell: restores the terminal, stops, and on
/// resume (SIGCONT) puts the terminal back into the explorer's modes.
pub fn suspend() -> io::Result<()> {
    let mouse = MOUSE.load(Ordering::SeqCst);
    restore();
    // SAFETY: raising SIGTSTP on ourselves has no memory-safety implications; the default
    // action stops the process until SIGCONT.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    enter(mouse)
}

/// Restores the terminal when dropped (covers early returns and errors).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
