//! Load errors: which input failed, why, and the process exit code for each kind; the
//! messages of the size and memory caps.

use std::fmt;

use super::limits::{ElementCounts, Limits, human_bytes};

/// What went wrong while loading a profile; decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The input could not be read (missing file, permission, I/O error).
    Read,
    /// The bytes are not a valid profile.
    Invalid,
    /// The input is over a resource limit (decompressed size, element counts).
    Limit,
}

impl LoadErrorKind {
    /// Exit code documented in the README and `--help`.
    pub fn exit_code(self) -> i32 {
        match self {
            Self::Read => 3,
            Self::Invalid => 4,
            Self::Limit => 5,
        }
    }
}

/// A failure to load one input, with a one-line message naming the input and the cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The input as the user named it (a path, or "-" for stdin).
    pub input: String,
    /// The kind of failure.
    pub kind: LoadErrorKind,
    /// What exactly is wrong.
    pub message: String,
}

impl LoadError {
    /// Builds an error of `kind` for `input`.
    pub fn new(input: &str, kind: LoadErrorKind, message: impl Into<String>) -> Self {
        Self {
            input: input.to_string(),
            kind,
            message: message.into(),
        }
    }

    /// An invalid-profile error.
    pub fn invalid(input: &str, message: impl Into<String>) -> Self {
        Self::new(input, LoadErrorKind::Invalid, message)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.input, self.message)
    }
}

impl std::error::Error for LoadError {}

/// The words for an I/O error on an input, without the OS's error number: "no such
/// file", "permission denied", "is a directory, not a profile file", …
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file".into(),
        K::PermissionDenied => "permission denied (the file cannot be read)".into(),
        K::IsADirectory => "is a directory, not a profile file".into(),
        K::Interrupted | K::UnexpectedEof => "the file ended while it was read".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error ") {
                Some(i) => text[..i].to_lowercase(),
                None => text,
            }
        }
    }
}

/// A read error on `input` from an I/O error, worded by [`io_reason`].
pub fn io_error(input: &str, e: &std::io::Error) -> LoadError {
    LoadError::new(input, LoadErrorKind::Read, io_reason(e))
}

/// The error for an input over the decompressed-size cap.
pub fn over_size(input: &str, cap: u64) -> LoadError {
    LoadError::new(
        input,
        LoadErrorKind::Limit,
        format!(
            "profile is larger than {} decompressed (raise the cap with --max-decompressed-mib)",
            human_bytes(cap)
        ),
    )
}

/// The error for a profile over the memory cap; `complete` when the counts are of all
/// the data, else of the part read so far.
pub fn over_memory(
    input: &str,
    counts: ElementCounts,
    total: u64,
    limits: &Limits,
    complete: bool,
) -> LoadError {
    let (about, so_far) = if complete {
        ("about", "")
    } else {
        ("more than", " in the part read")
    };
    LoadError::new(
        input,
        LoadErrorKind::Limit,
        format!(
            "profile would need {about} {} of memory ({} samples, {} locations, {} functions, {} mappings, {} strings{so_far}), over the {} cap (raise it with --max-memory-mib)",
            human_bytes(counts.estimated_memory(total)),
            counts.samples,
            counts.locations,
            counts.functions,
            counts.mappings,
            counts.strings,
            human_bytes(limits.max_memory)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn io_errors_are_worded_without_os_numbers() {
        let e = |k: ErrorKind| io_error("x.prof", &Error::from(k)).to_string();
        assert_eq!(e(ErrorKind::NotFound), "x.prof: no such file");
        assert_eq!(
            e(ErrorKind::PermissionDenied),
            "x.prof: permission denied (the file cannot be read)"
        );
        assert_eq!(
            e(ErrorKind::IsADirectory),
            "x.prof: is a directory, not a profile file"
        );
        let raw = io_error("x.prof", &Error::from_raw_os_error(5)).to_string();
        assert_eq!(raw, "x.prof: input/output error");
        assert_eq!(
            io_error("x", &Error::from(ErrorKind::NotFound))
                .kind
                .exit_code(),
            3
        );
    }
}
