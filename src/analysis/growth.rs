//! Leak hunting over a series of snapshots of one program: the total of a sample type
//! (and the allocation rate) over time, and the growth suspects — the nodes of the chosen
//! granularity, after the refinements, ranked by sustained growth ([`trend`]).

pub mod trend;

use super::fast_hash::FastMap;
use super::options::{Granularity, ReportOptions};
use super::top::top;
use crate::analysis::filter::Filters;
use crate::profile::Profile;
pub use trend::{Confidence, Trend, TrendClass};

/// One snapshot of the series: a profile and when it was taken.
#[derive(Clone, Copy, Debug)]
pub struct Snapshot<'a> {
    /// The profile.
    pub profile: &'a Profile,
    /// When it was taken (ns since the Unix epoch): the profile's `time_nanos`, else the
    /// time it was fetched or the file's modification time.
    pub at_nanos: i64,
}

/// What the suspects are computed for.
#[derive(Clone, Debug, Default)]
pub struct GrowthOptions {
    /// The sample type, by name (e.g. "inuse_space"); empty: [`default_type`].
    pub sample_type: String,
    /// Node granularity.
    pub granularity: Granularity,
    /// Refinements applied to every snapshot.
    pub filters: Filters,
    /// pprof's -trim_path and -source_path (they shape file names at file granularities).
    pub trim_path: String,
    /// See `trim_path`.
    pub source_path: String,
}

/// One node's values over the series and what they do.
#[derive(Clone, Debug, PartialEq)]
pub struct Suspect {
    /// The node's name as pprof prints it at this granularity.
    pub name: String,
    /// Flat value in each snapshot (0 where absent).
    pub values: Vec<i64>,
    /// The trend of `values`.
    pub trend: Trend,
    /// Its rise as a share of all the rows' rises (when it rose).
    pub share: Option<f64>,
}

/// The series and its suspects, most suspect first.
#[derive(Clone, Debug, PartialEq)]
pub struct GrowthReport {
    /// The sample type ranked.
    pub sample_type: String,
    /// Its unit.
    pub unit: String,
    /// When each snapshot was taken (ns since the epoch), in order.
    pub times: Vec<i64>,
    /// The total of the sample type in each snapshot (after the refinements).
    pub totals: Vec<i64>,
    /// The trend of the total.
    pub total_trend: Trend,
    /// The largest total in the series (the scale the noise floor is a share of).
    pub scale: i64,
    /// alloc_space allocated per second between consecutive snapshots (heap profiles;
    /// `None` where the counter went down: a restarted program).
    pub alloc_rate: Option<Vec<Option<f64>>>,
    /// Every node with a non-zero value somewhere, most suspect first.
    pub suspects: Vec<Suspect>,
}

/// Why a series cannot be ranked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GrowthError {
    /// No snapshot.
    #[error("no snapshots to compare")]
    Empty,
    /// A snapshot lacks the sample type.
    #[error("snapshot {index} has no {ty} samples (it has {has})")]
    MissingType {
        /// Position in the series (1-based).
        index: usize,
        /// The sample type asked for.
        ty: String,
        /// What it has.
        has: String,
    },
}

/// The sample type a series of `p`'s kind is ranked by: inuse_space for a heap profile,
/// the goroutine count for a goroutine profile, else the profile's default.
pub fn default_type(p: &Profile) -> String {
    let has = |n: &str| p.sample_types.iter().any(|t| t.ty == n);
    if has("inuse_space") {
        "inuse_space".into()
    } else {
        p.sample_types
            .get(p.default_sample_index())
            .map(|t| t.ty.clone())
            .unwrap_or_default()
    }
}

/// Ranks the nodes of `series` (in time order) by sustained growth.
pub fn growth(series: &[Snapshot<'_>], o: &GrowthOptions) -> Result<GrowthReport, GrowthError> {
    let first = series.first().ok_or(GrowthError::Empty)?;
    let ty = if o.sample_type.is_empty() {
        default_type(first.profile)
    } else {
        o.sample_type.clone()
    };
    let n = series.len();
    let mut index: FastMap<String, usize> = FastMap::default();
    let mut rows: Vec<(String, Vec<i64>)> = Vec::new();
    let mut totals = Vec::with_capacity(n);
    let mut unit = String::new();
    for (k, s) in series.iter().enumerate() {
        let p = s.profile;
        let Some(si) = p.sample_types.iter().position(|t| t.ty == ty) else {
            let has: Vec<&str> = p.sample_types.iter().map(|t| t.ty.as_str()).collect();
            return Err(GrowthError::MissingType {
                index: k + 1,
                ty,
                has: has.join(", "),
            });
        };
        unit.clone_from(&p.sample_types[si].unit);
        let opts = ReportOptions {
            granularity: o.granularity,
            filters: o.filters.clone(),
            trim_path: o.trim_path.clone(),
            source_path: o.source_path.clone(),
            ..ReportOptions::untrimmed(si)
        };
        let report = top(p, &opts);
        let mut total = 0i64;
        for row in report.rows {
            total = total.saturating_add(row.flat);
            let at = *index.entry(row.name.clone()).or_insert_with(|| {
                rows.push((row.name, vec![0; n]));
                rows.len() - 1
            });
            rows[at].1[k] = rows[at].1[k].saturating_add(row.flat);
        }
        totals.push(total);
    }
    let secs: Vec<f64> = series
        .iter()
        .map(|s| (s.at_nanos.saturating_sub(first.at_nanos)) as f64 / 1e9)
        .collect();
    let scale = totals
        .iter()
        .copied()
        .map(i64::saturating_abs)
        .max()
        .unwrap_or(0);
    let noise = (scale as f64 * trend::NOISE_SHARE) as i64;
    let total_trend = trend::trend(&secs, &totals, noise);
    let mut suspects: Vec<Suspect> = rows
        .into_iter()
        .filter(|(_, v)| v.iter().any(|&x| x != 0))
        .map(|(name, values)| {
            let mut trend = trend::trend(&secs, &values, noise);
            // Present in one snapshot only: a moment's allocation, no trend.
            if n > 2 && values.iter().filter(|&&x| x != 0).count() < 2 {
                trend.class = TrendClass::Flat;
            }
            Suspect {
                name,
                values,
                trend,
                share: None,
            }
        })
        .collect();
    // Shares of all the growth (the sum of the rows' rises), so that rows that shrank do
    // not make the others' shares exceed 100%.
    let grown: i64 = suspects
        .iter()
        .map(|s| s.trend.net.max(0))
        .fold(0, i64::saturating_add);
    for s in &mut suspects {
        s.share = (grown > 0 && s.trend.net > 0).then(|| s.trend.net as f64 / grown as f64);
    }
    suspects.sort_by(rank_order);
    Ok(GrowthReport {
        sample_type: ty,
        unit,
        times: series.iter().map(|s| s.at_nanos).collect(),
        totals,
        total_trend,
        scale,
        alloc_rate: alloc_rate(series, &secs),
        suspects,
    })
}

/// Suspects first by class (growing, levelled off, grows and releases, flat, shrinking),
/// growing ones by their later half's slope, the others by their net change, then name.
fn rank_order(a: &Suspect, b: &Suspect) -> std::cmp::Ordering {
    let class = |s: &Suspect| match s.trend.class {
        TrendClass::Growing => 0,
        TrendClass::LevelledOff => 1,
        TrendClass::GrowsAndReleases => 2,
        TrendClass::Flat => 3,
        TrendClass::Shrinking => 4,
    };
    class(a).cmp(&class(b)).then_with(|| {
        let key = |s: &Suspect| match s.trend.class {
            TrendClass::Growing => s.trend.recent_per_min,
            TrendClass::GrowsAndReleases => s.trend.range as f64,
            _ => s.trend.net as f64,
        };
        key(b).total_cmp(&key(a)).then_with(|| a.name.cmp(&b.name))
    })
}

/// alloc_space per second between consecutive snapshots of a heap series.
fn alloc_rate(series: &[Snapshot<'_>], secs: &[f64]) -> Option<Vec<Option<f64>>> {
    let totals: Vec<i64> = series
        .iter()
        .map(|s| {
            let i = s
                .profile
                .sample_types
                .iter()
                .position(|t| t.ty == "alloc_space")?;
            Some(super::top::total(s.profile, i))
        })
        .collect::<Option<_>>()?;
    Some(
        totals
            .windows(2)
            .zip(secs.windows(2))
            .map(|(v, t)| {
                let (dv, dt) = (v[1].checked_sub(v[0])?, t[1] - t[0]);
                (dv >= 0 && dt > 0.0).then(|| dv as f64 / dt)
            })
            .collect(),
    )
}

/// The series drawn with the eight block characters, one per value, scaled between the
/// smallest and the largest (all the lowest block when they are equal).
pub fn sparkline(values: &[i64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let lo = values.iter().copied().min().unwrap_or(0);
    let hi = values.iter().copied().max().unwrap_or(0);
    let span = hi as f64 - lo as f64;
    values
        .iter()
        .map(|&v| {
            if span <= 0.0 {
                return BARS[0];
            }
            let k = ((v as f64 - lo as f64) / span * 7.0).round() as usize;
            BARS[k.min(7)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_between_extremes() {
        assert_eq!(sparkline(&[0, 7, 14]), "▁▅█");
        assert_eq!(sparkline(&[3, 3]), "▁▁");
        assert_eq!(sparkline(&[]), "");
        assert_eq!(sparkline(&[i64::MIN, i64::MAX]).chars().count(), 2);
    }
}
