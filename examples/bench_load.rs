//! Micro-measurement of loading a profile and computing its top table, without cargo
//! bench: loads the file N times and prints the median time of each phase.
//!
//! ```text
//! cargo run --release --example bench_load -- bench-out/large.pb.gz [N] [SAMPLE_INDEX]
//! ```
//!
//! The two phases the command line runs are
//!   decode      = `input::load(&[path], &Limits::default())`
//!                 (read, gunzip, prost decode, resolve, merge, prune)
//!   aggregation = `analysis::top(&p, &ReportOptions::untrimmed(SAMPLE_INDEX))`
//!                 (node table, graph, sort, rows)
//! and each is also broken down with the crate's public building blocks (`load_bytes` is
//! everything after gunzip; the prost decode into `wire::Profile` is timed on its own as a
//! reference, since the loader may not use it). SAMPLE_INDEX
//! defaults to 1 (alloc_space in a Go heap profile). Peak RSS (VmHWM) is printed after
//! the first load and the first top, so memory can be attributed too.

use std::time::{Duration, Instant};

use memprof_tui::analysis::{self, NodeTable, ReportOptions};
use memprof_tui::profile::{self, Limits, wire};
use prost::Message;

#[path = "support/rss.rs"]
mod rss;
use rss::rss_kib;

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:9.1} ms", d.as_secs_f64() * 1e3)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: bench_load PROFILE [N] [SAMPLE_INDEX]");
        std::process::exit(2);
    };
    let n: usize = args.next().map_or(7, |s| s.parse().expect("N: a number"));
    let index: usize = args
        .next()
        .map_or(1, |s| s.parse().expect("SAMPLE_INDEX: a number"));
    let limits = Limits::default();
    let inputs = [path.clone()];

    let (mut t_load, mut t_top) = (Vec::new(), Vec::new());
    let (mut t_read, mut t_gunzip, mut t_prost, mut t_bytes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut t_table, mut t_rest) = (Vec::new(), Vec::new());
    let mut first = true;
    let mut sizes = (0, 0);
    for _ in 0..n {
        // The two phases exactly as the command line runs them.
        let (p, d) = timed(|| memprof_tui::input::load(&inputs, &limits).expect("load"));
        t_load.push(d);
        let rss_after_load = rss_kib();
        let opts = ReportOptions::untrimmed(index);
        let (report, d) = timed(|| analysis::top(&p, &opts));
        t_top.push(d);
        let rss_after_top = rss_kib();
        if first {
            first = false;
            println!(
                "profile: {} samples, {} locations, {} functions, {} strings; top: {} rows",
                p.samples.len(),
                p.locations.len(),
                p.functions.len(),
                p.strings.len(),
                report.rows.len()
            );
            println!(
                "peak RSS after first load {} MiB (current {} MiB), after first top {} MiB (current {} MiB)",
                rss_after_load.0 / 1024,
                rss_after_load.1 / 1024,
                rss_after_top.0 / 1024,
                rss_after_top.1 / 1024
            );
        }
        drop(report);

        // Aggregation, split: node table vs graph + sort + rows.
        let (table, d) = timed(|| {
            NodeTable::build(
                &p,
                opts.granularity,
                &opts.trim_path,
                &opts.source_path,
                false,
            )
        });
        t_table.push(d);
        let (_, d) = timed(|| analysis::top::top_with_table(&p, &opts, &table));
        t_rest.push(d);
        drop(table);
        drop(p);

        // Decode, split: read, gunzip, prost, then everything after the file is in memory.
        let (data, d) = timed(|| {
            memprof_tui::input::read_input(&path, &limits, &Default::default())
                .expect("read")
                .data
        });
        t_read.push(d);
        let (raw, d) = timed(|| {
            profile::gunzip_if_needed(&path, &data, &limits)
                .expect("gunzip")
                .into_owned()
        });
        t_gunzip.push(d);
        sizes = (data.len(), raw.len());
        let (msg, d) = timed(|| wire::Profile::decode(&raw[..]).expect("prost decode"));
        t_prost.push(d);
        drop(msg);
        let (p, d) = timed(|| profile::load_bytes(&path, &raw, &limits).expect("load_bytes"));
        t_bytes.push(d);
        drop(p);
    }

    let load = median(&mut t_load);
    let top = median(&mut t_top);
    let read = median(&mut t_read);
    let gunzip = median(&mut t_gunzip);
    let prost = median(&mut t_prost);
    let bytes = median(&mut t_bytes);
    let table = median(&mut t_table);
    let rest = median(&mut t_rest);
    let total = load + top;
    let pct = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-12);
    println!(
        "file {} bytes, {} bytes decompressed; medians of {n} runs:",
        sizes.0, sizes.1
    );
    println!(
        "  decode       input::load      {}  ({:4.1}%)",
        ms(load),
        pct(load)
    );
    println!("    read file                   {}", ms(read));
    println!("    gunzip                      {}", ms(gunzip));
    println!("    decode+resolve (load_bytes) {}", ms(bytes));
    println!(
        "  aggregation  analysis::top    {}  ({:4.1}%)",
        ms(top),
        pct(top)
    );
    println!("    node table                  {}", ms(table));
    println!("    graph, sort, rows           {}", ms(rest));
    println!("  total                         {}", ms(total));
    println!(
        "  reference: prost wire::Profile::decode alone {}",
        ms(prost)
    );
}
