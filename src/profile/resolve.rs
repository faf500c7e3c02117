//! Wire messages → model: every string index, id and reference checked (as strict as
//! pprof's CheckValid, with messages that name the element), ids turned into indices.

use std::collections::HashMap;

use super::lossless;
use super::model::{Function, Label, Line, Location, Mapping, Profile, Samples, StrId, ValueType};
use super::wire;
use super::wire_flat::{FlatProfile, FlatSamples, LocIds};

/// Maps the ids of one kind of element to their indices.
struct IdIndex {
    dense: Vec<u32>,
    sparse: HashMap<u64, u32>,
}

impl IdIndex {
    const NONE: u32 = u32::MAX;

    fn build(kind: &str, ids: impl Iterator<Item = u64>, n: usize) -> Result<Self, String> {
        let mut idx = Self {
            dense: vec![Self::NONE; n + 1],
            sparse: HashMap::new(),
        };
        for (i, id) in ids.enumerate() {
            if id == 0 {
                return Err(format!("{kind} {} has the reserved id 0", i + 1));
            }
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

/// Looks strings up by index, failing with the field that held the bad index.
struct StringTable<'a> {
    raw: &'a [Vec<u8>],
}

impl StringTable<'_> {
    fn id(&self, index: i64, what: impl Fn() -> String) -> Result<StrId, String> {
        if index < 0 || index as usize >= self.raw.len() {
            return Err(format!(
                "{} refers to string {index}, but the string table has {} entries",
                what(),
                self.raw.len()
            ));
        }
        Ok(index as StrId)
    }

    fn get(&self, index: i64, what: impl Fn() -> String) -> Result<String, String> {
        let id = self.id(index, what)?;
        Ok(lossless::decode(&self.raw[id as usize]).into_owned())
    }
}

/// Builds the model from decoded wire messages, validating every reference.
pub fn resolve(mut p: FlatProfile) -> Result<Profile, String> {
    if p.string_table.is_empty() {
        return Err("the string table is empty (it must start with an empty string)".into());
    }
    if !p.string_table[0].is_empty() {
        return Err("the string table's first entry must be the empty string".into());
    }
    let st = StringTable {
        raw: &p.string_table,
    };
    let value_type = |vt: &wire::ValueType, what: &str| -> Result<ValueType, String> {
        Ok(ValueType {
            ty: st.get(vt.r#type, || format!("{what} type"))?,
            unit: st.get(vt.unit, || format!("{what} unit"))?,
        })
    };
    let mut sample_types = Vec::with_capacity(p.sample_type.len());
    for (i, vt) in p.sample_type.iter().enumerate() {
        sample_types.push(value_type(vt, &format!("sample type {}", i + 1))?);
    }
    if sample_types.is_empty() && !p.samples.is_empty() {
        return Err("missing sample type information".into());
    }

    let mapping_ids = IdIndex::build("mapping", p.mapping.iter().map(|m| m.id), p.mapping.len())?;
    let mut mappings = Vec::with_capacity(p.mapping.len());
    for m in &p.mapping {
        mappings.push(Mapping {
            start: m.memory_start,
            limit: m.memory_limit,
            offset: m.file_offset,
            file: st.get(m.filename, || format!("mapping {} filename", m.id))?,
            build_id: st.get(m.build_id, || format!("mapping {} build id", m.id))?,
            has_functions: m.has_functions,
            has_filenames: m.has_filenames,
            has_line_numbers: m.has_line_numbers,
            has_inline_frames: m.has_inline_frames,
        });
    }

    let function_ids = IdIndex::build(
        "function",
        p.function.iter().map(|f| f.id),
        p.function.len(),
    )?;
    let mut functions = Vec::with_capacity(p.function.len());
    for f in &p.function {
        functions.push(Function {
            name: st.get(f.name, || format!("function {} name", f.id))?,
            system_name: st.get(f.system_name, || format!("function {} system name", f.id))?,
            filename: st.get(f.filename, || format!("function {} filename", f.id))?,
            start_line: f.start_line,
        });
    }

    let location_ids = IdIndex::build(
        "location",
        p.location.iter().map(|l| l.id),
        p.location.len(),
    )?;
    let mut locations = Vec::with_capacity(p.location.len());
    let mut lines = Vec::new();
    for l in &p.location {
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
        for ln in &l.line {
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

    let samples = resolve_samples(
        std::mem::take(&mut p.samples),
        sample_types.len(),
        &location_ids,
        &st,
    )?;

    let mut comments = Vec::with_capacity(p.comment.len());
    for (i, &c) in p.comment.iter().enumerate() {
        comments.push(st.get(c, || format!("comment {}", i + 1))?);
    }
    let period_type = match &p.period_type {
        Some(vt) => Some(value_type(vt, "period")?),
        None => None,
    };
    Ok(Profile {
        strings: p
            .string_table
            .iter()
            .map(|s| lossless::decode(s).into_owned())
            .collect(),
        sample_types,
        default_sample_type: st.get(p.default_sample_type, || "default_sample_type".into())?,
        samples,
        locations,
        lines,
        functions,
        mappings,
        drop_frames: st.get(p.drop_frames, || "drop_frames".into())?,
        keep_frames: st.get(p.keep_frames, || "keep_frames".into())?,
        time_nanos: p.time_nanos,
        duration_nanos: p.duration_nanos,
        period_type,
        period: p.period,
        comments,
        doc_url: st.get(p.doc_url, || "doc_url".into())?,
    })
}

/// Turns the decoded sample columns into the model's, in place where the layout allows:
/// location ids become indices in the same vector when they are 32-bit, and the values
/// and offsets move over as they are (a large profile is mostly samples).
fn resolve_samples(
    fs: FlatSamples,
    ntypes: usize,
    location_ids: &IdIndex,
    st: &StringTable,
) -> Result<Samples, String> {
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
        if wide.is_empty() {
            for slot in &mut narrow[range] {
                *slot = location_ids
                    .get(u64::from(*slot))
                    .ok_or_else(|| missing(u64::from(*slot)))?;
            }
        } else {
            for &id in &wide[range] {
                narrow.push(location_ids.get(id).ok_or_else(|| missing(id))?);
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
    Ok(Samples {
        locs: narrow,
        loc_start,
        values,
        labels,
        label_start,
        num_types: ntypes,
    })
}
