//! Terminal lifecycle: raw mode, alternate screen, bracketed paste, mouse capture, and
//! their restoration on every exit path (normal, error, panic, signal, suspend with
//! Ctrl-Z); a termination signal ends the process within 100 ms whatever is queued.

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};

/// Whether the terminal is currently in the explorer's modes.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture was requested.
static MOUSE: AtomicBool = AtomicBool::new(true);
/// Held while the terminal's modes change, so that a restore from the signal watchdog
/// never interleaves with (or exits in the middle of) another.
static MODES: Mutex<()> = Mutex::new(());
/// The termination signal received, 0 for none.
static SIGNAL: AtomicI32 = AtomicI32::new(0);
/// Whether another program (the editor, the shell after Ctrl-Z) has the terminal.
static HANDED_OVER: AtomicBool = AtomicBool::new(false);
/// Held by the input thread while it waits for and reads input, and by the UI thread
/// while another program has the terminal: that program's keys are never read here.
static INPUT: Mutex<()> = Mutex::new(());

/// How long the UI thread has to end after a termination signal before the signal
/// thread restores the terminal and exits itself.
pub const SIGNAL_GRACE: Duration = Duration::from_millis(60);

/// Puts the terminal into raw mode on the alternate screen with bracketed paste (a paste
/// arrives as one event), with mouse capture if asked.
pub fn enter(mouse: bool) -> io::Result<()> {
    // Always stdout first, then the modes: the order the signal watchdog takes them in.
    let mut out = io::stdout().lock();
    let _modes = MODES.lock().unwrap_or_else(|e| e.into_inner());
    MOUSE.store(mouse, Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
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
    let mut out = io::stdout().lock();
    let _modes = MODES.lock().unwrap_or_else(|e| e.into_inner());
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
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
    handed_over(|| {
        restore();
        // SAFETY: raising SIGTSTP on ourselves has no memory-safety implications; the
        // default action stops the process until SIGCONT.
        unsafe {
            libc::raise(libc::SIGTSTP);
        }
        enter(mouse)
    })
}

/// Records termination signal `sig` for the event loop ([`signalled`]), then gives the UI
/// thread [`SIGNAL_GRACE`] to end; if the process still runs and no other program has the
/// terminal, restores it and exits with 128 + `sig` from here (the UI thread may be busy
/// with a long queue of events). Called on the signal thread.
pub fn on_termination_signal(sig: i32) {
    SIGNAL.store(sig, Ordering::SeqCst);
    std::thread::sleep(SIGNAL_GRACE);
    if HANDED_OVER.load(Ordering::SeqCst) {
        // The editor or the shell has the terminal; the loop ends when it is back.
        return;
    }
    // Holding stdout keeps the UI thread from drawing over the restored screen.
    let _out = io::stdout().lock();
    restore();
    std::process::exit(128 + sig);
}

/// The termination signal received, if any: the event loop ends at once.
pub fn signalled() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// Runs `f` while another program has the terminal (the editor, the shell after Ctrl-Z):
/// a termination signal then waits for it to give the terminal back.
/// The input thread stops reading meanwhile (it finishes the poll it is in first).
pub fn handed_over<T>(f: impl FnOnce() -> T) -> T {
    HANDED_OVER.store(true, Ordering::SeqCst);
    let input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
    let out = f();
    drop(input);
    HANDED_OVER.store(false, Ordering::SeqCst);
    out
}

/// Runs `f` (one poll and read of input) unless another program has the terminal, in
/// which case it waits until the terminal is back.
pub fn reading_input<T>(f: impl FnOnce() -> T) -> T {
    // Leave the lock to a handover that is waiting for it.
    while HANDED_OVER.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
    f()
}

/// Restores the terminal when dropped (covers early returns and errors).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
