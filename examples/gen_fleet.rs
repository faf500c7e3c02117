//! Generates a fleet: the heap profiles of many instances of one Go service, one file per
//! instance, for merging benchmarks (`scripts/bench-merge.sh`) and comparisons with
//! `go tool pprof -top FILES...`.
//!
//! ```text
//! cargo run --release --example gen_fleet -- --instances 500 --samples 4000 \
//!     --functions 3000 --seed 1 --out bench-out/fleet
//! ```
//!
//! Every instance runs the same program (`examples/support/heap_gen.rs`: the same
//! functions, call graph and binary, and the same allocation stacks — four per sample of
//! an instance, a few popular, most rare), so the profiles share their functions and
//! many stacks; each draws its buckets (the given count, give or take a quarter) and their
//! counts with a seed of its own, numbers its locations and functions in its own order of
//! first use, as each Go process does, and was written one second after the previous
//! one. With `--aslr`
//! each loads the binary at an address of its own (a position-independent binary).
//! Files: OUT/heap-0001.pb.gz, OUT/heap-0002.pb.gz, … A pure function of the flags.

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "support/heap_gen.rs"]
mod heap_gen;

const USAGE: &str = "usage: gen_fleet [--instances N] [--samples N] [--functions N] [--seed N] \
[--aslr] --out DIR";

fn parse_args() -> Result<(heap_gen::FleetOpts, PathBuf), String> {
    let mut o = heap_gen::FleetOpts {
        instances: 500,
        samples: 4000,
        functions: 3000,
        seed: 1,
        aslr: false,
    };
    let mut out = PathBuf::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        let num = |name: &str, v: String| -> Result<usize, String> {
            v.replace('_', "")
                .parse::<usize>()
                .map_err(|_| format!("{name}: not a number: {v:?}"))
        };
        match a.as_str() {
            "--instances" => o.instances = num(&a, value(&a)?)?,
            "--samples" => o.samples = num(&a, value(&a)?)?,
            "--functions" => o.functions = num(&a, value(&a)?)?,
            "--seed" => o.seed = num(&a, value(&a)?)? as u64,
            "--aslr" => o.aslr = true,
            "--out" | "-o" => out = PathBuf::from(value(&a)?),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {a:?}\n{USAGE}")),
        }
    }
    if out.as_os_str().is_empty() {
        return Err(format!("--out is required\n{USAGE}"));
    }
    if o.functions < 50 || o.samples < 4 || o.instances == 0 {
        return Err("need --functions >= 50, --samples >= 4, --instances >= 1".into());
    }
    Ok((o, out))
}

fn main() -> ExitCode {
    let (o, out) = match parse_args() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("gen_fleet: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("gen_fleet: creating {}: {e}", out.display());
        return ExitCode::from(1);
    }
    let mut total = 0;
    let mut failed = None;
    heap_gen::fleet(&o, |i, bytes| {
        let path = out.join(format!("heap-{:04}.pb.gz", i + 1));
        if failed.is_none()
            && let Err(e) = std::fs::write(&path, &bytes)
        {
            failed = Some(format!("writing {}: {e}", path.display()));
        }
        total += bytes.len();
    });
    if let Some(e) = failed {
        eprintln!("gen_fleet: {e}");
        return ExitCode::from(1);
    }
    println!(
        "wrote {} profiles to {} ({:.1} MB gzipped)",
        o.instances,
        out.display(),
        total as f64 / 1e6
    );
    ExitCode::SUCCESS
}
