//! Profiles in the formats that came before profile.proto, read the way pprof 1.19 reads
//! them (its `legacy_profile.go`): the binary CPU profile (gperftools, Go before 1.9),
//! heap/growth text profiles (Go `debug=1`, gperftools heapz/growthz) and Go count
//! profiles (`threadcreate profile: total N`, `goroutine profile: …`), thread profiles
//! (`--- threadz`), contention profiles (`--- contentionz`, `--- mutex:`) and Java heap,
//! contention and CPU profiles (`legacy_java_profile.go`).
//!
//! Parsers are tried in pprof's order; the first that recognises the data wins, and one
//! that recognises it but finds it malformed stops the search. Locations are addresses
//! only (pprof symbolizes them from local binaries, which the tests never have), numbered
//! in order of first use; the trailing memory map, if any, gives them their mappings.

mod contention;
mod cpu;
mod java;
mod maps;
mod text;
mod thread;

use std::collections::HashMap;

use super::model::{Function, Label, Line, Location, Mapping, Profile, ValueType};
use super::sample_columns::SampleColumns;

/// Why a parser gave up.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// The data is not in this format: the next parser is tried.
    Unrecognized,
    /// The data is in this format but broken.
    Malformed(String),
}

/// The formats tried, in pprof's order, as named in the error of a file none reads.
pub const TRIED: &str = "tried the legacy binary CPU, heap/growth text, Go count text, \
     thread, contention and Java heap/contention formats";

/// Whether data that starts with `prefix` (its first bytes, at least 40) may still be read
/// by a legacy parser: it has the binary CPU header, or no NUL byte, as text formats have.
/// Data for which this is false is not kept in memory to try them.
pub fn may_be_legacy(prefix: &[u8]) -> bool {
    cpu::has_header(prefix) || !prefix.contains(&0)
}

/// A parser of one legacy format.
type Parser = fn(&[u8]) -> Result<Legacy, Failure>;

/// Parses `data` (already decompressed) as one of the legacy formats.
pub fn parse(data: &[u8]) -> Result<Profile, Failure> {
    let parsers: [Parser; 6] = [
        cpu::parse,
        text::parse_heap,
        text::parse_count,
        thread::parse,
        contention::parse,
        java::parse,
    ];
    for parser in parsers {
        match parser(data) {
            Ok(p) => return Ok(p.finish()),
            Err(Failure::Unrecognized) => {}
            Err(e) => return Err(e),
        }
    }
    Err(Failure::Unrecognized)
}

/// One sample while parsing: location indices (leaf first), values, the `bytes` label.
struct Sample {
    locs: Vec<u32>,
    values: Vec<i64>,
    bytes: Option<i64>,
}

/// A legacy profile being built: sample and period types, address-only locations.
struct Legacy {
    sample_types: Vec<(String, String)>,
    period_type: Option<(String, String)>,
    period: i64,
    duration_nanos: i64,
    addresses: Vec<u64>,
    by_address: HashMap<u64, u32>,
    samples: Vec<Sample>,
    maps: Vec<Mapping>,
    /// Java profiles: the function (index into `functions`) and line of a location.
    frames: HashMap<u32, (u32, i64)>,
    /// Java profiles: function names and files, in order of first definition.
    functions: Vec<(String, String)>,
    /// Java profiles: every address is dropped (pprof's `Aggregate(…, address=false)`),
    /// and there is no memory map.
    java: bool,
    drop_frames: &'static str,
    keep_frames: &'static str,
}

impl Legacy {
    fn new(sample_types: Vec<(&str, &str)>, period_type: (&str, &str)) -> Self {
        let own = |(t, u): (&str, &str)| (t.to_string(), u.to_string());
        Self {
            sample_types: sample_types.into_iter().map(own).collect(),
            period_type: Some(own(period_type)),
            period: 0,
            duration_nanos: 0,
            addresses: Vec::new(),
            by_address: HashMap::new(),
            samples: Vec::new(),
            maps: Vec::new(),
            frames: HashMap::new(),
            functions: Vec::new(),
            java: false,
            drop_frames: "",
            keep_frames: "",
        }
    }

    /// The location of `address` (one per distinct address).
    fn location(&mut self, address: u64) -> u32 {
        let next = self.addresses.len() as u32;
        *self.by_address.entry(address).or_insert_with(|| {
            self.addresses.push(address);
            next
        })
    }

    fn push(&mut self, addresses: &[u64], values: Vec<i64>, bytes: Option<i64>) {
        let locs = addresses.iter().map(|&a| self.location(a)).collect();
        self.samples.push(Sample {
            locs,
            values,
            bytes,
        });
    }

    /// The model: locations renumbered by first use in the samples, mappings from the
    /// memory map (joined, main binary first), each address given its mapping.
    fn finish(self) -> Profile {
        let mut order = vec![u32::MAX; self.addresses.len()];
        let mut used = Vec::new();
        for s in &self.samples {
            for &l in &s.locs {
                if order[l as usize] == u32::MAX {
                    order[l as usize] = used.len() as u32;
                    used.push(self.addresses[l as usize]);
                }
            }
        }
        let mut mappings = Vec::new();
        let of = if self.java {
            vec![None; used.len()]
        } else {
            mappings = maps::massage(self.maps);
            maps::assign(&mut mappings, &used)
        };
        let types = self
            .sample_types
            .iter()
            .map(|(ty, unit)| ValueType {
                ty: ty.clone(),
                unit: unit.clone(),
            })
            .collect();
        let mut p = Profile::empty(types);
        p.strings.push("bytes".into());
        let mut samples = SampleColumns::new(p.sample_types.len());
        for s in &self.samples {
            let locs: Vec<u32> = s.locs.iter().map(|&l| order[l as usize]).collect();
            let labels: Vec<Label> = s
                .bytes
                .map(|num| Label {
                    key: 1,
                    str: 0,
                    num,
                    unit: 0,
                })
                .into_iter()
                .collect();
            samples.push(&locs, &s.values, &labels);
        }
        p.samples = samples.into();
        // Functions are numbered in order of first use by the locations.
        let mut fn_order = vec![u32::MAX; self.functions.len()];
        let mut old_of = vec![0u32; used.len()];
        for (old, &new) in order.iter().enumerate() {
            if new != u32::MAX {
                old_of[new as usize] = old as u32;
            }
        }
        for (i, (&address, &mapping)) in used.iter().zip(&of).enumerate() {
            let start = p.lines.len() as u32;
            if let Some(&(f, line)) = self.frames.get(&old_of[i]) {
                if fn_order[f as usize] == u32::MAX {
                    fn_order[f as usize] = p.functions.len() as u32;
                    let (name, filename) = &self.functions[f as usize];
                    p.functions.push(Function {
                        name: name.clone(),
                        system_name: name.clone(),
                        filename: filename.clone(),
                        start_line: 0,
                    });
                }
                p.lines.push(Line {
                    function: fn_order[f as usize],
                    line,
                    column: 0,
                });
            }
            p.locations.push(Location {
                mapping,
                address: if self.java { 0 } else { address },
                lines: (start, p.lines.len() as u32),
                is_folded: false,
            });
        }
        p.mappings = mappings.into();
        p.drop_frames = self.drop_frames.into();
        p.keep_frames = self.keep_frames.into();
        p.period_type = self.period_type.map(|(ty, unit)| ValueType { ty, unit });
        p.period = self.period;
        p.duration_nanos = self.duration_nanos;
        p
    }
}

/// The lines of `data` as Go's line scanner gives them (split at `\n`, a trailing `\r`
/// removed); bytes that are not UTF-8 become U+FFFD (legacy text is ASCII).
fn lines(data: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(data);
    let mut v: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if v.last().is_some_and(String::is_empty) {
        v.pop();
    }
    v
}

/// The regex in `cell`, compiled from `pattern()` on first use.
fn cached(
    cell: &'static std::sync::OnceLock<regex::Regex>,
    pattern: impl FnOnce() -> String,
) -> &'static regex::Regex {
    cell.get_or_init(|| regex::Regex::new(&pattern()).expect("legacy format regex"))
}

/// Whether a line is blank or a `#` comment.
fn is_space_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}
