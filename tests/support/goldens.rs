//! The pprof goldens of testdata/golden/: the manifest, reading a golden (gunzipped when
//! it ends in `.gz`), pprof's flags in memprof-tui's words, and running the binary the
//! way pprof ran. Shared by `tests/pprof_goldens.rs` and `tests/other_producers.rs`.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One line of testdata/golden/MANIFEST.tsv.
pub struct Golden {
    /// File under testdata/golden/.
    pub file: String,
    /// File under testdata/profiles/.
    pub profile: String,
    /// pprof's arguments, one element each.
    pub flags: Vec<String>,
    /// pprof's exit status as recorded ("exit=0").
    pub exit: String,
}

/// testdata/.
pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Every golden of the manifest.
pub fn manifest() -> Vec<Golden> {
    let text = std::fs::read_to_string(testdata().join("golden/MANIFEST.tsv"))
        .expect("testdata/golden/MANIFEST.tsv");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Golden {
                file: cols[0].to_string(),
                profile: cols[1].to_string(),
                flags: cols[2].split(' ').map(String::from).collect(),
                exit: cols[3].to_string(),
            }
        })
        .collect()
}

/// The bytes pprof wrote for golden `file` (decompressed when the golden is gzipped).
pub fn read_golden(file: &str) -> Vec<u8> {
    let raw = std::fs::read(testdata().join("golden").join(file)).expect(file);
    if !file.ends_with(".gz") {
        return raw;
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(raw.as_slice())
        .read_to_end(&mut out)
        .expect(file);
    out
}

/// Whether golden output `bytes` holds what memprof-tui escapes by default (bytes that are
/// not UTF-8, control characters but tab and newline, bidi or invisible characters): such
/// goldens are compared with `--raw`, which writes pprof's exact bytes.
pub fn needs_raw(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Err(_) => true,
        Ok(t) => t
            .chars()
            .any(|c| c != '\t' && c != '\n' && memprof_tui::sanitize::is_unsafe(c)),
    }
}

/// Translates pprof's flags into memprof-tui's; `None` when a flag belongs to a report
/// this build does not offer yet.
pub fn translate(pprof_flags: &[String]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut it = pprof_flags.iter();
    while let Some(f) = it.next() {
        let (name, value) = match f.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (f.as_str(), None),
        };
        match (name, value) {
            ("-top", None) => out.push("--top".into()),
            ("-traces", None) => out.push("--traces".into()),
            ("-cum", None) => out.push("--cum".into()),
            ("-functions" | "-filefunctions" | "-files" | "-lines" | "-addresses", None) => {
                out.push("--granularity".into());
                out.push(name[1..].into());
            }
            ("-sample_index", Some(v)) => out.extend(["--sample-index".into(), v.into()]),
            ("-nodefraction", Some(v)) => out.extend(["--node-fraction".into(), v.into()]),
            ("-edgefraction", Some(v)) => out.extend(["--edge-fraction".into(), v.into()]),
            ("-nodecount", Some(v)) => out.extend(["--nodecount".into(), v.into()]),
            ("-unit", Some(v)) => out.extend(["--unit".into(), v.into()]),
            (
                "-focus" | "-ignore" | "-hide" | "-show" | "-show_from" | "-prune_from"
                | "-tagfocus" | "-tagignore",
                Some(v),
            ) => out.push(format!("--{}={v}", name[1..].replace('_', "-"))),
            ("-relative_percentages", None) => out.push("--relative-percentages".into()),
            ("-peek" | "-list", None) => out.push(format!("--{}={}", &name[1..], it.next()?)),
            // Relative to the repo root, which the binary runs in.
            ("-source_path", Some(v)) => out.push(format!("--source-path={v}")),
            ("-diff_base" | "-base", Some(v)) => {
                out.push(format!("--{}={v}", name[1..].replace('_', "-")))
            }
            ("-normalize", None) => out.push("--normalize".into()),
            _ => return None,
        }
    }
    Some(out)
}

/// Runs memprof-tui with `args` on testdata/profiles/`profile` (several profiles, to
/// merge, joined with "+") from the repo root (where pprof ran), stdout a pipe.
pub fn run(args: &[String], profile: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(args)
        .args(
            profile
                .split('+')
                .map(|p| testdata().join("profiles").join(p)),
        )
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TZ", "UTC")
        .output()
        .expect("run memprof-tui")
}
