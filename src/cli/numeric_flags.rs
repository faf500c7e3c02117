//! clap value parsers for the numeric flags: each value is checked against a documented
//! range when the command line is parsed, so nothing computed from it later (caps in
//! bytes, durations, deadlines) can overflow, and a bad value is a one-line usage error
//! naming the flag and the range (exit 2).

/// The longest duration a flag accepts: one week, in seconds (`--seconds`, `--timeout`,
/// `--watch`).
pub const MAX_SECONDS: u64 = 7 * 24 * 3600;

/// The largest cap a flag accepts: 1 TiB, in MiB (`--max-decompressed-mib`,
/// `--max-memory-mib`).
pub const MAX_MIB: u64 = 1 << 20;

/// A whole number in `lo..=hi` (decimal digits only; no sign, space, fraction or
/// exponent); `what` says what it counts in the message.
fn whole(s: &str, lo: u64, hi: u64, what: &str) -> Result<u64, String> {
    let range = format!("a whole number of {what} from {lo} to {hi}");
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(range);
    }
    match s.parse::<u64>() {
        Ok(v) if (lo..=hi).contains(&v) => Ok(v),
        _ => Err(range),
    }
}

/// A duration in seconds, 0 to [`MAX_SECONDS`] (0 means unset, as in pprof).
pub fn seconds(s: &str) -> Result<u64, String> {
    whole(s, 0, MAX_SECONDS, "seconds (one week at most; 0: not set)")
}

/// A cap in MiB, 1 to [`MAX_MIB`].
pub fn mib(s: &str) -> Result<u64, String> {
    whole(s, 1, MAX_MIB, "MiB (1 TiB at most)")
}

/// A node count (0: no limit); any whole number up to the largest the machine holds.
pub fn count(s: &str) -> Result<usize, String> {
    let v = whole(s, 0, usize::MAX as u64, "nodes (0: every node)")?;
    usize::try_from(v).map_err(|e| e.to_string())
}

/// How many snapshots `--growth --watch` fetches: 2 to 100000.
pub fn snapshot_count(s: &str) -> Result<usize, String> {
    let v = whole(s, 2, 100_000, "snapshots (2 to 100000)")?;
    usize::try_from(v).map_err(|e| e.to_string())
}

/// How many snapshots a series keeps (0: every one); at most 1000000.
pub fn keep_count(s: &str) -> Result<usize, String> {
    let v = whole(s, 0, 1_000_000, "snapshots (0: every one; 1000000 at most)")?;
    usize::try_from(v).map_err(|e| e.to_string())
}

/// A fraction of the total: a finite number from 0 to 1.
pub fn fraction(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err("a number from 0 to 1 (a fraction of the total)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(seconds("0"), Ok(0));
        assert_eq!(seconds("604800"), Ok(MAX_SECONDS));
        for bad in [
            "604801",
            "-1",
            "+1",
            " 1",
            "1.5",
            "1e3",
            "",
            "18446744073709551616",
        ] {
            assert!(seconds(bad).is_err(), "{bad:?}");
        }
        assert_eq!(mib("1048576"), Ok(MAX_MIB));
        assert!(mib("0").is_err() && mib("1048577").is_err());
        assert_eq!(count("18446744073709551615"), Ok(usize::MAX));
        assert_eq!(fraction("0.005"), Ok(0.005));
        for bad in ["NaN", "inf", "-0.1", "1.01", "1e309", "x"] {
            assert!(fraction(bad).is_err(), "{bad:?}");
        }
    }
}
