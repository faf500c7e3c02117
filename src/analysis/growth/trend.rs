//! The trend of one value over a series of snapshots: robust slopes (Theil–Sen, over the
//! whole series and over its later half), Mann–Kendall's test for a monotonic rise, the
//! largest give-back, and the class a leak hunter reads from them.

/// What a series does over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TrendClass {
    /// Still rising in the later half of the series, never giving back much: a leak
    /// suspect.
    Growing,
    /// Rose, then stopped: a one-time warm-up (a cache filled once).
    LevelledOff,
    /// Rose and gave back at least half of its range at some point: a buffer that grows
    /// and is released.
    GrowsAndReleases,
    /// Ends lower than it started by at least half of its range.
    Shrinking,
    /// Moves less than the noise floor.
    Flat,
}

impl TrendClass {
    /// A few words for tables.
    pub fn label(self) -> &'static str {
        match self {
            Self::Growing => "growing",
            Self::LevelledOff => "levelled off",
            Self::GrowsAndReleases => "grows+frees",
            Self::Shrinking => "shrinking",
            Self::Flat => "flat",
        }
    }

    /// The same for JSON and TSV (no spaces or signs).
    pub fn key(self) -> &'static str {
        match self {
            Self::Growing => "growing",
            Self::LevelledOff => "levelled_off",
            Self::GrowsAndReleases => "grows_and_releases",
            Self::Shrinking => "shrinking",
            Self::Flat => "flat",
        }
    }
}

/// How sure the ranking is that a series rises steadily.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Mann–Kendall's one-sided p < 0.01 over at least 6 snapshots, and the later half
    /// rises at least half as fast as the whole.
    High,
    /// p < 0.05 over at least 4 snapshots.
    Medium,
    /// Anything less: too few snapshots, or a rise the noise could explain.
    Low,
}

impl Confidence {
    /// The word shown in tables.
    pub fn label(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
}

/// A change counts only above this share of the series' scale (the largest total in the
/// snapshots): smaller moves are sampling noise.
pub const NOISE_SHARE: f64 = 0.001;
/// A give-back of at least this share of the range means the memory is released.
pub const RELEASE_SHARE: f64 = 0.5;
/// The later half rising slower than this share of the whole series' slope is levelled
/// off.
pub const LEVELLED_SHARE: f64 = 0.25;

/// The statistics of one series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trend {
    /// The class read from the numbers below.
    pub class: TrendClass,
    /// Theil–Sen slope over the whole series, per minute.
    pub slope_per_min: f64,
    /// Theil–Sen slope over the later half (at least 3 snapshots), per minute: the rank.
    pub recent_per_min: f64,
    /// Kendall's tau between time and value (1: always rising).
    pub tau: f64,
    /// Mann–Kendall's one-sided p-value for a rise (small: unlikely to be noise).
    pub p_rise: f64,
    /// Last value minus first.
    pub net: i64,
    /// Largest value minus smallest.
    pub range: i64,
    /// Largest fall from an earlier peak (what was given back).
    pub give_back: i64,
    /// How sure a rise is.
    pub confidence: Confidence,
}

/// The trend of `values` at times `secs` (seconds, increasing; same length). `noise`:
/// moves up to this size are noise.
pub fn trend(secs: &[f64], values: &[i64], noise: i64) -> Trend {
    let n = values.len().min(secs.len());
    let (secs, values) = (&secs[..n], &values[..n]);
    let net = match (values.first(), values.last()) {
        (Some(a), Some(b)) => b.saturating_sub(*a),
        _ => 0,
    };
    let (lo, hi) = values
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let range = if n == 0 { 0 } else { hi.saturating_sub(lo) };
    let give_back = max_give_back(values);
    let slope_per_min = theil_sen(secs, values) * 60.0;
    let half = (n / 2).min(n.saturating_sub(3));
    let recent_per_min = theil_sen(&secs[half..], &values[half..]) * 60.0;
    let (tau, p_rise) = mann_kendall(values);
    let class = if range <= noise.max(0) {
        TrendClass::Flat
    } else if (net as f64) <= -RELEASE_SHARE * range as f64 {
        TrendClass::Shrinking
    } else if give_back as f64 >= RELEASE_SHARE * range as f64 {
        TrendClass::GrowsAndReleases
    } else if net > noise.max(0) {
        if recent_per_min <= 0.0 || recent_per_min <= LEVELLED_SHARE * slope_per_min {
            TrendClass::LevelledOff
        } else {
            TrendClass::Growing
        }
    } else {
        TrendClass::Flat
    };
    let confidence = if n >= 6 && p_rise < 0.01 && recent_per_min >= 0.5 * slope_per_min {
        Confidence::High
    } else if n >= 4 && p_rise < 0.05 {
        Confidence::Medium
    } else {
        Confidence::Low
    };
    Trend {
        class,
        slope_per_min,
        recent_per_min,
        tau,
        p_rise,
        net,
        range,
        give_back,
        confidence,
    }
}

/// The largest fall from an earlier peak.
pub fn max_give_back(values: &[i64]) -> i64 {
    let mut peak = i64::MIN;
    let mut worst = 0i64;
    for &v in values {
        peak = peak.max(v);
        worst = worst.max(peak.saturating_sub(v));
    }
    worst
}

/// Theil–Sen's slope: the median of the slopes between every two points at different
/// times (0 with fewer than two).
pub fn theil_sen(secs: &[f64], values: &[i64]) -> f64 {
    let n = values.len().min(secs.len());
    let mut slopes = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for i in 0..n {
        for j in i + 1..n {
            let dt = secs[j] - secs[i];
            if dt > 0.0 {
                slopes.push((values[j] as f64 - values[i] as f64) / dt);
            }
        }
    }
    median(&mut slopes)
}

/// The median (the mean of the two middle values for an even count); 0 when empty.
fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mid = v.len() / 2;
    let (_, &mut upper, _) = v.select_nth_unstable_by(mid, f64::total_cmp);
    if v.len() % 2 == 1 {
        return upper;
    }
    let lower = v[..mid].iter().copied().fold(f64::MIN, f64::max);
    (lower + upper) / 2.0
}

/// Kendall's tau of the series against its order, and Mann–Kendall's one-sided p-value
/// for a rise (normal approximation with the tie correction and continuity correction).
pub fn mann_kendall(values: &[i64]) -> (f64, f64) {
    let n = values.len();
    if n < 2 {
        return (0.0, 1.0);
    }
    let mut s: i64 = 0;
    for i in 0..n {
        for j in i + 1..n {
            s += (values[j].cmp(&values[i]) as i8) as i64;
        }
    }
    let pairs = (n * (n - 1) / 2) as f64;
    let tau = s as f64 / pairs;
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let ties: f64 = sorted
        .chunk_by(|a, b| a == b)
        .map(|g| {
            let t = g.len() as f64;
            t * (t - 1.0) * (2.0 * t + 5.0)
        })
        .sum();
    let nf = n as f64;
    let var = (nf * (nf - 1.0) * (2.0 * nf + 5.0) - ties) / 18.0;
    if var <= 0.0 {
        return (tau, if s > 0 { 0.0 } else { 1.0 });
    }
    let z = match s.signum() {
        1 => (s - 1) as f64 / var.sqrt(),
        -1 => (s + 1) as f64 / var.sqrt(),
        _ => 0.0,
    };
    (tau, upper_tail(z))
}

/// P(Z > z) for a standard normal Z.
fn upper_tail(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// The complementary error function (Chebyshev fit, relative error below 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: usize) -> Vec<f64> {
        (0..n).map(|i| i as f64).collect()
    }

    #[test]
    fn theil_sen_ignores_an_outlier() {
        let v = [0, 10, 20, 30, 1000, 50, 60];
        assert_eq!(theil_sen(&secs(7), &v), 10.0);
    }

    #[test]
    fn steady_rise_is_growing_with_high_confidence() {
        let v: Vec<i64> = (0..12).map(|i| i * 320 + (i % 3) * 15).collect();
        let t = trend(&secs(12), &v, 10);
        assert_eq!(t.class, TrendClass::Growing);
        assert_eq!(t.confidence, Confidence::High);
        assert!(t.tau > 0.9, "{t:?}");
        assert!(
            (t.slope_per_min - 320.0 * 60.0).abs() < 60.0 * 20.0,
            "{t:?}"
        );
    }

    #[test]
    fn warm_up_that_stops_is_levelled_off() {
        let v = [2, 8, 14, 20, 24, 24, 24, 24, 24, 24, 24, 24];
        let t = trend(&secs(12), &v, 0);
        assert_eq!(t.class, TrendClass::LevelledOff, "{t:?}");
        assert_eq!(t.recent_per_min, 0.0);
    }

    #[test]
    fn sawtooth_grows_and_releases() {
        let v = [2, 7, 12, 4, 9, 2, 7, 12, 4, 9, 2, 7, 12, 5];
        let t = trend(&secs(14), &v, 0);
        assert_eq!(t.class, TrendClass::GrowsAndReleases, "{t:?}");
        assert_eq!(t.give_back, 10);
    }

    #[test]
    fn falling_series_is_shrinking_and_tiny_moves_are_flat() {
        let t = trend(&secs(5), &[10, 8, 6, 4, 2], 0);
        assert_eq!(t.class, TrendClass::Shrinking);
        assert!(t.p_rise > 0.9);
        let t = trend(&secs(5), &[100, 101, 100, 102, 101], 5);
        assert_eq!(t.class, TrendClass::Flat);
    }

    #[test]
    fn late_start_is_growing() {
        let v = [0, 0, 0, 0, 0, 0, 5, 10, 15, 20, 25, 30];
        let t = trend(&secs(12), &v, 0);
        assert_eq!(t.class, TrendClass::Growing, "{t:?}");
    }

    #[test]
    fn short_and_degenerate_series_do_not_panic() {
        for v in [&[][..], &[5][..], &[5, 5][..], &[i64::MIN, i64::MAX][..]] {
            let t = trend(&secs(v.len()), v, 0);
            assert!(t.slope_per_min.is_finite(), "{v:?}: {t:?}");
            assert_eq!(t.confidence, Confidence::Low);
        }
        let t = trend(&[0.0, 0.0, 0.0], &[1, 2, 3], 0);
        assert_eq!(t.slope_per_min, 0.0);
    }

    #[test]
    fn mann_kendall_p_values_follow_the_normal_table() {
        // n = 10, strictly rising: S = 45, var = 125, z = 44 / 11.18 = 3.94.
        let (tau, p) = mann_kendall(&(0..10).collect::<Vec<_>>());
        assert_eq!(tau, 1.0);
        assert!((p - 4.2e-5).abs() < 1e-5, "{p}");
        assert!((upper_tail(1.959_964) - 0.025).abs() < 1e-6);
        assert!((upper_tail(-1.0) - 0.841_344_7).abs() < 1e-6);
    }
}
