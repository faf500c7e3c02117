use super::*;

fn said(head: &[u8]) -> Option<String> {
    identify(head, &[]).map(Kind::message)
}

#[test]
fn images_documents_archives_and_compressors() {
    let cases: [(&[u8], &str); 14] = [
        (
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "this is a PNG image, not a profile",
        ),
        (
            b"\xff\xd8\xff\xe0\0\x10JFIF",
            "this is a JPEG image, not a profile",
        ),
        (b"GIF89a\x01\0\x01\0", "this is a GIF image, not a profile"),
        (b"%PDF-1.7\n", "this is a PDF document, not a profile"),
        (
            b"PK\x03\x04\x14\0",
            "this is a zip archive (or a jar), not a profile",
        ),
        (
            b"SQLite format 3\0",
            "this is an SQLite database, not a profile",
        ),
        (
            b"FLR\0\0\x02",
            "this is a Java Flight Recorder recording (JFR), not a profile",
        ),
        (b"BZh91AY&SY", "this is compressed with bzip2"),
        (b"\xfd7zXZ\0\0", "this is compressed with xz"),
        (b"\x28\xb5\x2f\xfd\x24", "this is compressed with zstd"),
        (
            b"PERFILE2\x68\0\0\0",
            "this is a Linux perf recording (perf.data)",
        ),
        (
            b"go 1.19 trace\0\0\0",
            "this is a Go execution trace (runtime/trace)",
        ),
        (
            b"\xca\xfe\xba\xbe\0\0\0\x3d",
            "this is a Java class file, not a profile",
        ),
        (
            b"\xca\xfe\xba\xbe\0\0\0\x02",
            "this is an executable or library (universal Mach-O)",
        ),
    ];
    for (head, want) in cases {
        let got = said(head).unwrap_or_default();
        assert!(got.starts_with(want), "{head:?}: {got:?}");
    }
    let mut tar = vec![0u8; 512];
    tar[257..262].copy_from_slice(b"ustar");
    assert_eq!(
        said(&tar).as_deref(),
        Some("this is a tar archive, not a profile")
    );
}

#[test]
fn executables_and_go_programs() {
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
    assert_eq!(
        said(elf).as_deref(),
        Some("this is an executable or library (ELF), not a profile")
    );
    // A Go program: its build ID note near the start, or its section names at the end
    // (an externally linked binary keeps them in the section header string table).
    let mut go = elf.to_vec();
    go.extend_from_slice(b"\x04\0\0\0\x53\0\0\0\x04\0\0\0Go\0\0Go build ID: \"abc/def\"");
    let want = "this is an executable (a Go program, ELF), not a profile; profiles come from runtime/pprof (pprof.WriteHeapProfile), net/http/pprof (/debug/pprof/heap) or `go test -memprofile`";
    assert_eq!(said(&go).as_deref(), Some(want));
    let tail = b"\0.shstrtab\0.note.go.buildid\0.gopclntab\0";
    assert_eq!(
        identify(elf, tail),
        Some(Kind::Executable {
            format: "ELF",
            go: true
        })
    );
    let macho = b"\xcf\xfa\xed\xfe\x07\0\0\x01__TEXT\0\0__go_buildinfo\0";
    assert_eq!(
        identify(macho, &[]),
        Some(Kind::Executable {
            format: "Mach-O",
            go: true
        })
    );
    let mut pe = b"MZ\x90\0".to_vec();
    pe.resize(128, 0);
    pe.extend_from_slice(b"PE\0\0\x64\x86");
    assert_eq!(
        identify(&pe, &[]),
        Some(Kind::Executable {
            format: "PE",
            go: false
        })
    );
    pe.extend_from_slice(b"\xff Go build ID: \"x\"");
    assert_eq!(
        identify(&pe, &[]),
        Some(Kind::Executable {
            format: "PE",
            go: true
        })
    );
    // MZ alone (no PE header) is not claimed.
    assert_eq!(identify(b"MZ and some text", &[]), None);
}

#[test]
fn text_that_is_not_a_profile() {
    let cases: [(&[u8], &str); 9] = [
        (b"{\"nodes\": []}\n", "this is JSON"),
        (b"\xef\xbb\xbf  [1, 2]", "this is JSON"),
        (b"<!DOCTYPE html>\n<html>", "this is an HTML page"),
        (b"<HTML><BODY>", "this is an HTML page"),
        (
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"1\">",
            "this is an SVG picture",
        ),
        (
            b"<svg xmlns=\"http://www.w3.org/2000/svg\">",
            "this is an SVG picture",
        ),
        (b"<?xml version=\"1.0\"?><feed>", "this is an XML document"),
        (
            b"main;work;alloc 42\nmain;idle 3\n",
            "this is folded stacks",
        ),
        (
            b"goroutine 1 [running]:\nmain.main()\n",
            "this is a goroutine dump (debug=2)",
        ),
    ];
    for (head, want) in cases {
        let got = said(head).unwrap_or_default();
        assert!(got.starts_with(want), "{head:?}: {got:?}");
    }
    let report = b"File: seed\nType: inuse_space\nShowing nodes accounting for 2.72MB\n";
    assert!(
        said(report)
            .unwrap_or_default()
            .starts_with("this is pprof's text report")
    );
}

#[test]
fn profiles_and_legacy_formats_are_not_claimed() {
    // Raw profile.proto whose first length byte is '{' or '[': binary, not JSON.
    assert_eq!(identify(b"\x0a\x7b\x08\x01\x10\x02\0\x01", &[]), None);
    assert_eq!(identify(b"\x0a\x5b\x08\x01", &[]), None);
    for text in [
        &b"heap profile: 1: 2 [3: 4] @ heap/1048576\n"[..],
        b"--- contention:\ncycles/second=1000\n",
        b"goroutine profile: total 4\n",
        b"",
        b"\x1f\x8b\x08\0",
    ] {
        assert_eq!(identify(text, &[]), None, "{text:?}");
    }
    // Every committed profile, from both ends.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/profiles");
    let mut seen = 0;
    for sub in ["", "realworld", "legacy", "synthetic"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in rd.flatten() {
            let Ok(bytes) = std::fs::read(e.path()) else {
                continue;
            };
            if e.path()
                .extension()
                .is_some_and(|x| x == "md" || x == "tsv")
            {
                continue;
            }
            let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
            let tail = &bytes[bytes.len().saturating_sub(SNIFF_BYTES)..];
            assert_eq!(identify(head, tail), None, "{}", e.path().display());
            seen += 1;
        }
    }
    assert!(seen > 20, "{seen} profiles");
}

#[test]
fn only_invalid_profile_errors_are_reworded() {
    let png = b"\x89PNG\r\n\x1a\n";
    let e = LoadError::invalid("x.png", "parsing profile: truncated varint");
    assert_eq!(
        explain(e, png, &[]).to_string(),
        "x.png: this is a PNG image, not a profile"
    );
    let read = LoadError::new("x.png", LoadErrorKind::Read, "no such file");
    assert_eq!(explain(read.clone(), png, &[]), read);
    let bad = LoadError::invalid("x.pb", "parsing profile: truncated varint");
    assert_eq!(explain(bad.clone(), b"\x0a\x02", &[]), bad);
}
