//! One test per source-resolution rule of [`super::SourceLocator`], in temporary directories.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::*;
use crate::analysis::source_file::read_source;

/// A fresh, empty directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "memprof-tui-locate-{}-{}-{tag}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    /// Creates `rel` (and its parents) with some content; returns its path.
    fn file(&self, rel: &str) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, format!("// {rel}\n")).expect("write");
        p
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn s(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A locator with no GOROOT or module cache, running in an empty working directory.
fn locator(source_path: &str, trim: &str, cwd: &Path) -> SourceLocator {
    SourceLocator::new(source_path, trim, cwd).with_go_dirs(None, None)
}

#[test]
fn rule1_recorded_path() {
    let d = TempDir::new("recorded");
    let cwd = TempDir::new("cwd");
    let f = d.file("proj/main.go");
    let rec = f.to_string_lossy().into_owned();
    let l = locator("", "", cwd.path());
    assert_eq!(l.locate(&rec, &rec), Located::Found(f.clone()));
    assert_eq!(l.pprof_find(&rec), Ok(f));
}

#[test]
fn rule2_pprof_search_path_cut_after_base_name() {
    // pprof cuts /home/gopher/src/seed/main.go after "/src/" (the base name of DIR).
    let d = TempDir::new("search");
    let f = d.file("src/seed/main.go");
    let dir = d.path().join("src");
    let l = locator(&dir.to_string_lossy(), "", d.path());
    let rec = "/home/gopher/src/seed/main.go";
    let shown = trim_path(rec, "", &dir.to_string_lossy());
    assert_eq!(shown, "seed/main.go");
    assert_eq!(l.pprof_find(&shown), Ok(f.clone()));
    assert_eq!(l.locate(rec, &shown), Located::Found(f));
}

#[test]
fn rule2_every_suffix_under_source_dirs() {
    // The base name of DIR ("checkout") is not in the recorded path: pprof gives up, the
    // suffix rule finds pkg/util/x.go under it.
    let d = TempDir::new("suffix");
    let f = d.file("checkout/pkg/util/x.go");
    let dir = d.path().join("checkout");
    let other = TempDir::new("other");
    let sp = format!("{}:{}", other.s(), dir.to_string_lossy());
    let l = locator(&sp, "", d.path());
    let rec = "/build/agent/work/pkg/util/x.go";
    assert!(l.pprof_find(rec).is_err());
    assert_eq!(l.locate(rec, rec), Located::Found(f));
}

#[test]
fn rule3_trim_path_prefix_removed() {
    let cwd = TempDir::new("trim");
    let f = cwd.file("internal/a/a.go");
    let l = locator("", "/ci/build/:/other", cwd.path());
    let rec = "/ci/build/internal/a/a.go";
    assert_eq!(l.locate(rec, rec), Located::Found(f.clone()));
    // pprof itself does the same with the working directory as its search path.
    assert_eq!(l.pprof_find(rec), Ok(f));
}

#[test]
fn rule4_goroot_short_and_foreign_paths() {
    let root = TempDir::new("goroot");
    let cwd = TempDir::new("cwd4");
    let f = root.file("src/runtime/proc.go");
    let l = SourceLocator::new("", "", cwd.path()).with_go_dirs(Some(root.0.clone()), None);
    // -trimpath builds record the import path.
    assert_eq!(
        l.locate("runtime/proc.go", "runtime/proc.go"),
        Located::Found(f.clone())
    );
    // Another machine's GOROOT.
    let rec = "/nonexistent/other-host/go-1.19/src/runtime/proc.go";
    assert_eq!(l.locate(rec, rec), Located::Found(f.clone()));
    assert_eq!(
        l.locate("$GOROOT/src/runtime/proc.go", ""),
        Located::Found(f)
    );
}

#[test]
fn rule5_module_cache_with_case_escaping() {
    let cache = TempDir::new("modcache");
    let cwd = TempDir::new("cwd5");
    let f = cache.file("github.com/!burnt!sushi/toml@v1.2.0/Decode.go");
    let l = SourceLocator::new("", "", cwd.path()).with_go_dirs(None, Some(cache.0.clone()));
    let rec = "github.com/BurntSushi/toml@v1.2.0/Decode.go";
    assert_eq!(l.locate(rec, rec), Located::Found(f.clone()));
    let rec = "/home/ci/go/pkg/mod/github.com/!burnt!sushi/toml@v1.2.0/Decode.go";
    assert_eq!(l.locate(rec, rec), Located::Found(f));
    assert_eq!(
        escape_module("github.com/Azure/go-AutoRest@v1.0.0-RC"),
        "github.com/!azure/go-!auto!rest@v1.0.0-!r!c"
    );
}

#[test]
fn rule6_vendor_under_source_paths() {
    let proj = TempDir::new("vendor");
    let f = proj.file("vendor/github.com/BurntSushi/toml/decode.go");
    let l = locator(&proj.s(), "", proj.path());
    let rec = "/home/ci/go/pkg/mod/github.com/!burnt!sushi/toml@v1.2.0/decode.go";
    assert_eq!(l.locate(rec, rec), Located::Found(f));
    let g = proj.file("vendor/golang.org/x/sync/errgroup/errgroup.go");
    let rec = "/home/ci/go/src/golang.org/x/sync/errgroup/errgroup.go";
    let cwd_only = locator("", "", proj.path());
    assert_eq!(cwd_only.locate(rec, rec), Located::Found(g));
}

#[test]
fn not_found_lists_tried_paths_and_pprof_errors() {
    let cwd = TempDir::new("none");
    let l = locator("", "", cwd.path());
    let rec = "/nonexistent/memprof/x.go";
    match l.locate(rec, rec) {
        Located::NotFound(tried) => assert!(tried.contains(&PathBuf::from(rec))),
        other => panic!("found {other:?}"),
    }
    assert_eq!(
        l.pprof_find(rec),
        Err(format!("open {rec}: no such file or directory"))
    );
    let l = locator("testdata/nowhere", "", cwd.path());
    assert_eq!(
        l.pprof_find("seed/main.go"),
        Err("could not find file seed/main.go on path testdata/nowhere".into())
    );
}

#[test]
fn fifo_is_never_found_or_opened() {
    let d = TempDir::new("fifo");
    let fifo = d.path().join("pipe.go");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("cstring");
    // SAFETY: mkfifo reads a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let rec = fifo.to_string_lossy().into_owned();
    let l = locator("", "", d.path());
    assert!(matches!(l.locate(&rec, &rec), Located::NotFound(_)));
    assert!(l.pprof_find(&rec).is_err());
    assert!(read_source(&fifo).is_err());
    assert!(read_source(d.path()).is_err());
}

#[test]
fn oversized_file_is_refused() {
    let d = TempDir::new("big");
    let p = d.path().join("big.go");
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(crate::analysis::source_file::MAX_SOURCE_BYTES + 1)
        .expect("set_len");
    assert!(read_source(&p).is_err());
    let small = d.file("small.go");
    assert_eq!(read_source(&small).map(|s| s.lines.len()), Ok(1));
}
