//! What one refinement of the explorer costs in memory and time: loads a profile, then
//! filters it as the explorer's `f` (focus), ignore, hide, show_from, prune_from and
//! tag focus do on the top function, and prints the heap bytes each filtered profile
//! keeps alive (counted by a global allocator) and the median time to filter.
//!
//! ```text
//! cargo run --release --example bench_refine -- bench-out/mem-1000000.pb.gz [N]
//! ```
//!
//! "kept" is the heap a filtered profile holds while it is alive (what the explorer pays
//! for each filter set it keeps); "owned" is what `Profile::owned_bytes` says of it;
//! "+table" adds its functions node table as the explorer builds it for its first report;
//! "peak" is the most the heap grew while filtering.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use memprof_tui::analysis::filter::{self, FilterKind, Filters};
use memprof_tui::analysis::{self, Granularity, NodeTable, ReportOptions};
use memprof_tui::profile::{Limits, Profile};

/// The system allocator, counting the bytes live and the most live since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            let now = if new_size >= layout.size() {
                LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size()
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed) - layout.size()
                    + new_size
            };
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

fn mib(n: usize) -> String {
    format!("{:8.2} MiB", n as f64 / (1024.0 * 1024.0))
}

/// The functions table of `filtered` as the explorer builds it from the unfiltered one
/// (None: it reads the unfiltered one's, its locations being the same).
fn table_of(base: &NodeTable, p: &Profile, filtered: &Profile) -> Option<NodeTable> {
    (!filtered.shares_locations(p)).then(|| filter::restrict_table(base, p, filtered))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: bench_refine PROFILE [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().map_or(5, |s| s.parse().expect("N: a number"));
    let before_load = live();
    let p = memprof_tui::input::load(&[path], &Limits::default()).expect("load");
    let loaded = live() - before_load;
    let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
    let index = p.default_sample_index();
    let top = analysis::top(&p, &ReportOptions::untrimmed(index));
    let name = top.rows.first().expect("a row").name.clone();
    drop(top);
    println!(
        "profile: {} samples, {} locations, {} functions; {} on the heap; top function {name}",
        p.samples.len(),
        p.locations.len(),
        p.functions.len(),
        mib(loaded).trim(),
    );
    let exact = format!("^{}$", regex::escape(&name));
    let mut refinements: Vec<(String, Filters)> = Vec::new();
    for kind in [
        FilterKind::Focus,
        FilterKind::Ignore,
        FilterKind::Hide,
        FilterKind::ShowFrom,
        FilterKind::PruneFrom,
    ] {
        let mut f = Filters::default();
        f.set(kind, &exact).expect("filter");
        refinements.push((format!("{} {name}", kind.option()), f));
    }
    let mut f = Filters::default();
    f.set(FilterKind::TagFocus, "bytes=:4kb")
        .expect("tag filter");
    refinements.push(("tagfocus bytes=:4kb".into(), f));

    println!(
        "{:<40} {:>9} {:>14} {:>14} {:>14} {:>14} {:>12}",
        "refinement", "samples", "kept", "owned", "+table", "peak", "time"
    );
    for (label, f) in &refinements {
        let mut times: Vec<Duration> = Vec::new();
        let (mut kept, mut owned, mut with_table, mut peak, mut samples) = (0, 0, 0, 0, 0);
        for _ in 0..n {
            let at = live();
            PEAK.store(at, Ordering::Relaxed);
            let t = Instant::now();
            let (fp, _) = filter::apply(&p, f).expect("filter");
            times.push(t.elapsed());
            peak = PEAK.load(Ordering::Relaxed) - at;
            kept = live() - at;
            owned = fp.owned_bytes();
            let t = table_of(&table, &p, &fp);
            with_table = live() - at;
            samples = fp.samples.len();
            drop(t);
            drop(fp);
        }
        times.sort();
        println!(
            "{:<40} {:>9} {} {} {} {} {:9.1} ms",
            label.chars().take(40).collect::<String>(),
            samples,
            mib(kept),
            mib(owned),
            mib(with_table),
            mib(peak),
            times[times.len() / 2].as_secs_f64() * 1e3
        );
    }
}
