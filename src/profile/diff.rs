//! A profile minus base profiles, as `go tool pprof -diff_base=…` / `-base=…` computes it:
//! the base negated (marked as diff base, or not), optionally the profile normalized to
//! the base's totals first, both merged with identical samples combined and zeros dropped.

use super::merge;
use super::model::{Label, Profile, StrId};
use super::sample_columns::SampleColumns;
use super::samples::Samples;

/// The label key pprof puts on every sample of a `-diff_base` profile (value "true").
pub const DIFF_BASE_LABEL: &str = "pprof::base";
/// The value of [`DIFF_BASE_LABEL`].
const DIFF_BASE_VALUE: &str = "true";

/// How a base profile is subtracted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseMode {
    /// pprof's `-diff_base`: the base's samples stay marked, and percentages are relative
    /// to the base's total.
    DiffBase,
    /// pprof's `-base`: plain subtraction; percentages relative to the result's total.
    Subtract,
}

/// The base profiles of a run and how they are subtracted (the command line's
/// `--diff-base`/`--base` and `--normalize`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bases {
    /// Base profile files, merged into one base before subtracting.
    pub paths: Vec<String>,
    /// `-diff_base` or `-base`.
    pub mode: BaseMode,
    /// Scale the profile to the base's totals first.
    pub normalize: bool,
}

impl Bases {
    /// Whether percentages are shares of the base (`-diff_base`).
    pub fn relative_to_base(&self) -> bool {
        self.mode == BaseMode::DiffBase
    }

    /// The base files' names, for a header or a sentence.
    pub fn names(&self) -> String {
        self.paths
            .iter()
            .map(|p| super::gopath::base(p))
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// Subtracts `base` from `p` (several base files: load them into one base
/// first, as pprof merges them). With `normalize`, `p` is first scaled per sample type so that its total equals the
/// base's (pprof's `-normalize`). Works on already loaded profiles, so the explorer can
/// diff two snapshots. Fails, with the reason, when the sample or period types differ.
pub fn diff(
    p: &Profile,
    base: &Profile,
    mode: BaseMode,
    normalize: bool,
) -> Result<Profile, String> {
    compatible(p, base)?;
    diff_owned(p.clone(), base.clone(), mode, normalize)
}

/// [`diff`] of profiles the caller lets go of (nothing is copied).
pub fn diff_owned(
    p: Profile,
    mut base: Profile,
    mode: BaseMode,
    normalize: bool,
) -> Result<Profile, String> {
    compatible(&p, &base)?;
    // pprof merged the inputs of each side already, which sums their identical samples
    // (it matters to -normalize's rounding).
    combine_samples(&mut base);
    if mode == BaseMode::DiffBase {
        mark_diff_base(&mut base);
    }
    let mut p = p;
    combine_samples(&mut p);
    if normalize {
        let ratios = normalize_ratios(&p, &base);
        scale_samples(&mut p, &ratios);
    }
    let negate = vec![-1.0; base.sample_types.len()];
    scale_samples(&mut base, &negate);
    let mut merged = merge::merge(vec![("profile".into(), p), ("base".into(), base)])?;
    combine_samples(&mut merged);
    Ok(merged)
}

/// pprof's compatibility rule: equal period types, equal sample types in the same order.
fn compatible(p: &Profile, base: &Profile) -> Result<(), String> {
    let period = |q: &Profile| {
        q.period_type
            .as_ref()
            .map_or_else(String::new, |t| format!("{}/{}", t.ty, t.unit))
    };
    let types = |q: &Profile| {
        q.sample_types
            .iter()
            .map(|t| format!("{}/{}", t.ty, t.unit))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if period(p) != period(base) {
        return Err(format!(
            "incompatible base: period types differ ({} vs {})",
            period(p),
            period(base)
        ));
    }
    if p.sample_types != base.sample_types {
        return Err(format!(
            "incompatible base: sample types differ ({} vs {})",
            types(p),
            types(base)
        ));
    }
    Ok(())
}

/// The id of `s` in `p`'s string table, added when missing.
fn intern(p: &mut Profile, s: &str) -> StrId {
    if let Some(i) = p.strings.iter().position(|x| x == s) {
        return i as StrId;
    }
    p.strings.push(s.to_string());
    (p.strings.len() - 1) as StrId
}

/// pprof's `SetLabel("pprof::base", ["true"])`: every sample gets the label, replacing
/// any value it had.
fn mark_diff_base(p: &mut Profile) {
    let key = intern(p, DIFF_BASE_LABEL);
    let value = intern(p, DIFF_BASE_VALUE);
    let mark = Label {
        key,
        str: value,
        num: 0,
        unit: 0,
    };
    let old = &p.samples;
    let mut out = SampleColumns::new(old.num_types());
    let mut labels = Vec::new();
    for i in 0..old.len() {
        labels.clear();
        labels.extend(old.labels(i).iter().filter(|l| l.key != key));
        labels.push(mark);
        out.push(old.locations(i), old.values(i), &labels);
    }
    p.samples = out.into();
}

/// pprof's Normalize: per sample type, the base's sum over the profile's sum (0 when the
/// profile's sum is 0).
fn normalize_ratios(p: &Profile, base: &Profile) -> Vec<f64> {
    let sums = |q: &Profile| {
        let mut s = vec![0i64; q.sample_types.len()];
        for i in 0..q.samples.len() {
            for (acc, v) in s.iter_mut().zip(q.samples.values(i)) {
                *acc = acc.wrapping_add(*v);
            }
        }
        s
    };
    let (src, b) = (sums(p), sums(base));
    src.iter()
        .zip(&b)
        .map(|(&s, &b)| if s == 0 { 0.0 } else { b as f64 / s as f64 })
        .collect()
}

/// pprof's ScaleN: each value of a type whose ratio is not 1 becomes round(v × ratio);
/// a sample is kept when one of those is non-zero. All ratios 1: nothing changes.
fn scale_samples(p: &mut Profile, ratios: &[f64]) {
    if ratios.iter().all(|&r| r == 1.0) {
        return;
    }
    let old = &p.samples;
    let mut out = SampleColumns::new(old.num_types());
    let mut values = Vec::with_capacity(ratios.len());
    for i in 0..old.len() {
        values.clear();
        let mut keep = false;
        for (&v, &r) in old.values(i).iter().zip(ratios) {
            if r == 1.0 {
                values.push(v);
            } else {
                let scaled = (v as f64 * r).round() as i64;
                keep |= scaled != 0;
                values.push(scaled);
            }
        }
        if keep {
            out.push(old.locations(i), &values, old.labels(i));
        }
    }
    p.samples = out.into();
}

/// What makes two samples one in pprof's Merge: the same locations and the same labels
/// (string labels before numeric ones, each group ordered by key; the values of one key
/// keep their order).
type SampleKey = (Vec<u32>, Vec<(bool, StrId, StrId, i64, StrId)>);

fn sample_key(samples: &Samples, i: usize) -> SampleKey {
    let mut labels: Vec<(bool, StrId, StrId, i64, StrId)> = samples
        .labels(i)
        .iter()
        .map(|l| (l.str == 0, l.key, l.str, l.num, l.unit))
        .collect();
    labels.sort_by_key(|l| (l.0, l.1));
    (samples.locations(i).to_vec(), labels)
}

/// pprof's Merge on the samples: all-zero samples skipped, samples with the same key
/// summed into the first one, sums that come to zero dropped; first-seen order.
fn combine_samples(p: &mut Profile) {
    let g = super::sample_groups::group(&p.samples, |i| sample_key(&p.samples, i));
    if !g.is_identity(p.samples.len()) {
        p.samples = super::sample_groups::combined(&p.samples, &g);
    }
}

/// Whether sample `i` of `p` came from a `-diff_base` profile (pprof's DiffBaseSample).
/// `ids` is from [`diff_base_marks`].
pub fn is_diff_base_sample(p: &Profile, ids: (StrId, StrId), i: usize) -> bool {
    p.samples
        .labels(i)
        .iter()
        .any(|l| l.key == ids.0 && l.str == ids.1)
}

/// The label ids marking diff-base samples, or `None` when no sample can carry the mark
/// (not a `-diff_base` profile).
pub fn diff_base_marks(p: &Profile) -> Option<(StrId, StrId)> {
    let find = |s: &str| p.strings.iter().position(|x| x == s).map(|i| i as StrId);
    Some((find(DIFF_BASE_LABEL)?, find(DIFF_BASE_VALUE)?))
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
