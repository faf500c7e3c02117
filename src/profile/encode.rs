//! Model → wire messages: the inverse of [`resolve`](super::resolve), so a loaded profile
//! can be written back out (round-trip property tests, structured fuzzing, test corpora).
//!
//! Strings are re-interned. The model's own string table ([`Profile::strings`]) is kept
//! as the prefix of the new table, so label string ids stay valid unchanged; every other
//! string (names, files, sample types, comments …) is looked up there and appended only
//! when missing. The decoder keeps only the label strings in that table, in their wire
//! order, and renumbers nothing else that encoding changes, so `decode(encode(p)) == p`
//! for a decoded profile exactly.
//! Element ids are positions plus one.

use std::collections::HashMap;

use prost::Message;

use super::lossless;
use super::model::{Profile, ValueType};
use super::wire;

/// Interns strings into a wire string table that starts with the model's table.
struct Interner {
    table: Vec<Vec<u8>>,
    index: HashMap<String, i64>,
    /// Added to the model's label string ids (1 when an empty string had to be prepended).
    shift: i64,
}

impl Interner {
    fn new(prefix: &[String]) -> Self {
        let mut me = Self {
            table: Vec::with_capacity(prefix.len() + 1),
            index: HashMap::with_capacity(prefix.len() + 1),
            shift: 0,
        };
        if prefix.first().is_none_or(|s| !s.is_empty()) {
            // The wire format requires "" first; the model's ids move up by one.
            me.shift = 1;
            me.table.push(Vec::new());
            me.index.insert(String::new(), 0);
        }
        for s in prefix {
            let id = me.table.len() as i64;
            me.table.push(lossless::encode(s).into_owned());
            me.index.entry(s.clone()).or_insert(id);
        }
        me
    }

    fn id(&mut self, s: &str) -> i64 {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = self.table.len() as i64;
        self.table.push(lossless::encode(s).into_owned());
        self.index.insert(s.to_string(), id);
        id
    }

    fn value_type(&mut self, vt: &ValueType) -> wire::ValueType {
        wire::ValueType {
            r#type: self.id(&vt.ty),
            unit: self.id(&vt.unit),
        }
    }
}

/// Converts the model back to profile.proto messages (see the module documentation).
pub fn encode(p: &Profile) -> wire::Profile {
    let mut st = Interner::new(&p.strings);
    let sample_type = p.sample_types.iter().map(|t| st.value_type(t)).collect();
    let mapping = p
        .mappings
        .iter()
        .enumerate()
        .map(|(i, m)| wire::Mapping {
            id: i as u64 + 1,
            memory_start: m.start,
            memory_limit: m.limit,
            file_offset: m.offset,
            filename: st.id(&m.file),
            build_id: st.id(&m.build_id),
            has_functions: m.has_functions,
            has_filenames: m.has_filenames,
            has_line_numbers: m.has_line_numbers,
            has_inline_frames: m.has_inline_frames,
        })
        .collect();
    let function = p
        .functions
        .iter()
        .enumerate()
        .map(|(i, f)| wire::Function {
            id: i as u64 + 1,
            name: st.id(&f.name),
            system_name: st.id(&f.system_name),
            filename: st.id(&f.filename),
            start_line: f.start_line,
        })
        .collect();
    let location = p
        .locations
        .iter()
        .enumerate()
        .map(|(i, l)| wire::Location {
            id: i as u64 + 1,
            mapping_id: l.mapping.map_or(0, |m| u64::from(m) + 1),
            address: l.address,
            line: p
                .location_lines(i as u32)
                .iter()
                .map(|ln| wire::Line {
                    function_id: u64::from(ln.function) + 1,
                    line: ln.line,
                    column: ln.column,
                })
                .collect(),
            is_folded: l.is_folded,
        })
        .collect();
    let shift = st.shift;
    let sample = (0..p.samples.len())
        .map(|i| wire::Sample {
            location_id: p
                .samples
                .locations(i)
                .iter()
                .map(|&l| u64::from(l) + 1)
                .collect(),
            value: p.samples.values(i).to_vec(),
            label: p
                .samples
                .labels(i)
                .iter()
                .map(|l| wire::Label {
                    key: i64::from(l.key) + shift,
                    str: i64::from(l.str) + shift,
                    num: l.num,
                    num_unit: i64::from(l.unit) + shift,
                })
                .collect(),
        })
        .collect();
    let period_type = p.period_type.as_ref().map(|t| st.value_type(t));
    let comment = p.comments.iter().map(|c| st.id(c)).collect();
    let default_sample_type = st.id(&p.default_sample_type);
    let drop_frames = st.id(&p.drop_frames);
    let keep_frames = st.id(&p.keep_frames);
    let doc_url = st.id(&p.doc_url);
    wire::Profile {
        sample_type,
        sample,
        mapping,
        location,
        function,
        string_table: st.table,
        drop_frames,
        keep_frames,
        time_nanos: p.time_nanos,
        duration_nanos: p.duration_nanos,
        period_type,
        period: p.period,
        comment,
        default_sample_type,
        doc_url,
    }
}

/// [`encode`] serialized as raw (not gzipped) profile.proto bytes.
pub fn encode_to_vec(p: &Profile) -> Vec<u8> {
    encode(p).encode_to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Limits, decode};

    fn strings(v: &[&str]) -> Vec<Vec<u8>> {
        v.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    fn sample_wire() -> wire::Profile {
        wire::Profile {
            sample_type: vec![wire::ValueType { r#type: 1, unit: 2 }],
            sample: vec![wire::Sample {
                location_id: vec![7, 3],
                value: vec![5],
                label: vec![wire::Label {
                    key: 6,
                    str: 5,
                    num: 0,
                    num_unit: 0,
                }],
            }],
            mapping: vec![wire::Mapping {
                id: 9,
                filename: 4,
                has_functions: true,
                ..Default::default()
            }],
            location: vec![
                wire::Location {
                    id: 3,
                    mapping_id: 9,
                    address: 0x40,
                    line: vec![
                        wire::Line {
                            function_id: 2,
                            line: 4,
                            column: 1,
                        },
                        wire::Line {
                            function_id: 5,
                            line: 8,
                            column: 0,
                        },
                    ],
                    is_folded: true,
                },
                wire::Location {
                    id: 7,
                    ..Default::default()
                },
            ],
            function: vec![
                wire::Function {
                    id: 5,
                    name: 3,
                    system_name: 3,
                    filename: 4,
                    start_line: 1,
                },
                wire::Function {
                    id: 2,
                    name: 5,
                    system_name: 0,
                    filename: 4,
                    start_line: 2,
                },
            ],
            string_table: strings(&["", "space", "bytes", "main.main", "m.go", "f", "k", "f"]),
            comment: vec![7, 1],
            period_type: Some(wire::ValueType { r#type: 0, unit: 0 }),
            time_nanos: 12,
            ..Default::default()
        }
    }

    #[test]
    fn decode_encode_round_trips() {
        let bytes = sample_wire().encode_to_vec();
        let p = decode("a", &bytes, &Limits::default()).expect("decode");
        let again = decode("b", &encode_to_vec(&p), &Limits::default()).expect("decode again");
        assert_eq!(p, again);
        // Ids are renumbered densely; the label strings come first, then every other
        // string in use once (the comment names the label's "f").
        let w = encode(&p);
        assert_eq!(
            w.string_table,
            strings(&["", "f", "k", "space", "bytes", "m.go", "main.main"])
        );
        assert_eq!(w.location[0].line[1].function_id, 1);
        assert_eq!(w.mapping[0].id, 1);
    }

    #[test]
    fn strings_missing_from_the_table_are_interned() {
        let bytes = sample_wire().encode_to_vec();
        let mut p = decode("a", &bytes, &Limits::default()).expect("decode");
        p.strings = vec!["k".into()].into();
        p.samples.columns_mut().labels = vec![crate::profile::Label {
            key: 0,
            str: 0,
            num: 3,
            unit: 0,
        }];
        p.functions[0].name = "new.name".into();
        let w = encode(&p);
        assert_eq!(w.string_table[..2], strings(&["", "k"]));
        assert_eq!(w.sample[0].label[0].key, 1);
        let again = decode("b", &w.encode_to_vec(), &Limits::default()).expect("decode");
        assert_eq!(again.functions[0].name, "new.name");
        assert_eq!(again.str(again.samples.labels(0)[0].key), "k");
    }
}
