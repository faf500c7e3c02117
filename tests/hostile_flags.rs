//! Every numeric flag is validated: an extreme, negative, fractional or non-numeric value
//! is a one-line error naming the flag (exit 2), never an overflow panic (exit 101) or a
//! misleading report; the largest accepted values work. The binary for the extremes the
//! attack tried, and property tests over the flag parser and everything computed from the
//! flags (caps, durations, deadlines) with arbitrary values.

mod common;

use std::process::{Command, Output};

use clap::Parser;
use memprof_tui::cli::Args;
use proptest::prelude::*;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(args)
        .env("TZ", "UTC")
        .env("PPROF_TMPDIR", std::env::temp_dir())
        .output()
        .expect("run memprof-tui")
}

fn profile(name: &str) -> String {
    common::testdata(&format!("profiles/{name}"))
        .display()
        .to_string()
}

/// Exit 2 and one line on stderr naming `flag`, no panic.
fn refused(args: &[&str], flag: &str) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err:?}");
    assert!(err.contains(flag), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

const HUGE: [&str; 6] = [
    "9223372036854775807",
    "18446744073709551615",
    "18446744073709551616",
    "17592186044416",
    "8796093022208",
    "-1",
];

#[test]
fn extreme_durations_are_usage_errors() {
    let p = profile("seed-default.prof");
    for v in HUGE {
        refused(&["--top", "--watch", v, &p], "--watch");
        refused(&["--top", "--timeout", v, "127.0.0.1:9"], "--timeout");
        refused(&["--top", "--seconds", v, "127.0.0.1:9"], "--seconds");
    }
    // pprof's spellings reach the same checks.
    refused(
        &["-top", "-seconds=18446744073709551615", "127.0.0.1:9"],
        "--seconds",
    );
    refused(&["--top", "--seconds", "1.5", &p], "--seconds");
    refused(&["--top", "--watch", "soon", &p], "--watch");
}

#[test]
fn extreme_caps_are_usage_errors_and_the_largest_accepted_works() {
    let raw = profile("seed-default.prof");
    let gz = profile("realworld/go-heap-parca.pb.gz");
    for v in HUGE.iter().chain(&["0", "1048577"]) {
        refused(
            &["--top", "--max-decompressed-mib", v, &raw],
            "--max-decompressed-mib",
        );
        refused(&["--top", "--max-memory-mib", v, &gz], "--max-memory-mib");
    }
    for p in [&raw, &gz] {
        let normal = run(&["--top", p]);
        assert!(normal.status.success());
        let big = run(&[
            "--top",
            "--max-decompressed-mib",
            "1048576",
            "--max-memory-mib",
            "1048576",
            p,
        ]);
        assert!(
            big.status.success(),
            "{p}: {}",
            String::from_utf8_lossy(&big.stderr)
        );
        assert_eq!(big.stdout, normal.stdout, "{p}");
    }
}

#[test]
fn fractions_and_counts_are_checked() {
    let p = profile("seed-default.prof");
    for v in ["NaN", "inf", "-inf", "-0.5", "1.5", "1e309", "x"] {
        refused(&["--top", "--node-fraction", v, &p], "--node-fraction");
        refused(&["--top", "--edge-fraction", v, &p], "--edge-fraction");
    }
    for v in ["-1", "18446744073709551616", "1e3", "x"] {
        refused(&["--top", "--nodecount", v, &p], "--nodecount");
    }
    let out = run(&["--top", "--nodecount", "18446744073709551615", &p]);
    assert!(out.status.success());
}

/// Values for a numeric flag: anything a user or a script may pass.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|v| v.to_string()),
        any::<i64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| v.to_string()),
        (0u64..2_000_000).prop_map(|v| v.to_string()),
        prop::sample::select(vec![
            "0", "1", "-0", "+5", " 5", "0x10", "1e3", "NaN", "inf", "", "604800", "604801",
            "1048576", "1048577", "0.005", "1.0",
        ])
        .prop_map(String::from),
    ]
}

const NUMERIC: [&str; 8] = [
    "--nodecount",
    "--node-fraction",
    "--edge-fraction",
    "--seconds",
    "--timeout",
    "--watch",
    "--max-decompressed-mib",
    "--max-memory-mib",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever the values, parsing either refuses with a value error naming the flag or
    /// gives flags within their documented ranges from which caps, durations and
    /// deadlines are computed without overflow (a debug build panics on overflow).
    #[test]
    fn the_flag_parser_accepts_only_values_everything_downstream_can_use(
        flag in prop::sample::select(NUMERIC.to_vec()),
        v in value(),
        url in prop::sample::select(vec!["127.0.0.1:9", "http://h:1/debug/pprof/profile?seconds=2147483647", "p.pb"]),
    ) {
        let arg = format!("{flag}={v}");
        match Args::try_parse_from(["memprof-tui", "--top", arg.as_str(), url]) {
            Err(e) => {
                prop_assert!(
                    matches!(e.kind(), clap::error::ErrorKind::ValueValidation | clap::error::ErrorKind::InvalidValue),
                    "{arg}: {:?}: {e}", e.kind()
                );
                prop_assert!(e.to_string().contains(flag), "{arg}: {e}");
            }
            Ok(args) => {
                let limits = args.limits();
                prop_assert!(limits.max_decompressed >= 1 << 20 && limits.max_decompressed <= 1 << 40);
                prop_assert!(limits.max_memory >= 1 << 20 && limits.max_memory <= 1 << 40);
                for f in [args.node_fraction.unwrap_or(0.0), args.edge_fraction] {
                    prop_assert!(f.is_finite() && (0.0..=1.0).contains(&f), "{arg}");
                }
                let opts = args.explorer_options().expect("explorer options");
                if let Some(w) = opts.watch {
                    let _ = std::time::Instant::now().checked_add(std::time::Duration::from_secs(w)).expect("watch deadline");
                }
                let f = args.fetch_options();
                if let Some(r) = memprof_tui::fetch::remote_source(url, f.seconds, f.timeout) {
                    let deadline = r.deadline();
                    prop_assert!(std::time::Instant::now().checked_add(deadline).is_some());
                    prop_assert!(deadline >= std::time::Duration::from_secs(5));
                }
            }
        }
    }
}

#[test]
fn the_one_line_error_says_what_is_allowed() {
    let out = run(&["--top", "--watch", "9223372036854775807", "x.pb"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("memprof-tui: "), "{err}");
    assert!(err.contains("604800"), "{err}");
}
