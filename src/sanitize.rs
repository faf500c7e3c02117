//! Makes untrusted text (from a profile or a source file) safe to show on a terminal:
//! control characters, escape sequences, bidi overrides and invisible characters are
//! replaced by visible escapes such as `\x1b` or `<U+202E>`.

use std::borrow::Cow;

use crate::profile::lossless::is_byte_escape;

/// Whether `c` must not reach a terminal as is.
pub fn is_unsafe(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7f..=0x9f).contains(&u)
        || matches!(u,
            0x200b..=0x200f   // zero-width space/joiners, LRM/RLM
            | 0x2028..=0x202e // line/paragraph separators, bidi embeddings and overrides
            | 0x2060..=0x2064 // word joiner, invisible operators
            | 0x2066..=0x2069 // bidi isolates
            | 0xfeff          // zero-width no-break space / BOM
            | 0xfff9..=0xfffb // interlinear annotations
            | 0x00ad          // soft hyphen
            | 0x061c          // Arabic letter mark
            | 0x180e          // Mongolian vowel separator
        )
}

/// The visible stand-in for an unsafe character.
fn escape(c: char, out: &mut String) {
    let u = c as u32;
    if u < 0x80 || (0x80..=0x9f).contains(&u) {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push_str(&format!("\\x{u:02x}")),
        }
    } else {
        out.push_str(&format!("<U+{u:04X}>"));
    }
}

/// Returns `s` with every unsafe character made visible (borrowed when nothing changes).
/// A byte of a profile string that was not UTF-8 ([`crate::profile::lossless`]) is shown
/// as U+FFFD.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || is_byte_escape(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_byte_escape(c) {
            out.push('\u{fffd}');
        } else if is_unsafe(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Sanitizes every line of `text`, keeping its newlines and tabs (so tables still align).
pub fn sanitize_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, cell) in line.split('\t').enumerate() {
            if j > 0 {
                out.push('\t');
            }
            out.push_str(&sanitize(cell));
        }
    }
    out
}

/// Whether `s` holds any character that must not reach a terminal as is.
pub fn is_unsafe_str(s: &str) -> bool {
    s.chars().any(|c| is_unsafe(c) || is_byte_escape(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(sanitize("main.main"), "main.main");
        assert_eq!(sanitize("a\x1b]52;c;AAAA\x07b"), "a\\x1b]52;c;AAAA\\x07b");
        assert_eq!(sanitize("x\u{202e}y"), "x<U+202E>y");
        assert_eq!(sanitize("\u{9b}31m"), "\\x9b31m");
        assert_eq!(sanitize("tab\there"), "tab\\there");
        assert_eq!(sanitize("z\u{200b}w"), "z<U+200B>w");
        let not_utf8 = crate::profile::lossless::decode(b"a\xffb");
        assert_eq!(sanitize(&not_utf8), "a\u{fffd}b");
    }

    #[test]
    fn lines_keep_newlines_and_tabs() {
        assert_eq!(sanitize_lines("a\tb\x1b\nc\r\n"), "a\tb\\x1b\nc\\r\n");
    }
}
