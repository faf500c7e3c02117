//! Wire messages → model: every string index, id and reference checked (as strict as
//! pprof's CheckValid, with messages that name the element), ids turned into indices.
//! Then only what the samples use is kept, as pprof's merge keeps only that: locations
//! no sample names, functions and mappings no kept location names (the first mapping,
//! the main binary, stays) and strings nothing kept names are validated, then dropped —
//! a string becomes a `String` only when it is kept.

use std::collections::HashMap;

use super::lossless;
use super::model::{Function, Label, Line, Location, Mapping, Profile, ValueType};
use super::sample_columns::SampleColumns;
use super::used::RankedSet;
use super::wire;
use super::wire_flat::{FlatProfile, FlatSamples, LocIds};

/// Maps the ids of one kind of element to their indices.
struct IdIndex {
    dense: Vec<u32>,
    sparse: HashMap<u64, u32>,
    /// Every id is its index plus one (as Go writes them): no lookup needed.
    identity: bool,
}

impl IdIndex {
    const NONE: u32 = u32::MAX;

    fn build(kind: &str, ids: impl Iterator<Item = u64>, n: usize) -> Result<Self, String> {
        let mut idx = Self {
            dense: vec![Self::NONE; n + 1],
            sparse: HashMap::new(),
            identity: true,
        };
        for (i, id) in ids.enumerate() {
            if id == 0 {
                return Err(format!("{kind} {} has the reserved id 0", i + 1));
            }
            idx.identity &= id == i as u64 + 1;
            let slot = if (id as usize) < idx.dense.len() {
                &mut idx.dense[id as usize]
            } else {
                idx.sparse.entry(id).or_insert(Self::NONE)
            };
            if *slot != Self::NONE {
                return Err(format!("two {kind}s have id {id}"));
            }
            *slot = i as u32;
        }
        Ok(idx)
    }

    fn get(&self, id: u64) -> Option<u32> {
        let v = if (id as usize) < self.dense.len() {
            self.dense[id as usize]
        } else {
            *self.sparse.get(&id)?
        };
        (v != Self::NONE).then_some(v)
    }
}

/// Checks string indices against the table's length, failing with the field that held
/// the bad index.
struct StringCheck {
    len: usize,
}

impl StringCheck {
    fn id(&self, index: i64, what: impl Fn() -> String) -> Result<u32, String> {
        if index < 0 || index as usize >= self.len {
            return Err(format!(
                "{} refers to string {index}, but the string table has {} entries",
                what(),
                self.len
            ));
        }
        Ok(index as u32)
    }

    fn value_type(&self, vt: &wire::ValueType, what: &str) -> Result<[u32; 2], String> {
        Ok([
            self.id(vt.r#type, || format!("{what} type"))?,
            self.id(vt.unit, || format!("{what} unit"))?,
        ])
    }
}

/// Builds the model from decoded wire messages, validating every reference.
pub fn resolve(mut p: FlatProfile) -> Result<Profile, String> {
    if p.string_table.is_empty() {
        return Err("the string table is empty (it must start with an empty string)".into());
    }
    if p.string_table.iter().next().is_some_and(|s| !s.is_empty()) {
        return Err("the string table's first entry must be the empty string".into());
    }
    let st = StringCheck {
        len: p.string_table.len(),
    };
    let mut sample_types = Vec::with_capacity(p.sample_type.len());
    for (i, vt) in p.sample_type.iter().enumerate() {
        sample_types.push(st.value_type(vt, &format!("sample type {}", i + 1))?);
    }
    if sample_types.is_empty() && !p.samples.is_empty() {
        return Err("missing sample type information".into());
    }

    let mapping_ids = IdIndex::build("mapping", p.mapping.iter().map(|m| m.id), p.mapping.len())?;
    for m in &p.mapping {
        st.id(m.filename, || format!("mapping {} filename", m.id))?;
        st.id(m.build_id, || format!("mapping {} build id", m.id))?;
    }
    let function_ids = IdIndex::build(
        "function",
        p.function.iter().map(|f| f.id),
        p.function.len(),
    )?;
    for f in &p.function {
        st.id(f.name, || format!("function {} name", f.id))?;
        st.id(f.system_name, || format!("function {} system name", f.id))?;
        st.id(f.filename, || format!("function {} filename", f.id))?;
    }

    let location_ids = IdIndex::build(
        "location",
        p.location.locs.iter().map(|l| l.id),
        p.location.len(),
    )?;
    let mut locations = Vec::with_capacity(p.location.len());
    let mut lines = Vec::with_capacity(p.location.lines.len());
    for (i, l) in p.location.locs.iter().enumerate() {
        let mapping = if l.mapping_id == 0 {
            None
        } else {
            Some(mapping_ids.get(l.mapping_id).ok_or_else(|| {
                format!(
                    "location {} refers to mapping {}, which does not exist",
                    l.id, l.mapping_id
                )
            })?)
        };
        let start = lines.len() as u32;
        for ln in p.location.lines_of(i) {
            let function = function_ids.get(ln.function_id).ok_or_else(|| {
                format!(
                    "location {} has a line in function {}, which does not exist",
                    l.id, ln.function_id
                )
            })?;
            lines.push(Line {
                function,
                line: ln.line,
                column: ln.column,
            });
        }
        locations.push(Location {
            mapping,
            address: l.address,
            lines: (start, lines.len() as u32),
            is_folded: l.is_folded,
        });
    }

    let mut used_locations = RankedSet::new(locations.len());
    let mut samples = resolve_samples(
        std::mem::take(&mut p.samples),
        sample_types.len(),
        &location_ids,
        &st,
        &mut used_locations,
    )?;

    let mut comments = Vec::with_capacity(p.comment.len());
    for (i, &c) in p.comment.iter().enumerate() {
        comments.push(st.id(c, || format!("comment {}", i + 1))?);
    }
    let period_type = match &p.period_type {
        Some(vt) => Some(st.value_type(vt, "period")?),
        None => None,
    };
    let default_sample_type = st.id(p.default_sample_type, || "default_sample_type".into())?;
    let drop_frames = st.id(p.drop_frames, || "drop_frames".into())?;
    let keep_frames = st.id(p.keep_frames, || "keep_frames".into())?;
    let doc_url = st.id(p.doc_url, || "doc_url".into())?;

    // Everything is valid: keep what the samples use.
    used_locations.seal();
    let (locations, lines, functions, mappings) = keep_used(
        &mut samples,
        locations,
        lines,
        &p.function,
        &p.mapping,
        &used_locations,
    );
    let mut wanted = RankedSet::new(st.len);
    let label_strings = label_strings(&mut samples, st.len);
    for &s in &label_strings {
        wanted.insert(s);
    }
    let named = sample_types
        .iter()
        .chain(period_type.iter())
        .flatten()
        .chain(&comments)
        .chain([&default_sample_type, &drop_frames, &keep_frames, &doc_url]);
    for &s in named {
        wanted.insert(s);
    }
    for m in &mappings {
        wanted.insert(m.filename as u32);
        wanted.insert(m.build_id as u32);
    }
    for f in &functions {
        for s in [f.name, f.system_name, f.filename] {
            wanted.insert(s as u32);
        }
    }
    wanted.seal();
    let picked = Picked {
        strings: p
            .string_table
            .pick(&wanted.members())
            .into_iter()
            .map(|s| lossless::decode(s).into_owned())
            .collect(),
        wanted: &wanted,
    };
    let value_type = |[ty, unit]: [u32; 2]| ValueType {
        ty: picked.get(ty),
        unit: picked.get(unit),
    };
    Ok(Profile {
        strings: label_strings.iter().map(|&s| picked.get(s)).collect(),
        sample_types: sample_types.into_iter().map(value_type).collect(),
        default_sample_type: picked.get(default_sample_type),
        samples: samples.into(),
        locations: locations.into(),
        lines: lines.into(),
        functions: functions
            .iter()
            .map(|f| Function {
                name: picked.get(f.name as u32),
                system_name: picked.get(f.system_name as u32),
                filename: picked.get(f.filename as u32),
                start_line: f.start_line,
            })
            .collect(),
        mappings: mappings
            .iter()
            .map(|m| Mapping {
                start: m.memory_start,
                limit: m.memory_limit,
                offset: m.file_offset,
                file: picked.get(m.filename as u32),
                build_id: picked.get(m.build_id as u32),
                has_functions: m.has_functions,
                has_filenames: m.has_filenames,
                has_line_numbers: m.has_line_numbers,
                has_inline_frames: m.has_inline_frames,
            })
            .collect(),
        drop_frames: picked.get(drop_frames),
        keep_frames: picked.get(keep_frames),
        time_nanos: p.time_nanos,
        duration_nanos: p.duration_nanos,
        period_type: period_type.map(value_type),
        period: p.period,
        comments: comments.into_iter().map(|c| picked.get(c)).collect(),
        doc_url: picked.get(doc_url),
    })
}

/// The strings kept (each decoded once), looked up by their index in the wire table.
struct Picked<'a> {
    strings: Vec<String>,
    wanted: &'a RankedSet,
}

impl Picked<'_> {
    fn get(&self, index: u32) -> String {
        self.strings[self.wanted.rank(index) as usize].clone()
    }
}

/// The wire string indices the labels name, ascending with "" (index 0) first; the
/// labels' ids become positions in that list, the model's label string table.
fn label_strings(samples: &mut SampleColumns, n_strings: usize) -> Vec<u32> {
    let mut set = RankedSet::new(n_strings);
    set.insert(0);
    for l in &samples.labels {
        set.insert(l.key);
        set.insert(l.str);
        set.insert(l.unit);
    }
    set.seal();
    for l in &mut samples.labels {
        l.key = set.rank(l.key);
        l.str = set.rank(l.str);
        l.unit = set.rank(l.unit);
    }
    set.members()
}

/// The used locations (renumbered in the samples), their lines, and the functions and
/// mappings they name (renumbered in the locations); the first mapping always stays.
fn keep_used(
    samples: &mut SampleColumns,
    mut locations: Vec<Location>,
    mut lines: Vec<Line>,
    functions: &[wire::Function],
    mappings: &[wire::Mapping],
    used: &RankedSet,
) -> (
    Vec<Location>,
    Vec<Line>,
    Vec<wire::Function>,
    Vec<wire::Mapping>,
) {
    if used.len() < locations.len() {
        for l in &mut samples.locs {
            *l = used.rank(*l);
        }
        let mut kept_lines = Vec::with_capacity(lines.len());
        let mut kept = Vec::with_capacity(used.len());
        for (i, mut l) in locations.into_iter().enumerate() {
            if used.contains(i as u32) {
                let start = kept_lines.len() as u32;
                kept_lines.extend_from_slice(&lines[l.lines.0 as usize..l.lines.1 as usize]);
                l.lines = (start, kept_lines.len() as u32);
                kept.push(l);
            }
        }
        locations = kept;
        lines = kept_lines;
    }
    let mut used_functions = RankedSet::new(functions.len());
    for ln in &lines {
        used_functions.insert(ln.function);
    }
    used_functions.seal();
    let mut used_mappings = RankedSet::new(mappings.len());
    if !mappings.is_empty() {
        used_mappings.insert(0);
    }
    for l in &locations {
        if let Some(m) = l.mapping {
            used_mappings.insert(m);
        }
    }
    used_mappings.seal();
    if used_functions.len() < functions.len() {
        for ln in &mut lines {
            ln.function = used_functions.rank(ln.function);
        }
    }
    if used_mappings.len() < mappings.len() {
        for l in &mut locations {
            l.mapping = l.mapping.map(|m| used_mappings.rank(m));
        }
    }
    let keep = |set: &RankedSet, i: usize| set.contains(i as u32);
    (
        locations,
        lines,
        functions
            .iter()
            .enumerate()
            .filter(|&(i, _)| keep(&used_functions, i))
            .map(|(_, f)| *f)
            .collect(),
        mappings
            .iter()
            .enumerate()
            .filter(|&(i, _)| keep(&used_mappings, i))
            .map(|(_, m)| *m)
            .collect(),
    )
}

/// Turns the decoded sample columns into the model's, in place where the layout allows:
/// location ids become indices in the same vector when they are 32-bit, and the values
/// and offsets move over as they are (a large profile is mostly samples). Label string
/// ids stay wire indices (checked); the locations named go into `used`.
fn resolve_samples(
    fs: FlatSamples,
    ntypes: usize,
    location_ids: &IdIndex,
    st: &StringCheck,
    used: &mut RankedSet,
) -> Result<SampleColumns, String> {
    let FlatSamples {
        loc_ids,
        mut loc_start,
        values,
        value_start,
        labels: wire_labels,
        mut label_start,
    } = fs;
    if loc_start.is_empty() {
        loc_start.push(0);
        label_start.push(0);
    }
    let (mut narrow, wide) = match loc_ids {
        LocIds::Narrow(v) => (v, Vec::new()),
        LocIds::Wide(v) => (Vec::with_capacity(v.len()), v),
    };
    let n_locations = location_ids.dense.len() as u64 - 1;
    // Ids 1..=N in order (as Go writes them): every id checked and made an index at
    // once, in a loop the compiler vectorizes; any bad id leaves it to the loop below,
    // which finds the first error in sample order.
    let prechecked = location_ids.identity
        && wide.is_empty()
        && !narrow.iter().fold(false, |bad, &id| {
            bad | (u64::from(id).wrapping_sub(1) >= n_locations)
        });
    if prechecked {
        narrow.iter_mut().for_each(|id| *id -= 1);
    }
    let mut marked = vec![false; n_locations as usize];
    let mut zeros = 0;
    let mut labels = Vec::with_capacity(wire_labels.len());
    for i in 0..loc_start.len() - 1 {
        let n = i + 1;
        let count = value_start[i + 1] - value_start[i];
        if count as usize != ntypes {
            return Err(format!(
                "sample {n} has {count} values, but the profile has {ntypes} sample types"
            ));
        }
        let missing = |id: u64| format!("sample {n} refers to location {id}, which does not exist");
        let range = loc_start[i] as usize..loc_start[i + 1] as usize;
        let zero = values[value_start[i] as usize..value_start[i + 1] as usize]
            .iter()
            .all(|&v| v == 0);
        zeros += usize::from(zero);
        if prechecked {
            if !zero {
                for &slot in &narrow[range] {
                    marked[slot as usize] = true;
                }
            }
        } else if wide.is_empty() {
            let slots = &mut narrow[range];
            if location_ids.identity {
                // Ids 1..=N in order: the index is the id minus one.
                for slot in slots {
                    let id = u64::from(*slot);
                    if id.wrapping_sub(1) >= n_locations {
                        return Err(missing(id));
                    }
                    *slot -= 1;
                    if !zero {
                        marked[*slot as usize] = true;
                    }
                }
            } else {
                for slot in slots {
                    *slot = location_ids
                        .get(u64::from(*slot))
                        .ok_or_else(|| missing(u64::from(*slot)))?;
                    if !zero {
                        marked[*slot as usize] = true;
                    }
                }
            }
        } else {
            for &id in &wide[range] {
                let index = location_ids.get(id).ok_or_else(|| missing(id))?;
                if !zero {
                    marked[index as usize] = true;
                }
                narrow.push(index);
            }
        }
        for l in &wire_labels[label_start[i] as usize..label_start[i + 1] as usize] {
            labels.push(Label {
                key: st.id(l.key, || format!("sample {n} label key"))?,
                str: st.id(l.str, || format!("sample {n} label value"))?,
                num: l.num,
                unit: st.id(l.num_unit, || format!("sample {n} label unit"))?,
            });
        }
    }
    for (i, _) in marked.iter().enumerate().filter(|(_, m)| **m) {
        used.insert(i as u32);
    }
    let mut samples = SampleColumns {
        locs: narrow,
        loc_start,
        values,
        labels,
        label_start,
        num_types: ntypes,
    };
    if zeros > 0 {
        drop_zero_samples(&mut samples);
    }
    Ok(samples)
}

/// Removes the samples whose values are all zero, in place (pprof's merge skips them, so
/// nothing they name is kept either).
fn drop_zero_samples(s: &mut SampleColumns) {
    let n = s.num_types;
    let (mut locs, mut labels, mut kept) = (0, 0, 0);
    for i in 0..s.len() {
        let (l0, l1) = (s.loc_start[i] as usize, s.loc_start[i + 1] as usize);
        let (b0, b1) = (s.label_start[i] as usize, s.label_start[i + 1] as usize);
        if s.values[i * n..(i + 1) * n].iter().all(|&v| v == 0) {
            continue;
        }
        s.locs.copy_within(l0..l1, locs);
        s.labels.copy_within(b0..b1, labels);
        s.values.copy_within(i * n..(i + 1) * n, kept * n);
        s.loc_start[kept] = locs as u32;
        s.label_start[kept] = labels as u32;
        locs += l1 - l0;
        labels += b1 - b0;
        kept += 1;
    }
    s.loc_start[kept] = locs as u32;
    s.label_start[kept] = labels as u32;
    s.loc_start.truncate(kept + 1);
    s.label_start.truncate(kept + 1);
    s.locs.truncate(locs);
    s.labels.truncate(labels);
    s.values.truncate(kept * n);
}
