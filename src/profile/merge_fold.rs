//! The body of pprof's Merge: profiles folded one after another into one, each sample
//! added to the sample with the same locations and labels (or appended), and the
//! elements a sample names mapped the first time they are met — mappings by build id
//! (else file), offset and size rounded to 4 KiB, their addresses shifted to the first
//! one's start; functions by name, system name, file and start line; locations by
//! mapping, address from the mapping's start, lines (function and line number) and
//! folding. So the merged elements come in pprof's order, and only used ones.

use std::collections::HashMap;

use super::model::{Function, Label, Line, Location, Mapping, Profile, StrId};
use super::sample_columns::SampleColumns;

const NONE: u32 = u32::MAX;

/// FxHash's step: cheap and good enough for keys made of small integers.
#[inline]
pub(super) fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The final step of a hash: the high bits (the best mixed) folded into the low ones,
/// which pick the slot.
#[inline]
pub(super) fn finish(h: u64) -> u64 {
    h ^ (h >> 29) ^ (h >> 47)
}

fn hash_str(mut h: u64, s: &str) -> u64 {
    let b = s.as_bytes();
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        );
    }
    for &byte in chunks.remainder() {
        h = mix(h, u64::from(byte));
    }
    mix(h, b.len() as u64)
}

/// Entries numbered 0, 1, … found by a hash of their key, compared by the caller: no key
/// is stored twice (the entries themselves are the keys). Open addressing over (hash, id)
/// slots: a lookup reads one slot, and an entry only when the whole hash matches.
#[derive(Default)]
struct HashIndex {
    /// (hash, id + 1); id 0 marks a free slot. A power of two in size.
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl HashIndex {
    fn find(&self, hash: u64, mut same: impl FnMut(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let hash = finish(hash);
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let (h, id) = self.slots[at];
            if id == 0 {
                return None;
            }
            if h == hash && same(id - 1) {
                return Some(id - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds entry `id` (not present yet) under `hash`.
    fn insert(&mut self, hash: u64, id: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.place(finish(hash), id + 1);
        self.len += 1;
    }

    fn place(&mut self, hash: u64, tagged: u32) {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        while self.slots[at].1 != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (hash, tagged);
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        for (h, id) in old {
            if id != 0 {
                self.place(h, id);
            }
        }
    }
}

/// A mapping's merge key: build id (else file), offset, size rounded up to 4 KiB.
fn mapping_key(m: &Mapping) -> (u64, u64, &str) {
    let size = m.limit.wrapping_sub(m.start).wrapping_add(0xfff) & !0xfff;
    let id = if m.build_id.is_empty() {
        &m.file
    } else {
        &m.build_id
    };
    (size, m.offset, id)
}

/// A function's hash: its name, start line and the lengths of its other strings (equal
/// names are compared in full).
fn function_hash(f: &Function) -> u64 {
    let h = mix(mix(0, f.start_line as u64), f.system_name.len() as u64);
    hash_str(mix(h, f.filename.len() as u64), &f.name)
}

/// The hash of a sample's key: its locations two at a time, then its labels.
fn sample_hash(locs: &[u32], labels: &[Label]) -> u64 {
    let mut h = mix(0, locs.len() as u64);
    let mut pairs = locs.chunks_exact(2);
    for p in &mut pairs {
        h = mix(h, u64::from(p[0]) | u64::from(p[1]) << 32);
    }
    if let [last] = pairs.remainder() {
        h = mix(h, u64::from(*last));
    }
    for l in labels {
        h = mix(
            mix(h, u64::from(l.key) | u64::from(l.str) << 32),
            l.num as u64,
        );
        h = mix(h, u64::from(l.unit));
    }
    h
}

/// How a source mapping maps: the merged index and the shift of its addresses.
#[derive(Clone, Copy)]
struct MappedMapping {
    index: u32,
    shift: u64,
}

/// The profiles folded so far (headers apart: see [`super::merge`]).
pub struct Merger {
    /// The merged tables (its samples empty until [`Merger::finish`]).
    out: Profile,
    /// The merged samples.
    out_samples: SampleColumns,
    strings: HashMap<String, StrId>,
    mappings: HashIndex,
    functions: HashIndex,
    locations: HashIndex,
    samples: HashIndex,
    /// Per source, reused: its elements' merged indices (NONE until met).
    location_map: Vec<u32>,
    function_map: Vec<u32>,
    mapping_map: Vec<Option<MappedMapping>>,
    string_map: Vec<StrId>,
    /// Scratch for one sample.
    locs: Vec<u32>,
    labels: Vec<Label>,
    lines: Vec<(u32, i64)>,
}

impl Merger {
    /// An empty merge of profiles with these sample types.
    pub fn new(sample_types: &[super::model::ValueType]) -> Self {
        let mut out = Profile::empty(sample_types.to_vec());
        out.strings = vec![String::new()].into();
        let mut strings = HashMap::new();
        strings.insert(String::new(), 0);
        Self {
            out_samples: SampleColumns::new(sample_types.len()),
            out,
            strings,
            mappings: HashIndex::default(),
            functions: HashIndex::default(),
            locations: HashIndex::default(),
            samples: HashIndex::default(),
            location_map: Vec::new(),
            function_map: Vec::new(),
            mapping_map: Vec::new(),
            string_map: Vec::new(),
            locs: Vec::new(),
            labels: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// Folds `src` in (its sample types are those of the merge).
    pub fn fold(&mut self, src: &Profile) {
        self.location_map.clear();
        self.location_map.resize(src.locations.len(), NONE);
        self.function_map.clear();
        self.function_map.resize(src.functions.len(), NONE);
        self.mapping_map.clear();
        self.mapping_map.resize(src.mappings.len(), None);
        self.string_map.clear();
        for s in &src.strings {
            let id = self.string(s);
            self.string_map.push(id);
        }
        // The first mapping met is the main binary's.
        if self.out.mappings.is_empty() && !src.mappings.is_empty() {
            self.mapping(src, 0);
        }
        let n = src.samples.num_types();
        let out = &mut self.out_samples;
        out.values.reserve(src.samples.len() * n);
        out.loc_start.reserve(src.samples.len());
        out.label_start.reserve(src.samples.len());
        for i in 0..src.samples.len() {
            let values = src.samples.values(i);
            if values.iter().all(|&v| v == 0) {
                continue;
            }
            self.locs.clear();
            for &l in src.samples.locations(i) {
                let m = self.location(src, l);
                self.locs.push(m);
            }
            self.labels.clear();
            for l in src.samples.labels(i) {
                self.labels.push(Label {
                    key: self.string_map[l.key as usize],
                    str: self.string_map[l.str as usize],
                    num: l.num,
                    unit: self.string_map[l.unit as usize],
                });
            }
            // pprof's key orders labels by key, string labels before numeric ones, the
            // values of one key in their order.
            self.labels.sort_by_key(|l| (l.str == 0, l.key));
            let h = sample_hash(&self.locs, &self.labels);
            let out = &self.out_samples;
            let (locs, labels) = (&self.locs, &self.labels);
            let found = self.samples.find(h, |s| {
                out.locations(s as usize) == locs && out.labels(s as usize) == labels
            });
            match found {
                Some(s) => {
                    let at = s as usize * n;
                    let sums = &mut self.out_samples.values[at..at + n];
                    for (acc, &v) in sums.iter_mut().zip(values) {
                        *acc = acc.wrapping_add(v);
                    }
                }
                None => {
                    let id = self.out_samples.len() as u32;
                    self.out_samples.push(&self.locs, values, &self.labels);
                    self.samples.insert(h, id);
                }
            }
        }
    }

    fn string(&mut self, s: &str) -> StrId {
        if let Some(&id) = self.strings.get(s) {
            return id;
        }
        let id = self.out.strings.len() as StrId;
        self.out.strings.push(s.to_string());
        self.strings.insert(s.to_string(), id);
        id
    }

    fn mapping(&mut self, src: &Profile, m: u32) -> MappedMapping {
        if let Some(mm) = self.mapping_map[m as usize] {
            return mm;
        }
        let sm = &src.mappings[m as usize];
        let key = mapping_key(sm);
        let h = hash_str(mix(mix(0, key.0), key.1), key.2);
        let out = &self.out.mappings;
        let mm = match self
            .mappings
            .find(h, |i| mapping_key(&out[i as usize]) == key)
        {
            Some(i) => MappedMapping {
                index: i,
                shift: out[i as usize].start.wrapping_sub(sm.start),
            },
            None => {
                let i = self.out.mappings.len() as u32;
                self.out.mappings.push(sm.clone());
                self.mappings.insert(h, i);
                MappedMapping { index: i, shift: 0 }
            }
        };
        self.mapping_map[m as usize] = Some(mm);
        mm
    }

    fn function(&mut self, src: &Profile, f: u32) -> u32 {
        let known = self.function_map[f as usize];
        if known != NONE {
            return known;
        }
        let sf = &src.functions[f as usize];
        let h = function_hash(sf);
        let out = &self.out.functions;
        let i = match self.functions.find(h, |i| &out[i as usize] == sf) {
            Some(i) => i,
            None => {
                let i = self.out.functions.len() as u32;
                self.out.functions.push(sf.clone());
                self.functions.insert(h, i);
                i
            }
        };
        self.function_map[f as usize] = i;
        i
    }

    fn location(&mut self, src: &Profile, l: u32) -> u32 {
        let known = self.location_map[l as usize];
        if known != NONE {
            return known;
        }
        let sl = &src.locations[l as usize];
        let mapped = sl.mapping.map(|m| self.mapping(src, m));
        let address = sl.address.wrapping_add(mapped.map_or(0, |m| m.shift));
        // The key's address is relative to the mapping's start (address space layout
        // randomization moves whole mappings).
        let (mapping, rel) = match mapped {
            Some(m) => (
                m.index,
                address.wrapping_sub(self.out.mappings[m.index as usize].start),
            ),
            None => (NONE, address),
        };
        self.lines.clear();
        for ln in src.location_lines(l) {
            let f = self.function(src, ln.function);
            self.lines.push((f, ln.line));
        }
        let mut h = mix(
            mix(mix(0, u64::from(mapping)), rel),
            u64::from(sl.is_folded),
        );
        for &(f, line) in &self.lines {
            h = mix(mix(h, u64::from(f)), line as u64);
        }
        let out = &self.out;
        let lines = &self.lines;
        let same = |i: u32| {
            let o = &out.locations[i as usize];
            let om = o.mapping.unwrap_or(NONE);
            let orel = match o.mapping {
                Some(m) => o.address.wrapping_sub(out.mappings[m as usize].start),
                None => o.address,
            };
            om == mapping
                && orel == rel
                && o.is_folded == sl.is_folded
                && out
                    .location_lines(i)
                    .iter()
                    .map(|ln| (ln.function, ln.line))
                    .eq(lines.iter().copied())
        };
        let i = match self.locations.find(h, same) {
            Some(i) => i,
            None => {
                let i = self.out.locations.len() as u32;
                let start = self.out.lines.len() as u32;
                for (ln, &(function, _)) in src.location_lines(l).iter().zip(&self.lines) {
                    self.out.lines.push(Line {
                        function,
                        line: ln.line,
                        column: ln.column,
                    });
                }
                self.out.locations.push(Location {
                    mapping: mapped.map(|m| m.index),
                    address,
                    lines: (start, self.out.lines.len() as u32),
                    is_folded: sl.is_folded,
                });
                self.locations.insert(h, i);
                i
            }
        };
        self.location_map[l as usize] = i;
        i
    }

    /// The merged elements and samples, samples whose sums came to zero dropped with
    /// whatever only they used (as pprof merges again then). Headers are left empty.
    pub fn finish(self) -> Profile {
        let mut p = self.out;
        let old = self.out_samples;
        let n = old.num_types;
        if (0..old.len()).any(|i| old.values(i).iter().all(|&v| v == 0)) {
            let mut again = Merger::new(&p.sample_types);
            let mut kept = SampleColumns::new(n);
            for i in 0..old.len() {
                if old.values(i).iter().any(|&v| v != 0) {
                    kept.push(old.locations(i), old.values(i), old.labels(i));
                }
            }
            p.samples = kept.into();
            again.fold(&p);
            return again.finish();
        }
        p.samples = old.into();
        p
    }
}
