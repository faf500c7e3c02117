//! Many model-based walks in a row, as the `explore_actions` fuzz target makes them but
//! from a seeded generator instead of libFuzzer: each walk's first byte picks one of the
//! committed Go profiles, 80×24 or 160×48, and whether it is a fetched profile whose
//! refetches answer with two others in turn (and their changes); the rest decides each
//! step. Every invariant of the walker is checked after every step, and the reference
//! model once the jobs settle. Stops at the first broken invariant (printing the walk to
//! replay) or after the number of steps asked for, and prints the figures
//! docs/FUZZING.md quotes:
//!
//! cargo run --release -p memprof-tui-testkit --example walk_many -- [STEPS] [FIRST_SEED]

use std::sync::Arc;
use std::time::Instant;

use memprof_tui::profile::{Limits, Profile, load_bytes};
use memprof_tui_testkit::harness::{testdata, utc};
use memprof_tui_testkit::walk::{Walker, tame_sources};

/// The committed Go profiles (as the fuzz target includes them).
const PROFILES: [&str; 13] = [
    "growth-end.prof",
    "growth-mid.prof",
    "kinds-allocs.prof",
    "kinds-block.prof",
    "kinds-goroutine.prof",
    "kinds-heap.prof",
    "kinds-mutex.prof",
    "retain-end.prof",
    "retain-mid.prof",
    "seed-cpu.prof",
    "seed-default.prof",
    "seed-rate1.prof",
    "seed-rate2048.prof",
];

/// Bytes per walk (the fuzz campaign's -max_len).
const WALK_BYTES: usize = 512;

/// A deterministic byte stream (splitmix64), as tests/model_walk.rs makes them.
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

fn main() {
    utc();
    let mut args = std::env::args().skip(1);
    let target: u64 = args.next().map_or(1_000_000, |a| a.parse().expect("STEPS"));
    let first: u64 = args.next().map_or(0, |a| a.parse().expect("FIRST_SEED"));
    let profiles: Vec<Arc<Profile>> = PROFILES
        .iter()
        .map(|n| {
            let path = testdata(&format!("profiles/{n}"));
            let data = std::fs::read(&path).expect("read profile");
            let mut p = load_bytes(n, &data, &Limits::default()).expect(n);
            tame_sources(&mut p);
            Arc::new(p)
        })
        .collect();
    let n = profiles.len();
    let start = Instant::now();
    let (mut steps, mut walks, mut checks, mut quits, mut refetches) = (0u64, 0u64, 0, 0, 0);
    let mut seed = first;
    while steps < target {
        let input = bytes(seed, WALK_BYTES);
        let (&pick, rest) = input.split_first().expect("bytes");
        let i = usize::from(pick & 0x3F) % n;
        let (w, h) = if pick & 0x80 == 0 {
            (80, 24)
        } else {
            (160, 48)
        };
        let live = pick & 0x40 != 0;
        let mut walker = if live {
            let sequence = [i, (i + 1) % n, (i + 7) % n].map(|j| profiles[j].clone());
            Walker::live(sequence.to_vec(), w, h)
        } else {
            Walker::new(profiles[i].clone(), w, h)
        };
        if let Err(e) = walker.walk(rest) {
            println!(
                "FAILED: seed {seed} ({}, {w}x{h}, live {live}) after {} steps: {e}",
                PROFILES[i], walker.steps
            );
            std::process::exit(1);
        }
        steps += walker.steps;
        checks += walker.reference_checks;
        quits += walker.quits;
        refetches += walker.refetches() as u64;
        walks += 1;
        seed += 1;
        if walks % 500 == 0 {
            eprintln!("{walks} walks, {steps} steps, {:.0?}", start.elapsed());
        }
    }
    println!(
        "seeds {first}..{seed}: {walks} walks, {steps} steps, {checks} reference-model checks, \
         {quits} quits (each followed by a new start), {refetches} refetches answered, \
         0 failures, in {:.1?}",
        start.elapsed()
    );
}
