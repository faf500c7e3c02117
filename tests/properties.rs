//! Property tests over random valid profiles (built as wire messages by a proptest
//! strategy: a few functions, mappings and locations with inlined lines, random stacks with
//! recursion, non-negative values, string and numeric labels, sparse ids):
//!
//! - the loader and the encoder are inverse: `load(encode(load(w))) == load(w)`;
//! - for every sample type and granularity, the untrimmed top table's flats add up to the
//!   total and no cum exceeds it;
//! - a profile merged with itself doubles every flat and cum;
//! - -traces prints one block per sample of pprof's merge, with its value and one frame
//!   per line; the transforms keep samples and totals, and their profile is written and
//!   read back unchanged (--proto); a butterfly's root is pprof's flat and cum.
//!
//! Case counts are kept small so the file runs in a few seconds in a debug build.

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use memprof_tui::analysis::{Granularity, ReportOptions, top};
use memprof_tui::input::load;
use memprof_tui::profile::{self, Limits, Profile, encode_to_vec, load_bytes, wire};
use proptest::collection::vec;
use proptest::prelude::*;
use prost::Message;

const TYPES: [(&str, &str); 8] = [
    ("alloc_objects", "count"),
    ("alloc_space", "bytes"),
    ("inuse_objects", "count"),
    ("inuse_space", "bytes"),
    ("samples", "count"),
    ("cpu", "nanoseconds"),
    ("delay", "nanoseconds"),
    ("contentions", "count"),
];

const NAMES: [&str; 12] = [
    "main.main",
    "main.work",
    "runtime.mallocgc",
    "runtime.newobject",
    "pkg.(*T).Method",
    "pkg.(*T).Method.func1",
    "std::vector<int>::push_back(int)",
    "(anonymous namespace)::helper",
    "",
    "x\u{202e}evil\x1b]0;t\x07",
    "unicode.λ",
    "main.main",
];

const FILES: [&str; 6] = [
    "/src/main.go",
    "/usr/lib/go/src/runtime/malloc.go",
    "pkg/t.go",
    "",
    "/proc/self/cwd/a.go",
    "/a/../b//c.go",
];

const OBJECTS: [&str; 4] = ["/bin/app", "/lib/libc.so.6", "[vdso]", ""];

const LABEL_KEYS: [&str; 4] = ["bytes", "thread", "request", "k\x1b[31m"];

const LABEL_VALUES: [&str; 4] = ["a", "b", "", "ω"];

/// Ids for `n` elements: dense from 1, spaced, or above the dense table (sparse path).
fn ids(n: usize, style: u8) -> Vec<u64> {
    (0..n as u64)
        .map(|i| match style % 3 {
            0 => i + 1,
            1 => 1000 + 7 * i,
            _ => (1 << 40) + i,
        })
        .rev()
        .collect()
}

/// Interns strings while building the generated profile's table.
#[derive(Default)]
struct Strings {
    table: Vec<Vec<u8>>,
    index: HashMap<String, i64>,
}

impl Strings {
    fn new() -> Self {
        let mut s = Self::default();
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

type FuncSpec = (usize, usize, i64);
type MapSpec = (usize, u64, u64);
type LocSpec = (usize, u64, Vec<(usize, i64, i64)>, bool);
type LabelSpec = (usize, Option<usize>, i64);
type SampleSpec = (Vec<usize>, Vec<i64>, Vec<LabelSpec>);

/// Header choices: drop/keep frames, default type, time, period, comments, id styles,
/// extra (possibly duplicate) strings.
type HeaderSpec = (u8, u8, u8, i64, i64, Vec<usize>, (u8, u8, u8), Vec<usize>);

#[allow(clippy::too_many_arguments)]
fn build(
    types: Vec<usize>,
    funcs: Vec<FuncSpec>,
    maps: Vec<MapSpec>,
    locs: Vec<LocSpec>,
    samples: Vec<SampleSpec>,
    header: HeaderSpec,
) -> wire::Profile {
    let (drop_sel, keep_sel, default_sel, time, period, comments, id_styles, extra) = header;
    let mut st = Strings::new();
    let fn_ids = ids(funcs.len(), id_styles.0);
    let map_ids = ids(maps.len(), id_styles.1);
    let loc_ids = ids(locs.len(), id_styles.2);
    let sample_type: Vec<wire::ValueType> = types
        .iter()
        .map(|&t| wire::ValueType {
            r#type: st.id(TYPES[t].0),
            unit: st.id(TYPES[t].1),
        })
        .collect();
    let function = funcs
        .iter()
        .zip(&fn_ids)
        .map(|(&(name, file, start), &id)| wire::Function {
            id,
            name: st.id(NAMES[name]),
            system_name: st.id(NAMES[(name + 1) % NAMES.len()]),
            filename: st.id(FILES[file]),
            start_line: start,
        })
        .collect();
    let mapping = maps
        .iter()
        .zip(&map_ids)
        .map(|(&(file, start, len), &id)| wire::Mapping {
            id,
            memory_start: start,
            memory_limit: start.saturating_add(len),
            file_offset: len / 2,
            filename: st.id(OBJECTS[file]),
            build_id: st.id(if file % 2 == 0 { "abc123" } else { "" }),
            has_functions: true,
            ..Default::default()
        })
        .collect();
    let location = locs
        .iter()
        .zip(&loc_ids)
        .map(|(&(map, address, ref lines, folded), &id)| wire::Location {
            id,
            // map == maps.len() means "no mapping".
            mapping_id: map_ids.get(map).copied().unwrap_or(0),
            address,
            line: lines
                .iter()
                .map(|&(f, line, column)| wire::Line {
                    function_id: fn_ids[f],
                    line,
                    column,
                })
                .collect(),
            is_folded: folded,
        })
        .collect();
    let sample = samples
        .iter()
        .map(|(stack, values, labels)| wire::Sample {
            location_id: stack.iter().map(|&l| loc_ids[l]).collect(),
            value: values.clone(),
            label: labels
                .iter()
                .map(|&(k, v, n)| match v {
                    Some(v) => wire::Label {
                        key: st.id(LABEL_KEYS[k]),
                        str: st.id(LABEL_VALUES[v]),
                        ..Default::default()
                    },
                    None => wire::Label {
                        key: st.id(LABEL_KEYS[k]),
                        num: n,
                        num_unit: if n % 2 == 0 { st.id("bytes") } else { 0 },
                        ..Default::default()
                    },
                })
                .collect(),
        })
        .collect();
    // Regexes that name no generated function: the round trip re-applies them at load,
    // and pprof's pruning is not idempotent when a location is partly trimmed.
    let frames = |sel: u8| match sel % 3 {
        0 => "",
        1 => "nomatch\\.zz",
        _ => "absent\\..*|other",
    };
    let drop_frames = st.id(frames(drop_sel));
    let keep_frames = st.id(frames(keep_sel));
    let default_sample_type = match default_sel % 3 {
        0 => 0,
        1 => st.id(TYPES[types[0]].0),
        _ => st.id("not_a_type"),
    };
    let comment = comments
        .iter()
        .map(|&c| st.id(["comment one", "dup", "\x1b]52;c;QUJD\x07"][c % 3]))
        .collect();
    let period_type = (period % 2 == 0).then(|| wire::ValueType {
        r#type: st.id("space"),
        unit: st.id("bytes"),
    });
    let mut string_table = st.table;
    // Unused and duplicate strings are legal: the loader accepts them and keeps what is used.
    for e in extra {
        string_table.push(NAMES[e % NAMES.len()].as_bytes().to_vec());
    }
    wire::Profile {
        sample_type,
        sample,
        mapping,
        location,
        function,
        string_table,
        drop_frames,
        keep_frames,
        time_nanos: time,
        duration_nanos: time / 1000,
        period_type,
        period,
        comment,
        default_sample_type,
        doc_url: 0,
    }
}

fn value() -> impl Strategy<Value = i64> {
    prop_oneof![Just(0i64), 1i64..1000, 0i64..(1 << 40)]
}

/// Random valid profiles.
fn profiles() -> impl Strategy<Value = wire::Profile> {
    (1usize..=3, 1usize..=6, 0usize..=2, 1usize..=8)
        .prop_flat_map(|(nt, nf, nm, nl)| {
            let types = vec(0..TYPES.len(), nt);
            let funcs = vec((0..NAMES.len(), 0..FILES.len(), 0i64..200), nf);
            let maps = vec((0..OBJECTS.len(), 0u64..1 << 48, 1u64..1 << 20), nm);
            let line = (0..nf, 0i64..500, 0i64..3);
            let locs = vec((0..=nm, any::<u64>(), vec(line, 0..=3), any::<bool>()), nl);
            // Stacks may repeat locations (recursion); a few samples have none.
            let sample = (
                prop_oneof![1 => vec(0..nl, 0..1), 9 => vec(0..nl, 1..=6)],
                vec(value(), nt),
                vec(
                    (
                        0..LABEL_KEYS.len(),
                        proptest::option::of(0..LABEL_VALUES.len()),
                        -5i64..100,
                    ),
                    0..=2,
                ),
            );
            let samples = vec(sample, 0..=12);
            let header = (
                any::<u8>(),
                any::<u8>(),
                any::<u8>(),
                prop_oneof![Just(0i64), 1i64..i64::MAX / 2],
                0i64..1_000_000,
                vec(0usize..3, 0..=3),
                (any::<u8>(), any::<u8>(), any::<u8>()),
                vec(0usize..NAMES.len(), 0..=3),
            );
            (types, funcs, maps, locs, samples, header)
        })
        .prop_map(|(t, f, m, l, s, h)| build(t, f, m, l, s, h))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn opts(index: usize, g: Granularity) -> ReportOptions {
    ReportOptions {
        granularity: g,
        ..ReportOptions::untrimmed(index)
    }
}

/// (flat, cum) per printed row name (summed over rows that print alike).
fn rows_by_name(p: &Profile, index: usize, g: Granularity) -> HashMap<String, (i64, i64)> {
    let mut m: HashMap<String, (i64, i64)> = HashMap::new();
    for r in top(p, &opts(index, g)).rows {
        let e = m.entry(format!("{} {}", r.name, r.inline)).or_default();
        e.0 += r.flat;
        e.1 += r.cum;
    }
    m
}

static FILE_NO: AtomicUsize = AtomicUsize::new(0);

fn temp_file(bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("memprof-props-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("p{}.pb", FILE_NO.fetch_add(1, Ordering::SeqCst)));
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decode_of_encode_is_identity(w in profiles(), gz in any::<bool>()) {
        let raw = w.encode_to_vec();
        let data = if gz { gzip(&raw) } else { raw };
        let p = load_bytes("generated", &data, &Limits::default()).expect("generated profile loads");
        let bytes = encode_to_vec(&p);
        let again = load_bytes("re-encoded", &bytes, &Limits::default()).expect("re-encoded profile loads");
        prop_assert_eq!(&p, &again);
        // Encoding is a function of the model: the re-encoded bytes are stable.
        prop_assert_eq!(encode_to_vec(&again), bytes);
        // The raw decode (no pruning, no merge) round-trips too.
        let d = profile::decode("raw", &data, &Limits::default()).expect("decode");
        prop_assert_eq!(&profile::decode("raw2", &encode_to_vec(&d), &Limits::default()).expect("decode"), &d);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn flats_add_up_to_the_total_and_no_cum_exceeds_it(w in profiles()) {
        let p = load_bytes("generated", &w.encode_to_vec(), &Limits::default()).expect("loads");
        for i in 0..p.sample_types.len() {
            // Samples with no locations count in the total but belong to no node.
            let stackless: i64 = (0..p.samples.len())
                .filter(|&s| p.samples.locations(s).is_empty())
                .map(|s| p.samples.values(s)[i])
                .sum();
            for g in Granularity::ALL {
                let r = top(&p, &opts(i, g));
                let flat: i64 = r.rows.iter().map(|row| row.flat).sum();
                prop_assert_eq!(flat + stackless, r.total, "type {} at {}", i, g.name());
                for row in &r.rows {
                    prop_assert!(row.cum <= r.total, "{} cum {} > total {}", row.name, row.cum, r.total);
                    prop_assert!(row.flat <= row.cum, "{} flat {} > cum {}", row.name, row.flat, row.cum);
                    prop_assert!(row.flat >= 0);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn merging_a_profile_with_itself_doubles_every_value(w in profiles()) {
        let path = temp_file(&w.encode_to_vec());
        let one = load(std::slice::from_ref(&path), &Limits::default()).expect("loads");
        let two = load(&[path.clone(), path.clone()], &Limits::default()).expect("merges");
        let _ = std::fs::remove_file(&path);
        // pprof's Merge makes each sample and its copy one sample, worth twice as much.
        prop_assert!(two.samples.len() <= one.samples.len());
        prop_assert!(!two.samples.is_empty() || one.samples.is_empty());
        for i in 0..one.sample_types.len() {
            for g in Granularity::ALL {
                let single = rows_by_name(&one, i, g);
                let double = rows_by_name(&two, i, g);
                prop_assert_eq!(single.len(), double.len(), "rows at {}", g.name());
                for (name, (flat, cum)) in &single {
                    let d = double.get(name).copied();
                    prop_assert_eq!(d, Some((2 * flat, 2 * cum)), "{} at {} type {}", name, g.name(), i);
                }
            }
        }
    }
}

/// Every sample's values, in order.
fn values_of(p: &Profile) -> Vec<&[i64]> {
    (0..p.samples.len()).map(|i| p.samples.values(i)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn traces_transforms_export_and_butterflies_hold(w in profiles()) {
        use memprof_tui::analysis::butterfly::{Butterfly, Side};
        use memprof_tui::analysis::call_paths::CallPaths;
        use memprof_tui::analysis::filter::{FilterKind, Filters, filter_profile};
        use memprof_tui::analysis::traces::{traces, traces_table};
        use memprof_tui::analysis::{FuncId, NodeTable};

        let p = load_bytes("generated", &w.encode_to_vec(), &Limits::default()).expect("loads");
        if p.sample_types.is_empty() {
            return Ok(());
        }
        let merged = profile::compact::compact(&p);
        for i in 0..p.sample_types.len() {
            for g in Granularity::ALL {
                let o = opts(i, g);
                let r = traces(&merged, &merged, &o, &traces_table(&merged, &o));
                let with_stack: Vec<usize> = (0..merged.samples.len())
                    .filter(|&s| !merged.samples.locations(s).is_empty())
                    .collect();
                prop_assert_eq!(r.traces.iter().map(|t| t.sample).collect::<Vec<_>>(), with_stack);
                for t in &r.traces {
                    prop_assert_eq!(t.value, merged.samples.values(t.sample)[i]);
                    let lines: usize = merged.samples.locations(t.sample).iter()
                        .map(|&l| merged.location_lines(l).len().max(1)).sum();
                    prop_assert_eq!(t.frames.len(), lines);
                }
            }
        }
        for (kind, text) in [
            (FilterKind::CollapseRecursion, "direct"),
            (FilterKind::CollapseRecursion, "indirect"),
            (FilterKind::CollapsePackage, "."),
        ] {
            let mut f = Filters::default();
            f.set(kind, text).expect("valid");
            let (out, _) = filter_profile(&p, &f);
            // pprof's filtering drops samples without a stack; transforms drop none.
            let (base, _) = filter_profile(&p, &Filters::default());
            prop_assert_eq!(out.samples.len(), base.samples.len());
            prop_assert_eq!(values_of(&out), values_of(&base));
            if p.drop_frames.is_empty() && p.keep_frames.is_empty() {
                let mut again = load_bytes("again", &encode_to_vec(&out), &Limits::default()).expect("reloads");
                // The decoder keeps what the samples use, as pprof's merge does.
                let want = memprof_tui_testkit::used_only::used_only(&out);
                prop_assert!(again.strings.starts_with(&want.strings));
                again.strings.truncate(want.strings.len());
                prop_assert_eq!(&again, &want, "{:?} {}", kind, text);
            }
        }
        let p = std::sync::Arc::new(p);
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        let paths = std::sync::Arc::new(CallPaths::build(p.clone(), &table));
        for i in 0..p.sample_types.len() {
            for row in top(&p, &opts(i, Granularity::Functions)).rows {
                let b = Butterfly::build(paths.clone(), FuncId(row.node));
                for side in [Side::Callers, Side::Callees] {
                    let h = b.half(side);
                    prop_assert_eq!((h.flat(h.root(), i), h.cum(h.root(), i)), (row.flat, row.cum), "{}", row.name);
                }
            }
        }
    }
}
