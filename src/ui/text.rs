//! Text helpers for the renderer: sanitized display strings, truncation to a width,
//! and word wrapping (to size boxes before drawing).

use unicode_width::UnicodeWidthChar;

use crate::sanitize::sanitize;

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `s` sanitized and cut to at most `max` columns (with "…" when cut).
pub fn fit(s: &str, max: usize) -> String {
    let s = sanitize(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// `s` (already safe) padded with spaces to `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let have = width(s);
    if have >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - have))
    }
}

/// Wraps `text` into lines of at most `max` columns, breaking at spaces (long words are
/// split).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for word in text.split(' ').filter(|s| !s.is_empty()) {
        let ww = width(word);
        if w > 0 && w + 1 + ww > max {
            lines.push(std::mem::take(&mut line));
            w = 0;
        }
        if ww > max {
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if w + cw > max {
                    lines.push(std::mem::take(&mut line));
                    w = 0;
                }
                line.push(c);
                w += cw;
            }
            continue;
        }
        if w > 0 {
            line.push(' ');
            w += 1;
        }
        line.push_str(word);
        w += ww;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_and_wraps() {
        assert_eq!(fit("main.main", 20), "main.main");
        assert_eq!(fit("encoding/json.Marshal", 8), "encodin…");
        assert_eq!(fit("a\x1bb", 10), "a\\x1bb");
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }
}
