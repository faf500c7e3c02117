//! The legacy binary CPU profile (gperftools' profiler, Go before 1.9): words of 32 or
//! 64 bits in either byte order — a header `0 3 0 period_us 0`, then samples
//! `count depth pc…` up to the `0 1 0` end marker — then a text memory map.

use std::collections::HashMap;

use super::{Failure, Legacy, java, maps};

/// Reads one word of the profile's size and byte order from the front of a slice.
#[derive(Clone, Copy)]
struct Word {
    size: usize,
    big_endian: bool,
}

impl Word {
    const ALL: [Word; 4] = [
        Word {
            size: 4,
            big_endian: false,
        },
        Word {
            size: 4,
            big_endian: true,
        },
        Word {
            size: 8,
            big_endian: false,
        },
        Word {
            size: 8,
            big_endian: true,
        },
    ];

    fn read(self, b: &mut &[u8]) -> Option<u64> {
        if b.len() < self.size {
            *b = &[];
            return None;
        }
        let (w, rest) = b.split_at(self.size);
        *b = rest;
        let fold = |acc: u64, &x: &u8| (acc << 8) | u64::from(x);
        Some(if self.big_endian {
            w.iter().fold(0, fold)
        } else {
            w.iter().rev().fold(0, fold)
        })
    }
}

/// Parses a C++/Go binary CPU profile, or a Java one (third header word 1: no address
/// adjustment, `0x… function (file:line)` location lines instead of a memory map).
pub(super) fn parse(data: &[u8]) -> Result<Legacy, Failure> {
    for word in Word::ALL {
        let mut b = data;
        if let Some((period, java)) = header(word, &mut b) {
            return samples(b, word, period, java);
        }
    }
    Err(Failure::Unrecognized)
}

/// Reads the header `0 3 kind period_us 0` (kind 0 or 1, period > 0) in `word`'s format:
/// the period and whether it is the Java variant.
fn header(word: Word, b: &mut &[u8]) -> Option<(i64, bool)> {
    let header: Vec<Option<u64>> = (0..5).map(|_| word.read(b)).collect();
    if let [
        Some(0),
        Some(3),
        Some(kind @ (0 | 1)),
        Some(period),
        Some(0),
    ] = header[..]
        && period > 0
    {
        return Some((period as i64, kind == 1));
    }
    None
}

/// Whether `prefix` (at least the first 40 bytes, when the data has them) starts with a
/// binary CPU profile's header.
pub(super) fn has_header(prefix: &[u8]) -> bool {
    Word::ALL
        .iter()
        .any(|&word| header(word, &mut &prefix[..]).is_some())
}

fn samples(mut b: &[u8], word: Word, period_us: i64, java: bool) -> Result<Legacy, Failure> {
    let types = vec![("samples", "count"), ("cpu", "nanoseconds")];
    let mut p = Legacy::new(types, ("cpu", "nanoseconds"));
    p.period = period_us.wrapping_mul(1000);
    let mut stacks: Vec<(i64, Vec<u64>)> = Vec::new();
    while !b.is_empty() {
        let count = word.read(&mut b);
        let depth = word.read(&mut b);
        let (Some(count), Some(depth)) = (count, depth) else {
            return Err(Failure::Unrecognized);
        };
        if depth > (b.len() / 4) as u64 {
            return Err(Failure::Unrecognized);
        }
        // Short reads at the very end give 0, as pprof's reader does.
        let addrs: Vec<u64> = (0..depth).map(|_| word.read(&mut b).unwrap_or(0)).collect();
        if count == 0 && depth == 1 && addrs[0] == 0 {
            break;
        }
        // Return addresses point after the call: all but the leaf move back by one.
        let addrs = addrs
            .iter()
            .enumerate()
            .map(|(i, &a)| if i > 0 && !java { a.wrapping_sub(1) } else { a })
            .collect();
        stacks.push((count as i64, addrs));
    }
    if java {
        for (count, addrs) in stacks {
            let values = vec![count, count.wrapping_mul(p.period)];
            p.push(&addrs, values, None);
        }
        p.java = true;
        java::locations(b, &mut p)?;
        java::frame_info(&mut p);
        return Ok(p);
    }
    drop_signal_frames(&mut stacks);
    p.maps = maps::parse(String::from_utf8_lossy(b).lines());
    for (count, mut addrs) in stacks {
        // The leaf may be there twice: as is and, from unwinding, moved back by one.
        if addrs.len() > 1 && addrs[0] == addrs[1].wrapping_add(1) {
            addrs.remove(1);
        }
        let values = vec![count, count.wrapping_mul(p.period)];
        p.push(&addrs, values, None);
    }
    Ok(p)
}

/// When (nearly) every sample has the same second frame, that frame was pushed by the
/// signal handler: it is removed, twice at most. One sample in 32 may differ.
fn drop_signal_frames(stacks: &mut [(i64, Vec<u64>)]) {
    let margin = stacks.len() / 32;
    for _ in 0..2 {
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for (_, s) in stacks.iter() {
            if s.len() > 1 {
                *seen.entry(s[1]).or_default() += 1;
            }
        }
        let Some((&frame, _)) = seen.iter().find(|&(_, &n)| n >= stacks.len() - margin) else {
            continue;
        };
        for (_, s) in stacks.iter_mut() {
            if s.len() > 1 && s[1] == frame {
                s.remove(1);
            }
        }
    }
}
