//! The memory map that ends a legacy profile (`/proc/self/maps` lines or the brief
//! `start-end: file` form, `name=value` substitutions, glog prefixes), and how pprof fits
//! it to the profile: adjacent pieces joined, the main binary first, each address given
//! its mapping (or one catch-all mapping).

use std::sync::OnceLock;

use regex::Regex;

use super::super::model::Mapping;
use super::cached;

/// Spaces as Go's `\s` (ASCII only).
const SP: &str = r"[\t\n\x0C\r ]";

/// `start-end` (hex, optional `0x`, `-` or a space between, optional `:` after) and an
/// optional permission field: the common head of both map line forms.
fn head() -> String {
    format!(
        r"^{SP}*(?:0x)?([[:xdigit:]]+)[\t\n\x0C\r -]?{SP}*(?:0x)?([[:xdigit:]]+):?(?:{SP}+([-rwxp]+))?"
    )
}

/// `/proc/self/maps`: head, offset, `dev:dev`, inode, file.
fn proc_maps() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    cached(&RE, || {
        format!(
            r"{}(?:{SP}+([[:xdigit:]]+))?{SP}+[[:xdigit:]]+:[[:xdigit:]]+{SP}+[0-9]+(?:{SP}+([^\t\n\x0C\r ]+))?",
            head()
        )
    })
}

/// The brief form: head, file, `(@offset)`, build id.
fn brief_maps() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    cached(&RE, || {
        format!(
            r"{}(?:{SP}+([^\t\n\x0C\r ]+))?(?:{SP}+\(@([[:xdigit:]]+)\))?(?:{SP}+([[:xdigit:]]+))?",
            head()
        )
    })
}

/// A glog prefix (`I0102 15:04:05.000 123 file.cc:45] `).
fn log_prefix() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    cached(&RE, || r"^[^\[\]]+:[0-9]+\][\t\n\x0C\r ]".to_string())
}

/// Whether `line` starts the memory map section.
pub fn is_sentinel(line: &str) -> bool {
    line.contains("--- Memory map: ---") || line.contains("MAPPED_LIBRARIES:")
}

/// One map line: `Ok(Some)` an executable mapping, `Ok(None)` a non-executable one,
/// `Err(())` not a map line.
fn entry(line: &str) -> Result<Option<Mapping>, ()> {
    let (start, end, perm, offset, file, build_id) = if let Some(c) = proc_maps().captures(line) {
        let g = |i| c.get(i).map_or("", |m| m.as_str());
        (g(1), g(2), g(3), g(4), g(5), "")
    } else if let Some(c) = brief_maps().captures(line) {
        let g = |i| c.get(i).map_or("", |m| m.as_str());
        (g(1), g(2), g(3), g(5), g(4), g(6))
    } else {
        return Err(());
    };
    if !perm.is_empty() && !perm.contains('x') {
        return Ok(None);
    }
    let hex = |s: &str| u64::from_str_radix(s, 16).map_err(|_| ());
    Ok(Some(Mapping {
        start: hex(start)?,
        limit: hex(end)?,
        offset: if offset.is_empty() { 0 } else { hex(offset)? },
        file: file.to_string(),
        build_id: build_id.to_string(),
        ..Mapping::default()
    }))
}

/// Replaces each `$name` of `subs` (earlier entries first at the same position).
fn substitute(line: &str, subs: &[(String, String)]) -> String {
    if subs.is_empty() {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    'outer: while let Some(c) = rest.chars().next() {
        for (from, to) in subs {
            if rest.starts_with(from.as_str()) {
                out.push_str(to);
                rest = &rest[from.len()..];
                continue 'outer;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The executable mappings listed by `lines`; other lines are skipped, and a `name=value`
/// line defines `$name` for the lines after it.
pub fn parse<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<Mapping> {
    let mut subs: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for raw in lines {
        let no_log = log_prefix().find(raw).map_or(raw, |m| &raw[m.end()..]);
        let line = substitute(no_log, &subs);
        match entry(&line) {
            Ok(Some(m)) => out.push(m),
            Ok(None) => {}
            Err(()) => {
                if let Some((name, value)) = line.split_once('=') {
                    subs.push((format!("${}", name.trim()), value.trim().to_string()));
                }
            }
        }
    }
    out
}

fn adjacent(a: &Mapping, b: &Mapping) -> bool {
    let differ = |x: &str, y: &str| !x.is_empty() && !y.is_empty() && x != y;
    if differ(&a.file, &b.file) || differ(&a.build_id, &b.build_id) || a.limit != b.start {
        return false;
    }
    a.offset == 0 || b.offset == 0 || a.offset + (a.limit - a.start) == b.offset
}

/// Whether `file` looks like a shared library (`.so`, `.so.N`, `.so_N`).
fn is_library(file: &str) -> bool {
    file.ends_with(".so")
        || file.match_indices(".so").any(|(i, _)| {
            matches!(file.as_bytes().get(i + 3), Some(b'.' | b'_')) && {
                file.as_bytes().get(i + 4).is_some_and(u8::is_ascii_digit)
            }
        })
}

/// Joins adjacent pieces of one mapping and moves the first mapping that looks like the
/// main binary (not a library, not `[vdso]`-like) to the front.
pub fn massage(maps: Vec<Mapping>) -> Vec<Mapping> {
    let mut out: Vec<Mapping> = Vec::with_capacity(maps.len());
    for m in maps {
        match out.last_mut() {
            Some(last) if adjacent(last, &m) => {
                last.limit = m.limit;
                if !m.file.is_empty() {
                    last.file = m.file;
                }
                if !m.build_id.is_empty() {
                    last.build_id = m.build_id;
                }
            }
            _ => out.push(m),
        }
    }
    let main = out.iter().position(|m| {
        let file = m.file.replace("(deleted)", "");
        let file = file.trim();
        !file.is_empty() && !is_library(file) && !file.starts_with('[')
    });
    if let Some(i) = main {
        out.swap(0, i);
    }
    out
}

/// Gives each address its mapping index (`None` for address 0), fixing the main
/// mapping's start the way pprof does; addresses outside every mapping share one
/// catch-all mapping added at the end.
pub fn assign(maps: &mut Vec<Mapping>, addresses: &[u64]) -> Vec<Option<u32>> {
    if maps.len() > 1
        && maps[0].file.starts_with("/anon_hugepage")
        && maps[0].limit == maps[1].start
    {
        maps.remove(0);
    }
    if let Some(m) = maps.first_mut()
        && m.start.wrapping_sub(m.offset) == 0x40_0000
    {
        m.start = 0x40_0000;
        m.offset = 0;
    }
    let mut fake = None;
    let mut out = Vec::with_capacity(addresses.len());
    for &a in addresses {
        if a == 0 {
            out.push(None);
            continue;
        }
        if let Some(i) = maps.iter().position(|m| m.start <= a && a < m.limit) {
            out.push(Some(i as u32));
            continue;
        }
        if let Some(i) = maps
            .iter()
            .position(|m| m.offset != 0 && m.start.wrapping_sub(m.offset) <= a && a < m.start)
        {
            maps[i].start -= maps[i].offset;
            maps[i].offset = 0;
            out.push(Some(i as u32));
            continue;
        }
        let i = *fake.get_or_insert_with(|| {
            maps.push(Mapping {
                start: 0,
                limit: u64::MAX,
                offset: 0,
                file: String::new(),
                build_id: String::new(),
                ..Mapping::default()
            });
            maps.len() as u32 - 1
        });
        out.push(Some(i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_map_forms_and_substitutions() {
        let text = "source=/home\n  00400000-00fcb000: $source/bin\n\
                    7f00-7f80 r-xp 00000000 08:01 123 /lib/libc.so.6\n\
                    7f80-7f90 rw-p 00000000 08:01 123 /lib/libc.so.6\n";
        let m = parse(text.lines());
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[0].start, m[0].limit, m[0].file.as_str()),
            (0x400000, 0xfcb000, "/home/bin")
        );
        assert_eq!(m[1].file, "/lib/libc.so.6");
        assert!(is_library("/lib/libc-2.15.so") && is_library("libfoo.so.1"));
        assert!(!is_library("/bin/solver"));
    }
}
