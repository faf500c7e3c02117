//! Several profiles → one, like `go tool pprof a b`: pprof's compatibility rule (the
//! same sample types in the same order, the same period type), its headers (the earliest
//! time, summed durations, the largest period, each comment once, the first default
//! sample type and frame regexes) and its Merge of samples and elements
//! ([`super::merge_fold`]).

use super::merge_fold::Merger;
use super::model::{Profile, ValueType};

/// Merges `profiles` (at least one) into one, or says why they cannot be merged.
pub fn merge(mut profiles: Vec<(String, Profile)>) -> Result<Profile, String> {
    if profiles.len() == 1 {
        let mut p = profiles
            .pop()
            .map_or_else(|| Profile::empty(Vec::new()), |(_, p)| p);
        // pprof merges even a single profile: each comment is kept once. (Its samples
        // are combined too, which no report can tell apart: they are left as they are.)
        let mut seen = std::collections::HashSet::new();
        p.comments.retain(|c| seen.insert(c.clone()));
        return Ok(p);
    }
    let (first_name, first) = &profiles[0];
    for (name, p) in &profiles[1..] {
        compatible(first_name, first, name, p)?;
    }
    let mut merger = Merger::new(&first.sample_types);
    let mut headers = Vec::with_capacity(profiles.len());
    // Each profile is let go of once folded in: the merge holds one input at a time.
    for (_, p) in profiles {
        merger.fold(&p);
        headers.push(Header::of(&p));
    }
    Ok(with_headers(merger.finish(), &headers))
}

/// Why `p` (named `name`) cannot be merged with `first`, if it cannot.
pub fn compatible(
    first_name: &str,
    first: &Profile,
    name: &str,
    p: &Profile,
) -> Result<(), String> {
    if p.sample_types != first.sample_types {
        return Err(format!(
            "cannot merge {name} with {first_name}: sample types differ ({} vs {})",
            describe(&p.sample_types),
            describe(&first.sample_types)
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
    Ok(())
}

fn describe(types: &[ValueType]) -> String {
    types
        .iter()
        .map(|t| format!("{}/{}", t.ty, t.unit))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What pprof combines of a profile's header when merging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    time_nanos: i64,
    duration_nanos: i64,
    period: i64,
    comments: Vec<String>,
    default_sample_type: String,
    drop_frames: String,
    keep_frames: String,
    period_type: Option<ValueType>,
    doc_url: String,
}

impl Header {
    /// The header of `p`.
    pub fn of(p: &Profile) -> Self {
        Self {
            time_nanos: p.time_nanos,
            duration_nanos: p.duration_nanos,
            period: p.period,
            comments: p.comments.to_vec(),
            default_sample_type: p.default_sample_type.clone(),
            drop_frames: p.drop_frames.clone(),
            keep_frames: p.keep_frames.clone(),
            period_type: p.period_type.clone(),
            doc_url: p.doc_url.clone(),
        }
    }
}

/// How many inputs pprof merges at a time before merging the result with what it has
/// (its driver's chunkedGrab): the earliest-time rule, which restarts at a zero time, is
/// applied per chunk and then across chunks.
const PPROF_CHUNK: usize = 64;

/// pprof's "earliest time": a zero time resets it, the next one is taken.
fn earliest(times: impl Iterator<Item = i64>) -> i64 {
    let mut t = 0;
    for x in times {
        if t == 0 || x < t {
            t = x;
        }
    }
    t
}

/// `p` with the headers of the merged inputs (in input order) combined as pprof combines
/// them (combineHeaders, per chunk of [`PPROF_CHUNK`] inputs).
pub fn with_headers(mut p: Profile, headers: &[Header]) -> Profile {
    let Some(first) = headers.first() else {
        return p;
    };
    p.time_nanos = earliest(
        headers
            .chunks(PPROF_CHUNK)
            .map(|c| earliest(c.iter().map(|h| h.time_nanos))),
    );
    p.duration_nanos = headers
        .iter()
        .fold(0i64, |s, h| s.wrapping_add(h.duration_nanos));
    p.period = 0;
    for h in headers {
        if p.period == 0 || p.period < h.period {
            p.period = h.period;
        }
    }
    let mut seen = std::collections::HashSet::new();
    p.comments = headers
        .iter()
        .flat_map(|h| &h.comments)
        .filter(|c| seen.insert(c.as_str()))
        .cloned()
        .collect();
    p.default_sample_type = headers
        .iter()
        .map(|h| &h.default_sample_type)
        .find(|d| !d.is_empty())
        .cloned()
        .unwrap_or_default();
    p.drop_frames = first.drop_frames.clone();
    p.keep_frames = first.keep_frames.clone();
    p.period_type = first.period_type.clone();
    p.doc_url = first.doc_url.clone();
    p
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
