//! Exit codes and the failure that ends the program, shared by the text reports (`cli`)
//! and the explorer (`tui`) without either importing the other.

use crate::profile::LoadError;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: an unexpected failure (terminal, output).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: bad command-line usage (unknown flag, bad value, unknown sample type).
pub const EXIT_USAGE: i32 = 2;
/// Exit code: a bug (a panic), after the terminal was restored and the panic printed.
pub const EXIT_PANIC: i32 = 101;

/// A failure that ends the program: the one-line message and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// One line, printed to stderr after "memprof-tui: ".
    pub message: String,
    /// Process exit code.
    pub code: i32,
}

impl Failure {
    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: EXIT_USAGE,
        }
    }

    /// An unexpected failure (exit 1).
    pub fn unexpected(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: EXIT_FAILURE,
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Self {
            message: e.to_string(),
            code: e.kind.exit_code(),
        }
    }
}
