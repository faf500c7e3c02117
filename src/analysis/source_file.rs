//! Reads an untrusted source file safely ([`crate::safe_file`]: regular files only, never
//! a FIFO, a device or anything under /proc, /sys or /dev; a size cap), lines split like
//! Go's bufio.Scanner, bytes that are not UTF-8 shown lossily.

use std::path::{Path, PathBuf};

/// Largest source file read, in bytes.
pub const MAX_SOURCE_BYTES: u64 = 16 << 20;

/// The longest line Go's bufio.Scanner (default buffer) accepts; pprof stops at a longer one.
const GO_MAX_LINE: usize = 64 * 1024 - 1;

/// A source file's lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Every line, without its line ending ('\n' or "\r\n"); line 1 is `lines[0]`.
    pub lines: Vec<String>,
    /// How many leading lines pprof sees: its scanner stops silently at a line longer than
    /// 64 KiB, so lines from there on are not shown in pprof-compatible output.
    pub pprof_lines: usize,
}

impl SourceFile {
    /// Line `n` (1-based) as pprof's source reader returns it: `None` out of its range.
    pub fn pprof_line(&self, n: i64) -> Option<&str> {
        if n < 1 || n as u64 > self.pprof_lines as u64 {
            return None;
        }
        self.lines.get(n as usize - 1).map(String::as_str)
    }

    /// Splits `data` into lines like Go's bufio.ScanLines (a final line without '\n' counts
    /// when it is not empty; a trailing '\r' is dropped).
    pub fn from_bytes(path: PathBuf, data: &[u8]) -> Self {
        let mut lines = Vec::new();
        let mut pprof_lines = None;
        let mut rest = data;
        while !rest.is_empty() {
            let (line, next) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, &rest[rest.len()..]),
            };
            if line.len() > GO_MAX_LINE && pprof_lines.is_none() {
                pprof_lines = Some(lines.len());
            }
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            lines.push(String::from_utf8_lossy(line).into_owned());
            rest = next;
        }
        let pprof_lines = pprof_lines.unwrap_or(lines.len());
        Self {
            path,
            lines,
            pprof_lines,
        }
    }
}

/// Whether `path` names a regular file (following symlinks), without opening it.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Reads the source file at `path` with [`crate::safe_file`]: a regular file of at most
/// [`MAX_SOURCE_BYTES`], opened without blocking, never under /proc, /sys or /dev.
pub fn read_source(path: &Path) -> Result<SourceFile, String> {
    use crate::safe_file::Refused;
    let data = crate::safe_file::read(path, MAX_SOURCE_BYTES).map_err(|r| match r {
        Refused::Io(op, e) => format!("{op} {}: {}", path.display(), go_error_text(&e)),
        Refused::TooLarge(_) => format!(
            "{}: source file too large (limit {} MiB)",
            path.display(),
            MAX_SOURCE_BYTES >> 20
        ),
        other => format!("{}: {}", path.display(), other.reason()),
    })?;
    Ok(SourceFile::from_bytes(path.to_path_buf(), &data))
}

/// An OS error as Go prints it: the C library's text with a lower-case first letter
/// ("no such file or directory"), without Rust's " (os error N)".
pub fn go_error_text(e: &std::io::Error) -> String {
    let Some(code) = e.raw_os_error() else {
        return e.to_string();
    };
    let text = std::io::Error::from_raw_os_error(code).to_string();
    let text = match text.rfind(" (os error ") {
        Some(i) => &text[..i],
        None => text.as_str(),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_bufio_scanner() {
        let f = SourceFile::from_bytes(PathBuf::new(), b"a\r\nb\n\nc");
        assert_eq!(f.lines, ["a", "b", "", "c"]);
        assert_eq!(f.pprof_line(1), Some("a"));
        assert_eq!(f.pprof_line(4), Some("c"));
        assert_eq!(f.pprof_line(5), None);
        assert_eq!(f.pprof_line(0), None);
        let f = SourceFile::from_bytes(PathBuf::new(), b"x\n");
        assert_eq!(f.lines, ["x"]);
    }

    #[test]
    fn invalid_utf8_is_lossy_and_long_lines_end_pprof_range() {
        let mut data = b"ok\n\xff\xfe\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', GO_MAX_LINE + 1));
        data.extend(b"\nafter\n");
        let f = SourceFile::from_bytes(PathBuf::new(), &data);
        assert_eq!(f.lines[1], "\u{fffd}\u{fffd}");
        assert_eq!(f.lines.len(), 4);
        assert_eq!(f.pprof_lines, 2);
        assert_eq!(f.pprof_line(3), None);
    }

    #[test]
    fn errors_read_like_go() {
        let e = std::io::Error::from_raw_os_error(libc::ENOENT);
        assert_eq!(go_error_text(&e), "no such file or directory");
    }
}
