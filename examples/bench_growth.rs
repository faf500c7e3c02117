//! Benchmark of leak hunting's ranking: a series of SNAPSHOTS heap profiles made from one
//! generated profile (`examples/gen_profile.rs`), ranked by `analysis::growth` several
//! times; prints the median time and what ranked first.
//!
//! ```text
//! cargo run --release --example gen_profile -- --samples 5000 --functions 600 \
//!     --seed 7 --out bench-out/series-base.pb.gz
//! cargo run --release --example bench_growth -- bench-out/series-base.pb.gz [SNAPSHOTS] [RUNS]
//! ```
//!
//! Snapshot k (one a minute) is the base profile with its in-use values changed: the
//! samples of one function (the first leaf of the profile's functions, the "leak") grow
//! by their base value every snapshot; every other sample's in-use values are multiplied
//! by a pseudo-random factor between 0.7 and 1.3 (sampling noise, deterministic). The
//! ranking must find the leak first.

use std::time::{Duration, Instant};

use memprof_tui::analysis::growth::{GrowthOptions, Snapshot, growth};
use memprof_tui::profile::{Limits, Profile};

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The leaf function's name of sample `i`.
fn leaf(p: &Profile, i: usize) -> Option<u32> {
    let loc = *p.samples.locations(i).first()?;
    let l = &p.locations[loc as usize];
    (l.lines.0 < l.lines.1).then(|| p.lines[l.lines.0 as usize].function)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .expect("usage: bench_growth BASE.pb.gz [SNAPSHOTS] [RUNS]");
    let n: usize = args.get(1).map_or(100, |s| s.parse().expect("snapshots"));
    let runs: usize = args.get(2).map_or(5, |s| s.parse().expect("runs"));
    let base =
        memprof_tui::input::load(std::slice::from_ref(path), &Limits::default()).expect("load");
    let inuse: Vec<usize> = base
        .sample_types
        .iter()
        .enumerate()
        .filter(|(_, t)| t.ty.starts_with("inuse_"))
        .map(|(i, _)| i)
        .collect();
    let leak_fn = (0..base.samples.len())
        .find_map(|i| leaf(&base, i))
        .expect("a leaf");
    let leak_name = base.functions[leak_fn as usize].name.clone();
    let nt = base.samples.num_types();
    let mut rng = 7u64;
    let series: Vec<Profile> = (0..n)
        .map(|k| {
            let mut p = base.clone();
            p.time_nanos = base.time_nanos + k as i64 * 60_000_000_000;
            let values = &mut p.samples.columns_mut().values;
            for i in 0..base.samples.len() {
                let is_leak = leaf(&base, i) == Some(leak_fn);
                for &t in &inuse {
                    let v = &mut values[i * nt + t];
                    *v = if is_leak {
                        v.saturating_mul(k as i64 + 1)
                    } else {
                        let f = 0.7 + (splitmix(&mut rng) % 600) as f64 / 1000.0;
                        (*v as f64 * f) as i64
                    };
                }
            }
            p
        })
        .collect();
    let snaps: Vec<Snapshot<'_>> = series
        .iter()
        .map(|p| Snapshot {
            profile: p,
            at_nanos: p.time_nanos,
        })
        .collect();
    let mut times: Vec<Duration> = Vec::new();
    let mut first = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        let r = growth(&snaps, &GrowthOptions::default()).expect("ranked");
        times.push(t.elapsed());
        first = r
            .suspects
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default();
    }
    times.sort();
    println!(
        "{n} snapshots of {} samples ({} functions): ranking median {:.1} ms (min {:.1}, max {:.1}) over {runs} runs",
        base.samples.len(),
        base.functions.len(),
        times[runs / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[runs - 1].as_secs_f64() * 1e3,
    );
    println!("first suspect: {first} (the leak: {leak_name})");
    assert_eq!(first, leak_name, "the leak must rank first");
}
