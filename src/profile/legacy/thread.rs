//! Thread profiles (`--- threadz N ---`, then `--- Thread … stack: ---` sections), read
//! as pprof's `parseThread`: one sample of value 1 per thread, a `same as previous thread`
//! section adding one to the sample before it.

use std::sync::OnceLock;

use regex::Regex;

use super::text::hex_addresses;
use super::{Failure, Legacy, cached, is_space_or_comment, lines, maps};

fn threadz_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    cached(&RE, || r"--- threadz [0-9]+ ---".to_string())
}

fn thread_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    cached(&RE, || {
        r"--- Thread ([[:xdigit:]]+) \(name: (.*)/([0-9]+)\) stack: ---".to_string()
    })
}

/// Parses a thread profile.
pub(super) fn parse(data: &[u8]) -> Result<Legacy, Failure> {
    let lines = lines(data);
    let n = lines.len();
    // The next line to read, as a scanner's position.
    let mut next = 0;
    let mut line: &str = "";
    while next < n {
        line = &lines[next];
        next += 1;
        if !is_space_or_comment(line) {
            break;
        }
        line = "";
    }
    if threadz_start().is_match(line) {
        while next < n {
            line = &lines[next];
            next += 1;
            if maps::is_sentinel(line) || line.starts_with('-') {
                break;
            }
        }
    } else if !thread_start().is_match(line) {
        return Err(Failure::Unrecognized);
    }
    let mut p = Legacy::new(vec![("thread", "count")], ("thread", "count"));
    p.period = 1;
    while !maps::is_sentinel(line) {
        if line.starts_with("---- no stack trace for") {
            break;
        }
        if !thread_start().is_match(line) {
            return Err(Failure::Unrecognized);
        }
        let addrs;
        (line, addrs) = sample(&lines, &mut next)?;
        let Some(addrs) = addrs.filter(|a| !a.is_empty()) else {
            if let Some(last) = p.samples.last_mut() {
                last.values[0] = last.values[0].wrapping_add(1);
            }
            continue;
        };
        // Return addresses point after the call: all but the leaf move back by one.
        let mut addrs: Vec<u64> = addrs
            .iter()
            .enumerate()
            .map(|(i, &a)| if i > 0 { a.wrapping_sub(1) } else { a })
            .collect();
        // The leaf may be there twice: as is and, from unwinding, moved back by one.
        if addrs.len() > 1 && addrs[0] == addrs[1].wrapping_add(1) {
            addrs.remove(1);
        }
        p.push(&addrs, vec![1], None);
    }
    let mut rest = lines[next..].iter();
    if !maps::is_sentinel(line) {
        rest.by_ref().find(|l| maps::is_sentinel(l));
    }
    p.maps = maps::parse(rest.map(String::as_str));
    Ok(p)
}

/// One thread's stack: the line after it (the next `---` line, or the last line read)
/// and its addresses, `None` for a `same as previous thread` stack.
fn sample<'a>(
    lines: &'a [String],
    next: &mut usize,
) -> Result<(&'a str, Option<Vec<u64>>), Failure> {
    let mut line = "";
    let mut same = false;
    let mut addrs = Vec::new();
    while *next < lines.len() {
        line = lines[*next].trim();
        *next += 1;
        if line.is_empty() {
            continue;
        }
        if line.starts_with("---") {
            break;
        }
        if line.contains("same as previous thread") {
            same = true;
            continue;
        }
        let more = hex_addresses(line)
            .map_err(|e| Failure::Malformed(format!("malformed sample: {line}: {e}")))?;
        addrs.extend(more);
    }
    Ok((line, (!same).then_some(addrs)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_count_and_same_stacks_add_up() {
        let text = b"--- threadz 1 ---\n\n--- Thread 1 (name: a/1) stack: ---\n  PC: 0x10: f\n  0x21 0x31\n--- Thread 2 (name: b/2) stack: ---\n  same as previous thread\n--- Memory map: ---\n";
        let p = parse(text).expect("thread").finish();
        assert_eq!(p.samples.values(0), &[2]);
        let addrs: Vec<u64> = p.locations.iter().map(|l| l.address).collect();
        assert_eq!(addrs, [0x10, 0x20, 0x30]);
        // Without a closing `---` line the last thread is not a thread start.
        assert_eq!(
            parse(b"--- Thread 1 (name: a/1) stack: ---\n0x10\n").err(),
            Some(Failure::Unrecognized)
        );
        assert_eq!(
            parse(b"--- contentionz 1 ---\n").err(),
            Some(Failure::Unrecognized)
        );
    }
}
