//! Decoding profile.proto with prost's wire primitives, writing samples straight into
//! columns: no struct and three vectors per sample, which made decoding slow and memory
//! hungry on large profiles. Every other field decodes into the hand-written messages.

use prost::DecodeError;
use prost::bytes::Buf;
use prost::encoding::{
    DecodeContext, WireType, bytes, decode_key, decode_varint, int64, message, skip_field,
};

use super::flat_locations::FlatLocations;
pub use super::packed::LocIds;
use super::packed::{fast_packed_ids, fast_varint};
use super::progress::LoadProgress;
use super::string_arena::StringArena;
use super::wire::{Function, Label, Mapping, ValueType};

/// All samples of a profile, column-wise (sample `i` owns `x[x_start[i]..x_start[i+1]]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlatSamples {
    /// Location ids, leaf first within each sample.
    pub loc_ids: LocIds,
    /// Start of each sample in `loc_ids`, plus a final end.
    pub loc_start: Vec<u32>,
    /// Values.
    pub values: Vec<i64>,
    /// Start of each sample in `values`, plus a final end.
    pub value_start: Vec<u32>,
    /// Labels.
    pub labels: Vec<Label>,
    /// Start of each sample in `labels`, plus a final end.
    pub label_start: Vec<u32>,
}

impl FlatSamples {
    /// Number of samples.
    pub fn len(&self) -> usize {
        self.loc_start.len().saturating_sub(1)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn start(&mut self) {
        if self.loc_start.is_empty() {
            self.loc_start.push(0);
            self.value_start.push(0);
            self.label_start.push(0);
        }
    }

    fn finish_sample(&mut self) {
        self.loc_start.push(self.loc_ids.len() as u32);
        self.value_start.push(self.values.len() as u32);
        self.label_start.push(self.labels.len() as u32);
    }
}

/// A decoded profile.proto with column-wise samples (fields as in [`super::wire::Profile`]).
#[derive(Clone, Debug, Default, PartialEq)]
#[allow(missing_docs)]
pub struct FlatProfile {
    pub sample_type: Vec<ValueType>,
    pub samples: FlatSamples,
    pub mapping: Vec<Mapping>,
    /// Locations, their lines in one column.
    pub location: FlatLocations,
    pub function: Vec<Function>,
    /// The strings, packed: only those in use become `String`s (at resolution).
    pub string_table: StringArena,
    pub drop_frames: i64,
    pub keep_frames: i64,
    pub time_nanos: i64,
    pub duration_nanos: i64,
    pub period_type: Option<ValueType>,
    pub period: i64,
    pub comment: Vec<i64>,
    pub default_sample_type: i64,
    pub doc_url: i64,
}

fn err(e: DecodeError) -> String {
    e.to_string()
}

/// Reads a varint field or a packed run of them, pushing each value.
fn merge_varints(wt: WireType, buf: &mut &[u8], out: &mut impl FnMut(u64)) -> Result<(), String> {
    match wt {
        WireType::Varint => out(decode_varint(buf).map_err(err)?),
        WireType::LengthDelimited => {
            let len = decode_varint(buf).map_err(err)?;
            if len > buf.remaining() as u64 {
                return Err("buffer underflow".to_string());
            }
            let (mut packed, rest) = buf.split_at(len as usize);
            while !packed.is_empty() {
                out(decode_varint(&mut packed).map_err(err)?);
            }
            *buf = rest;
        }
        _ => return Err(format!("invalid wire type {wt:?} for a varint field")),
    }
    Ok(())
}

fn merge_sample(
    wt: WireType,
    buf: &mut &[u8],
    s: &mut FlatSamples,
    ctx: &DecodeContext,
) -> Result<(), String> {
    if wt != WireType::LengthDelimited {
        return Err(format!("invalid wire type {wt:?} for Profile.sample"));
    }
    let len = decode_varint(buf).map_err(err)?;
    if len > buf.remaining() as u64 {
        return Err("buffer underflow".to_string());
    }
    let (mut msg, rest) = buf.split_at(len as usize);
    while !msg.is_empty() {
        let (tag, wt) = decode_key(&mut msg).map_err(err)?;
        match tag {
            1 => {
                // The hot path: packed location ids (Go writes every sample this way).
                if wt == WireType::LengthDelimited {
                    // The ids' bytes, and what follows them in the data (read across).
                    let end = buf.len() - rest.len();
                    let at = end - msg.len();
                    let mut probe = msg;
                    if let Some(n) = fast_varint(&mut probe)
                        && n <= probe.len() as u64
                    {
                        let start = at + (msg.len() - probe.len());
                        let ids = &buf[start..];
                        if fast_packed_ids(ids, n as usize, &mut s.loc_ids).is_some() {
                            msg = &probe[n as usize..];
                            continue;
                        }
                    }
                }
                merge_varints(wt, &mut msg, &mut |v| s.loc_ids.push(v))?
            }
            2 => {
                if wt == WireType::LengthDelimited
                    && let Some(after) = fast_values(msg, &mut s.values)
                {
                    msg = after;
                    continue;
                }
                merge_varints(wt, &mut msg, &mut |v| s.values.push(v as i64))?
            }
            3 => {
                if wt == WireType::LengthDelimited
                    && let Some((l, after)) = fast_label(msg)
                {
                    s.labels.push(l);
                    msg = after;
                    continue;
                }
                let mut l = Label::default();
                message::merge(wt, &mut l, &mut msg, ctx.clone()).map_err(err)?;
                s.labels.push(l);
            }
            _ => skip_field(wt, tag, &mut msg, ctx.clone()).map_err(err)?,
        }
    }
    s.finish_sample();
    *buf = rest;
    Ok(())
}

/// A packed run of values (its length first) appended to `values`; None, with nothing
/// appended, for anything unusual.
fn fast_values<'a>(msg: &'a [u8], values: &mut Vec<i64>) -> Option<&'a [u8]> {
    let mut b = msg;
    let n = fast_varint(&mut b)?;
    if n > b.len() as u64 {
        return None;
    }
    let (mut packed, rest) = b.split_at(n as usize);
    let before = values.len();
    while !packed.is_empty() {
        match fast_varint(&mut packed) {
            Some(v) => values.push(v as i64),
            None => {
                values.truncate(before);
                return None;
            }
        }
    }
    Some(rest)
}

/// A label message (its length first) of varint fields only, as Go writes them.
fn fast_label(msg: &[u8]) -> Option<(Label, &[u8])> {
    let mut b = msg;
    let n = fast_varint(&mut b)?;
    if n > b.len() as u64 {
        return None;
    }
    let (mut body, rest) = b.split_at(n as usize);
    let mut l = Label::default();
    while let Some((&key, after)) = body.split_first() {
        body = after;
        let v = fast_varint(&mut body)? as i64;
        match key {
            0x08 => l.key = v,
            0x10 => l.str = v,
            0x18 => l.num = v,
            0x20 => l.num_unit = v,
            _ => return None,
        }
    }
    Some((l, rest))
}

/// One string of the string table, copied into the arena; anything unusual goes through
/// prost's decoder, which names the error.
fn merge_string(
    wt: WireType,
    buf: &mut &[u8],
    table: &mut StringArena,
    ctx: DecodeContext,
) -> Result<(), String> {
    if wt == WireType::LengthDelimited {
        let mut probe = *buf;
        if let Some(n) = fast_varint(&mut probe)
            && n <= probe.len() as u64
        {
            let (s, rest) = probe.split_at(n as usize);
            table.push(s);
            *buf = rest;
            return Ok(());
        }
    }
    let mut strings: Vec<Vec<u8>> = Vec::new();
    bytes::merge_repeated(wt, &mut strings, buf, ctx).map_err(err)?;
    for s in &strings {
        table.push(s);
    }
    Ok(())
}

/// What the top-level scan learnt about the samples, to size the columns once.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sizes {
    /// Number of samples.
    pub samples: u64,
    /// Encoded size of all samples (at least one byte per location id and value).
    pub sample_bytes: u64,
}

/// Decodes an uncompressed profile.proto message.
pub fn decode(buf: &[u8]) -> Result<FlatProfile, String> {
    decode_sized(buf, Sizes::default(), &LoadProgress::new())
}

/// Samples decoded between two progress updates.
const PROGRESS_EVERY: u64 = 4096;

/// Like [`decode`], with the columns reserved from `sizes` (capacity that is never
/// written costs no memory) and the decoded samples counted in `progress`.
pub fn decode_sized(
    buf: &[u8],
    sizes: Sizes,
    progress: &LoadProgress,
) -> Result<FlatProfile, String> {
    let mut p = FlatProfile::sized(sizes);
    let mut b = buf;
    let mut reported = 0u64;
    while !b.is_empty() {
        p.decode_field(&mut b)?;
        p.report(&mut reported, progress);
    }
    progress.add_samples_decoded(p.samples.len() as u64 - reported);
    Ok(p)
}

impl FlatProfile {
    /// An empty profile with its sample columns reserved from `sizes`.
    pub fn sized(sizes: Sizes) -> Self {
        let mut p = FlatProfile::default();
        let n = usize::try_from(sizes.samples).unwrap_or(0);
        let bytes = usize::try_from(sizes.sample_bytes).unwrap_or(0);
        if let LocIds::Narrow(v) = &mut p.samples.loc_ids {
            v.reserve(bytes);
        }
        p.samples.loc_start.reserve(n + 1);
        p.samples.value_start.reserve(n + 1);
        p.samples.label_start.reserve(n + 1);
        p.samples.start();
        p
    }

    /// Adds the samples decoded since `reported` to `progress`, in batches.
    pub fn report(&self, reported: &mut u64, progress: &LoadProgress) {
        let done = self.samples.len() as u64;
        if done - *reported >= PROGRESS_EVERY {
            progress.add_samples_decoded(done - *reported);
            *reported = done;
        }
    }

    /// Decodes one top-level field from the front of `b` into the profile.
    pub fn decode_field(&mut self, b: &mut &[u8]) -> Result<(), String> {
        let p = self;
        let ctx = DecodeContext::default();
        let (tag, wt) = decode_key(b).map_err(err)?;
        let c = ctx.clone();
        match tag {
            1 => message::merge_repeated(wt, &mut p.sample_type, b, c).map_err(err)?,
            2 => merge_sample(wt, b, &mut p.samples, &ctx)?,
            3 => message::merge_repeated(wt, &mut p.mapping, b, c).map_err(err)?,
            4 => p.location.merge(wt, b)?,
            5 => message::merge_repeated(wt, &mut p.function, b, c).map_err(err)?,
            6 => merge_string(wt, b, &mut p.string_table, c)?,
            7 => int64::merge(wt, &mut p.drop_frames, b, c).map_err(err)?,
            8 => int64::merge(wt, &mut p.keep_frames, b, c).map_err(err)?,
            9 => int64::merge(wt, &mut p.time_nanos, b, c).map_err(err)?,
            10 => int64::merge(wt, &mut p.duration_nanos, b, c).map_err(err)?,
            11 => message::merge(
                wt,
                p.period_type.get_or_insert_with(ValueType::default),
                b,
                c,
            )
            .map_err(err)?,
            12 => int64::merge(wt, &mut p.period, b, c).map_err(err)?,
            13 => int64::merge_repeated(wt, &mut p.comment, b, c).map_err(err)?,
            14 => int64::merge(wt, &mut p.default_sample_type, b, c).map_err(err)?,
            15 => int64::merge(wt, &mut p.doc_url, b, c).map_err(err)?,
            _ => skip_field(wt, tag, b, c).map_err(err)?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use prost::Message;

    use super::*;
    use crate::profile::wire;

    #[test]
    fn decodes_like_the_derived_messages() {
        let w = wire::Profile {
            sample_type: vec![ValueType { r#type: 1, unit: 2 }],
            sample: vec![
                wire::Sample {
                    location_id: vec![3, 2, 1],
                    value: vec![-5],
                    label: vec![Label {
                        key: 1,
                        str: 0,
                        num: 7,
                        num_unit: 2,
                    }],
                },
                wire::Sample {
                    location_id: vec![],
                    value: vec![9],
                    label: vec![],
                },
            ],
            string_table: vec![b"".to_vec(), b"a".to_vec(), b"b".to_vec()],
            comment: vec![1, 2],
            period_type: Some(ValueType { r#type: 2, unit: 1 }),
            time_nanos: 42,
            ..Default::default()
        };
        let f = decode(&w.encode_to_vec()).expect("decode");
        assert_eq!(f.samples.len(), 2);
        assert_eq!(f.samples.loc_ids, LocIds::Narrow(vec![3, 2, 1]));
        assert_eq!(f.samples.values, [-5, 9]);
        assert_eq!(f.samples.value_start, [0, 1, 2]);
        assert_eq!(f.samples.labels.len(), 1);
        assert_eq!(
            (f.comment, f.time_nanos, f.period_type),
            (vec![1, 2], 42, Some(ValueType { r#type: 2, unit: 1 }))
        );
        // Unpacked repeated fields decode too.
        let unpacked = [0x12, 0x04, 0x08, 0x05, 0x10, 0x07];
        let f = decode(&unpacked).expect("decode");
        assert_eq!(
            (f.samples.loc_ids.to_vec(), f.samples.values.as_slice()),
            (vec![5u64], &[7i64][..])
        );
        assert!(decode(&[0x12, 0x09, 0x08]).is_err());
    }

    #[test]
    fn location_ids_widen_past_32_bits() {
        let mut ids = LocIds::default();
        ids.push(7);
        ids.push(u64::from(u32::MAX));
        assert!(matches!(ids, LocIds::Narrow(_)));
        ids.push(u64::MAX);
        ids.push(1);
        assert_eq!(ids, LocIds::Wide(vec![7, u64::from(u32::MAX), u64::MAX, 1]));
        assert_eq!((ids.len(), ids.get(2)), (4, u64::MAX));
    }
}
