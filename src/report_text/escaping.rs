//! The one way text reports reach stdout: every profile string and source line of a report
//! goes through [`Escaping`], and the finished report through [`Escaping::bytes`]. By
//! default (safe) control characters (C0 but tab and newline, C1, DEL), bidi overrides and
//! isolates and invisible characters become visible escapes (`\x1b`, `<U+202E>`) and
//! bytes that are not UTF-8 U+FFFD, on a terminal or a pipe alike: a report piped into a
//! terminal, a pager or a CI log cannot set the clipboard or the title, move the cursor or
//! reorder text. `--raw` asks for pprof's exact bytes instead.

use std::borrow::Cow;

use crate::profile::lossless;
use crate::profile::lossless::is_byte_escape;
use crate::sanitize::{is_unsafe, sanitize_lines};

/// How untrusted text is written in a text report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Escaping {
    /// Unsafe characters made visible (the default).
    #[default]
    Safe,
    /// The profile's bytes as they are (`--raw`), like `go tool pprof`.
    Raw,
}

impl Escaping {
    /// `Raw` when `raw` (the `--raw` flag), else `Safe`.
    pub fn of(raw: bool) -> Self {
        if raw { Self::Raw } else { Self::Safe }
    }

    /// A profile string (name, file, label) or a source line as part of a report: in safe
    /// mode unsafe characters escaped, tabs and line breaks kept (pprof's layout: kernel
    /// symbols hold tabs, code is indented with them).
    pub fn field(self, s: &str) -> Cow<'_, str> {
        let unsafe_char = |c: char| c != '\t' && c != '\n' && (is_unsafe(c) || is_byte_escape(c));
        match self {
            Self::Safe if s.chars().any(unsafe_char) => Cow::Owned(sanitize_lines(s)),
            _ => Cow::Borrowed(s),
        }
    }

    /// A name as a TSV field: tabs and line breaks become spaces (the format has no
    /// escape for them), then as [`Escaping::field`].
    pub fn tsv_field(self, s: &str) -> String {
        self.field(&s.replace(['\t', '\n', '\r'], " ")).into_owned()
    }

    /// The finished report as the bytes written: in safe mode every line is sanitized
    /// again, keeping its tabs and newlines (a net under anything a writer did not pass
    /// through [`Escaping::field`]); in raw mode profile strings that were not UTF-8 go
    /// back to their original bytes ([`lossless`]).
    pub fn bytes(self, report: &str) -> Vec<u8> {
        match self {
            Self::Safe => sanitize_lines(report).into_bytes(),
            Self::Raw => lossless::encode(report).into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\x1b]52;c;QUFB\x07b\u{9b}2J\u{7f}\u{202e}c\td\ne";

    #[test]
    fn safe_fields_escape_every_control_and_bidi_character_but_tab_and_newline() {
        assert_eq!(
            Escaping::Safe.field(HOSTILE),
            "a\\x1b]52;c;QUFB\\x07b\\x9b2J\\x7f<U+202E>c\td\ne"
        );
        assert_eq!(Escaping::Raw.field(HOSTILE), HOSTILE);
        assert!(matches!(Escaping::Safe.field("f\t[mod]"), Cow::Borrowed(_)));
        assert_eq!(
            Escaping::Safe.field("\tx := \"\x1b[2J\"\r"),
            "\tx := \"\\x1b[2J\"\\r"
        );
    }

    #[test]
    fn tsv_fields_lose_tabs_and_line_breaks() {
        assert_eq!(Escaping::Safe.tsv_field("a\tb\x1bc\nd\re"), "a b\\x1bc d e");
        assert_eq!(Escaping::Raw.tsv_field("a\tb\x1bc"), "a b\x1bc");
    }

    #[test]
    fn the_whole_report_is_sanitized_again_and_raw_keeps_bytes() {
        let report = "x\x1b[31m\ty\n";
        assert_eq!(Escaping::Safe.bytes(report), b"x\\x1b[31m\ty\n");
        let not_utf8 = lossless::decode(b"n\xffm\n");
        assert_eq!(Escaping::Safe.bytes(&not_utf8), "n\u{fffd}m\n".as_bytes());
        assert_eq!(Escaping::Raw.bytes(&not_utf8), b"n\xffm\n");
    }
}
