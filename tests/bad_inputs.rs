//! Bad inputs give a one-line error naming the input and the cause, with the documented
//! exit code, and never a panic: empty, random, truncated and bomb gzip, every validation
//! rule, concatenated profiles, bad flags.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use memprof_tui::profile::wire;
use prost::Message;

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("memprof-bad-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir().join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// Runs the binary; returns (exit code, stderr).
fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts exit `code` and a one-line stderr containing `what` (and no panic).
fn expect_error(path: &std::path::Path, extra: &[&str], code: i32, what: &str) {
    let p = path.display().to_string();
    let mut args = vec!["--top"];
    args.extend_from_slice(extra);
    args.push(&p);
    let (c, err) = run(&args);
    assert_eq!(c, code, "exit code for {p}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err:?}"
    );
    assert!(err.starts_with("memprof-tui: "), "{err}");
    assert!(err.contains(&p), "names the input: {err}");
    assert!(err.contains(what), "expected {what:?} in {err:?}");
}

/// A small valid profile: 2 sample types, one mapping, two functions and locations.
fn valid() -> wire::Profile {
    let strings = [
        "",
        "alloc_space",
        "bytes",
        "inuse_space",
        "main.main",
        "main.go",
        "f",
        "seed",
        "space",
    ];
    wire::Profile {
        sample_type: vec![
            wire::ValueType { r#type: 1, unit: 2 },
            wire::ValueType { r#type: 3, unit: 2 },
        ],
        sample: vec![wire::Sample {
            location_id: vec![2, 1],
            value: vec![100, 10],
            label: vec![],
        }],
        mapping: vec![wire::Mapping {
            id: 1,
            filename: 7,
            ..Default::default()
        }],
        location: vec![
            wire::Location {
                id: 1,
                mapping_id: 1,
                address: 0x10,
                line: vec![wire::Line {
                    function_id: 1,
                    line: 3,
                    column: 0,
                }],
                is_folded: false,
            },
            wire::Location {
                id: 2,
                mapping_id: 1,
                address: 0x20,
                line: vec![wire::Line {
                    function_id: 2,
                    line: 9,
                    column: 0,
                }],
                is_folded: false,
            },
        ],
        function: vec![
            wire::Function {
                id: 1,
                name: 4,
                system_name: 4,
                filename: 5,
                start_line: 1,
            },
            wire::Function {
                id: 2,
                name: 6,
                system_name: 6,
                filename: 5,
                start_line: 8,
            },
        ],
        string_table: strings.iter().map(|s| s.as_bytes().to_vec()).collect(),
        time_nanos: 1_700_000_000_000_000_000,
        period_type: Some(wire::ValueType { r#type: 8, unit: 2 }),
        period: 524288,
        ..Default::default()
    }
}

fn file_of(name: &str, p: &wire::Profile) -> PathBuf {
    write(name, &p.encode_to_vec())
}

#[test]
fn the_valid_base_profile_loads() {
    let p = file_of("valid.pb", &valid());
    let (c, err) = run(&["--top", &p.display().to_string()]);
    assert_eq!(c, 0, "{err}");
    let gz = write("valid.pb.gz", &gzip(&valid().encode_to_vec()));
    let (c, err) = run(&["--top", &gz.display().to_string()]);
    assert_eq!(c, 0, "{err}");
}

#[test]
fn unreadable_inputs_exit_3() {
    let missing = dir().join("does-not-exist.prof");
    expect_error(&missing, &[], 3, "does-not-exist.prof: no such file");
    // A directory stands for its files: one without any is an input that names none.
    let empty = dir().join("empty-dir");
    std::fs::create_dir_all(&empty).expect("dir");
    expect_error(&empty, &[], 3, "the directory holds no profile files");
    let pattern = dir().join("no-such-*.prof");
    expect_error(&pattern, &[], 3, "no file matches this pattern");
}

#[test]
fn garbage_exits_4() {
    expect_error(&write("empty.prof", b""), &[], 4, "empty input file");
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    expect_error(&write("random.prof", &random), &[], 4, "parsing profile");
    let gz = gzip(&valid().encode_to_vec());
    expect_error(
        &write("truncated.pb.gz", &gz[..gz.len() / 2]),
        &[],
        4,
        "decompressing profile",
    );
    let mut bad_crc = gz.clone();
    let n = bad_crc.len();
    bad_crc[n - 6] ^= 0xff;
    expect_error(
        &write("badcrc.pb.gz", &bad_crc),
        &[],
        4,
        "decompressing profile",
    );
    // A legacy heap profile with a line that is not a sample: pprof's message.
    expect_error(
        &write(
            "legacy.txt",
            b"heap profile: 1: 2 [3: 4] @ heap/1048576\nnot a sample\n",
        ),
        &[],
        4,
        "unexpected number of sample values: got 0, want 6",
    );
    // Text in no format read (a contention header with an attribute only Java profiles
    // have): the formats tried are named.
    expect_error(
        &write("contention.txt", b"--- contention:\nresolution=cycles\n"),
        &[],
        4,
        "not a legacy profile either (tried the legacy binary CPU",
    );
    expect_error(&write("gzgz.pb.gz", &gzip(&gz)), &[], 4, "parsing profile");
}

#[test]
fn bombs_hit_a_resource_limit_exit_5() {
    // 64 MiB of empty samples (2 bytes each) compresses to ~64 KB.
    let raw: Vec<u8> = [0x12u8, 0x00].repeat(32 << 20);
    let bomb = write("bomb.pb.gz", &gzip(&raw));
    assert!(std::fs::metadata(&bomb).expect("bomb").len() < 200_000);
    expect_error(
        &bomb,
        &["--max-decompressed-mib", "16"],
        5,
        "larger than 16.0 MiB",
    );
    expect_error(&bomb, &["--max-memory-mib", "1024"], 5, "33554432 samples");
}

#[test]
fn concatenated_profiles_exit_4() {
    let one = valid().encode_to_vec();
    let two = [one.clone(), one.clone()].concat();
    expect_error(
        &write("concat.pb", &two),
        &[],
        4,
        "concatenated profiles detected",
    );
    let gz = [gzip(&one), gzip(&one)].concat();
    expect_error(
        &write("concat.pb.gz", &gz),
        &[],
        4,
        "concatenated profiles detected",
    );
}

#[test]
fn every_validation_rule_names_the_problem() {
    type Breaker = fn(&mut wire::Profile);
    let cases: [(&str, Breaker, &str); 14] = [
        (
            "no-strings",
            |p| p.string_table.clear(),
            "string table is empty",
        ),
        (
            "first-string",
            |p| p.string_table[0] = b"x".to_vec(),
            "first entry must be the empty string",
        ),
        (
            "string-index",
            |p| p.function[0].name = 99,
            "function 1 name refers to string 99",
        ),
        (
            "negative-string",
            |p| p.sample_type[0].unit = -1,
            "sample type 1 unit refers to string -1",
        ),
        (
            "mapping-id-0",
            |p| p.mapping[0].id = 0,
            "mapping 1 has the reserved id 0",
        ),
        (
            "mapping-dup",
            |p| p.mapping.push(p.mapping[0]),
            "two mappings have id 1",
        ),
        (
            "function-id-0",
            |p| p.function[1].id = 0,
            "function 2 has the reserved id 0",
        ),
        (
            "function-dup",
            |p| p.function[1].id = 1,
            "two functions have id 1",
        ),
        (
            "location-dup",
            |p| p.location[1].id = 1,
            "two locations have id 1",
        ),
        (
            "missing-mapping",
            |p| p.location[0].mapping_id = 7,
            "location 1 refers to mapping 7, which does not exist",
        ),
        (
            "missing-function",
            |p| p.location[1].line[0].function_id = 42,
            "location 2 has a line in function 42, which does not exist",
        ),
        (
            "missing-location",
            |p| p.sample[0].location_id.push(99),
            "sample 1 refers to location 99, which does not exist",
        ),
        (
            "value-count",
            |p| p.sample[0].value.push(1),
            "sample 1 has 3 values, but the profile has 2 sample types",
        ),
        (
            "no-sample-types",
            |p| p.sample_type.clear(),
            "missing sample type information",
        ),
    ];
    for (name, breaker, what) in cases {
        let mut p = valid();
        breaker(&mut p);
        expect_error(&file_of(&format!("{name}.pb"), &p), &[], 4, what);
    }
}

#[test]
fn usage_errors_exit_2() {
    let p = file_of("valid2.pb", &valid()).display().to_string();
    let (c, err) = run(&["--top", "-i", "bogus", &p]);
    assert_eq!(c, 2, "{err}");
    assert!(
        err.contains("must be one of: [alloc_space inuse_space]"),
        "{err}"
    );
    let (c, err) = run(&["--top", "-i", "7", &p]);
    assert_eq!(c, 2, "{err}");
    assert!(err.contains("outside the range [0..1]"), "{err}");
    let (c, err) = run(&["--top", "-g", "bogus", &p]);
    assert_eq!(c, 2, "{err}");
    let (c, _) = run(&["--bogus-flag", &p]);
    assert_eq!(c, 2);
    let (c, _) = run(&[]);
    assert_eq!(c, 2);
}

#[test]
fn merging_needs_the_same_sample_types() {
    let a = file_of("merge-a.pb", &valid());
    let mut other = valid();
    other.sample_type.truncate(1);
    other.sample[0].value.truncate(1);
    let b = file_of("merge-b.pb", &other);
    let (c, err) = run(&["--top", &a.display().to_string(), &b.display().to_string()]);
    assert_eq!(c, 4, "{err}");
    assert!(err.contains("sample types differ"), "{err}");
    let (c, out) = {
        let o = Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
            .args([
                "--top",
                "--format",
                "tsv",
                &a.display().to_string(),
                &a.display().to_string(),
            ])
            .output()
            .expect("run");
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    assert_eq!(c, Some(0));
    // Merging a profile with itself doubles every value.
    assert!(
        out.contains("\n20\t100.00\t100.00\t20\t100.00\tf\n"),
        "{out}"
    );
}

#[test]
fn extreme_values_wrap_like_pprof_instead_of_panicking() {
    // Go's pprof sums int64 values with wrap-around; so do we (no overflow panic).
    let mut p = valid();
    p.sample[0].value = vec![i64::MIN, i64::MAX];
    p.sample.push(wire::Sample {
        location_id: vec![1],
        value: vec![i64::MAX, i64::MAX],
        label: vec![],
    });
    let f = file_of("extreme.pb", &p).display().to_string();
    for ty in ["alloc_space", "inuse_space"] {
        for g in ["functions", "lines", "addresses"] {
            let (c, err) = run(&["--top", "-i", ty, "-g", g, &f]);
            assert_eq!(c, 0, "{ty} {g}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    let (c, err) = run(&["--peek", ".", &f]);
    assert_eq!(c, 0, "{err}");
}
