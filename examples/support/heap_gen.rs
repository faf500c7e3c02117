//! The synthetic Go service behind `gen_profile` and `gen_fleet`: a program (packages,
//! functions with Go-like names, a call graph with recursion and inlined frames) and its
//! heap profiles, as Go's `runtime/pprof` writes them (sample types alloc_objects/count,
//! alloc_space/bytes, inuse_objects/count, inuse_space/bytes; period space/bytes 524288;
//! a numeric `bytes` label per sample; one mapping; values scaled like
//! `runtime/pprof.scaleHeapSample`; location, function and string ids in order of first
//! use). Shared by the examples and the tests (`#[path]`); a pure function of the seeds.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;

use memprof_tui::profile::wire;
// ---------------------------------------------------------------------------------------
// PRNG: splitmix64 (deterministic, no dependency)

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut r = Rng(seed ^ 0x6a09_e667_f3bc_c909);
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() as u128 * n as u128) >> 64) as usize
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// Uniform in [0, 1).
    fn f64(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
    fn pick<'a, T>(&mut self, s: &'a [T]) -> &'a T {
        &s[self.below(s.len())]
    }
    /// Log-uniform integer in lo..=hi (heavy tail toward small values).
    fn log_uniform(&mut self, lo: u64, hi: u64) -> u64 {
        let (l, h) = ((lo as f64).ln(), ((hi + 1) as f64).ln());
        ((l + (h - l) * self.f64()).exp() as u64).clamp(lo, hi)
    }
}

/// A discrete distribution sampled by binary search over cumulative weights.
struct Weighted {
    cum: Vec<f64>,
}

impl Weighted {
    fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut acc = 0.0;
        let cum = weights
            .into_iter()
            .map(|w| {
                acc += w;
                acc
            })
            .collect();
        Weighted { cum }
    }
    /// Zipf-like: weight of rank k is 1/(k+1)^s.
    fn zipf(n: usize, s: f64) -> Self {
        Self::new((0..n).map(|k| 1.0 / ((k + 1) as f64).powf(s)))
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.f64() * self.cum.last().copied().unwrap_or(0.0);
        self.cum
            .partition_point(|&c| c <= x)
            .min(self.cum.len() - 1)
    }
}

// ---------------------------------------------------------------------------------------
// Names

const VERBS: &[&str] = &[
    "Read",
    "Write",
    "Decode",
    "Encode",
    "Parse",
    "Handle",
    "Serve",
    "Process",
    "Apply",
    "Flush",
    "Grow",
    "Append",
    "Marshal",
    "Unmarshal",
    "Compact",
    "Scan",
    "Lookup",
    "Insert",
    "Merge",
    "Split",
    "Build",
    "Load",
    "Store",
    "Fetch",
    "Dispatch",
    "Visit",
    "Walk",
    "Copy",
    "Reset",
    "Alloc",
    "New",
    "Make",
    "Open",
    "Close",
    "Sync",
    "Sort",
    "Filter",
    "Collect",
    "Emit",
    "Resolve",
    "Compile",
    "Render",
    "Format",
    "Validate",
    "Index",
    "Hash",
    "Compress",
    "Batch",
    "Replay",
    "Rotate",
    "Evict",
    "Prepare",
    "Execute",
    "Commit",
    "Retry",
    "Publish",
];

const NOUNS: &[&str] = &[
    "Buffer", "Request", "Response", "Header", "Segment", "Block", "Page", "Record", "Entry",
    "Node", "Tree", "Table", "Row", "Column", "Index", "Cache", "Pool", "Conn", "Stream", "Frame",
    "Message", "Token", "Field", "Value", "Schema", "Query", "Plan", "Span", "Batch", "Chunk",
    "Slice", "Map", "Set", "Queue", "Worker", "Task", "Job", "Event", "Metric", "Series", "Shard",
    "Region", "Key", "Iterator", "Cursor", "Writer", "Reader", "Decoder", "Encoder", "Parser",
    "Lexer", "Router", "Handler", "Server", "Client", "Session", "Txn", "Snapshot", "Manifest",
    "Bucket", "Label", "Sample", "Graph", "Edge", "Ring", "Heap",
];

const ORGS: &[&str] = &[
    "acme",
    "globex",
    "initech",
    "umbrella",
    "hooli",
    "piedpiper",
    "starkind",
    "wayne-ent",
    "tyrell",
    "cyberdyne",
    "soylent",
    "vandelay",
];

const REPOS: &[&str] = &[
    "svc",
    "gateway",
    "ingest",
    "storage",
    "billing",
    "auth",
    "search",
    "indexer",
    "scheduler",
    "pipeline",
    "kv",
    "metrics",
    "tracing",
    "queue",
    "blob",
    "graphql",
];

const SUBDIRS: &[&str] = &[
    "internal/storage",
    "internal/cache",
    "pkg/codec",
    "pkg/rpc",
    "internal/query",
    "internal/index",
    "pkg/util",
    "internal/wal",
    "pkg/pool",
    "internal/api",
    "internal/worker",
    "pkg/encoding/varint",
    "internal/compact",
    "pkg/schema",
    "internal/raft",
    "pkg/bloom",
    "internal/planner",
    "pkg/httpx",
    "internal/auth/token",
    "pkg/lru",
    "internal/ingest/batch",
    "pkg/metrics/prom",
    "internal/segment",
    "pkg/sstable",
    "internal/gc",
];

/// Standard-library packages (path, file base names).
const STDLIB: &[(&str, &[&str])] = &[
    ("bytes", &["buffer", "bytes", "reader"]),
    ("strings", &["builder", "strings", "replace"]),
    ("strconv", &["itoa", "quote", "ftoa"]),
    ("fmt", &["print", "format", "scan"]),
    ("bufio", &["bufio", "scan"]),
    ("encoding/json", &["decode", "encode", "stream", "indent"]),
    ("encoding/binary", &["binary", "varint"]),
    (
        "net/http",
        &["server", "transport", "h2_bundle", "header", "request"],
    ),
    ("net/url", &["url"]),
    ("net", &["fd_posix", "dial", "ip"]),
    ("context", &["context"]),
    ("sort", &["sort", "slice"]),
    ("reflect", &["value", "type", "makefunc"]),
    ("time", &["format", "time", "sleep"]),
    ("os", &["file", "exec"]),
    ("io", &["io", "multi", "pipe"]),
    ("compress/gzip", &["gzip", "gunzip"]),
    ("compress/flate", &["deflate", "inflate", "huffman_code"]),
    ("crypto/tls", &["conn", "handshake_client", "common"]),
    ("math/big", &["nat", "int", "natconv"]),
    ("regexp", &["regexp", "exec", "backtrack"]),
    ("regexp/syntax", &["parse", "compile"]),
    ("sync", &["pool", "map", "once"]),
    ("database/sql", &["sql", "convert"]),
    ("text/template", &["exec", "funcs"]),
    ("internal/poll", &["fd_unix", "fd_mutex"]),
    ("syscall", &["syscall_linux", "zsyscall_linux_amd64"]),
    ("log", &["log"]),
    ("errors", &["errors", "wrap"]),
];

/// Third-party modules: (module path, version). Paths with dots in the last element and
/// major-version suffixes exercise pprof's name handling.
const MODULES: &[(&str, &str)] = &[
    ("gopkg.in/yaml.v3", "v3.0.1"),
    ("google.golang.org/protobuf", "v1.31.0"),
    ("google.golang.org/grpc", "v1.58.3"),
    ("github.com/prometheus/client_golang", "v1.17.0"),
    ("github.com/klauspost/compress", "v1.17.2"),
    ("github.com/jackc/pgx/v5", "v5.4.3"),
    ("go.uber.org/zap", "v1.26.0"),
    ("github.com/golang/snappy", "v0.0.4"),
    ("go.etcd.io/bbolt", "v1.3.8"),
    ("github.com/cespare/xxhash/v2", "v2.2.0"),
];

const MODULE_SUBDIRS: &[&str] = &[
    "",
    "internal/impl",
    "encoding/prototext",
    "internal",
    "zstd",
    "pgconn",
    "zapcore",
    "prometheus",
    "internal/transport",
    "proto",
];

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if ch.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(ch.to_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

struct Package {
    /// Import path ("main" for the main package).
    path: String,
    /// Directory of its source files.
    dir: String,
    /// Source file base names.
    files: Vec<String>,
    /// Named types.
    types: Vec<String>,
}

fn make_packages(rng: &mut Rng, n: usize) -> Vec<Package> {
    let mut pkgs: Vec<Package> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let new_types = |rng: &mut Rng| -> Vec<String> {
        let k = rng.range(2, 7);
        let mut t: Vec<String> = Vec::new();
        while t.len() < k {
            let noun = *rng.pick(NOUNS);
            let name = match rng.below(4) {
                0 => lower_first(noun),
                1 => format!("{}{}", rng.pick(NOUNS), noun),
                _ => noun.to_string(),
            };
            if !t.contains(&name) {
                t.push(name);
            }
        }
        t
    };
    // The main package of the program.
    pkgs.push(Package {
        path: "main".into(),
        dir: "/home/gopher/src/svc/cmd/svc".into(),
        files: vec!["main".into(), "server".into(), "flags".into()],
        types: new_types(rng),
    });
    seen.insert("main".to_string());
    for (path, files) in STDLIB {
        if pkgs.len() >= n / 2 {
            break;
        }
        pkgs.push(Package {
            path: path.to_string(),
            dir: format!("/usr/local/go/src/{path}"),
            files: files.iter().map(|f| f.to_string()).collect(),
            types: new_types(rng),
        });
        seen.insert(path.to_string());
    }
    let mut attempts = 0;
    while pkgs.len() < n && attempts < n * 50 {
        attempts += 1;
        let (path, dir) = if rng.chance(0.25) {
            let (module, version) = *rng.pick(MODULES);
            let sub = *rng.pick(MODULE_SUBDIRS);
            let path = if sub.is_empty() {
                module.to_string()
            } else {
                format!("{module}/{sub}")
            };
            let dir = if sub.is_empty() {
                format!("/home/gopher/go/pkg/mod/{module}@{version}")
            } else {
                format!("/home/gopher/go/pkg/mod/{module}@{version}/{sub}")
            };
            (path, dir)
        } else {
            let org = rng.pick(ORGS);
            let repo = rng.pick(REPOS);
            let sub = rng.pick(SUBDIRS);
            let module = format!("github.com/{org}/{repo}");
            let path = format!("{module}/{sub}");
            let dir = if *org == "acme" && *repo == "svc" {
                format!("/home/gopher/src/svc/{sub}")
            } else {
                format!(
                    "/home/gopher/go/pkg/mod/{module}@v1.{}.{}/{sub}",
                    rng.below(12),
                    rng.below(9)
                )
            };
            (path, dir)
        };
        if !seen.insert(path.clone()) {
            continue;
        }
        let base = path.rsplit('/').next().unwrap_or("x").replace('.', "_");
        let mut files = vec![base];
        for _ in 0..rng.range(1, 4) {
            let noun: &&str = rng.pick(NOUNS);
            files.push(snake(noun));
        }
        pkgs.push(Package {
            path,
            dir,
            files,
            types: new_types(rng),
        });
    }
    pkgs
}

// ---------------------------------------------------------------------------------------
// The synthetic program

struct Func {
    name: String,
    file: String,
    start_line: i64,
    body_lines: i64,
    /// Call sites (indices into `Program::locs`), most likely first.
    calls: Vec<usize>,
    /// Allocation sites (indices into `Program::locs`).
    allocs: Vec<usize>,
}

struct Loc {
    address: u64,
    /// (function index, line), innermost inlined frame first; the last is the physical
    /// function.
    lines: Vec<(usize, i64)>,
    /// For call sites: the function called.
    target: Option<usize>,
}

pub struct Program {
    funcs: Vec<Func>,
    locs: Vec<Loc>,
    /// runtime.goexit's location (bottom of every stack).
    goexit: usize,
    /// runtime.main's call site of main.main.
    runtime_main: usize,
    main_main: usize,
    /// Goroutine entry functions (bottom frame above runtime.goexit).
    roots: Vec<usize>,
    map_start: u64,
    map_limit: u64,
}

pub fn build_program(rng: &mut Rng, n_funcs: usize) -> Program {
    let pkgs = make_packages(rng, (n_funcs / 12).clamp(8, 400));
    let pkg_pick = Weighted::zipf(pkgs.len(), 0.6);
    let mut names = std::collections::HashSet::new();
    let mut funcs: Vec<Func> = Vec::with_capacity(n_funcs);

    let push = |funcs: &mut Vec<Func>, rng: &mut Rng, name: String, file: String| {
        let start_line = rng.range(12, 2400) as i64;
        let body_lines = rng.log_uniform(4, 260) as i64;
        funcs.push(Func {
            name,
            file,
            start_line,
            body_lines,
            calls: Vec::new(),
            allocs: Vec::new(),
        });
    };

    // Fixed runtime frames and main.main.
    let rt_dir = "/usr/local/go/src/runtime";
    push(
        &mut funcs,
        rng,
        "runtime.goexit".into(),
        format!("{rt_dir}/asm_amd64.s"),
    );
    push(
        &mut funcs,
        rng,
        "runtime.main".into(),
        format!("{rt_dir}/proc.go"),
    );
    push(
        &mut funcs,
        rng,
        "main.main".into(),
        format!("{}/main.go", pkgs[0].dir),
    );
    names.extend(["runtime.goexit", "runtime.main", "main.main"].map(String::from));
    for rt in [
        "runtime.malg",
        "runtime.allocm",
        "runtime.newproc1",
        "runtime.mcommoninit",
        "runtime.procresize",
    ] {
        push(&mut funcs, rng, rt.into(), format!("{rt_dir}/proc.go"));
        names.insert(rt.to_string());
    }

    let mut closure_count: HashMap<String, usize> = HashMap::new();
    while funcs.len() < n_funcs {
        let pi = pkg_pick.sample(rng);
        let pkg = &pkgs[pi];
        let verb = *rng.pick(VERBS);
        let noun = *rng.pick(NOUNS);
        let exported = rng.chance(0.55);
        let fname = {
            let base = if rng.chance(0.3) {
                verb.to_string()
            } else {
                format!("{verb}{noun}")
            };
            if exported { base } else { lower_first(&base) }
        };
        let ty = rng.pick(&pkg.types).clone();
        let generic = rng.chance(0.07);
        let targs = if generic { "[...]" } else { "" };
        let kind = rng.below(100);
        let name = if kind < 35 {
            format!("{}.{fname}{targs}", pkg.path)
        } else if kind < 72 {
            format!("{}.(*{ty}{targs}).{fname}", pkg.path)
        } else if kind < 82 {
            format!("{}.{ty}{targs}.{fname}", pkg.path)
        } else {
            // A closure of some (possibly method) function: .func1, .func2.1, …
            let outer = if rng.chance(0.5) {
                format!("{}.{fname}{targs}", pkg.path)
            } else {
                format!("{}.(*{ty}{targs}).{fname}", pkg.path)
            };
            let k = closure_count.entry(outer.clone()).or_insert(0);
            *k += 1;
            if rng.chance(0.2) {
                format!("{outer}.func{}.{}", *k, rng.range(1, 3))
            } else {
                format!("{outer}.func{}", *k)
            }
        };
        if !names.insert(name.clone()) {
            continue;
        }
        let file = format!("{}/{}.go", pkg.dir, rng.pick(&pkg.files));
        push(&mut funcs, rng, name, file);
    }
    let n = funcs.len();
    let fixed = 8; // goexit, runtime.main, main.main, five runtime allocators

    // Small functions that get inlined into their callers (about 8% of functions).
    let inlinable: Vec<usize> = (fixed..n).filter(|_| rng.chance(0.08)).collect();

    // Call targets: a popularity ranking over functions (hot utilities get called from many
    // places) mixed with a uniform choice.
    let mut rank: Vec<usize> = (fixed..n).collect();
    for i in (1..rank.len()).rev() {
        let j = rng.below(i + 1);
        rank.swap(i, j);
    }
    let hot = Weighted::zipf(rank.len(), 1.1);

    // Addresses: functions laid out in the text segment of the main binary.
    let map_start: u64 = 0x400000;
    let mut next_addr = map_start + 0x1000;
    let mut func_addr = Vec::with_capacity(n);
    for f in &funcs {
        func_addr.push(next_addr);
        next_addr += (f.body_lines as u64 * 24 + 64).next_multiple_of(32);
    }
    let map_limit = (next_addr + 0x10000).next_multiple_of(0x1000);

    let mut locs: Vec<Loc> = Vec::new();
    let mut new_loc = |rng: &mut Rng,
                       funcs: &[Func],
                       f: usize,
                       target: Option<usize>,
                       inline: &[usize]|
     -> usize {
        let fd = &funcs[f];
        let off = rng.below(fd.body_lines as usize) as i64 + 1;
        let mut lines = Vec::new();
        for &g in inline {
            let gd = &funcs[g];
            lines.push((
                g,
                gd.start_line + 1 + rng.below(gd.body_lines as usize) as i64,
            ));
        }
        lines.push((f, fd.start_line + off));
        let span = fd.body_lines as u64 * 24;
        let address = func_addr[f] + 5 + rng.below(span as usize) as u64;
        locs.push(Loc {
            address,
            lines,
            target,
        });
        locs.len() - 1
    };
    let inline_chain = |rng: &mut Rng, f: usize| -> Vec<usize> {
        let k = match rng.below(100) {
            0..=84 => 0,
            85..=95 => 1,
            _ => 2,
        };
        let mut chain: Vec<usize> = Vec::new();
        while chain.len() < k && !inlinable.is_empty() {
            let g = *rng.pick(&inlinable);
            if g != f && !chain.contains(&g) {
                chain.push(g);
            }
        }
        chain
    };

    // runtime.goexit and runtime.main's frames.
    let goexit = new_loc(rng, &funcs, 0, None, &[]);
    let runtime_main = new_loc(rng, &funcs, 1, Some(2), &[]);

    for f in 2..n {
        // Call sites.
        let k = match rng.below(100) {
            0..=9 => 1,
            10..=29 => 2,
            30..=49 => 3,
            50..=79 => rng.range(4, 6),
            _ => rng.range(7, 18),
        };
        let mut calls = Vec::with_capacity(k);
        let mut first_target = None;
        for _ in 0..k {
            let target = if f >= fixed && rng.chance(0.03) {
                f // direct recursion
            } else if rng.chance(0.4) {
                rank[hot.sample(rng)]
            } else {
                rng.range(fixed, n - 1)
            };
            first_target.get_or_insert(target);
            let chain = inline_chain(rng, f);
            calls.push(new_loc(rng, &funcs, f, Some(target), &chain));
        }
        // A few call sites appear twice (the same callee from two lines, like a recursive
        // function calling itself on two paths).
        if rng.chance(0.05) {
            let t = first_target.expect("at least one call site");
            calls.push(new_loc(rng, &funcs, f, Some(t), &[]));
        }
        funcs[f].calls = calls;
        // Allocation sites.
        let a = rng.range(1, 5);
        let mut allocs = Vec::with_capacity(a);
        for _ in 0..a {
            let chain = inline_chain(rng, f);
            allocs.push(new_loc(rng, &funcs, f, None, &chain));
        }
        funcs[f].allocs = allocs;
    }
    // Runtime allocators are called from a handful of places.
    for rt in 3..fixed {
        let site = new_loc(rng, &funcs, rt, None, &[]);
        funcs[rt].allocs = vec![site];
        funcs[rt].calls = vec![new_loc(rng, &funcs, rt, Some(3 + (rt - 3 + 1) % 5), &[])];
        for _ in 0..3 {
            let caller = rng.range(fixed, n - 1);
            let l = new_loc(rng, &funcs, caller, Some(rt), &[]);
            funcs[caller].calls.push(l);
        }
    }
    // Goroutine entry points: main.main plus some closures and Serve-like functions.
    let mut roots = vec![2];
    let mut candidates: Vec<usize> = (fixed..n)
        .filter(|&f| {
            let nm = &funcs[f].name;
            nm.contains(".func")
                || nm.contains("Serve")
                || nm.contains("Handle")
                || nm.contains("Worker")
        })
        .collect();
    if candidates.is_empty() {
        candidates = (fixed..n).collect();
    }
    for _ in 0..24 {
        let c = *rng.pick(&candidates);
        if !roots.contains(&c) {
            roots.push(c);
        }
    }
    Program {
        funcs,
        locs,
        goexit,
        runtime_main,
        main_main: 2,
        roots,
        map_start,
        map_limit,
    }
}

// ---------------------------------------------------------------------------------------
// Values, scaled like runtime/pprof

/// Go's malloc size classes (bytes), small objects.
const SIZE_CLASSES: &[u64] = &[
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
    384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048,
    2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

const RATE: i64 = 524_288;

/// runtime/pprof's scaleHeapSample.
fn scale_heap_sample(count: i64, size: i64, rate: i64) -> (i64, i64) {
    if count == 0 || size == 0 {
        return (0, 0);
    }
    if rate <= 1 {
        return (count, size);
    }
    let avg_size = size as f64 / count as f64;
    let scale = 1.0 / (1.0 - (-avg_size / rate as f64).exp());
    ((count as f64 * scale) as i64, (size as f64 * scale) as i64)
}

// ---------------------------------------------------------------------------------------
// Emission

struct Strings {
    table: Vec<Vec<u8>>,
    index: HashMap<String, i64>,
}

impl Strings {
    fn new() -> Self {
        let mut s = Strings {
            table: Vec::new(),
            index: HashMap::new(),
        };
        s.id("");
        s
    }
    fn id(&mut self, s: &str) -> i64 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.table.len() as i64;
        self.table.push(s.as_bytes().to_vec());
        self.index.insert(s.to_string(), i);
        i
    }
}

struct Emitter<'a> {
    prog: &'a Program,
    strings: Strings,
    loc_ids: Vec<u64>,
    func_ids: Vec<u64>,
    locations: Vec<wire::Location>,
    functions: Vec<wire::Function>,
    lines_total: usize,
    shift: u64,
}

impl Emitter<'_> {
    fn func_id(&mut self, f: usize) -> u64 {
        if self.func_ids[f] == 0 {
            let fd = &self.prog.funcs[f];
            let id = self.functions.len() as u64 + 1;
            let name = self.strings.id(&fd.name);
            let filename = self.strings.id(&fd.file);
            self.functions.push(wire::Function {
                id,
                name,
                system_name: name,
                filename,
                start_line: fd.start_line,
            });
            self.func_ids[f] = id;
        }
        self.func_ids[f]
    }
    fn loc_id(&mut self, l: usize) -> u64 {
        if self.loc_ids[l] == 0 {
            let ld = &self.prog.locs[l];
            let mut line = Vec::with_capacity(ld.lines.len());
            for &(f, ln) in &ld.lines {
                line.push(wire::Line {
                    function_id: self.func_id(f),
                    line: ln,
                    column: 0,
                });
            }
            self.lines_total += line.len();
            let id = self.locations.len() as u64 + 1;
            self.locations.push(wire::Location {
                id,
                mapping_id: 1,
                address: ld.address + self.shift,
                line,
                is_folded: false,
            });
            self.loc_ids[l] = id;
        }
        self.loc_ids[l]
    }
}

/// What [`heap_profile`] generates for one profile.
pub struct HeapOpts {
    pub samples: usize,
    pub min_depth: usize,
    pub max_depth: usize,
    pub no_labels: bool,
    /// Selects the profile's time: 2024-05-17 09:26:40 UTC plus this many seconds
    /// (modulo a day).
    pub seed: u64,
    /// Added to the mapping's addresses (where the process loaded the binary: a
    /// position-independent binary moves from run to run).
    pub address_shift: u64,
}

/// A generated profile and what it holds.
pub struct Generated {
    pub profile: wire::Profile,
    pub unique_stacks: usize,
    pub frames_total: usize,
    pub functions: usize,
    pub locations: usize,
    pub inlined_locations: usize,
    pub lines_total: usize,
}

/// One heap profile of `prog`, its samples drawn with `rng`: only the locations and
/// functions its samples use, with ids in order of first use, as Go writes them.
pub fn heap_profile(prog: &Program, rng: &mut Rng, o: &HeapOpts) -> Generated {
    heap_profile_of(prog, rng, o, None)
}

/// The allocation sites of a service: stacks (root first) with their block size, the
/// popular ones drawn far more often.
pub struct StackPool {
    stacks: Vec<(Vec<usize>, i64)>,
    pick: Weighted,
}

impl StackPool {
    /// `n` stacks of `prog` drawn like [`heap_profile`] draws them.
    pub fn new(prog: &Program, rng: &mut Rng, n: usize) -> Self {
        let o = HeapOpts {
            samples: 0,
            min_depth: 5,
            max_depth: 40,
            no_labels: false,
            seed: 0,
            address_shift: 0,
        };
        let root_pick = Weighted::zipf(prog.roots.len(), 0.8);
        let call_pick: Vec<Weighted> = (0..=16).map(|k| Weighted::zipf(k.max(1), 1.0)).collect();
        let size_pick = Weighted::zipf(SIZE_CLASSES.len(), 0.9);
        let mut stack = Vec::new();
        let stacks = (0..n)
            .map(|_| {
                draw_stack(prog, rng, &o, &root_pick, &call_pick, &mut stack);
                (stack.clone(), draw_size(rng, &size_pick))
            })
            .collect();
        Self {
            stacks,
            pick: Weighted::zipf(n, 0.7),
        }
    }
}

/// A random stack of `prog` (root first), ending at an allocation site.
fn draw_stack(
    prog: &Program,
    rng: &mut Rng,
    o: &HeapOpts,
    root_pick: &Weighted,
    call_pick: &[Weighted],
    stack: &mut Vec<usize>,
) {
    let depth = rng.range(o.min_depth, o.max_depth);
    stack.clear();
    stack.push(prog.goexit);
    let root = prog.roots[root_pick.sample(rng)];
    let mut cur = root;
    if root == prog.main_main {
        stack.push(prog.runtime_main);
    }
    // Walk down the call graph; the last frame is an allocation site.
    while stack.len() + 1 < depth {
        let calls = &prog.funcs[cur].calls;
        let w = &call_pick[calls.len().min(16)];
        let mut k = w.sample(rng);
        if k >= calls.len() {
            k = rng.below(calls.len());
        }
        let site = calls[k];
        stack.push(site);
        cur = prog.locs[site].target.expect("call site has a target");
    }
    let allocs = &prog.funcs[cur].allocs;
    stack.push(*rng.pick(allocs));
}

/// A block size: mostly a small size class, sometimes a large block.
fn draw_size(rng: &mut Rng, size_pick: &Weighted) -> i64 {
    (if rng.chance(0.015) {
        (rng.log_uniform(32 << 10, 16 << 20)).next_multiple_of(8192)
    } else {
        SIZE_CLASSES[size_pick.sample(rng)]
    }) as i64
}

/// [`heap_profile`], its stacks drawn from `pool` when given.
pub fn heap_profile_of(
    prog: &Program,
    rng: &mut Rng,
    o: &HeapOpts,
    pool: Option<&StackPool>,
) -> Generated {
    let size_pick = Weighted::zipf(SIZE_CLASSES.len(), 0.9);
    let call_pick: Vec<Weighted> = (0..=16).map(|k| Weighted::zipf(k.max(1), 1.0)).collect();

    let mut em = Emitter {
        prog,
        strings: Strings::new(),
        loc_ids: vec![0; prog.locs.len()],
        func_ids: vec![0; prog.funcs.len()],
        locations: Vec::new(),
        functions: Vec::new(),
        lines_total: 0,
        shift: o.address_shift,
    };
    // Header strings first, like runtime/pprof.
    let st = |em: &mut Emitter, t: &str, u: &str| wire::ValueType {
        r#type: em.strings.id(t),
        unit: em.strings.id(u),
    };
    let sample_type = vec![
        st(&mut em, "alloc_objects", "count"),
        st(&mut em, "alloc_space", "bytes"),
        st(&mut em, "inuse_objects", "count"),
        st(&mut em, "inuse_space", "bytes"),
    ];
    let period_type = Some(st(&mut em, "space", "bytes"));
    let bytes_key = em.strings.id("bytes");

    let mut samples = Vec::with_capacity(o.samples);
    let mut stack: Vec<usize> = Vec::with_capacity(o.max_depth);
    let mut unique = std::collections::HashSet::new();
    let mut frames_total = 0usize;
    // The root of each goroutine kind, with main.main's tree the biggest.
    let root_pick = Weighted::zipf(prog.roots.len(), 0.8);
    let mut drawn = std::collections::HashSet::new();
    for _ in 0..o.samples {
        let pooled = match pool {
            Some(pool) => {
                // One bucket per stack and size, as the runtime keeps them.
                let mut k = pool.pick.sample(rng);
                for _ in 0..50 {
                    if drawn.insert(k) {
                        break;
                    }
                    k = pool.pick.sample(rng);
                }
                let (s, size) = &pool.stacks[k];
                stack.clear();
                stack.extend_from_slice(s);
                Some(*size)
            }
            None => {
                draw_stack(prog, rng, o, &root_pick, &call_pick, &mut stack);
                None
            }
        };
        let location_id: Vec<u64> = stack.iter().rev().map(|&l| em.loc_id(l)).collect();
        frames_total += location_id.len();

        // One heap bucket: block size and object counts.
        let size = match pooled {
            Some(size) => size,
            None => draw_size(rng, &size_pick),
        };
        // Sampled allocation counts (before scaling): mostly a handful per bucket, a few
        // hot buckets with thousands.
        let alloc_n = if size > 32 << 10 {
            rng.log_uniform(1, 40)
        } else {
            match rng.below(100) {
                0..=74 => rng.range(1, 3) as u64,
                75..=96 => rng.log_uniform(4, 60),
                _ => rng.log_uniform(60, 1000),
            }
        } as i64;
        let inuse_n = if rng.chance(0.35) {
            0
        } else {
            (alloc_n as f64 * rng.f64().powi(2)).round() as i64
        };
        let (ao, ab) = scale_heap_sample(alloc_n, alloc_n * size, RATE);
        let (io, ib) = scale_heap_sample(inuse_n, inuse_n * size, RATE);
        unique.insert(location_id.clone());
        samples.push(wire::Sample {
            location_id,
            value: vec![ao, ab, io, ib],
            label: if o.no_labels {
                Vec::new()
            } else {
                vec![wire::Label {
                    key: bytes_key,
                    str: 0,
                    num: size,
                    num_unit: 0,
                }]
            },
        });
    }

    let mapping_file = em.strings.id("/home/gopher/bin/svc");
    let build_id = em.strings.id("3f1c2a9e8b7d6c5f4e3d2c1b0a998877665544aa");
    let mapping = vec![wire::Mapping {
        id: 1,
        memory_start: prog.map_start + o.address_shift,
        memory_limit: prog.map_limit + o.address_shift,
        file_offset: 0,
        filename: mapping_file,
        build_id,
        has_functions: true,
        has_filenames: false,
        has_line_numbers: false,
        has_inline_frames: false,
    }];
    // 2024-05-17 09:26:40 UTC plus a seed-dependent offset.
    let time_nanos =
        1_715_938_000_000_000_000 + (o.seed % 86_400) as i64 * 1_000_000_000 + 123_456_789;

    let n_locations = em.locations.len();
    let n_functions = em.functions.len();
    let inlined_locs = em.locations.iter().filter(|l| l.line.len() > 1).count();
    let lines_total = em.lines_total;
    let profile = wire::Profile {
        sample_type,
        sample: samples,
        mapping,
        location: em.locations,
        function: em.functions,
        string_table: em.strings.table,
        drop_frames: 0,
        keep_frames: 0,
        time_nanos,
        duration_nanos: 0,
        period_type,
        period: RATE,
        comment: Vec::new(),
        default_sample_type: 0,
        doc_url: 0,
    };
    Generated {
        profile,
        unique_stacks: unique.len(),
        frames_total,
        functions: n_functions,
        locations: n_locations,
        inlined_locations: inlined_locs,
        lines_total,
    }
}

/// `raw` gzipped at the default level.
pub fn gzip(raw: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(raw).expect("gzip to memory");
    gz.finish().expect("gzip to memory")
}

/// What [`fleet`] generates: one service, many instances.
pub struct FleetOpts {
    pub instances: usize,
    /// Samples per instance, give or take a quarter.
    pub samples: usize,
    pub functions: usize,
    pub seed: u64,
    /// Each instance loads the binary at an address of its own.
    pub aslr: bool,
}

/// The heap profiles of `o.instances` instances of one program, gzipped, handed to
/// `each` in instance order. The program has four allocation stacks per sample of an
/// instance (a few popular, most rare); each instance draws its buckets among them, with
/// counts of its own, and was written one second after the previous one.
pub fn fleet(o: &FleetOpts, mut each: impl FnMut(usize, Vec<u8>)) {
    use prost::Message;
    let mut rng = Rng::new(o.seed);
    let prog = build_program(&mut rng, o.functions);
    let pool = StackPool::new(&prog, &mut rng, o.samples * 4);
    for i in 0..o.instances {
        let mut rng = Rng::new(o.seed.wrapping_mul(1_000_003).wrapping_add(i as u64 + 1));
        let samples = rng.range(o.samples - o.samples / 4, o.samples + o.samples / 4);
        let address_shift = if o.aslr {
            rng.range(0, 1 << 20) as u64 * 0x1000
        } else {
            0
        };
        let opts = HeapOpts {
            samples,
            min_depth: 5,
            max_depth: 40,
            no_labels: false,
            seed: o.seed + i as u64,
            address_shift,
        };
        let g = heap_profile_of(&prog, &mut rng, &opts, Some(&pool));
        each(i, gzip(&g.profile.encode_to_vec()));
    }
}
