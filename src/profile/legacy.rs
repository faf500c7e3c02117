//! Profiles in the formats that came before profile.proto, read the way pprof 1.19 reads
//! them (its `legacy_profile.go`): the binary CPU profile (gperftools, Go before 1.9),
//! heap/growth text profiles (Go `debug=1`, gperftools heapz/growthz) and Go count
//! profiles (`threadcreate profile: total N`, `goroutine profile: …`), thread profiles
//! (`--- threadz`) and contention profiles (`--- contentionz`, `--- mutex:`).
//!
//! Parsers are tried in pprof's order; the first that recognises the data wins, and one
//! that recognises it but finds it malformed stops the search. Locations are addresses
//! only (pprof symbolizes them from local binaries, which the tests never have), numbered
//! in order of first use; the trailing memory map, if any, gives them their mappings.

mod contention;
mod cpu;
mod maps;
mod text;
mod thread;

use std::collections::HashMap;

use super::model::{Label, Location, Mapping, Profile, Samples, ValueType};

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
     thread and contention formats; Java profiles are not read yet";

/// A parser of one legacy format.
type Parser = fn(&[u8]) -> Result<Legacy, Failure>;

/// Parses `data` (already decompressed) as one of the legacy formats.
pub fn parse(data: &[u8]) -> Result<Profile, Failure> {
    let parsers: [Parser; 5] = [
        cpu::parse,
        text::parse_heap,
        text::parse_count,
        thread::parse,
        contention::parse,
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
    sample_types: Vec<(String, &'static str)>,
    period_type: (String, &'static str),
    period: i64,
    duration_nanos: i64,
    addresses: Vec<u64>,
    by_address: HashMap<u64, u32>,
    samples: Vec<Sample>,
    maps: Vec<Mapping>,
}

impl Legacy {
    fn new(sample_types: Vec<(String, &'static str)>, period_type: (String, &'static str)) -> Self {
        Self {
            sample_types,
            period_type,
            period: 0,
            duration_nanos: 0,
            addresses: Vec::new(),
            by_address: HashMap::new(),
            samples: Vec::new(),
            maps: Vec::new(),
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
        let mut mappings = maps::massage(self.maps);
        let of = maps::assign(&mut mappings, &used);
        let types = self
            .sample_types
            .iter()
            .map(|(ty, unit)| ValueType {
                ty: ty.clone(),
                unit: (*unit).into(),
            })
            .collect();
        let mut p = Profile::empty(types);
        p.strings.push("bytes".into());
        p.samples = Samples::new(p.sample_types.len());
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
            p.samples.push(&locs, &s.values, &labels);
        }
        p.locations = used
            .iter()
            .zip(&of)
            .map(|(&address, &mapping)| Location {
                mapping,
                address,
                lines: (0, 0),
                is_folded: false,
            })
            .collect();
        p.mappings = mappings;
        p.period_type = Some(ValueType {
            ty: self.period_type.0,
            unit: self.period_type.1.into(),
        });
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
