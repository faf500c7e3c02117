//! Go's `path/filepath` Clean and Base on Unix, so node names match pprof's byte for byte.

/// Go's `filepath.Clean`: the shortest lexically equivalent path.
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|&p| p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// Go's `filepath.Base`: the last element, trailing slashes removed.
pub fn base(path: &str) -> &str {
    if path.is_empty() {
        return ".";
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_matches_go() {
        for (i, o) in [
            ("", "."),
            ("/", "/"),
            ("a/b/../c", "a/c"),
            ("/../a", "/a"),
            ("../../a", "../../a"),
            ("a//b/./c/", "a/b/c"),
            (
                "/usr/lib/go-1.19/src/runtime/proc.go",
                "/usr/lib/go-1.19/src/runtime/proc.go",
            ),
            ("a/..", "."),
        ] {
            assert_eq!(clean(i), o, "clean({i:?})");
        }
    }

    #[test]
    fn base_matches_go() {
        for (i, o) in [
            ("", "."),
            ("/", "/"),
            ("/a/b/", "b"),
            ("seed", "seed"),
            ("/x/seed", "seed"),
        ] {
            assert_eq!(base(i), o);
        }
    }
}
