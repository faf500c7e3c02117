//! Finds a profile's source files on this machine: the recorded path, pprof's search-path
//! rule, --trim-path, GOROOT, the Go module cache and vendor/ directories, in that order.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::nodes::trim_path;
use super::source_file::{go_error_text, is_regular_file};
use crate::profile::gopath;

/// The result of a search: the file found, or every path tried (for a helpful message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Located {
    /// A regular file.
    Found(PathBuf),
    /// Nothing found; the candidates, in the order they were tried.
    NotFound(Vec<PathBuf>),
}

/// A Go directory: given, or looked up from the environment on first use.
#[derive(Clone, Debug)]
enum GoDir {
    Auto,
    Fixed(Option<PathBuf>),
}

/// Where source files are searched for, besides the paths the profile records.
#[derive(Clone, Debug)]
pub struct SourceLocator {
    /// pprof's search path: --source-path, or the working directory when none was given.
    search_path: String,
    /// The --source-path directories (empty when none was given).
    source_dirs: Vec<PathBuf>,
    /// --trim-path prefixes, ':'-separated.
    trim: String,
    /// The working directory.
    cwd: PathBuf,
    goroot: GoDir,
    modcache: GoDir,
}

impl SourceLocator {
    /// A locator for `--source-path` and `--trim-path` (':'-separated, may be empty) run in
    /// `cwd`; GOROOT and the module cache come from the environment when first needed.
    pub fn new(source_path: &str, trim: &str, cwd: &Path) -> Self {
        let search_path = if source_path.is_empty() {
            cwd.to_string_lossy().into_owned()
        } else {
            source_path.to_string()
        };
        Self {
            search_path,
            source_dirs: split_list(source_path).map(PathBuf::from).collect(),
            trim: trim.to_string(),
            cwd: cwd.to_path_buf(),
            goroot: GoDir::Auto,
            modcache: GoDir::Auto,
        }
    }

    /// Uses these GOROOT and module cache directories instead of the environment's.
    pub fn with_go_dirs(mut self, goroot: Option<PathBuf>, modcache: Option<PathBuf>) -> Self {
        self.goroot = GoDir::Fixed(goroot);
        self.modcache = GoDir::Fixed(modcache);
        self
    }

    /// pprof's search path (for messages).
    pub fn search_path(&self) -> &str {
        &self.search_path
    }

    /// pprof's openSourceFile for `shown` (the file name a report shows): the file pprof
    /// would read, or the error text it prints. Only regular files count as found.
    pub fn pprof_find(&self, shown: &str) -> Result<PathBuf, String> {
        let path = trim_path(shown, &self.trim, &self.search_path);
        if path.starts_with('/') {
            let p = PathBuf::from(&path);
            return match std::fs::metadata(&p) {
                Ok(m) if m.is_file() => Ok(p),
                Ok(_) => Err(format!("open {path}: not a regular file")),
                Err(e) => Err(format!("open {path}: {}", go_error_text(&e))),
            };
        }
        for c in self.pprof_candidates(&path) {
            if is_regular_file(&c) {
                return Ok(c);
            }
        }
        Err(format!(
            "could not find file {path} on path {}",
            self.search_path
        ))
    }

    /// Relative `path` under each search directory and each of its parents (pprof's rule).
    fn pprof_candidates(&self, path: &str) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for dir in self.search_path.split(':') {
            let mut dir = dir.to_string();
            loop {
                out.push(PathBuf::from(go_join(&dir, path)));
                let parent = go_dir(&dir);
                if parent == dir {
                    break;
                }
                dir = parent;
            }
        }
        out
    }

    /// Finds the source of `recorded` (a function's file name as the profile records it),
    /// which a report shows as `shown` (after pprof's trimming). Tries, in order: (1) the
    /// recorded path; (2) pprof's search-path rule, then every suffix of the recorded path
    /// under each --source-path directory; (3) the recorded path without a --trim-path
    /// prefix, under those directories and the working directory; (4) Go's standard library
    /// under GOROOT; (5) the module cache for `module@version/…` paths; (6) vendor/ under
    /// the search directories. Stops at the first regular file.
    pub fn locate(&self, recorded: &str, shown: &str) -> Located {
        let mut tried: Vec<PathBuf> = Vec::new();
        let check = |cands: Vec<PathBuf>, tried: &mut Vec<PathBuf>| -> Option<PathBuf> {
            for c in cands {
                if tried.contains(&c) {
                    continue;
                }
                let ok = is_regular_file(&c);
                tried.push(c);
                if ok {
                    return tried.last().cloned();
                }
            }
            None
        };
        let rec = if recorded.is_empty() { shown } else { recorded };
        let rec = gopath::clean(rec);
        let rules: [&dyn Fn() -> Vec<PathBuf>; 6] = [
            &|| self.rule_recorded(&rec),
            &|| self.rule_search(&rec, shown),
            &|| self.rule_trim(&rec),
            &|| self.rule_goroot(&rec),
            &|| self.rule_modcache(&rec),
            &|| self.rule_vendor(&rec),
        ];
        for rule in rules {
            if let Some(found) = check(rule(), &mut tried) {
                return Located::Found(found);
            }
        }
        Located::NotFound(tried)
    }

    fn rule_recorded(&self, rec: &str) -> Vec<PathBuf> {
        if rec.starts_with('/') {
            vec![PathBuf::from(rec)]
        } else {
            Vec::new()
        }
    }

    fn rule_search(&self, rec: &str, shown: &str) -> Vec<PathBuf> {
        let path = trim_path(shown, &self.trim, &self.search_path);
        let mut out = if path.starts_with('/') {
            vec![PathBuf::from(&path)]
        } else {
            self.pprof_candidates(&path)
        };
        let parts: Vec<&str> = rec.split('/').filter(|s| !s.is_empty()).collect();
        for dir in &self.source_dirs {
            for i in 0..parts.len() {
                out.push(dir.join(parts[i..].join("/")));
            }
        }
        out
    }

    fn rule_trim(&self, rec: &str) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for prefix in split_list(&self.trim) {
            let prefix = prefix.trim_end_matches('/');
            let Some(rest) = rec.strip_prefix(prefix).and_then(|r| r.strip_prefix('/')) else {
                continue;
            };
            for dir in self.source_dirs.iter().chain(std::iter::once(&self.cwd)) {
                out.push(dir.join(rest));
            }
        }
        out
    }

    fn rule_goroot(&self, rec: &str) -> Vec<PathBuf> {
        let Some(root) = resolve(&self.goroot, go_root) else {
            return Vec::new();
        };
        let src = root.join("src");
        let mut out = Vec::new();
        if let Some(rest) = rec.strip_prefix("$GOROOT/") {
            out.push(root.join(rest));
        } else if !rec.starts_with('/') {
            out.push(src.join(rec));
        }
        for (i, _) in rec.match_indices("/src/") {
            out.push(src.join(&rec[i + 5..]));
        }
        out
    }

    fn rule_modcache(&self, rec: &str) -> Vec<PathBuf> {
        let Some(cache) = resolve(&self.modcache, mod_cache) else {
            return Vec::new();
        };
        let rel = match rec.find("/pkg/mod/") {
            Some(i) => &rec[i + 9..],
            None if !rec.starts_with('/') => rec,
            None => return Vec::new(),
        };
        match module_split(rel) {
            Some((module, rest)) => vec![cache.join(escape_module(module)).join(rest)],
            None => Vec::new(),
        }
    }

    fn rule_vendor(&self, rec: &str) -> Vec<PathBuf> {
        let mut imports = Vec::new();
        let rel = rec.find("/pkg/mod/").map_or(rec, |i| &rec[i + 9..]);
        if let Some((module, rest)) = module_split(rel) {
            let path = module.split('@').next().unwrap_or(module);
            imports.push(format!("{}/{rest}", unescape_module(path)));
        }
        for (i, _) in rec.match_indices("/src/") {
            imports.push(rec[i + 5..].to_string());
        }
        let dirs: Vec<&PathBuf> = if self.source_dirs.is_empty() {
            vec![&self.cwd]
        } else {
            self.source_dirs.iter().collect()
        };
        let mut out = Vec::new();
        for dir in dirs {
            for imp in &imports {
                out.push(dir.join("vendor").join(imp));
            }
        }
        out
    }
}

/// Go's filepath.SplitList on Unix, without empty entries.
fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(':').filter(|d| !d.is_empty())
}

/// Go's filepath.Join of two elements: empty ones are ignored, the result is cleaned.
fn go_join(dir: &str, path: &str) -> String {
    match (dir.is_empty(), path.is_empty()) {
        (true, true) => String::new(),
        (true, false) => gopath::clean(path),
        (false, true) => gopath::clean(dir),
        (false, false) => gopath::clean(&format!("{dir}/{path}")),
    }
}

/// Go's filepath.Dir on Unix.
fn go_dir(path: &str) -> String {
    match path.rfind('/') {
        Some(i) => gopath::clean(&path[..=i]),
        None => ".".into(),
    }
}

/// Splits a module-cache style path `module@version/rest` at the end of its `@` element.
fn module_split(rel: &str) -> Option<(&str, &str)> {
    let at = rel.find('@')?;
    let end = rel[at..].find('/').map(|i| at + i)?;
    Some((&rel[..end], &rel[end + 1..]))
}

/// The module cache's case escaping: each upper-case letter becomes '!' and its lower case.
pub fn escape_module(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Undoes [`escape_module`].
fn unescape_module(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut bang = false;
    for c in s.chars() {
        match (bang, c) {
            (false, '!') => bang = true,
            (true, c) => {
                out.push(c.to_ascii_uppercase());
                bang = false;
            }
            (false, c) => out.push(c),
        }
    }
    out
}

fn resolve(d: &GoDir, auto: fn() -> Option<PathBuf>) -> Option<PathBuf> {
    match d {
        GoDir::Fixed(p) => p.clone(),
        GoDir::Auto => auto(),
    }
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// $GOROOT, else `go env GOROOT` (run once per process), else none.
fn go_root() -> Option<PathBuf> {
    static CACHE: OnceLock<Option<PathBuf>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            env_path("GOROOT").or_else(|| {
                let out = std::process::Command::new("go")
                    .args(["env", "GOROOT"])
                    // Never a toolchain named by a go.mod of the working directory.
                    .env("GOTOOLCHAIN", "local")
                    .stdin(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .output()
                    .ok()?;
                let s = String::from_utf8(out.stdout).ok()?;
                let s = s.trim();
                (out.status.success() && s.starts_with('/')).then(|| PathBuf::from(s))
            })
        })
        .clone()
}

/// $GOMODCACHE, else $GOPATH's first entry + /pkg/mod, else ~/go/pkg/mod.
fn mod_cache() -> Option<PathBuf> {
    env_path("GOMODCACHE")
        .or_else(|| {
            let gopath = std::env::var("GOPATH").ok()?;
            split_list(&gopath)
                .next()
                .map(|d| Path::new(d).join("pkg/mod"))
        })
        .or_else(|| env_path("HOME").map(|h| h.join("go/pkg/mod")))
}

#[cfg(test)]
#[path = "source_locate_tests.rs"]
mod tests;
