//! The bytes each report of the explorer holds (its own estimate, `mem_size`), what the
//! cache estimates its work takes before it runs (`JobCache::estimate`, here with no
//! report kept: a tree or butterfly counts the call paths it reads), the RSS its
//! computation added and the peak it reached, one report after another on a large
//! profile: what the cache budget (`--cache-mib`) is spent on.
//!
//! ```text
//! cargo run --release --example report_sizes -- bench-out/mem-1000000.pb.gz
//! ```

use std::sync::Arc;
use std::time::Instant;

use memprof_tui::analysis::call_tree::Direction;
use memprof_tui::analysis::view::TableSort;
use memprof_tui::analysis::{FuncId, Granularity, SampleIndex, SourceLocator};
use memprof_tui::jobs::{
    FilterSetId, Filtered, Generation, Job, JobCache, JobKey, SnapshotId, Ticket, Trim, ViewKey,
    Worker,
};
use memprof_tui::profile::HeapSize;
use memprof_tui::profile::Limits;

#[path = "support/rss.rs"]
mod rss;

/// Peak and current resident set size in MiB.
fn rss_mib() -> (u64, u64) {
    let (peak, now) = rss::rss_kib();
    (peak / 1024, now / 1024)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: report_sizes PROFILE");
        std::process::exit(2);
    };
    let p = memprof_tui::input::load(std::slice::from_ref(&path), &Limits::default())
        .unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(1)
        });
    let (peak, rss) = rss_mib();
    println!("loaded: RSS {rss} MiB, peak {peak} MiB");
    let unfiltered = Filtered::unfiltered(Arc::new(p));
    let worker = Worker::new(SourceLocator::new("", "", std::path::Path::new(".")));
    let run = |key: JobKey| {
        let job = Job {
            snapshot: SnapshotId::fresh(),
            generation: Generation::fresh(),
            key,
            input: unfiltered.clone(),
            filters: Arc::default(),
            ticket: Ticket::default(),
            series: None,
        };
        let estimate =
            JobCache::new(SnapshotId::fresh(), unfiltered.clone()).estimate(&key, &unfiltered);
        let t = Instant::now();
        let (_, before) = rss_mib();
        let done = worker.compute(&job).expect("nothing withdraws it");
        let (peak, rss) = rss_mib();
        println!(
            "{:<40} {:>6.1} MiB own {:>6.1} MiB estimated alone {:>6.0} ms  RSS +{} MiB, now {rss} MiB, peak {peak} MiB",
            format!("{key:?}").chars().take(40).collect::<String>(),
            done.report.heap_bytes() as f64 / (1 << 20) as f64,
            estimate as f64 / (1 << 20) as f64,
            t.elapsed().as_secs_f64() * 1e3,
            rss.saturating_sub(before),
        );
        done.report
    };
    let f0 = FilterSetId(0);
    let mut kept = Vec::new();
    for g in Granularity::ALL {
        for sort in [TableSort::Flat, TableSort::Cum] {
            kept.push(run(JobKey::View(ViewKey {
                sample: SampleIndex(1),
                granularity: g,
                sort,
                side_by_side: false,
                filters: f0,
                trim: Trim::default(),
            })));
        }
    }
    let top = FuncId(0);
    for d in [Direction::TopDown, Direction::BottomUp] {
        kept.push(run(JobKey::Tree(d, f0)));
    }
    kept.push(run(JobKey::Edges(SampleIndex(1), f0)));
    kept.push(run(JobKey::Butterfly(top, f0)));
    // A function in nearly every path: the root of the first sample's stack.
    let root = {
        let p = &unfiltered.profile;
        let table = unfiltered.table(Granularity::Functions);
        let outermost = p.samples.locations(0).last().copied();
        outermost
            .and_then(|l| table.nodes_of(l).last().copied())
            .map_or(top, FuncId)
    };
    kept.push(run(JobKey::Butterfly(root, f0)));
    for g in [Granularity::Functions, Granularity::Addresses] {
        kept.push(run(JobKey::Traces(top, f0, SampleIndex(1), g)));
    }
    if let Some(t) = kept.iter().find_map(|r| match r {
        memprof_tui::jobs::Report::Tree(t) => Some(t.clone()),
        _ => None,
    }) {
        println!(
            "call paths shared by the trees and butterflies: {:.1} MiB",
            t.paths().heap_bytes() as f64 / (1 << 20) as f64
        );
    }
    let (peak, rss) = rss_mib();
    println!("all held: RSS {rss} MiB, peak {peak} MiB");
}
