//! Contention profiles (`--- contentionz `, `--- mutex:`, `--- contention:`): `name = value`
//! headers (cycles/second, sampling period, ms since reset), then `cycles count @ 0x…`
//! rows, read as pprof's `parseContention`: counts times the sampling period, delays
//! scaled from cycles to nanoseconds.

use std::sync::OnceLock;

use regex::Regex;

use super::text::hex_addresses;
use super::{Failure, Legacy, cached, is_space_or_comment, lines, maps};

fn sample_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    cached(&RE, || r"([0-9]+) *([0-9]+) @([ x0-9a-f]*)".to_string())
}

/// Parses a (C++ or Go) contention profile.
pub(super) fn parse(data: &[u8]) -> Result<Legacy, Failure> {
    let lines = lines(data);
    let first = lines.first().ok_or(Failure::Unrecognized)?;
    if !["--- contentionz ", "--- mutex:", "--- contention:"]
        .iter()
        .any(|h| first.starts_with(h))
    {
        return Err(Failure::Unrecognized);
    }
    let mut p = Legacy::new(
        vec![("contentions", "count"), ("delay", "nanoseconds")],
        ("contentions", "count"),
    );
    p.period = 1;
    let mut cpu_hz = 0i64;
    let n = lines.len();
    let mut next = 1;
    // The scanner's current line: the one that ended the header ("" at the end).
    let mut current = "";
    while next < n {
        current = &lines[next];
        next += 1;
        let line = current.trim();
        if is_space_or_comment(line) {
            continue;
        }
        if line.starts_with("---") {
            break;
        }
        let Some((key, val)) = line.split_once('=') else {
            break;
        };
        let val = go_parse_int(val.trim()).ok_or(Failure::Unrecognized);
        match key.trim() {
            "cycles/second" => cpu_hz = val?,
            "sampling period" => p.period = val?,
            "ms since reset" => p.duration_nanos = val?.wrapping_mul(1000 * 1000),
            "discarded samples" => {}
            // "format", "resolution": Java profiles; anything else: not this format.
            _ => return Err(Failure::Unrecognized),
        }
        current = "";
    }
    loop {
        let line = current.trim();
        if line.starts_with("---") {
            break;
        }
        if !is_space_or_comment(line) {
            let (values, addrs) = sample(line, p.period, cpu_hz)?;
            let addrs: Vec<u64> = addrs.iter().map(|a| a.wrapping_sub(1)).collect();
            p.push(&addrs, values, None);
        }
        if next >= n {
            current = "";
            break;
        }
        current = &lines[next];
        next += 1;
    }
    let mut rest = lines[next..].iter();
    if !maps::is_sentinel(current) {
        rest.by_ref().find(|l| maps::is_sentinel(l));
    }
    p.maps = maps::parse(rest.map(String::as_str));
    Ok(p)
}

/// One row: its values (contentions, delay), unsampled, and its addresses.
fn sample(line: &str, period: i64, cpu_hz: i64) -> Result<(Vec<i64>, Vec<u64>), Failure> {
    let m = sample_re().captures(line).ok_or(Failure::Unrecognized)?;
    let malformed = |e: String| Failure::Malformed(format!("malformed sample: {line}: {e}"));
    let int = |s: &str| {
        s.parse::<i64>().map_err(|_| {
            malformed(format!(
                "strconv.ParseInt: parsing \"{s}\": value out of range"
            ))
        })
    };
    let (mut cycles, mut count) = (int(&m[1])?, int(&m[2])?);
    if period > 0 {
        if cpu_hz > 0 {
            let ghz = cpu_hz as f64 / 1e9;
            cycles = (cycles as f64 * period as f64 / ghz) as i64;
        }
        count = count.wrapping_mul(period);
    }
    let addrs = hex_addresses(&m[3]).map_err(malformed)?;
    Ok((vec![count, cycles], addrs))
}

/// A number as Go's `strconv.ParseInt(s, 0, 64)` reads it: a sign, then a `0x`, `0o`,
/// `0b` or (octal) `0` prefix, `_` allowed between digits.
pub(super) fn go_parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits, prefixed) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d, true)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d, true)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d, true)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..], true)
    } else {
        (10, lower.as_str(), false)
    };
    if digits.contains('_') {
        // Each `_` follows a digit or the base prefix and precedes a digit.
        let b = digits.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'_' {
                let after_digit = if i == 0 { prefixed } else { b[i - 1] != b'_' };
                if !after_digit || i + 1 >= b.len() || b[i + 1] == b'_' {
                    return None;
                }
            }
        }
    }
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(&digits, radix).ok()?;
    if neg {
        if magnitude > 1u64 << 63 {
            return None;
        }
        Some((magnitude as i64).wrapping_neg())
    } else {
        i64::try_from(magnitude).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_integers() {
        assert_eq!(go_parse_int("100"), Some(100));
        assert_eq!(go_parse_int("0x10"), Some(16));
        assert_eq!(go_parse_int("010"), Some(8));
        assert_eq!(go_parse_int("1_000"), Some(1000));
        assert_eq!(go_parse_int("0x_1"), Some(1));
        assert_eq!(go_parse_int("_1"), None);
        assert_eq!(go_parse_int("-9223372036854775808"), Some(i64::MIN));
        assert_eq!(go_parse_int("9223372036854775808"), None);
        assert_eq!(go_parse_int("09"), None);
        assert_eq!(go_parse_int(""), None);
    }

    #[test]
    fn contention_rows_are_unsampled() {
        let text = b"--- contentionz 1 ---\ncycles/second = 2000000000\nsampling period = 10\n 100 2 @ 0x11 0x21\n--- Memory map: ---\n";
        let p = parse(text).expect("contention").finish();
        assert_eq!(p.samples.values(0), &[20, 500]);
        assert_eq!(p.period, 10);
        // Java contention profiles have a format attribute.
        let java = b"--- contentionz 1 ---\nformat = java\n";
        assert_eq!(parse(java).err(), Some(Failure::Unrecognized));
    }
}
