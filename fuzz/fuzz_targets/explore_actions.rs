//! Sequences of user actions, keys, mouse events, pastes of up to 100,000 characters and
//! bursts of keys typed into a prompt, resizes and late or reordered job results on the
//! explorer (`memprof_tui_testkit::walk`), over every committed Go profile (testdata/profiles/*.prof): the
//! first byte picks the profile (and, with bit 0x40, makes it a fetched profile whose
//! refetches answer with two others, in turn, and their changes), the rest decides each
//! step. Any panic or broken
//! invariant (selection naming no function, a cursor or scroll out of bounds, a prompt
//! over its cap, quitting without q or Ctrl-C) is a crash. Set MEMPROF_FUZZ_STEPS_FILE to have the number of
//! steps taken written there every 1000 executions (docs/FUZZING.md).

#![no_main]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use memprof_tui::profile::{Limits, Profile, load_bytes};
use memprof_tui_testkit::walk::Walker;

macro_rules! profiles {
    ($($name:literal),*) => {
        [$(($name, include_bytes!(concat!("../../testdata/profiles/", $name)) as &[u8])),*]
    };
}

const PROFILES: [(&str, &[u8]); 13] = profiles!(
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
    "seed-rate2048.prof"
);

fn loaded() -> &'static Vec<Arc<Profile>> {
    static P: OnceLock<Vec<Arc<Profile>>> = OnceLock::new();
    P.get_or_init(|| {
        PROFILES
            .iter()
            .map(|(n, b)| {
                let mut p = load_bytes(n, b, &Limits::default()).expect(n);
                memprof_tui_testkit::walk::tame_sources(&mut p);
                Arc::new(p)
            })
            .collect()
    })
}

static STEPS: AtomicU64 = AtomicU64::new(0);
static RUNS: AtomicU64 = AtomicU64::new(0);

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let profiles = loaded();
    let n = profiles.len();
    let i = usize::from(pick & 0x3F) % n;
    let (w, h) = if pick & 0x80 == 0 { (80, 24) } else { (160, 48) };
    let mut walker = if pick & 0x40 == 0 {
        Walker::new(profiles[i].clone(), w, h)
    } else if pick & 0x01 == 0 {
        let sequence = [i, (i + 1) % n, (i + 7) % n].map(|j| profiles[j].clone());
        Walker::live(sequence.to_vec(), w, h)
    } else {
        // A series of snapshots (`--series`); of other programs, it cannot be ranked.
        let sequence = [i, i, (i + 1) % n, i].map(|j| profiles[j].clone());
        Walker::series(sequence.to_vec(), w, h)
    };
    // Half the runs with a one-byte report budget: every report not on screen goes at
    // once, and the panes must find theirs computed again.
    if pick & 0x20 != 0 {
        walker.set_cache_budget(1);
    }
    if let Err(e) = walker.walk(rest) {
        panic!("invariant broken after {} steps: {e}", walker.steps);
    }
    let steps = STEPS.fetch_add(walker.steps, Ordering::Relaxed) + walker.steps;
    if RUNS.fetch_add(1, Ordering::Relaxed) % 1000 == 999
        && let Some(path) = std::env::var_os("MEMPROF_FUZZ_STEPS_FILE")
    {
        let _ = std::fs::write(path, format!("{steps}\n"));
    }
});
