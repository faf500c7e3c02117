//! Generates a large synthetic Go heap profile (profile.proto, gzipped unless `--raw`) for
//! benchmarks and differential checks against `go tool pprof`.
//!
//! ```text
//! cargo run --release --example gen_profile -- --samples 200000 --functions 3000 \
//!     --min-depth 5 --max-depth 40 --seed 1 --out bench-out/large.pb.gz
//! ```
//!
//! The profile looks like what Go's `runtime/pprof` writes for the heap profile:
//! sample types alloc_objects/count, alloc_space/bytes, inuse_objects/count,
//! inuse_space/bytes; period space/bytes 524288; a numeric `bytes` label (the block size)
//! on each sample; one mapping for the main binary; values scaled like
//! `runtime/pprof.scaleHeapSample`. Functions have Go-like names (package paths, pointer
//! and value methods, closures, generics, `gopkg.in/yaml.v3`-style paths) with file names
//! and start lines. Stacks are random walks from a few goroutine roots over a fixed call
//! graph with skewed call-site choice, so prefixes are shared; the graph has direct and
//! mutual recursion; some locations carry 2–3 lines (inlined frames). Location, function
//! and string ids are assigned in order of first use, as Go does.
//!
//! `--deep-stack N` adds one sample whose stack recurses N frames deep (two functions
//! calling each other under the first sample's stack), the shape that makes call trees
//! and flame graphs work hardest.
//!
//! Output is a pure function of the flags (own splitmix64 PRNG, no hashing order).

use std::path::PathBuf;
use std::process::ExitCode;

use prost::Message;

#[path = "support/heap_gen.rs"]
mod heap_gen;

use heap_gen::{HeapOpts, Rng, build_program, heap_profile};

// ---------------------------------------------------------------------------------------
// Flags

/// What to generate (the flags); `tests/flame_graph.rs` and `tests/tmux_flame.rs` include
/// this file to generate profiles in memory.
pub struct Opts {
    pub samples: usize,
    pub functions: usize,
    pub min_depth: usize,
    pub max_depth: usize,
    pub seed: u64,
    pub out: PathBuf,
    pub raw: bool,
    pub no_labels: bool,
    /// Frames of one extra, recursive sample (0: none).
    pub deep_stack: usize,
}

impl Default for Opts {
    fn default() -> Self {
        Self {
            samples: 200_000,
            functions: 3000,
            min_depth: 5,
            max_depth: 40,
            seed: 1,
            out: PathBuf::new(),
            raw: false,
            no_labels: false,
            deep_stack: 0,
        }
    }
}

/// The profile the options describe (a pure function of them), with what it holds.
pub fn generate(o: &Opts) -> (memprof_tui::profile::wire::Profile, heap_gen::Generated) {
    let mut rng = Rng::new(o.seed);
    let prog = build_program(&mut rng, o.functions);
    let mut generated = heap_profile(
        &prog,
        &mut rng,
        &HeapOpts {
            samples: o.samples,
            min_depth: o.min_depth,
            max_depth: o.max_depth,
            no_labels: o.no_labels,
            seed: o.seed,
            address_shift: 0,
        },
    );
    let mut profile = std::mem::take(&mut generated.profile);
    if o.deep_stack > 0 {
        add_deep_stack(&mut profile, o.deep_stack);
        generated.frames_total += o.deep_stack;
    }
    (profile, generated)
}

/// Adds a sample `depth` frames deep: the first two locations of the first sample's
/// stack calling each other, below the rest of that stack, with the first sample's values
/// and labels.
fn add_deep_stack(p: &mut memprof_tui::profile::wire::Profile, depth: usize) {
    let Some(first) = p.sample.first().cloned() else {
        return;
    };
    let (a, b) = match first.location_id.as_slice() {
        [a, b, ..] => (*a, *b),
        [a] => (*a, *a),
        [] => return,
    };
    let mut stack: Vec<u64> = (0..depth).map(|i| if i % 2 == 0 { a } else { b }).collect();
    stack.extend(first.location_id.iter().skip(2));
    p.sample.push(memprof_tui::profile::wire::Sample {
        location_id: stack,
        ..first
    });
}

const USAGE: &str = "usage: gen_profile [--samples N] [--functions N] [--min-depth N] \
[--max-depth N] [--seed N] [--raw] [--no-labels] [--deep-stack N] --out FILE";

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline_val) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline_val
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let num = |name: &str, v: String| -> Result<u64, String> {
            v.replace('_', "")
                .parse::<u64>()
                .map_err(|_| format!("{name}: not a number: {v:?}"))
        };
        match flag.as_str() {
            "--samples" => o.samples = num("--samples", value("--samples")?)? as usize,
            "--functions" => o.functions = num("--functions", value("--functions")?)? as usize,
            "--min-depth" => o.min_depth = num("--min-depth", value("--min-depth")?)? as usize,
            "--max-depth" => o.max_depth = num("--max-depth", value("--max-depth")?)? as usize,
            "--seed" => o.seed = num("--seed", value("--seed")?)?,
            "--deep-stack" => {
                o.deep_stack = num("--deep-stack", value("--deep-stack")?)? as usize;
            }
            "--out" | "-o" => o.out = PathBuf::from(value("--out")?),
            "--raw" => o.raw = true,
            // Leaves out the `bytes` label (not Go-like; shows what labels cost pprof).
            "--no-labels" => o.no_labels = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {a:?}\n{USAGE}")),
        }
    }
    if o.out.as_os_str().is_empty() {
        return Err(format!("--out is required\n{USAGE}"));
    }
    if o.functions < 50 {
        return Err("--functions must be at least 50".into());
    }
    if o.min_depth < 3 || o.max_depth < o.min_depth {
        return Err("need 3 <= --min-depth <= --max-depth".into());
    }
    Ok(o)
}
fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("gen_profile: {e}");
            return ExitCode::from(2);
        }
    };
    let (profile, generated) = generate(&o);
    let raw = profile.encode_to_vec();
    let bytes = if o.raw {
        raw.clone()
    } else {
        heap_gen::gzip(&raw)
    };
    if let Some(dir) = o.out.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("gen_profile: creating {}: {e}", dir.display());
        return ExitCode::from(1);
    }
    if let Err(e) = std::fs::write(&o.out, &bytes) {
        eprintln!("gen_profile: writing {}: {e}", o.out.display());
        return ExitCode::from(1);
    }
    println!("wrote {}", o.out.display());
    println!(
        "  samples {} ({} unique stacks, {:.1} frames avg), functions {}, locations {} ({} with inlined lines, {} lines), strings {}",
        profile.sample.len(),
        generated.unique_stacks,
        generated.frames_total as f64 / profile.sample.len().max(1) as f64,
        generated.functions,
        generated.locations,
        generated.inlined_locations,
        generated.lines_total,
        profile.string_table.len(),
    );
    println!(
        "  size: raw {} bytes ({:.2} MB), {} {} bytes ({:.2} MB)",
        raw.len(),
        raw.len() as f64 / 1e6,
        if o.raw { "written (raw)" } else { "gzip" },
        bytes.len(),
        bytes.len() as f64 / 1e6
    );
    ExitCode::SUCCESS
}
