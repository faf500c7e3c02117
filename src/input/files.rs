//! Command-line inputs → the inputs they stand for: a directory stands for its regular
//! files (not those of its subdirectories, not hidden ones, sorted by name), a glob
//! pattern that names no file for the regular files it matches (expanded here, so it
//! works quoted or from a shell that left it alone; sorted), anything else for itself
//! (files, "-" for stdin, URLs and `host:port` of servers).

use std::path::{Path, PathBuf};

/// An input that stands for no file, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpandError {
    /// The input as given.
    pub input: String,
    /// What is wrong with it.
    pub message: String,
}

/// The inputs `inputs` stand for, in order.
pub fn expand(inputs: &[String]) -> Result<Vec<String>, ExpandError> {
    let mut out = Vec::with_capacity(inputs.len());
    for input in inputs {
        let fail = |message: &str| ExpandError {
            input: input.clone(),
            message: message.to_string(),
        };
        let path = Path::new(input);
        if input == "-" || input.is_empty() {
            out.push(input.clone());
        } else if path.is_dir() {
            let files = directory_files(path).map_err(|e| fail(&e.to_string()))?;
            if files.is_empty() {
                return Err(fail("the directory holds no profile files"));
            }
            out.extend(files);
        } else if std::fs::symlink_metadata(path).is_ok()
            || crate::fetch::remote_source(input, None, None).is_some()
            || !is_pattern(input)
        {
            out.push(input.clone());
        } else {
            let files = glob(input);
            if files.is_empty() {
                return Err(fail("no file matches this pattern"));
            }
            out.extend(files);
        }
    }
    Ok(out)
}

/// The regular files directly in `dir` (symbolic links to files included), hidden ones
/// left out, sorted by name.
fn directory_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files.iter().map(|p| p.display().to_string()).collect())
}

/// Whether `s` holds a glob metacharacter.
fn is_pattern(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// The regular files `pattern` matches, sorted: `*` any run of characters, `?` one,
/// `[abc]`, `[a-z]` and `[!a]` one of a set, `\\` escapes; none of them matches a `/`,
/// nor a leading `.` unless the pattern's part starts with one.
fn glob(pattern: &str) -> Vec<String> {
    let absolute = pattern.starts_with('/');
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    let mut current: Vec<PathBuf> = vec![if absolute {
        PathBuf::from("/")
    } else {
        PathBuf::new()
    }];
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let mut next = Vec::new();
        for base in &current {
            if !is_pattern(part) {
                next.push(base.join(unescape(part)));
                continue;
            }
            let dir = if base.as_os_str().is_empty() {
                Path::new(".")
            } else {
                base.as_path()
            };
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                if name.starts_with('.') && !part.starts_with('.') {
                    continue;
                }
                if matches(part.as_bytes(), name.as_bytes()) {
                    next.push(base.join(name));
                }
            }
        }
        next.retain(|p| {
            let meta = std::fs::metadata(p);
            if last {
                meta.is_ok_and(|m| m.is_file())
            } else {
                meta.is_ok_and(|m| m.is_dir())
            }
        });
        current = next;
    }
    let mut files: Vec<String> = current.iter().map(|p| p.display().to_string()).collect();
    files.sort();
    files.dedup();
    files
}

/// A literal part of a pattern with its escapes removed.
fn unescape(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut chars = part.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `name` matches the pattern `pat` (one path part, bytes).
fn matches(pat: &[u8], name: &[u8]) -> bool {
    // Backtracking over the last `*`: linear in practice.
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        if p < pat.len() {
            match pat[p] {
                b'*' => {
                    star = Some((p, n));
                    p += 1;
                    continue;
                }
                b'?' => {
                    p += 1;
                    n += 1;
                    continue;
                }
                b'[' => match class(&pat[p..], name[n]) {
                    Some((true, len)) => {
                        p += len;
                        n += 1;
                        continue;
                    }
                    Some((false, _)) => {}
                    // Not closed: a plain `[`.
                    None if name[n] == b'[' => {
                        p += 1;
                        n += 1;
                        continue;
                    }
                    None => {}
                },
                b'\\' if p + 1 < pat.len() && pat[p + 1] == name[n] => {
                    p += 2;
                    n += 1;
                    continue;
                }
                // An escaped character that is not this one.
                b'\\' if p + 1 < pat.len() => {}
                c if c == name[n] => {
                    p += 1;
                    n += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, sn)) => {
                p = sp + 1;
                n = sn + 1;
                star = Some((sp, sn + 1));
            }
            None => return false,
        }
    }
    pat[p..].iter().all(|&c| c == b'*')
}

/// A `[…]` class at the front of `pat`: whether `c` is in it, and the class's length;
/// None when the class is not closed (then `[` is a plain character).
fn class(pat: &[u8], c: u8) -> Option<(bool, usize)> {
    let mut i = 1;
    let negate = matches!(pat.get(i), Some(b'!' | b'^'));
    if negate {
        i += 1;
    }
    let mut hit = false;
    let mut first = true;
    while i < pat.len() {
        let lo = pat[i];
        if lo == b']' && !first {
            return Some((hit != negate, i + 1));
        }
        first = false;
        if i + 2 < pat.len() && pat[i + 1] == b'-' && pat[i + 2] != b']' {
            hit |= (lo..=pat[i + 2]).contains(&c);
            i += 3;
        } else {
            hit |= lo == c;
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_like_a_shell() {
        let yes = [
            ("*.pb.gz", "heap-1.pb.gz"),
            ("heap-?.pb.gz", "heap-7.pb.gz"),
            ("heap-[0-9][0-9]", "heap-42"),
            ("heap-[!a]", "heap-b"),
            ("*", "x"),
            ("a*b*c", "aXbYbZc"),
            ("[]]x", "]x"),
            ("\\*", "*"),
            ("[ab", "[ab"),
        ];
        for (p, n) in yes {
            assert!(matches(p.as_bytes(), n.as_bytes()), "{p} ~ {n}");
        }
        let no = [
            ("*.pb.gz", "heap-1.pb"),
            ("heap-?", "heap-10"),
            ("heap-[!0-9]", "heap-3"),
            ("a*b*c", "aXbYbZ"),
            ("\\*", "x"),
        ];
        for (p, n) in no {
            assert!(!matches(p.as_bytes(), n.as_bytes()), "{p} !~ {n}");
        }
    }

    #[test]
    fn directories_and_patterns_stand_for_their_files() {
        let dir = std::env::temp_dir().join(format!("memprof-inputs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).expect("dirs");
        for f in [
            "b.pb.gz",
            "a.pb.gz",
            "c.txt",
            ".hidden.pb.gz",
            "sub/d.pb.gz",
        ] {
            std::fs::write(dir.join(f), b"x").expect("file");
        }
        let d = dir.display().to_string();
        let names = |v: Vec<String>| -> Vec<String> {
            v.iter()
                .map(|p| p.strip_prefix(&format!("{d}/")).unwrap_or(p).to_string())
                .collect()
        };
        assert_eq!(
            names(expand(std::slice::from_ref(&d)).expect("dir")),
            ["a.pb.gz", "b.pb.gz", "c.txt"]
        );
        assert_eq!(
            names(expand(&[format!("{d}/*.pb.gz")]).expect("glob")),
            ["a.pb.gz", "b.pb.gz"]
        );
        assert_eq!(
            names(expand(&[format!("{d}/*/*.pb.gz"), "-".into()]).expect("glob")),
            ["sub/d.pb.gz", "-"]
        );
        let none = expand(&[format!("{d}/*.prof")]).expect_err("no match");
        assert_eq!(none.message, "no file matches this pattern");
        std::fs::create_dir_all(dir.join("empty")).expect("dir");
        let empty = expand(&[format!("{d}/empty")]).expect_err("empty dir");
        assert!(empty.message.contains("no profile files"), "{empty:?}");
        // Servers and names without a pattern stay as they are.
        let kept: Vec<String> = ["localhost:6060/debug/pprof/heap?gc=1", "missing.prof"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(expand(&kept).expect("kept"), kept);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
