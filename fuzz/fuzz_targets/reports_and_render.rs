//! Raw profile bytes → the loader → every report for every sample type and granularity
//! (top, peek, list, traces, the transforms, butterflies, the export, the CLI's
//! text/TSV/JSON output as on a terminal) → the explorer drawn
//! on a TestBackend through the test kit's harness (testkit/src/harness.rs), every pane, overlay and a
//! few sizes. No panic, and no frame or terminal output may hold a control, bidi or
//! invisible character.

#![no_main]

use memprof_tui_testkit::harness as common;

use std::sync::Arc;

use clap::Parser;
use libfuzzer_sys::fuzz_target;
use memprof_tui::analysis::butterfly::{Butterfly, Side};
use memprof_tui::analysis::call_paths::CallPaths;
use memprof_tui::analysis::filter::{FilterKind, Filters, Pattern, filter_profile};
use memprof_tui::analysis::traces::{traces, traces_table};
use memprof_tui::analysis::{FuncId, Granularity, NodeTable, ReportOptions, list, peek, top};
use memprof_tui::app::{Action, PaneId};
use memprof_tui::cli::{Args, text_output};
use memprof_tui::profile::{Profile, load_bytes};
use memprof_tui::sanitize::is_unsafe;
use memprof_tui_fuzz::LIMITS;

/// Beyond this the input is only loaded (keeps executions fast).
const MAX_ELEMENTS: usize = 600;

fn reports(p: &Profile) {
    let any = Pattern::new(".").expect("regex");
    for i in 0..p.sample_types.len().min(2) {
        for g in Granularity::ALL {
            let o = ReportOptions {
                granularity: g,
                ..ReportOptions::untrimmed(i)
            };
            let r = top(p, &o);
            // Totals wrap around like Go's pprof; the bound holds when nothing overflows.
            let exact: i128 = (0..p.samples.len())
                .map(|s| i128::from(p.samples.values(s)[i]).abs())
                .sum();
            if exact <= i128::from(i64::MAX) {
                let flat: i128 = r.rows.iter().map(|row| i128::from(row.flat)).sum();
                assert_eq!(exact, i128::from(r.total), "total");
                assert!(flat.abs() <= exact, "|sum of flat| > total");
            }
            let table = NodeTable::build(p, g, "", "", false);
            let _ = peek(p, p, &o, &table, &any);
        }
        let _ = list(p, p, &ReportOptions::untrimmed(i), &any);
        transformed(p, i);
    }
}

/// The traces report, the transforms, the butterfly and the export: no panic, totals kept.
fn transformed(p: &Profile, i: usize) {
    let o = ReportOptions::untrimmed(i);
    let merged = memprof_tui::profile::compact::compact(p);
    let _ = traces(&merged, &merged, &o, &traces_table(&merged, &o));
    let mut f = Filters::default();
    f.set(FilterKind::CollapsePackage, ".").expect("regex");
    f.set(FilterKind::CollapseRecursion, "indirect").expect("mode");
    let (out, _) = filter_profile(p, &f);
    let (base, _) = filter_profile(p, &Filters::default());
    let values = |q: &Profile| -> Vec<Vec<i64>> {
        (0..q.samples.len()).map(|s| q.samples.values(s).to_vec()).collect()
    };
    assert_eq!(values(&out), values(&base), "transforms keep every value");
    let _ = memprof_tui::profile::encode_to_vec(&out);
    let out = Arc::new(out);
    let table = NodeTable::build(&out, Granularity::Functions, "", "", false);
    let paths = Arc::new(CallPaths::build(out.clone(), &table));
    for f in 0..table.infos.len().min(8) as u32 {
        let b = Butterfly::build(paths.clone(), FuncId(f));
        for side in [Side::Callers, Side::Callees] {
            let h = b.half(side);
            for n in h.sorted_children(h.root(), i) {
                let _ = (h.cum(n, i), h.flat(n, i), h.children(n).count());
            }
        }
    }
}

/// The CLI's text outputs as `cli::run` writes them (without `--raw`, to a terminal or a
/// pipe) carry no unsafe character.
fn cli_outputs(p: &Profile) {
    for flags in [
        &["--top"][..],
        &["--top", "--format", "tsv", "-g", "lines"],
        &["--top", "--format", "json", "-g", "addresses"],
        &["--peek", "."],
        &["--traces"],
        &["--traces", "--format", "tsv", "-g", "addresses"],
        &["--top", "--collapse-indirect-recursion", "--collapse-package", "."],
    ] {
        let mut argv = vec!["memprof-tui"];
        argv.extend_from_slice(flags);
        argv.push("fuzz.pb");
        let args = Args::try_parse_from(argv).expect("flags");
        if let Ok(text) = text_output(&args, p) {
            // What `cli::run` writes.
            let text = String::from_utf8(args.escaping().bytes(&text)).expect("safe is UTF-8");
            let bad: Vec<char> = text
                .chars()
                .filter(|&c| !matches!(c, '\n' | '\t') && is_unsafe(c))
                .collect();
            assert!(bad.is_empty(), "{flags:?} output leaks {bad:?}");
        }
    }
}

fn check_screen(h: &common::Harness, state: &str) {
    let buf = h.term.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(is_unsafe),
                "{state}: cell ({x},{y}) holds {:?}",
                sym
            );
        }
    }
}

fn render(p: Profile) {
    let mut h = common::Harness::from_profile(Arc::new(p), "fuzz.pb", 80, 24);
    check_screen(&h, "first view");
    for pane in PaneId::ALL {
        h.act(Action::FocusPane(pane));
        check_screen(&h, pane.title());
        h.act(Action::Activate);
        h.act(Action::Down);
        check_screen(&h, pane.title());
    }
    h.act(Action::FocusPane(PaneId::Top));
    for (open, name) in [
        (Action::ShowHelp, "help"),
        (Action::ShowDetails, "details"),
        (Action::ShowHistogram, "histogram"),
        (Action::ShowTraces, "samples"),
        (Action::ShowViews, "views"),
        (Action::ShowCommands, "commands"),
    ] {
        h.act(open);
        check_screen(&h, name);
        h.act(Action::Back);
    }
    h.act(Action::CollapsePackage);
    h.act(Action::CollapseIndirectRecursion);
    check_screen(&h, "transformed");
    h.act(Action::FocusPane(PaneId::Flame));
    h.act(Action::ToggleDirection);
    check_screen(&h, "icicle");
    h.act(Action::ClearRefinements);
    h.act(Action::FocusPane(PaneId::Top));
    h.act(Action::ToggleSideBySide);
    check_screen(&h, "side by side");
    h.act(Action::ToggleSideBySide);
    h.act(Action::NextSampleType);
    h.act(Action::CycleGranularity);
    h.act(Action::Last);
    check_screen(&h, "next type and granularity");
    for (w, ht) in [(1, 1), (7, 3), (40, 6)] {
        h.resize(w, ht);
        check_screen(&h, "resized");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(mut p) = load_bytes("fuzz.pb", data, &LIMITS) else {
        return;
    };
    memprof_tui_testkit::walk::tame_sources(&mut p);
    if p.samples.len() + p.locations.len() + p.lines.len() > MAX_ELEMENTS
        || p.sample_types.len() > 64
    {
        return;
    }
    reports(&p);
    cli_outputs(&p);
    // The explorer refuses a profile without sample types before it opens (`tui::run`,
    // like `--top`): there is no screen to draw for it.
    if !p.sample_types.is_empty() {
        render(p);
    }
});
