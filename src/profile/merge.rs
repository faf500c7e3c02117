//! Several profiles → one, like `go tool pprof a b`: same sample types required, headers
//! combined as pprof combines them, functions and locations shared by content.

use std::collections::HashMap;

use super::model::{Function, Label, Location, Mapping, Profile, Samples};

/// Merges `profiles` (at least one) into one, or says why they cannot be merged.
pub fn merge(mut profiles: Vec<(String, Profile)>) -> Result<Profile, String> {
    if profiles.len() == 1 {
        let mut p = profiles.pop().map(|(_, p)| p).unwrap_or_else(empty);
        // pprof merges even a single profile: each comment is kept once.
        let mut seen = std::collections::HashSet::new();
        p.comments.retain(|c| seen.insert(c.clone()));
        return Ok(p);
    }
    let (first_name, first) = &profiles[0];
    for (name, p) in &profiles[1..] {
        if p.sample_types != first.sample_types {
            return Err(format!(
                "cannot merge {name} with {first_name}: sample types differ ({} vs {})",
                describe(p),
                describe(first)
            ));
        }
        if let (Some(a), Some(b)) = (&p.period_type, &first.period_type)
            && (a.ty != b.ty || a.unit != b.unit)
            && !(a.ty.is_empty() || b.ty.is_empty())
        {
            return Err(format!(
                "cannot merge {name} with {first_name}: period types differ ({}/{} vs {}/{})",
                a.ty, a.unit, b.ty, b.unit
            ));
        }
    }
    let mut out = Merger::new(first);
    for (_, p) in &profiles {
        out.add(p);
    }
    Ok(out.p)
}

fn describe(p: &Profile) -> String {
    p.sample_types
        .iter()
        .map(|t| format!("{}/{}", t.ty, t.unit))
        .collect::<Vec<_>>()
        .join(" ")
}

fn empty() -> Profile {
    Profile::empty(Vec::new())
}

type LocKey = (Option<u32>, u64, Vec<(u32, i64, i64)>, bool);

struct Merger {
    p: Profile,
    strings: HashMap<String, u32>,
    functions: HashMap<Function, u32>,
    mappings: HashMap<(String, String, u64, u64, u64), u32>,
    locations: HashMap<LocKey, u32>,
}

impl Merger {
    fn new(first: &Profile) -> Self {
        let mut p = empty();
        p.sample_types = first.sample_types.clone();
        p.samples = Samples::new(first.sample_types.len());
        p.drop_frames = first.drop_frames.clone();
        p.keep_frames = first.keep_frames.clone();
        p.period_type = first.period_type.clone();
        p.doc_url = first.doc_url.clone();
        let mut strings = HashMap::new();
        strings.insert(String::new(), 0);
        Self {
            p,
            strings,
            functions: HashMap::new(),
            mappings: HashMap::new(),
            locations: HashMap::new(),
        }
    }

    fn string(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.strings.get(s) {
            return id;
        }
        let id = self.p.strings.len() as u32;
        self.p.strings.push(s.to_string());
        self.strings.insert(s.to_string(), id);
        id
    }

    fn add(&mut self, src: &Profile) {
        // Headers, as pprof's combineHeaders: earliest time, summed duration, largest
        // period, comments once each, the first default sample type.
        if self.p.time_nanos == 0 || src.time_nanos < self.p.time_nanos {
            self.p.time_nanos = src.time_nanos;
        }
        self.p.duration_nanos += src.duration_nanos;
        if self.p.period == 0 || self.p.period < src.period {
            self.p.period = src.period;
        }
        for c in &src.comments {
            if !self.p.comments.contains(c) {
                self.p.comments.push(c.clone());
            }
        }
        if self.p.default_sample_type.is_empty() {
            self.p.default_sample_type = src.default_sample_type.clone();
        }
        let mapping_map: Vec<u32> = src.mappings.iter().map(|m| self.mapping(m)).collect();
        let function_map: Vec<u32> = src
            .functions
            .iter()
            .map(|f| {
                let next = self.p.functions.len() as u32;
                *self.functions.entry(f.clone()).or_insert_with(|| {
                    self.p.functions.push(f.clone());
                    next
                })
            })
            .collect();
        let mut location_map = Vec::with_capacity(src.locations.len());
        for (i, l) in src.locations.iter().enumerate() {
            let lines: Vec<(u32, i64, i64)> = src
                .location_lines(i as u32)
                .iter()
                .map(|ln| (function_map[ln.function as usize], ln.line, ln.column))
                .collect();
            let mapping = l.mapping.map(|m| mapping_map[m as usize]);
            let key = (mapping, l.address, lines, l.is_folded);
            if let Some(&id) = self.locations.get(&key) {
                location_map.push(id);
                continue;
            }
            let id = self.p.locations.len() as u32;
            let start = self.p.lines.len() as u32;
            for &(function, line, column) in &key.2 {
                self.p.lines.push(super::model::Line {
                    function,
                    line,
                    column,
                });
            }
            self.p.locations.push(Location {
                mapping,
                address: l.address,
                lines: (start, self.p.lines.len() as u32),
                is_folded: l.is_folded,
            });
            self.locations.insert(key, id);
            location_map.push(id);
        }
        let mut locs = Vec::new();
        let mut labels = Vec::new();
        for s in 0..src.samples.len() {
            locs.clear();
            locs.extend(
                src.samples
                    .locations(s)
                    .iter()
                    .map(|&l| location_map[l as usize]),
            );
            labels.clear();
            for l in src.samples.labels(s) {
                labels.push(Label {
                    key: self.string(src.str(l.key)),
                    str: self.string(src.str(l.str)),
                    num: l.num,
                    unit: self.string(src.str(l.unit)),
                });
            }
            self.p.samples.push(&locs, src.samples.values(s), &labels);
        }
    }

    fn mapping(&mut self, m: &Mapping) -> u32 {
        let key = (
            m.file.clone(),
            m.build_id.clone(),
            m.start,
            m.limit,
            m.offset,
        );
        let next = self.p.mappings.len() as u32;
        *self.mappings.entry(key).or_insert_with(|| {
            self.p.mappings.push(m.clone());
            next
        })
    }
}
