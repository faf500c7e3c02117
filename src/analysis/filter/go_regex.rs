//! Go regular expressions (RE2 syntax, as `regexp.Compile` parses them) compiled with the
//! `regex` crate, which reads almost the same syntax. The differences that change what a
//! pattern matches are rewritten first:
//!
//! - `\d \w \s \b` (and negations) are ASCII-only in Go, Unicode-aware in `regex`;
//! - `\Q…\E` quotes literal text in Go;
//! - `\0`, `\12`, `\123` are octal escapes in Go;
//! - a `{` that does not start a valid repetition is a literal in Go;
//! - inside a class, `[` (unless it starts `[:name:]`), `&&` and `~~` are literals in Go
//!   but nested classes and set operations in `regex`.

use regex::Regex;

/// Compiles a Go regular expression; the error reads like Go's ("error parsing regexp:
/// missing closing ): `(`").
pub fn compile(go: &str) -> Result<Regex, String> {
    let rust = translate(go)?;
    Regex::new(&rust).map_err(|e| {
        let msg = match &e {
            regex::Error::Syntax(s) => s
                .lines()
                .rev()
                .find_map(|l| l.strip_prefix("error: "))
                .unwrap_or(s)
                .to_string(),
            other => other.to_string(),
        };
        format!("error parsing regexp: {msg}: `{go}`")
    })
}

const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";
const SPACE: &str = r"\t\n\x0C\r ";

/// Rewrites Go syntax into equivalent `regex` syntax.
pub fn translate(go: &str) -> Result<String, String> {
    let chars: Vec<char> = go.chars().collect();
    let mut out = String::with_capacity(go.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let Some(&e) = chars.get(i + 1) else {
                return Err(
                    "error parsing regexp: trailing backslash at end of expression: ``".into(),
                );
            };
            i += 2;
            match e {
                'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                    let set = match e.to_ascii_lowercase() {
                        'd' => DIGIT,
                        'w' => WORD,
                        _ => SPACE,
                    };
                    let negated = e.is_ascii_uppercase();
                    match (in_class, negated) {
                        (true, false) => out.push_str(set),
                        _ => {
                            out.push('[');
                            if negated {
                                out.push('^');
                            }
                            out.push_str(set);
                            out.push(']');
                        }
                    }
                }
                'b' | 'B' if !in_class => {
                    out.push_str("(?-u:\\");
                    out.push(e);
                    out.push(')');
                }
                'Q' if !in_class => {
                    let rest: String = chars[i..].iter().collect();
                    let (lit, consumed) = match rest.find("\\E") {
                        Some(end) => (&rest[..end], end + 2),
                        None => (rest.as_str(), rest.len()),
                    };
                    out.push_str(&regex::escape(lit));
                    i += rest[..consumed].chars().count();
                }
                '0'..='7' => {
                    let next_octal =
                        |j: usize| chars.get(j).is_some_and(|c| ('0'..='7').contains(c));
                    if e != '0' && !next_octal(i) {
                        return Err(format!(
                            "error parsing regexp: invalid escape sequence: `\\{e}`"
                        ));
                    }
                    let mut v = e as u32 - '0' as u32;
                    for _ in 1..3 {
                        if !next_octal(i) {
                            break;
                        }
                        v = v * 8 + (chars[i] as u32 - '0' as u32);
                        i += 1;
                    }
                    out.push_str(&format!("\\x{{{v:X}}}"));
                }
                _ => {
                    out.push('\\');
                    out.push(e);
                }
            }
            continue;
        }
        if in_class {
            match c {
                ']' => {
                    in_class = false;
                    out.push(']');
                }
                '[' if chars.get(i + 1) == Some(&':') => {
                    // A POSIX class "[:name:]" (or a literal "[" when it is not one).
                    let rest: String = chars[i..].iter().collect();
                    match rest.find(":]") {
                        Some(end) if end >= 2 => {
                            out.push_str(&rest[..end + 2]);
                            i += rest[..end + 2].chars().count();
                            continue;
                        }
                        _ => out.push_str("\\["),
                    }
                }
                '[' | '&' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                out.push('[');
                i += 1;
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                // A "]" right after the opening bracket is a literal.
                if chars.get(i) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
                continue;
            }
            '{' => match repeat(&chars[i..]) {
                Some((len, min, max)) => {
                    if min > 1000 || max.is_some_and(|m| m > 1000 || m < min) {
                        let text: String = chars[i..i + len].iter().collect();
                        return Err(format!(
                            "error parsing regexp: invalid repeat count: `{text}`"
                        ));
                    }
                    out.extend(&chars[i..i + len]);
                    i += len;
                    continue;
                }
                None => out.push_str("\\{"),
            },
            '}' => out.push_str("\\}"),
            _ => out.push(c),
        }
        i += 1;
    }
    Ok(out)
}

/// A repetition Go accepts at the start of `s` ("{"): `{n}`, `{n,}` or `{n,m}`, as its
/// length in chars, min and max (None = unbounded). Counts saturate instead of overflowing.
fn repeat(s: &[char]) -> Option<(usize, u32, Option<u32>)> {
    let mut i = 1;
    let number = |i: &mut usize| -> Option<u32> {
        let start = *i;
        let mut v: u32 = 0;
        while let Some(d) = s.get(*i).and_then(|c| c.to_digit(10)) {
            v = v.saturating_mul(10).saturating_add(d);
            *i += 1;
        }
        (*i > start).then_some(v)
    };
    let min = number(&mut i)?;
    let mut max = Some(min);
    if s.get(i) == Some(&',') {
        i += 1;
        max = number(&mut i);
    }
    (s.get(i) == Some(&'}')).then_some((i + 1, min, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(re: &str, s: &str) -> bool {
        compile(re).unwrap().is_match(s)
    }

    #[test]
    fn plain_patterns_pass_through() {
        assert_eq!(translate(r"^main\.fill$").unwrap(), r"^main\.fill$");
        assert!(m(r"^main\.(fill|grow)$", "main.grow"));
        assert!(m("json", "encoding/json.(*decodeState).object"));
        assert!(!m("^json", "encoding/json.Marshal"));
    }

    #[test]
    fn perl_classes_are_ascii() {
        assert!(m(r"^\d+$", "123"));
        assert!(!m(r"^\d$", "٣")); // Arabic-Indic digit: Unicode \d, not Go's.
        assert!(!m(r"^\w$", "é"));
        assert!(m(r"^\W$", "é"));
        assert!(m(r"^[\w.]+$", "main.fill"));
        assert!(m(r"^[^\d]+$", "abc"));
        assert!(m(r"^[\D]+$", "abc"));
        assert!(!m(r"^\s$", "\u{a0}"));
        assert!(m(r"\bfill\b", "main.fill"));
        assert!(m(r"\bx", "éx")); // ASCII boundary between é and x.
    }

    #[test]
    fn quoting_octal_and_braces() {
        assert!(m(r"\Qmain.(*T)\E$", "pkg.main.(*T)"));
        assert!(!m(r"\Qa.b\E", "axb"));
        assert!(m(r"\Q(*T", "x(*T"));
        assert!(m(r"^\101$", "A"));
        assert!(m(r"^\0$", "\0"));
        assert!(compile(r"\1").is_err());
        assert!(m("a{", "xa{"));
        assert!(m("a{x}", "a{x}"));
        assert!(m("^a{2}$", "aa"));
        assert!(m("^a{2,}$", "aaa"));
        assert!(m("^a{1,2}$", "aa"));
        assert!(m("}", "}"));
        assert!(m("^a{1000}$", &"a".repeat(1000)));
        assert!(compile("a{1001}").is_err());
        assert!(compile("a{2,1}").is_err());
    }

    #[test]
    fn classes_are_go_classes() {
        assert!(m("^[]a]+$", "]a"));
        assert!(m("^[^]a]$", "b"));
        assert!(m("^[a[]+$", "[a"));
        assert!(m("^[[:alpha:]]+$", "abc"));
        assert!(m("^[a&&b]+$", "&"));
        assert!(m("^[~~]$", "~"));
    }

    #[test]
    fn errors_read_like_go() {
        let e = compile("(").unwrap_err();
        assert!(e.starts_with("error parsing regexp: "), "{e}");
        assert!(e.ends_with(": `(`"), "{e}");
        assert!(compile("a\\").is_err());
    }
}
