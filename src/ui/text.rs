//! Text helpers for the renderer: sanitized display strings, truncation to a width,
//! and word wrapping (to size boxes before drawing).

use unicode_width::UnicodeWidthChar;

use crate::sanitize::sanitize;

/// Display width of `s` in terminal columns.
pub use crate::text_width::width;

/// `s` sanitized and cut to at most `max` columns (with "…" when cut).
pub fn fit(s: &str, max: usize) -> String {
    crate::text_width::cut(&sanitize(s), max)
}

/// `s` sanitized and cut to at most `max` columns, keeping its end (with "…" in front
/// when cut).
pub fn fit_end(s: &str, max: usize) -> String {
    let s = sanitize(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        tail.push(c);
        w += cw;
    }
    tail.push('…');
    tail.into_iter().rev().collect()
}

/// A function name shortened from the middle to `max` columns, keeping the start of the
/// import path and the whole last element (package, type and method):
/// `github.com/…/queue.(*T65).Method3072`. When even the last element does not fit, its
/// end is kept.
pub fn fit_name(s: &str, max: usize) -> String {
    let clean = sanitize(s);
    if width(&clean) <= max {
        return clean.into_owned();
    }
    // The last path element starts after the last '/' outside brackets and parentheses.
    let cut = last_path_slash(&clean);
    let Some(cut) = cut else {
        return fit_end(&clean, max);
    };
    let (head, tail) = clean.split_at(cut + 1);
    let tail_w = width(tail);
    if tail_w + 2 > max {
        return fit_end(tail, max);
    }
    // Whole leading path elements that fit, then "…/" and the last element.
    let room = max - tail_w - 2;
    let mut out = String::new();
    let mut w = 0;
    for part in head.split_inclusive('/') {
        let pw = width(part);
        if w + pw > room {
            break;
        }
        out.push_str(part);
        w += pw;
    }
    out.push_str("…/");
    out.push_str(tail);
    out
}

fn last_path_slash(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut last = None;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '/' if depth == 0 => last = Some(i),
            _ => {}
        }
    }
    last
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

    #[test]
    fn names_keep_their_function() {
        let n = "github.com/acme/platform/internal/queue.(*T65).Method3072";
        assert_eq!(fit_name(n, 100), n);
        assert_eq!(fit_name(n, 37), "github.com/…/queue.(*T65).Method3072");
        assert_eq!(fit_name(n, 30), "…/queue.(*T65).Method3072");
        assert_eq!(fit_name(n, 20), "…e.(*T65).Method3072");
        assert_eq!(fit_name("main.main", 5), "…main");
        assert_eq!(fit_name("pkg.f[a/b]", 6), "…[a/b]");
        assert_eq!(fit_end("encoding/json.Marshal", 8), "…Marshal");
    }
}
