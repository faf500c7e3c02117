//! The chunked reader's other paths, reached with a small [`ReadPolicy`]: bytes dropped
//! and read again, absurd counts refused early, data that is no profile dropped, all with
//! the results and messages of the default policy.

use std::io::Write;

use prost::Message;

use super::*;
use crate::profile::decode::decode_source;
use crate::profile::error::LoadErrorKind;
use crate::profile::wire;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// Scans past 1 KiB, keeps at most 4 KiB, decodes 2 KiB ahead, in chunks of 300 bytes,
/// drops decoded bytes past 512.
fn small() -> ReadPolicy {
    ReadPolicy {
        scan_after: 1 << 10,
        keep_limit: 4 << 10,
        decode_ahead: 2 << 10,
        legacy_prefix: 64,
        chunk: 300,
        trim_after: 512,
    }
}

/// A profile of `samples` samples, each with an in-use value of 0 as at the end of a
/// program (a zero byte early on, as in every real profile: not possibly legacy text).
fn valid(samples: u64) -> Vec<u8> {
    wire::Profile {
        sample_type: vec![
            wire::ValueType { r#type: 1, unit: 2 },
            wire::ValueType { r#type: 1, unit: 2 },
        ],
        sample: (0..samples)
            .map(|i| wire::Sample {
                location_id: vec![1 + i % 3],
                value: vec![i as i64 + 1, 0],
                label: vec![],
            })
            .collect(),
        location: (1..=3)
            .map(|id| wire::Location {
                id,
                ..Default::default()
            })
            .collect(),
        string_table: vec![b"".to_vec(), b"space".to_vec(), b"bytes".to_vec()],
        time_nanos: 9,
        ..Default::default()
    }
    .encode_to_vec()
}

fn load(
    data: &[u8],
    limits: &Limits,
    policy: &ReadPolicy,
) -> Result<crate::profile::Profile, LoadError> {
    decode_source(
        "in",
        Source::Bytes(data),
        limits,
        &LoadProgress::new(),
        policy,
    )
}

#[test]
fn small_policies_give_the_default_results() {
    let limits = Limits::default();
    let big = gzip(&valid(3000));
    // Over the keep limit: dropped while reading, read again to decode.
    let progress = LoadProgress::new();
    let scanned =
        read_scanned("in", Source::Bytes(&big), &limits, &progress, &small()).expect("read");
    assert!(scanned.data.is_none() && scanned.scan.is_ok());
    assert_eq!(
        load(&big, &limits, &small()),
        load(&big, &limits, &ReadPolicy::default())
    );
    assert_eq!(
        load(&big, &limits, &small())
            .expect("profile")
            .samples
            .len(),
        3000
    );
    // Under it: kept, partly decoded ahead, the same profile.
    let medium = gzip(&valid(200));
    assert_eq!(
        load(&medium, &limits, &small()),
        load(&medium, &limits, &ReadPolicy::default())
    );
    // Zeros: neither profile.proto nor legacy, dropped at once, the same message.
    let zeros = gzip(&[0u8; 20_000]);
    let scanned =
        read_scanned("in", Source::Bytes(&zeros), &limits, &progress, &small()).expect("read");
    assert!(scanned.not_legacy && scanned.data.is_none());
    assert_eq!(
        load(&zeros, &limits, &small()),
        load(&zeros, &limits, &ReadPolicy::default())
    );
    // Two profiles one after the other: concatenated, the same message.
    let two = gzip(&[valid(3000), valid(1)].concat());
    let err = load(&two, &limits, &small()).expect_err("concatenated");
    assert!(err.message.contains("concatenated profiles"), "{err}");
    assert_eq!(Err(err), load(&two, &limits, &ReadPolicy::default()));
}

#[test]
fn absurd_counts_are_refused_in_the_part_read() {
    // 100,000 empty locations: an estimate of about 10 MB, over a 1 MiB cap.
    let bomb = gzip(&[0x22, 0x00].repeat(100_000));
    let limits = Limits {
        max_memory: 1 << 20,
        ..Limits::default()
    };
    let progress = LoadProgress::new();
    let early = read_scanned("in", Source::Bytes(&bomb), &limits, &progress, &small())
        .err()
        .expect("refused while reading");
    assert_eq!(early.kind, LoadErrorKind::Limit);
    assert!(
        early.message.contains("more than") && early.message.contains("in the part read"),
        "{early}"
    );
    assert!(
        progress.snapshot().bytes_decompressed < 200_000,
        "refused before the end"
    );
    let at_end = load(&bomb, &limits, &ReadPolicy::default()).expect_err("refused");
    assert_eq!(at_end.kind, LoadErrorKind::Limit);
    assert!(
        at_end.message.contains("about") && at_end.message.contains("100000 locations"),
        "{at_end}"
    );
}

/// A named pipe, like the `/dev/fd/63` of `memprof-tui --top <(gzip -c x.pb)`, with a
/// thread writing `bytes` into it; `f` reads it by name.
fn through_a_pipe<T>(bytes: Vec<u8>, f: impl FnOnce(&str) -> T) -> T {
    let dir = std::env::temp_dir().join(format!(
        "memprof-fifo-{}-{}",
        std::process::id(),
        bytes.len()
    ));
    std::fs::create_dir_all(&dir).expect("dir");
    let fifo = dir.join("profile.pb.gz");
    let _ = std::fs::remove_file(&fifo);
    let path = std::ffi::CString::new(fifo.to_str().expect("utf-8 path")).expect("path");
    // SAFETY: mkfifo reads a NUL-terminated path and changes nothing else.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0, "mkfifo");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, bytes).expect("write the pipe"))
    };
    let out = f(fifo.to_str().expect("utf-8 path"));
    writer.join().expect("writer");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

#[test]
fn a_pipe_gives_what_the_same_bytes_give() {
    let bytes = gzip(&valid(500));
    let limits = Limits::default();
    let from_pipe = through_a_pipe(bytes.clone(), |name| {
        let pipe = std::fs::File::open(name).expect("open the pipe");
        crate::profile::decode_from(name, Source::Stream(&pipe), &limits, &LoadProgress::new())
    });
    assert_eq!(
        from_pipe.map_err(|e| e.message),
        load(&bytes, &limits, &ReadPolicy::default()).map_err(|e| e.message)
    );
    // Legacy text through a pipe is kept whole for its parser.
    let text = b"heap profile: 1: 2 [3: 4] @ heap/1048576\n1: 2 [3: 4] @ 0x1 0x2\n".to_vec();
    let legacy = through_a_pipe(text.clone(), |name| {
        let pipe = std::fs::File::open(name).expect("open the pipe");
        crate::profile::decode_from(name, Source::Stream(&pipe), &limits, &LoadProgress::new())
    });
    assert_eq!(
        legacy.map_err(|e| e.message),
        load(&text, &limits, &ReadPolicy::default()).map_err(|e| e.message)
    );
}

#[test]
fn a_stream_is_decoded_as_it_arrives_not_held_whole() {
    // 2 MB of profile through a pipe, read in 4 KiB chunks: once its first 64 KiB show
    // it is no legacy text, the decoded bytes are dropped as the decode passes them, so
    // little more than those 64 KiB is held at any time.
    let raw = valid(200_000);
    let bytes = gzip(&raw);
    let policy = ReadPolicy {
        chunk: 4 << 10,
        trim_after: 8 << 10,
        ..ReadPolicy::default()
    };
    let limits = Limits::default();
    let progress = LoadProgress::new();
    let (peak, trimmed) = through_a_pipe(bytes.clone(), |name| {
        let pipe = std::fs::File::open(name).expect("open the pipe");
        let scanned = read_scanned(name, Source::Stream(&pipe), &limits, &progress, &policy)
            .expect("read the pipe");
        (scanned.peak_held, scanned.trimmed)
    });
    let profile = through_a_pipe(bytes.clone(), |name| {
        let pipe = std::fs::File::open(name).expect("open the pipe");
        decode_source(
            name,
            Source::Stream(&pipe),
            &limits,
            &LoadProgress::new(),
            &policy,
        )
    });
    assert!(raw.len() > 2_000_000, "{} bytes", raw.len());
    assert!(trimmed, "decoded bytes dropped");
    assert!(
        peak < 96 << 10,
        "held {peak} of {} bytes at once",
        raw.len()
    );
    assert_eq!(progress.snapshot().bytes_decompressed, raw.len() as u64);
    assert_eq!(
        profile.expect("profile"),
        load(&bytes, &limits, &ReadPolicy::default()).expect("profile")
    );
}
