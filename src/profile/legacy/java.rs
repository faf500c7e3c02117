//! Java profiles as pprof's `legacy_java_profile.go` reads them: heap (`--- heapz 1 ---`)
//! and contention (`--- contentionz 1 ---`) text with `name = value` attributes, then
//! `value count @ 0x…` rows, then `0x… function (file:line)` location lines. Locations
//! get their function and line and lose their addresses; there is no memory map.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::text::{hex_addresses, scale_heap_sample};
use super::{Failure, Legacy, cached};

/// Spaces as Go's `\s` (ASCII only).
const SP: &str = r"[\t\n\x0C\r ]";

fn re(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cached(cell, pattern)
}

fn attribute() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, || r"([0-9A-Za-z_ ]+)=([0-9A-Za-z_ ]+)".into())
}

fn sample_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, || r" *([0-9]+) +([0-9]+) +@ +([ x0-9a-f]*)".into())
}

fn location_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, || format!(r"^{SP}*0x([[:xdigit:]]+){SP}+(.*){SP}*$"))
}

fn file_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, || format!(r"^(.*){SP}+\((.+):(-?[0-9]+)\)$"))
}

fn path_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, || format!(r"^(.*){SP}+\((.*)\)$"))
}

/// pprof's `allocRxStr`: allocator frames dropped from heap profiles.
pub(super) const ALLOC_DROP: &str = concat!(
    r"calloc|cfree|malloc|free|memalign|do_memalign|(__)?posix_memalign|pvalloc|valloc|",
    r"realloc|tcmalloc::.*|tc_calloc|tc_cfree|tc_malloc|tc_free|tc_memalign|",
    r"tc_posix_memalign|tc_pvalloc|tc_valloc|tc_realloc|tc_new|tc_delete|tc_newarray|",
    r"tc_deletearray|tc_new_nothrow|tc_newarray_nothrow|malloc_zone_malloc|",
    r"malloc_zone_calloc|malloc_zone_valloc|malloc_zone_realloc|malloc_zone_memalign|",
    r"malloc_zone_free|runtime\..*|BaseArena::.*|(::)?do_malloc_no_errno|",
    r"(::)?do_malloc_pages|(::)?do_malloc|DoSampledAllocation|",
    r"MallocedMemBlock::MallocedMemBlock|_M_allocate|__builtin_(vec_)?delete|",
    r"__builtin_(vec_)?new|__gnu_cxx::new_allocator::allocate|__libc_malloc|",
    r"__malloc_alloc_template::allocate|allocate|cpp_alloc|operator new(\[\])?|",
    r"simple_alloc::allocate",
);

/// pprof's `allocSkipRxStr`: Go runtime frames kept in heap profiles.
pub(super) const ALLOC_KEEP: &str = r"runtime\.panic|runtime\.reflectcall|runtime\.call[0-9]*";

/// pprof's `cpuProfilerRxStr`.
pub(super) const CPU_DROP: &str = "ProfileData::Add|ProfileData::prof_handler|\
     CpuProfiler::prof_handler|__pthread_sighandler|__restore";

/// pprof's `lockRxStr`: lock-profiling frames dropped from contention profiles.
pub(super) const LOCK_DROP: &str = concat!(
    r"RecordLockProfileData|(base::)?RecordLockProfileData.*|",
    r"(base::)?SubmitMutexProfileData.*|(base::)?SubmitSpinLockProfileData.*|",
    r"(base::Mutex::)?AwaitCommon.*|(base::Mutex::)?Unlock.*|(base::Mutex::)?UnlockSlow.*|",
    r"(base::Mutex::)?ReaderUnlock.*|(base::MutexLock::)?~MutexLock.*|",
    r"(Mutex::)?AwaitCommon.*|(Mutex::)?Unlock.*|(Mutex::)?UnlockSlow.*|",
    r"(Mutex::)?ReaderUnlock.*|(MutexLock::)?~MutexLock.*|(SpinLock::)?Unlock.*|",
    r"(SpinLock::)?SlowUnlock.*|(SpinLockHolder::)?~SpinLockHolder.*",
);

/// pprof's `addLegacyFrameInfo`, from the sample types.
pub(super) fn frame_info(p: &mut Legacy) {
    let types: Vec<&str> = p.sample_types.iter().map(|(t, _)| t.as_str()).collect();
    (p.drop_frames, p.keep_frames) = match types[..] {
        ["allocations", "size"]
        | ["objects", "space"]
        | ["inuse_objects", "inuse_space"]
        | ["alloc_objects", "alloc_space"]
        | [
            "alloc_objects",
            "alloc_space",
            "inuse_objects",
            "inuse_space",
        ] => (ALLOC_DROP, ALLOC_KEEP),
        ["contentions", "delay"] => (LOCK_DROP, ""),
        _ => (CPU_DROP, ""),
    };
}

/// The lines of `b` that end in `\n` (a last line without one is not among them), and
/// the rest after them.
fn whole_lines(b: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut rest = b;
    std::iter::from_fn(move || {
        let at = rest.iter().position(|&c| c == b'\n')?;
        let (line, after) = (&rest[..at], &rest[at + 1..]);
        let before = rest;
        rest = after;
        Some((line, before))
    })
}

/// Go's `strings.TrimSpace` of bytes, as text.
fn trimmed(line: &[u8]) -> String {
    String::from_utf8_lossy(line).trim().to_string()
}

/// Parses a Java heap or contention profile.
pub(super) fn parse(data: &[u8]) -> Result<Legacy, Failure> {
    let Some(nl) = data.iter().position(|&c| c == b'\n') else {
        return Err(Failure::Unrecognized);
    };
    let heap = match trimmed(&data[..nl]).as_str() {
        "--- heapz 1 ---" => true,
        "--- contentionz 1 ---" => false,
        _ => return Err(Failure::Unrecognized),
    };
    let mut p = Legacy::new(Vec::new(), ("", ""));
    p.java = true;
    let mut b = &data[nl + 1..];
    // The header: `name = value` lines.
    let mut at_end = true;
    for (line, from) in whole_lines(b) {
        let line = trimmed(line);
        if line.is_empty() {
            continue;
        }
        let Some(h) = attribute().captures(&line) else {
            b = from;
            at_end = false;
            break;
        };
        let (name, value) = (h[1].trim(), h[2].trim());
        let bad = |e: &str| Failure::Malformed(format!("failed to parse attribute {line}: {e}"));
        match (heap, name) {
            (_, "format") if value != "java" => return Err(Failure::Unrecognized),
            (_, "format") => {}
            (true, "resolution") => {
                p.sample_types = vec![
                    ("inuse_objects".into(), "count".into()),
                    ("inuse_space".into(), value.into()),
                ];
            }
            (false, "resolution") => {
                p.sample_types = vec![
                    ("contentions".into(), "count".into()),
                    ("delay".into(), value.into()),
                ];
            }
            (false, "sampling period") => {
                p.period_type = Some(("contentions".into(), "count".into()));
                p.period = super::contention::go_parse_int(value)
                    .ok_or_else(|| bad(&parse_int_error(value)))?;
            }
            (false, "ms since reset") => {
                let ms = super::contention::go_parse_int(value)
                    .ok_or_else(|| bad(&parse_int_error(value)))?;
                p.duration_nanos = ms.wrapping_mul(1000 * 1000);
            }
            _ => return Err(Failure::Unrecognized),
        }
    }
    if at_end {
        b = &b[b.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1)..];
    }
    // The samples.
    let mut at_end = true;
    for (line, from) in whole_lines(b) {
        let line = trimmed(line);
        if line.is_empty() {
            continue;
        }
        let Some(m) = sample_re().captures(&line) else {
            b = from;
            at_end = false;
            break;
        };
        let addrs = hex_addresses(&m[3])
            .map_err(|e| Failure::Malformed(format!("malformed sample: {line}: {e}")))?;
        let int = |s: &str| {
            super::contention::go_parse_int(s).ok_or_else(|| {
                Failure::Malformed(format!("parsing sample {line}: {}", parse_int_error(s)))
            })
        };
        // Java rows have the count second.
        let (mut count, mut value) = (int(&m[2])?, int(&m[1])?);
        let mut bytes = None;
        if heap {
            if count == 0 {
                return Err(Failure::Malformed(format!(
                    "parsing sample {line}: second value must be non-zero"
                )));
            }
            bytes = Some(value.wrapping_div(count));
            (count, value) = scale_heap_sample(count, value, 524288);
        } else if p.period != 0 {
            count = count.wrapping_mul(p.period);
            value = value.wrapping_mul(p.period);
        }
        p.push(&addrs, vec![count, value], bytes);
    }
    if at_end {
        b = &b[b.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1)..];
    }
    locations(b, &mut p)?;
    if p.sample_types.is_empty() && !p.samples.is_empty() {
        return Err(Failure::Malformed("missing sample type information".into()));
    }
    frame_info(&mut p);
    Ok(p)
}

/// The error of Go's `strconv.ParseInt(s, 0, 64)` for `s`.
fn parse_int_error(s: &str) -> String {
    let digits = s.trim_start_matches(['+', '-']);
    let in_range = !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit());
    let why = if in_range {
        "value out of range"
    } else {
        "invalid syntax"
    };
    format!("strconv.ParseInt: parsing \"{s}\": {why}")
}

/// The location lines (`0x… function (file:line)`): each used address gets its function
/// and line.
pub(super) fn locations(b: &[u8], p: &mut Legacy) -> Result<(), Failure> {
    let text = String::from_utf8_lossy(b);
    let mut fns: HashMap<String, u32> = HashMap::new();
    for line in text.split_inclusive('\n') {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some(j) = location_re().captures(line) else {
            continue;
        };
        let addr = u64::from_str_radix(&j[1], 16).map_err(|_| {
            Failure::Malformed(format!(
                "parsing sample {line}: strconv.ParseUint: parsing \"{}\": value out of range",
                &j[1]
            ))
        })?;
        let Some(&loc) = p.by_address.get(&addr) else {
            continue;
        };
        let rest = &j[2];
        let (func, file, line_no) = if let Some(f) = file_line_re().captures(rest) {
            let n = f[3].parse::<i64>().ok().filter(|&n| n > 0).unwrap_or(0);
            (f[1].to_string(), f[2].to_string(), n)
        } else if let Some(f) = path_re().captures(rest) {
            (f[1].to_string(), go_base(&f[2]), 0)
        } else if rest.contains("generated stub/JIT") {
            ("STUB".to_string(), String::new(), 0)
        } else {
            (rest.to_string(), String::new(), 0)
        };
        let f = *fns.entry(func.clone()).or_insert_with(|| {
            p.functions.push((func, file));
            p.functions.len() as u32 - 1
        });
        p.frames.insert(loc, (f, line_no));
    }
    Ok(())
}

/// Go's `filepath.Base` (Unix).
fn go_base(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let t = path.trim_end_matches('/');
    if t.is_empty() {
        return "/".into();
    }
    t.rsplit('/').next().unwrap_or(t).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_heap_locations_get_functions_and_lose_addresses() {
        let text = b"--- heapz 1 ---\nformat = java\nresolution = bytes\n 64 2 @ 0x1 0x2\n\n 0x1 a.B.c (B.java:7)\n 0x2 /lib/x.so (/lib/x.so)\n";
        let p = parse(text).expect("java heap").finish();
        assert_eq!(p.sample_types[1].unit, "bytes");
        assert_eq!(p.functions.len(), 2);
        assert_eq!(p.functions[0].name, "a.B.c");
        assert_eq!(p.lines[0].line, 7);
        assert!(
            p.locations
                .iter()
                .all(|l| l.address == 0 && l.mapping.is_none())
        );
        assert_eq!(p.drop_frames, ALLOC_DROP);
        assert_eq!(go_base("/a/b/"), "b");
        assert_eq!(go_base(""), ".");
        let bad = b"--- heapz 1 ---\nformat = cpp\n";
        assert_eq!(parse(bad).err(), Some(Failure::Unrecognized));
    }
}
