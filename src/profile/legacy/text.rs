//! Text profiles: heap and growth profiles (`heap profile: …`, with pprof's scaling of
//! sampled heap values) and Go count profiles (`threadcreate profile: total N`).

use std::sync::OnceLock;

use regex::Regex;

use super::{Failure, Legacy, cached, is_space_or_comment, lines, maps};

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cached(cell, || pattern.to_string())
}

/// `heap profile: inuse_n: inuse_bytes [alloc_n: alloc_bytes] @ kind[/rate]`.
fn heap_header() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"heap profile: *([0-9]+): *([0-9]+) *\[ *([0-9]+): *([0-9]+) *\] *@ *(heap[_a-z0-9]*)/?([0-9]*)",
    )
}

/// The header of a growth (`@ growthz`) or fragmentation (`@ fragmentationz`) profile.
fn other_heap_header() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"heap profile: *[0-9]+: *[0-9]+ *\[ *[0-9]+: *[0-9]+ *\] @ (?:growthz?|fragmentationz?)",
    )
}

/// `inuse_n: inuse_bytes [alloc_n: alloc_bytes] @ 0x… 0x…`.
fn heap_sample() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(-?[0-9]+): *(-?[0-9]+) *\[ *([0-9]+): *([0-9]+) *\] @([ x0-9a-f]*)",
    )
}

/// Parses a heap or growth text profile.
pub(super) fn parse_heap(data: &[u8]) -> Result<Legacy, Failure> {
    let lines = lines(data);
    let first = lines.first().ok_or(Failure::Unrecognized)?;
    let (v2, period, has_alloc) = if let Some(h) = heap_header().captures(first) {
        let rate = match &h[6] {
            "" => 0,
            r => r.parse::<i64>().map_err(|_| Failure::Unrecognized)?,
        };
        let differs = |a: usize, b: usize| h[a] != h[b] && &h[a] != "0";
        let has_alloc = differs(3, 1) || differs(4, 2);
        match &h[5] {
            "heapz_v2" | "heap_v2" => (true, rate, has_alloc),
            "heapprofile" => (false, 1, has_alloc),
            // Go's runtime writes twice its MemProfileRate.
            "heap" => (true, rate / 2, has_alloc),
            _ => return Err(Failure::Unrecognized),
        }
    } else if other_heap_header().is_match(first) {
        (false, 1, false)
    } else {
        return Err(Failure::Unrecognized);
    };
    let types: &[&str] = if has_alloc {
        // Alloc before inuse, so that the default (last) type is inuse_space.
        &[
            "alloc_objects",
            "alloc_space",
            "inuse_objects",
            "inuse_space",
        ]
    } else {
        &["objects", "space"]
    };
    let types = types
        .iter()
        .map(|t| {
            (
                *t,
                if t.ends_with("objects") {
                    "count"
                } else {
                    "bytes"
                },
            )
        })
        .collect();
    let mut p = Legacy::new(types, ("space", "bytes"));
    p.period = period;
    let mut rest = lines[1..].iter();
    for line in rest.by_ref() {
        let line = line.trim();
        if is_space_or_comment(line) {
            continue;
        }
        if maps::is_sentinel(line) {
            p.maps = maps::parse(rest.by_ref().map(String::as_str));
            break;
        }
        let (values, bytes, addresses) = heap_line(line, period, v2, has_alloc)?;
        let addresses: Vec<u64> = addresses.iter().map(|a| a.wrapping_sub(1)).collect();
        p.push(&addresses, values, Some(bytes));
    }
    Ok(p)
}

/// One heap sample: its values (scaled), the block size label and its addresses.
fn heap_line(
    line: &str,
    rate: i64,
    v2: bool,
    has_alloc: bool,
) -> Result<(Vec<i64>, i64, Vec<u64>), Failure> {
    let m = heap_sample().captures(line).ok_or_else(|| {
        Failure::Malformed("unexpected number of sample values: got 0, want 6".into())
    })?;
    let malformed = |e: String| Failure::Malformed(format!("malformed sample: {line}: {e}"));
    let mut values = Vec::with_capacity(4);
    let mut block = 0;
    let mut add = |count: &str, size: &str, what: &str| -> Result<(), Failure> {
        let count: i64 = count.parse().map_err(|e| malformed(format!("{e}")))?;
        let size: i64 = size.parse().map_err(|e| malformed(format!("{e}")))?;
        if count == 0 && size != 0 {
            return Err(Failure::Malformed(format!(
                "{what} count was 0 but {what} bytes was {size}"
            )));
        }
        let (mut count, mut size) = (count, size);
        if count != 0 {
            block = size / count;
            if v2 {
                (count, size) = scale_heap_sample(count, size, rate);
            }
        }
        values.extend([count, size]);
        Ok(())
    };
    if has_alloc {
        add(&m[3], &m[4], "allocation")?;
    }
    add(&m[1], &m[2], "inuse")?;
    let addresses = hex_addresses(&m[5]).map_err(malformed)?;
    Ok((values, block, addresses))
}

/// Every `0x…` number of `s`.
pub(super) fn hex_addresses(s: &str) -> Result<Vec<u64>, String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, "0x[0-9a-f]+")
        .find_iter(s)
        .map(|m| {
            u64::from_str_radix(&m.as_str()[2..], 16)
                .map_err(|_| format!("failed to parse as hex 64-bit number: {}", m.as_str()))
        })
        .collect()
}

/// pprof's estimate of the unsampled heap values: a sample of average size S taken with
/// mean rate R had probability 1 - e^(-S/R), so both values are divided by that.
pub(super) fn scale_heap_sample(count: i64, size: i64, rate: i64) -> (i64, i64) {
    if count == 0 || size == 0 {
        return (0, 0);
    }
    if rate <= 1 {
        return (count, size);
    }
    let avg = size as f64 / count as f64;
    let scale = 1.0 / (1.0 - (-avg / rate as f64).exp());
    ((count as f64 * scale) as i64, (size as f64 * scale) as i64)
}

/// Parses a Go count profile (`threadcreate profile: total 7`, then `N @ 0x… 0x…`).
pub(super) fn parse_count(data: &[u8]) -> Result<Legacy, Failure> {
    static START: OnceLock<Regex> = OnceLock::new();
    static ROW: OnceLock<Regex> = OnceLock::new();
    let lines = lines(data);
    let at = lines.iter().position(|l| !is_space_or_comment(l));
    let first = at.map_or("", |i| lines[i].as_str());
    let start = re(&START, r"\A([^\t\n\x0C\r ]+) profile: total [0-9]+\z");
    let ty = start.captures(first).ok_or(Failure::Unrecognized)?[1].to_string();
    let mut p = Legacy::new(vec![(ty.as_str(), "count")], (&ty, "count"));
    p.period = 1;
    let malformed = || Failure::Malformed("malformed profile format".into());
    let mut rest = lines[at.map_or(lines.len(), |i| i + 1)..].iter();
    for line in rest.by_ref() {
        if is_space_or_comment(line) {
            continue;
        }
        if line.starts_with("---") {
            if !maps::is_sentinel(line) {
                rest.by_ref().find(|l| maps::is_sentinel(l));
            }
            break;
        }
        let m = re(&ROW, r"\A([0-9]+) @((?: 0x[0-9a-f]+)+)\z")
            .captures(line)
            .ok_or_else(malformed)?;
        let n = go_int(&m[1]).ok_or_else(malformed)?;
        let addresses = m[2]
            .split_whitespace()
            .map(|a| Some(u64::from_str_radix(&a[2..], 16).ok()?.wrapping_sub(1)))
            .collect::<Option<Vec<u64>>>()
            .ok_or_else(malformed)?;
        p.push(&addresses, vec![n], None);
    }
    p.maps = maps::parse(rest.map(String::as_str));
    Ok(p)
}

/// A decimal number as Go's `ParseInt(s, 0, 64)` reads it (a leading 0 means octal).
fn go_int(s: &str) -> Option<i64> {
    match s.strip_prefix('0') {
        Some(oct) if !oct.is_empty() => i64::from_str_radix(oct, 8).ok(),
        _ => s.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_samples_are_scaled_by_their_sampling_probability() {
        assert_eq!(scale_heap_sample(0, 0, 524288), (0, 0));
        assert_eq!(scale_heap_sample(3, 96, 1), (3, 96));
        // One 2-byte block at rate 512 KiB: scale ≈ 262144.5 (truncated after multiplying).
        assert_eq!(scale_heap_sample(1, 2, 524288), (262144, 524289));
        let heap = b"heap profile: 1: 2 [3: 4] @ heap/1048576\n1: 2 [3: 4] @ 0x1 0x2\n";
        let p = parse_heap(heap).expect("heap").finish();
        assert_eq!(p.sample_types.len(), 4);
        assert_eq!(p.locations.len(), 2);
        assert_eq!(p.locations[0].address, 0);
    }

    #[test]
    fn count_profiles_read_go_numbers() {
        assert_eq!(go_int("010"), Some(8));
        assert_eq!(go_int("0"), Some(0));
        assert_eq!(go_int("09"), None);
        let text = b"threadcreate profile: total 2\n2 @ 0x10 0x20\n# comment\n";
        let p = parse_count(text).expect("count").finish();
        assert_eq!(p.sample_types[0].ty, "threadcreate");
        assert_eq!(p.samples.values(0), &[2]);
        assert!(matches!(
            parse_count(b"threadcreate profile: total 1\nbad\n"),
            Err(Failure::Malformed(_))
        ));
    }
}
