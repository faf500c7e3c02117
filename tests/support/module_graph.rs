//! The crate's module files and the paths each names, as a graph (module → the module
//! files it uses, its own ancestors left out: a child module is part of its parent), and
//! its strongly connected components: the import circles `tests/layering.rs` forbids.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every module file of the crate: module path ("app::tree_pane") → file.
pub fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            // Test modules (`tests.rs`, `*_tests.rs`) are compiled only for tests.
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            if stem.is_some_and(|s| s == "tests" || s.ends_with("_tests")) {
                continue;
            }
            let rel = p.strip_prefix(src).expect("under src").with_extension("");
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let name = match parts.as_slice() {
                [one] if one == "lib" => String::new(),
                [one] if one == "main" => continue,
                _ => parts.join("::"),
            };
            out.insert(name, p);
        }
    }
    out
}

/// The file's text without its test modules (`#[cfg(test)]` and what follows it at the
/// end of the file) and without comments.
pub fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` without the contents of its string and character literals.
fn strip_literals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'r' if chars.peek().is_some_and(|&n| n == '"' || n == '#') => {
                let mut hashes = 0;
                while chars.peek() == Some(&'#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.peek() != Some(&'"') {
                    out.push('r');
                    continue;
                }
                chars.next();
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let mut buf = String::new();
                for c in chars.by_ref() {
                    buf.push(c);
                    if buf.ends_with(&close) {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => break,
                        _ => escaped = false,
                    }
                }
                out.push_str("\"\"");
            }
            '\'' => {
                // A character literal ('x', '\n', '\u{..}'), else a lifetime.
                let rest: String = chars.clone().take(12).collect();
                let end = if let Some(escaped) = rest.strip_prefix('\\') {
                    escaped.find('\'').map(|i| i + 1)
                } else {
                    rest.char_indices()
                        .nth(1)
                        .filter(|&(_, c)| c == '\'')
                        .map(|(i, _)| i)
                };
                match end {
                    Some(e) => {
                        for _ in 0..rest[..=e].chars().count() {
                            chars.next();
                        }
                        out.push_str("' '");
                    }
                    None => out.push('\''),
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Every path `text` names: `use` trees expanded (`use a::{b, c::d}` → `a::b`, `a::c::d`)
/// and the paths written in the code (`crate::x::y(…)`, `super::z`).
pub fn paths(text: &str) -> Vec<String> {
    let text = &strip_literals(text);
    let mut out = Vec::new();
    // use declarations: a line starting with `use` or `pub … use`, to its `;`
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        let t = t.strip_prefix("pub").map_or(t, |r| {
            let r = r.trim_start();
            match r.strip_prefix('(') {
                Some(r) => r.split_once(')').map_or(r, |(_, rest)| rest).trim_start(),
                None => r,
            }
        });
        let Some(tree) = t.strip_prefix("use ") else {
            continue;
        };
        let mut stmt = tree.to_string();
        while !stmt.contains(';') {
            match lines.next() {
                Some(l) => stmt.push_str(l),
                None => break,
            }
        }
        let stmt = stmt.split(';').next().unwrap_or("");
        // Whitespace dropped; `as` renames marked with '@' (the name after it is local).
        let tree: String = stmt
            .split_whitespace()
            .map(|w| if w == "as" { "@" } else { w })
            .collect();
        expand("", &tree, &mut out);
    }
    // paths in code: a run of identifiers joined by `::`
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        if ident(bytes[i]) && (i == 0 || !ident(bytes[i - 1]) && bytes[i - 1] != b':') {
            let mut j = i;
            loop {
                while j < bytes.len() && ident(bytes[j]) {
                    j += 1;
                }
                if bytes[j..].starts_with(b"::") && bytes.get(j + 2).is_some_and(|&b| ident(b)) {
                    j += 2;
                } else {
                    break;
                }
            }
            let p = &text[start..j];
            if p.contains("::") {
                out.push(p.to_string());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

pub fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}::{b}")
        }
    };
    match tree.find('{') {
        None => {
            let t = tree.split('@').next().unwrap_or(tree);
            out.push(join(prefix, t.trim_end_matches("::")));
        }
        Some(open) => {
            let head = tree[..open].trim_end_matches("::");
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let prefix = join(prefix, head);
            let mut depth = 0;
            let mut start = 0;
            for (k, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&prefix, &inner[start..k], out);
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            if start < inner.len() {
                expand(&prefix, &inner[start..], out);
            }
        }
    }
}

/// The module file a path written in module `at` leads to (the deepest module file on
/// it), if it names one of the crate's modules.
fn resolve(path: &str, at: &str, mods: &BTreeMap<String, PathBuf>) -> Option<String> {
    let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut cur: Vec<String> = match segs.first().copied() {
        Some("crate") => Vec::new(),
        Some("self") | Some("super") => at
            .split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        Some(first) => {
            // A child module of `at`, else nothing of ours (a crate or a local item).
            let child = if at.is_empty() {
                first.to_string()
            } else {
                format!("{at}::{first}")
            };
            if !mods.contains_key(&child) {
                return None;
            }
            at.split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        }
        None => return None,
    };
    let mut rest = &segs[..];
    if matches!(segs.first().copied(), Some("crate") | Some("self")) {
        rest = &segs[1..];
    }
    while rest.first() == Some(&"super") {
        cur.pop();
        rest = &rest[1..];
    }
    for s in rest {
        let mut next = cur.clone();
        next.push(s.to_string());
        if mods.contains_key(&next.join("::")) {
            cur = next;
        } else {
            break;
        }
    }
    Some(cur.join("::"))
}

fn is_ancestor(a: &str, of: &str) -> bool {
    a.is_empty() || of.starts_with(&format!("{a}::"))
}

/// Edges between module files: A → B when A names something of B, B is not A's own
/// ancestor (a child module is part of its parent).
pub fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules(src);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, file) in &mods {
        let text = code(&std::fs::read_to_string(file).expect("read"));
        let edges = g.entry(m.clone()).or_default();
        for p in paths(&text) {
            if let Some(to) = resolve(&p, m, &mods)
                && to != *m
                && !is_ancestor(&to, m)
            {
                edges.insert(to);
            }
        }
    }
    g
}

/// Strongly connected components of more than one module (Tarjan).
pub fn circles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        n: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.n);
        t.low.insert(v, t.n);
        t.n += 1;
        t.stack.push(v);
        t.on.insert(v);
        let g = t.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !g.contains_key(w) {
                continue;
            }
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).expect("low");
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).expect("low");
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        n: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}
