//! Inputs that crashed memprof-tui once (found by the fuzz targets in fuzz/ or by the
//! property tests), committed under testdata/fuzz-regressions/. Each must now load (or be
//! refused with an error) without a panic; a loaded one goes through every report and
//! every pane of the explorer, and through the binary. CASES says what each input broke.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use memprof_tui::analysis::{
    Granularity, NodeTable, ReportOptions, filter::Pattern, list, peek, top,
};
use memprof_tui::app::{Action, PaneId};
use memprof_tui::profile::{Limits, load_bytes};

/// What an input must do now.
#[derive(Clone, Copy, Debug)]
#[allow(dead_code, reason = "every outcome is not in use at every moment")]
enum Outcome {
    /// Load, and go through every report and pane.
    Loads,
    /// Be refused with an error containing this text.
    Refused(&'static str),
    /// Load, but have nothing to report: the binary (`--top` here, the explorer in
    /// tests/tmux_signals.rs) refuses it with an error containing this text.
    Unusable(&'static str),
}

/// (file, outcome, what it broke and where).
const CASES: &[(&str, Outcome, &str)] = &[
    (
        "simplify-func-non-ascii.pb",
        Outcome::Loads,
        "tests/properties.rs: profile::prune::simplify_func sliced the name at byte offsets \
     (&name[i..]), so any non-ASCII function name (λ, U+202E) panicked the loader when the \
     profile sets drop_frames; fixed by matching on bytes",
    ),
    (
        "source-pane-line-i64-min.pb",
        Outcome::Loads,
        "fuzz target reports_and_render: app::source_pane::SourceState::hottest sorted by \
         (…, -v.line) and a profile line number of i64::MIN overflowed the negation (debug \
         builds panicked \"attempt to negate with overflow\" when the source pane opened); \
         fixed with std::cmp::Reverse(v.line)",
    ),
    (
        "explorer-no-sample-types.pb",
        Outcome::Unusable("profile has no samples"),
        "fuzz target reports_and_render: a profile with no sample types (and no samples) \
         loads, and `--top` refused it like pprof, but the explorer opened on it and \
         panicked indexing sample type 0 (analysis::top::top_filtered) while drawing its \
         first frame; tui::run now refuses it with the CLI's error (exit 4)",
    ),
];

fn dir() -> PathBuf {
    common::testdata("fuzz-regressions")
}

#[test]
fn every_committed_input_is_listed() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .expect("testdata/fuzz-regressions")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.0.to_string()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "files under testdata/fuzz-regressions vs CASES"
    );
}

/// Every report for every sample type and granularity, then every pane and overlay.
fn exercise(name: &str, p: memprof_tui::profile::Profile) {
    let any = Pattern::new(".").expect("regex");
    for i in 0..p.sample_types.len() {
        for g in Granularity::ALL {
            let o = ReportOptions {
                granularity: g,
                ..ReportOptions::untrimmed(i)
            };
            let _ = top(&p, &o);
            let table = NodeTable::build(&p, g, "", "", false);
            let _ = peek(&p, &p, &o, &table, &any);
        }
        let _ = list(&p, &p, &ReportOptions::untrimmed(i), &any);
    }
    if p.sample_types.is_empty() {
        return;
    }
    let mut h = common::Harness::from_profile(Arc::new(p), name, 100, 30);
    for pane in PaneId::ALL {
        h.act(Action::FocusPane(pane));
        h.act(Action::Activate);
    }
    for a in [Action::ShowHelp, Action::ShowDetails, Action::ShowHistogram] {
        h.act(a);
        h.act(Action::Back);
    }
    h.act(Action::ToggleSideBySide);
    h.resize(3, 2);
}

fn run_case(file: &str, outcome: Outcome) {
    let data = std::fs::read(dir().join(file)).expect(file);
    let loaded = load_bytes(file, &data, &Limits::default());
    match (outcome, loaded) {
        (Outcome::Refused(what), Err(e)) => {
            assert!(e.to_string().contains(what), "{file}: {e}");
        }
        (Outcome::Refused(what), Ok(_)) => panic!("{file} loaded; want an error with {what:?}"),
        (Outcome::Loads | Outcome::Unusable(_), Ok(p)) => exercise(file, p),
        (Outcome::Loads | Outcome::Unusable(_), Err(e)) => {
            panic!("{file}: {e}")
        }
    }
    // The binary agrees: no panic, and the documented exit codes.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .arg("--top")
        .arg(dir().join(file))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{file}: {err}");
    let want = match outcome {
        Outcome::Refused(_) => vec![4, 5],
        Outcome::Unusable(what) => {
            assert!(err.contains(what), "{file}: {err}");
            vec![4]
        }
        _ => vec![0],
    };
    assert!(
        want.contains(&out.status.code().unwrap_or(-1)),
        "{file}: exit {:?}: {err}",
        out.status.code()
    );
}

#[test]
fn fixed_crashes_stay_fixed() {
    common::utc();
    for &(file, outcome, _) in CASES {
        run_case(file, outcome);
    }
}

/// The root cause of the first case, directly.
#[test]
fn simplify_func_handles_non_ascii_names() {
    use memprof_tui::profile::simplify_func;
    assert_eq!(simplify_func("unicode.λ"), "unicode.λ");
    assert_eq!(simplify_func("x\u{202e}(y)"), "x\u{202e}");
    assert_eq!(
        simplify_func("λ(anonymous namespace)::f(int)"),
        "λ(anonymous namespace)::f"
    );
    assert_eq!(simplify_func(".é.operator()(int)"), "é.operator()");
}
