//! The explorer started with the recursion transforms of the command line
//! (`--collapse-recursion`, `--collapse-indirect-recursion`), alone and after a filter:
//! random walks of every action, key, mouse event and resize keep the model's invariants
//! on the recursive profiles, where the transforms add locations the unfiltered profile
//! does not have. (`--collapse-package` makes functions of its own, which the explorer
//! does not name yet: the command line refuses it there.)

mod common;

use std::sync::Arc;

use memprof_tui::analysis::filter::{FilterKind, Filters};
use memprof_tui::app::Start;
use memprof_tui_testkit::walk::Walker;

/// A deterministic byte stream (splitmix64), as the model walk feeds it.
fn bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut s = seed;
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        out.extend_from_slice(&z.to_le_bytes());
    }
    out.truncate(n);
    out
}

#[test]
fn random_walks_start_from_transformed_profiles() {
    common::utc();
    let sets: [&[(FilterKind, &str)]; 3] = [
        &[(FilterKind::CollapseRecursion, "direct")],
        &[(FilterKind::CollapseRecursion, "indirect")],
        &[
            (FilterKind::Focus, "main"),
            (FilterKind::CollapseRecursion, "indirect"),
        ],
    ];
    let mut steps = 0;
    for name in ["kinds-heap.prof", "retain-mid.prof"] {
        let mut p = (*common::profile(name)).clone();
        memprof_tui_testkit::walk::tame_sources(&mut p);
        let p = Arc::new(p);
        for (k, set) in sets.iter().enumerate() {
            let mut filters = Filters::default();
            for (kind, text) in set.iter() {
                filters.set(*kind, text).expect("valid");
            }
            let start = Start {
                sample_index: p.default_sample_index(),
                filters,
                ..Start::default()
            };
            let seed = k as u64;
            let (w, h) = if seed.is_multiple_of(2) {
                (80, 24)
            } else {
                (160, 48)
            };
            let mut walker = Walker::with_start(p.clone(), start, w, h);
            if let Err(e) = walker.walk(&bytes(seed ^ 0x7A11, 800)) {
                panic!("{name} {set:?}, after {} steps: {e}", walker.steps);
            }
            steps += walker.steps;
        }
    }
    eprintln!("{steps} steps");
    assert!(steps > 600, "{steps} steps");
}
