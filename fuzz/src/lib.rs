//! Shared pieces of the fuzz targets: the loader caps they use, a structured profile that
//! `arbitrary` builds (mostly valid, so fuzzing gets past validation), and the
//! encode/decode round-trip check.

use arbitrary::Arbitrary;
use memprof_tui::profile::{Limits, decode, encode_to_vec, wire};

/// Small caps: a fuzz input may not make the loader allocate much.
pub const LIMITS: Limits = Limits {
    max_decompressed: 1 << 20,
    max_memory: 32 << 20,
};

/// Asserts that re-encoding the decoded profile gives the same profile back.
pub fn check_round_trip(name: &str, data: &[u8]) {
    let Ok(d) = decode(name, data, &LIMITS) else {
        return;
    };
    let bytes = encode_to_vec(&d);
    let again = decode("re-encoded", &bytes, &Limits::default())
        .unwrap_or_else(|e| panic!("re-encoded profile does not load: {e}"));
    assert!(again == d, "decode(encode(p)) != p");
}

/// Strings worth having in names: escapes, bidi, regex syntax, pprof's special names.
const DICT: [&str; 16] = [
    "",
    "main.main",
    "runtime.mallocgc",
    "pkg.(*T).M.func1",
    "(anonymous namespace)::f()",
    "operator()",
    "std::vector<int>::at(int) const",
    "\x1b]52;c;QUJD\x07",
    "\u{202e}evil",
    "λ.μ",
    "/usr/lib/go/src/runtime/proc.go",
    "/proc/self/cwd/./main.go",
    "bytes",
    "nanoseconds",
    "alloc_space",
    "inuse_space",
];

/// A string of the table: from the dictionary or arbitrary bytes.
#[derive(Arbitrary, Debug)]
pub struct FString {
    dict: Option<u8>,
    bytes: Vec<u8>,
}

/// A reference to a string: mostly a valid index, sometimes an invalid one.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct FStr(u8);

/// A reference to a mapping, function or location: mostly an existing id.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct FRef(u8);

/// A mapping.
#[derive(Arbitrary, Debug)]
pub struct FMapping {
    start: u64,
    len: u64,
    offset: u64,
    file: FStr,
    build_id: FStr,
    flags: u8,
}

/// A function.
#[derive(Arbitrary, Debug)]
pub struct FFunction {
    name: FStr,
    system_name: FStr,
    file: FStr,
    start_line: i64,
}

/// A location.
#[derive(Arbitrary, Debug)]
pub struct FLocation {
    mapping: Option<FRef>,
    address: u64,
    lines: Vec<(FRef, i64, i64)>,
    folded: bool,
}

/// A label.
#[derive(Arbitrary, Debug)]
pub struct FLabel {
    key: FStr,
    str: FStr,
    num: i64,
    unit: FStr,
}

/// A sample.
#[derive(Arbitrary, Debug)]
pub struct FSample {
    locations: Vec<FRef>,
    values: Vec<i64>,
    /// Zero: keep `values` as is (likely the wrong count); else fit it to the types.
    fit: u8,
    labels: Vec<FLabel>,
}

/// A whole profile, turned into wire messages by [`FProfile::to_wire`].
#[derive(Arbitrary, Debug)]
pub struct FProfile {
    strings: Vec<FString>,
    sample_types: Vec<(FStr, FStr)>,
    mappings: Vec<FMapping>,
    functions: Vec<FFunction>,
    locations: Vec<FLocation>,
    samples: Vec<FSample>,
    /// How ids are numbered, per kind (mappings, functions, locations).
    id_styles: (u8, u8, u8),
    drop_frames: FStr,
    keep_frames: FStr,
    time_nanos: i64,
    duration_nanos: i64,
    period_type: Option<(FStr, FStr)>,
    period: i64,
    comments: Vec<FStr>,
    default_sample_type: FStr,
    doc_url: FStr,
}

fn ids(n: usize, style: u8) -> Vec<u64> {
    (0..n as u64)
        .map(|i| match style % 8 {
            0..=2 => i + 1,
            3 => n as u64 - i,
            4 => (1 << 40) + 3 * i,
            5 => u64::MAX - i,
            6 => i % 4 + 1, // duplicates once n > 4
            _ => i,         // the reserved id 0 first
        })
        .collect()
}

impl FStr {
    fn index(self, len: usize) -> i64 {
        match self.0 {
            0..=249 => i64::from(self.0) % len.max(1) as i64,
            250 => -1,
            251 => len as i64,
            252 => i64::MAX,
            253 => i64::MIN,
            254 => 1 << 40,
            _ => 0,
        }
    }
}

impl FRef {
    fn id(self, ids: &[u64]) -> u64 {
        match self.0 {
            0..=249 if !ids.is_empty() => ids[usize::from(self.0) % ids.len()],
            250 => 0,
            251 => u64::MAX,
            252 => 1 << 63,
            _ => 999_999,
        }
    }
}

impl FProfile {
    /// The wire messages: string references taken modulo the table's length and element
    /// references modulo the number of elements, except for the few deliberately bad ones.
    pub fn to_wire(&self) -> wire::Profile {
        let mut table: Vec<Vec<u8>> = vec![Vec::new()];
        for s in &self.strings {
            table.push(match s.dict {
                Some(d) => DICT[usize::from(d) % DICT.len()].as_bytes().to_vec(),
                None => s.bytes.clone(),
            });
        }
        let n = table.len();
        let st = |s: FStr| s.index(n);
        let vt = |(t, u): (FStr, FStr)| wire::ValueType {
            r#type: st(t),
            unit: st(u),
        };
        let map_ids = ids(self.mappings.len(), self.id_styles.0);
        let fn_ids = ids(self.functions.len(), self.id_styles.1);
        let loc_ids = ids(self.locations.len(), self.id_styles.2);
        let ntypes = self.sample_types.len();
        wire::Profile {
            sample_type: self.sample_types.iter().map(|&t| vt(t)).collect(),
            sample: self
                .samples
                .iter()
                .map(|s| {
                    let mut value = s.values.clone();
                    if s.fit != 0 {
                        value.resize(ntypes, i64::from(s.fit));
                    }
                    wire::Sample {
                        location_id: s.locations.iter().map(|l| l.id(&loc_ids)).collect(),
                        value,
                        label: s
                            .labels
                            .iter()
                            .map(|l| wire::Label {
                                key: st(l.key),
                                str: st(l.str),
                                num: l.num,
                                num_unit: st(l.unit),
                            })
                            .collect(),
                    }
                })
                .collect(),
            mapping: self
                .mappings
                .iter()
                .zip(&map_ids)
                .map(|(m, &id)| wire::Mapping {
                    id,
                    memory_start: m.start,
                    memory_limit: m.start.wrapping_add(m.len),
                    file_offset: m.offset,
                    filename: st(m.file),
                    build_id: st(m.build_id),
                    has_functions: m.flags & 1 != 0,
                    has_filenames: m.flags & 2 != 0,
                    has_line_numbers: m.flags & 4 != 0,
                    has_inline_frames: m.flags & 8 != 0,
                })
                .collect(),
            location: self
                .locations
                .iter()
                .zip(&loc_ids)
                .map(|(l, &id)| wire::Location {
                    id,
                    mapping_id: l.mapping.map_or(0, |m| m.id(&map_ids)),
                    address: l.address,
                    line: l
                        .lines
                        .iter()
                        .map(|&(f, line, column)| wire::Line {
                            function_id: f.id(&fn_ids),
                            line,
                            column,
                        })
                        .collect(),
                    is_folded: l.folded,
                })
                .collect(),
            function: self
                .functions
                .iter()
                .zip(&fn_ids)
                .map(|(f, &id)| wire::Function {
                    id,
                    name: st(f.name),
                    system_name: st(f.system_name),
                    filename: st(f.file),
                    start_line: f.start_line,
                })
                .collect(),
            string_table: table,
            drop_frames: st(self.drop_frames),
            keep_frames: st(self.keep_frames),
            time_nanos: self.time_nanos,
            duration_nanos: self.duration_nanos,
            period_type: self.period_type.map(vt),
            period: self.period,
            comment: self.comments.iter().map(|&c| st(c)).collect(),
            default_sample_type: st(self.default_sample_type),
            doc_url: st(self.doc_url),
        }
    }
}
