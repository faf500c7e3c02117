//! Values and percentages for narrow columns: each value scaled on its own (B…EB,
//! ns…h, counts with k…E) to at most four integer digits with its unit, percentages
//! without scientific notation ("<0.01%"), signs kept — so a number always fits its
//! column and always says what it counts. The text reports keep pprof's formats
//! (`units`); this is the explorer's.

/// Widest string [`value`] returns.
pub const VALUE_WIDTH: usize = 8;
/// Widest string [`percent`] returns.
pub const PERCENT_WIDTH: usize = 7;

/// What a sample type's unit measures.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Bytes,
    Nanos(f64),
    Count,
}

fn kind(unit: &str) -> Kind {
    let u = unit.to_ascii_lowercase();
    let u = u.strip_suffix('s').filter(|s| s.len() > 1).unwrap_or(&u);
    match u {
        "byte" | "b" | "kb" | "mb" | "gb" | "tb" | "pb" => Kind::Bytes,
        "nanosecond" | "ns" => Kind::Nanos(1.0),
        "microsecond" | "us" | "µs" | "μs" => Kind::Nanos(1e3),
        "millisecond" | "ms" => Kind::Nanos(1e6),
        "second" | "sec" => Kind::Nanos(1e9),
        _ => Kind::Count,
    }
}

fn factor_of_bytes(unit: &str) -> f64 {
    match unit.to_ascii_lowercase().trim_end_matches('s') {
        "kb" => 1024.0,
        "mb" => 1048576.0,
        "gb" => 1073741824.0,
        "tb" => 1099511627776.0,
        "pb" => 1125899906842624.0,
        _ => 1.0,
    }
}

/// The scales of a kind, smallest first: (factor, suffix).
fn scales(k: Kind) -> &'static [(f64, &'static str)] {
    match k {
        Kind::Bytes => &[
            (1.0, "B"),
            (1024.0, "kB"),
            (1048576.0, "MB"),
            (1073741824.0, "GB"),
            (1099511627776.0, "TB"),
            (1125899906842624.0, "PB"),
            (1152921504606846976.0, "EB"),
        ],
        Kind::Nanos(_) => &[
            (1.0, "ns"),
            (1e3, "µs"),
            (1e6, "ms"),
            (1e9, "s"),
            (60e9, "min"),
            (3600e9, "h"),
            (86400e9, "d"),
        ],
        Kind::Count => &[
            (1.0, ""),
            (1e3, "k"),
            (1e6, "M"),
            (1e9, "G"),
            (1e12, "T"),
            (1e15, "P"),
            (1e18, "E"),
        ],
    }
}

/// `v` (in `unit`, a sample type's unit) scaled to at most four integer digits: "0",
/// "512B", "1.72MB", "82.3GB", "310ms", "1.5min", "12.3k", "-4kB". At most
/// [`VALUE_WIDTH`] characters.
pub fn value(v: i64, unit: &str) -> String {
    if v == 0 {
        return "0".into();
    }
    let k = kind(unit);
    let base = match k {
        Kind::Bytes => factor_of_bytes(unit),
        Kind::Nanos(f) => f,
        Kind::Count => 1.0,
    };
    let x = (v as f64).abs() * base;
    let list = scales(k);
    let (f, suffix) = list
        .iter()
        .rev()
        .find(|(f, _)| x >= *f)
        .copied()
        .unwrap_or(list[0]);
    let n = x / f;
    let digits = if f == 1.0 && n.fract() == 0.0 {
        format!("{n:.0}")
    } else if n < 9.995 {
        format!("{n:.2}")
    } else if n < 99.95 {
        format!("{n:.1}")
    } else {
        format!("{n:.0}")
    };
    // "4.00kB" reads "4kB", "1.50min" reads "1.5min".
    let digits = if digits.contains('.') {
        digits.trim_end_matches('0').trim_end_matches('.')
    } else {
        &digits
    };
    let sign = if v < 0 { "-" } else { "" };
    format!("{sign}{digits}{suffix}")
}

/// `v` exactly, with the suffix of the sample type's own unit when it has a short one
/// ("86293262B", "310000000ns", "1234").
pub fn exact(v: i64, unit: &str) -> String {
    let suffix = match kind(unit) {
        Kind::Bytes if factor_of_bytes(unit) == 1.0 => "B",
        Kind::Nanos(1.0) => "ns",
        Kind::Nanos(1e3) => "µs",
        Kind::Nanos(1e6) => "ms",
        Kind::Nanos(_) => "s",
        _ => "",
    };
    format!("{v}{suffix}")
}

/// `v` as a share of `total`: "100%", "12.34%", "<0.01%", "0%", "-3.20%"; at most
/// [`PERCENT_WIDTH`] characters (shares above 9999% read ">9999%").
pub fn percent(v: i64, total: i64) -> String {
    if v == 0 || total == 0 {
        return "0%".into();
    }
    let r = v as f64 / total as f64 * 100.0;
    let sign = if r < 0.0 { "-" } else { "" };
    let a = r.abs();
    if a < 0.005 {
        return format!("{sign}<0.01%");
    }
    if a > 9999.0 {
        return format!("{sign}>9999%");
    }
    if a >= 99.995 {
        return format!("{sign}{a:.0}%");
    }
    format!("{sign}{a:.2}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_unit_and_fit() {
        let cases = [
            (0, "bytes", "0"),
            (512, "bytes", "512B"),
            (1_803_206, "bytes", "1.72MB"),
            (86_293_262, "bytes", "82.3MB"),
            (750_649_243_500, "bytes", "699GB"),
            (1_073_741_824_000, "bytes", "1000GB"),
            (i64::MAX, "bytes", "8EB"),
            (-4096, "bytes", "-4kB"),
            (310_000_000, "nanoseconds", "310ms"),
            (90_000_000_000, "nanoseconds", "1.5min"),
            (7_200_000_000_000, "nanoseconds", "2h"),
            (5_000_000_000_000_000, "nanoseconds", "57.9d"),
            (999, "count", "999"),
            (12_345, "count", "12.3k"),
            (114_100_925, "count", "114M"),
            (i64::MIN, "count", "-9.22E"),
            (31, "samples", "31"),
            (3, "ms", "3ms"),
        ];
        for (v, unit, want) in cases {
            let got = value(v, unit);
            assert_eq!(got, want, "{v} {unit}");
            assert!(got.chars().count() <= VALUE_WIDTH, "{got}");
        }
    }

    #[test]
    fn percentages_never_use_scientific_notation() {
        let cases = [
            (0, 10, "0%"),
            (10, 10, "100%"),
            (1, 3, "33.33%"),
            (1, 1_000_000, "<0.01%"),
            (-1, 1_000_000, "-<0.01%"),
            (-32, 1000, "-3.20%"),
            (5, 0, "0%"),
            (i64::MAX, 1, ">9999%"),
        ];
        for (v, t, want) in cases {
            let got = percent(v, t);
            assert_eq!(got, want, "{v}/{t}");
            assert!(got.chars().count() <= PERCENT_WIDTH, "{got}");
            assert!(!got.contains('e'), "{got}");
        }
    }
}
