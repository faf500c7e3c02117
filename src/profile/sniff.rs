//! What a file that is not a profile is, recognised by its first (and last) bytes, so the
//! error says so in one line — "this is a PNG image", "this is an executable (a Go
//! program); profiles come from runtime/pprof, …" — instead of the decoder's complaint
//! about a wire type at byte 0. Consulted only once decoding has failed.

use super::error::{LoadError, LoadErrorKind};

/// Bytes read from each end of a file to recognise it.
pub const SNIFF_BYTES: usize = 64 << 10;

/// What the decoder tells a user who opened something else.
const PROFILES_COME_FROM: &str = "profiles come from runtime/pprof (pprof.WriteHeapProfile), net/http/pprof (/debug/pprof/heap) or `go test -memprofile`";

/// A kind of file that is not a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An executable or library; `go` when built by the Go toolchain.
    Executable {
        /// ELF, Mach-O or PE.
        format: &'static str,
        /// Built by Go.
        go: bool,
    },
    /// An image, document or archive: its name.
    Other(&'static str),
    /// Compressed with something other than gzip: the tool to decompress it.
    Compressed(&'static str),
    /// A Linux perf recording.
    PerfData,
    /// A Go execution trace.
    GoTrace,
    /// Text: JSON, HTML, SVG, XML, folded stacks, pprof's text report, a goroutine dump
    /// (the whole description).
    Text(&'static str),
}

impl Kind {
    /// The one-line reason (after the input's name).
    pub fn message(self) -> String {
        match self {
            Self::Executable { format, go: true } => format!(
                "this is an executable (a Go program, {format}), not a profile; {PROFILES_COME_FROM}"
            ),
            Self::Executable { format, go: false } => {
                format!("this is an executable or library ({format}), not a profile")
            }
            Self::Other(what) => format!("this is {what}, not a profile"),
            Self::Compressed(tool) => format!(
                "this is compressed with {tool}, which memprof-tui does not read: decompress it first (gzip is read as is)"
            ),
            Self::PerfData => "this is a Linux perf recording (perf.data), not a pprof profile: convert it with perf_to_profile (github.com/google/perf_data_converter)".into(),
            Self::GoTrace => "this is a Go execution trace (runtime/trace), not a profile: open it with `go tool trace`".into(),
            Self::Text(what) => format!("this is {what}"),
        }
    }
}

fn starts(head: &[u8], magic: &[u8]) -> bool {
    head.starts_with(magic)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether the bytes carry a Go toolchain's marks: the build ID note, the build info
/// section or its magic, the pclntab section names (ELF, Mach-O and PE alike).
fn built_by_go(head: &[u8], tail: &[u8]) -> bool {
    const MARKS: [&[u8]; 6] = [
        b"Go build ID: \"",
        b"\xff Go buildinf:",
        b".go.buildinfo",
        b".note.go.buildid",
        b"__go_buildinfo",
        b".gopclntab",
    ];
    MARKS.iter().any(|m| contains(head, m) || contains(tail, m))
}

/// The text after leading whitespace and a UTF-8 byte-order mark.
fn text_start(head: &[u8]) -> &[u8] {
    let h = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let skip = h
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(h.len());
    &h[skip..]
}

/// The first line of `head` as text (up to 4 KiB).
fn first_line(head: &[u8]) -> &str {
    let h = &head[..head.len().min(4096)];
    let end = h.iter().position(|&b| b == b'\n').unwrap_or(h.len());
    std::str::from_utf8(&h[..end]).unwrap_or("")
}

/// Whether a line is a folded stack (`a;b;c 42`): frames joined by ';', a space, a count.
fn is_folded(line: &str) -> bool {
    let line = line.trim_end_matches('\r');
    let Some((stack, count)) = line.rsplit_once(' ') else {
        return false;
    };
    stack.contains(';') && !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `head` reads as text: UTF-8 (a character may be cut at the end) without
/// control characters other than tabs, line breaks and form feeds — so a binary profile
/// whose length byte happens to be `{` is not taken for JSON.
fn is_text(head: &[u8]) -> bool {
    let h = &head[..head.len().min(512)];
    let valid = match std::str::from_utf8(h) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    valid
        && !h.is_empty()
        && h.iter()
            .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
}

fn text_kind(head: &[u8]) -> Option<Kind> {
    if !is_text(head) {
        return None;
    }
    let t = text_start(head);
    let lower: Vec<u8> = t.iter().take(64).map(u8::to_ascii_lowercase).collect();
    let line = first_line(t);
    let kind = if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        "an HTML page, not a profile"
    } else if lower.starts_with(b"<svg")
        || (lower.starts_with(b"<?xml") && contains(&t[..t.len().min(4096)], b"<svg"))
    {
        "an SVG picture (pprof's -svg output), not a profile"
    } else if lower.starts_with(b"<?xml") {
        "an XML document, not a profile"
    } else if t.starts_with(b"{") || t.starts_with(b"[") {
        "JSON, not a profile"
    } else if line.starts_with("goroutine ") && line.ends_with(":") {
        "a goroutine dump (debug=2), not a profile: fetch /debug/pprof/goroutine without debug=2"
    } else if line.starts_with("File: ")
        || line.starts_with("Type: ")
        || line.starts_with("Showing nodes accounting")
    {
        "pprof's text report, not a profile: give memprof-tui the profile it was made from"
    } else if is_folded(line) {
        "folded stacks (flame graph text), not a pprof profile"
    } else {
        return None;
    };
    Some(Kind::Text(kind))
}

/// What the bytes are, when they are one of the kinds known not to be a profile; `head`
/// and `tail` are the first and last [`SNIFF_BYTES`] (or fewer) of the input.
pub fn identify(head: &[u8], tail: &[u8]) -> Option<Kind> {
    let exe = |format| Kind::Executable {
        format,
        go: built_by_go(head, tail),
    };
    let magic: &[(&[u8], Kind)] = &[
        (b"\x89PNG\r\n\x1a\n", Kind::Other("a PNG image")),
        (b"\xff\xd8\xff", Kind::Other("a JPEG image")),
        (b"GIF87a", Kind::Other("a GIF image")),
        (b"GIF89a", Kind::Other("a GIF image")),
        (b"%PDF-", Kind::Other("a PDF document")),
        (b"PK\x03\x04", Kind::Other("a zip archive (or a jar)")),
        (b"SQLite format 3\0", Kind::Other("an SQLite database")),
        (
            b"FLR\0",
            Kind::Other("a Java Flight Recorder recording (JFR)"),
        ),
        (b"BZh", Kind::Compressed("bzip2")),
        (b"\xfd7zXZ\0", Kind::Compressed("xz")),
        (b"\x28\xb5\x2f\xfd", Kind::Compressed("zstd")),
        (b"PERFILE2", Kind::PerfData),
        (b"PERFFILE", Kind::PerfData),
    ];
    if let Some((_, k)) = magic.iter().find(|(m, _)| starts(head, m)) {
        return Some(*k);
    }
    if starts(head, b"\x7fELF") {
        return Some(exe("ELF"));
    }
    let macho: [&[u8]; 4] = [
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
    ];
    if macho.iter().any(|m| starts(head, m)) {
        return Some(exe("Mach-O"));
    }
    // 0xcafebabe: a universal Mach-O binary (few architectures), or a Java class file
    // (a major version of 45 or more where the universal binary's count is).
    if starts(head, b"\xca\xfe\xba\xbe") && head.len() >= 8 {
        let n = u32::from_be_bytes([head[4], head[5], head[6], head[7]]);
        return Some(if n < 45 {
            exe("universal Mach-O")
        } else {
            Kind::Other("a Java class file")
        });
    }
    if starts(head, b"MZ") && contains(&head[..head.len().min(1024)], b"PE\0\0") {
        return Some(exe("PE"));
    }
    if head.len() >= 262 && &head[257..262] == b"ustar" {
        return Some(Kind::Other("a tar archive"));
    }
    if starts(head, b"go 1.") && contains(&head[..head.len().min(16)], b" trace") {
        return Some(Kind::GoTrace);
    }
    text_kind(head)
}

/// `e` reworded when `head`/`tail` (an input's ends) are a kind [`identify`] knows.
pub fn explain(e: LoadError, head: &[u8], tail: &[u8]) -> LoadError {
    if e.kind != LoadErrorKind::Invalid {
        return e;
    }
    match identify(head, tail) {
        Some(k) => LoadError::invalid(&e.input, k.message()),
        None => e,
    }
}

#[cfg(test)]
mod tests;
