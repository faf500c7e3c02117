//! What a command-line run says on stderr about fetched inputs: a progress line while
//! waiting (only when stderr is a terminal), then "Saved profile in PATH" like pprof.

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use crate::fetch::{Progress, ProgressFn};
use crate::input::FetchedInput;
use crate::sanitize::sanitize;

/// A progress reporter that rewrites one stderr line, cleared when the fetch ends;
/// `None` when stderr is not a terminal.
pub fn on_stderr() -> Option<ProgressFn> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(Arc::new(|p: &Progress| {
        let mut err = std::io::stderr().lock();
        let _ = if p.done {
            write!(err, "\r\x1b[K")
        } else {
            write!(err, "\r\x1b[K{}", sanitize(&p.line()))
        };
        let _ = err.flush();
    }))
}

/// Prints where each fetched profile was saved, or why it could not be.
pub fn report_saved(fetched: &[FetchedInput]) {
    for f in fetched {
        match &f.saved {
            Ok(path) => eprintln!("Saved profile in {}", sanitize(&path.display().to_string())),
            Err(e) => eprintln!("Could not save profile: {}", sanitize(e)),
        }
    }
}
