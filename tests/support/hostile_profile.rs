//! Small profiles with hostile names for the adversarial tests: functions named by the
//! caller, each recorded in a file named by the caller at a line, one sample each, in the
//! two heap sample types (alloc_space, inuse_space).

#![allow(dead_code)]

use memprof_tui::profile::wire;
use prost::Message;

/// One function of a hostile profile: its name, the source file it records, the line of
/// its sample, and the sample's value.
pub struct Func<'a> {
    pub name: &'a str,
    pub file: &'a str,
    pub line: i64,
    pub value: i64,
}

/// profile.proto bytes (not gzipped) with one sample per function in `funcs`, called from
/// `main.main` (recorded in `main.go`), plus `comment` as the profile's comment if given.
pub fn bytes(funcs: &[Func], comment: Option<&str>) -> Vec<u8> {
    let mut strings: Vec<Vec<u8>> = ["", "alloc_space", "bytes", "inuse_space", "space"]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
    let mut intern = |s: &str| -> i64 {
        if let Some(i) = strings.iter().position(|t| t == s.as_bytes()) {
            return i as i64;
        }
        strings.push(s.as_bytes().to_vec());
        (strings.len() - 1) as i64
    };
    let main_name = intern("main.main");
    let main_file = intern("main.go");
    let mut function = vec![wire::Function {
        id: 1,
        name: main_name,
        system_name: main_name,
        filename: main_file,
        start_line: 1,
    }];
    let mut location = vec![wire::Location {
        id: 1,
        address: 0x1000,
        line: vec![wire::Line {
            function_id: 1,
            line: 5,
            column: 0,
        }],
        ..Default::default()
    }];
    let mut sample = Vec::new();
    for (i, f) in funcs.iter().enumerate() {
        let id = i as u64 + 2;
        let name = intern(f.name);
        let file = intern(f.file);
        function.push(wire::Function {
            id,
            name,
            system_name: name,
            filename: file,
            start_line: 1,
        });
        location.push(wire::Location {
            id,
            address: 0x2000 + 0x10 * id,
            line: vec![wire::Line {
                function_id: id,
                line: f.line,
                column: 0,
            }],
            ..Default::default()
        });
        sample.push(wire::Sample {
            location_id: vec![id, 1],
            value: vec![f.value, f.value],
            label: vec![],
        });
    }
    let comment = comment.map(|c| vec![intern(c)]).unwrap_or_default();
    wire::Profile {
        sample_type: vec![
            wire::ValueType { r#type: 1, unit: 2 },
            wire::ValueType { r#type: 3, unit: 2 },
        ],
        sample,
        location,
        function,
        comment,
        string_table: strings,
        time_nanos: 1_700_000_000_000_000_000,
        period_type: Some(wire::ValueType { r#type: 4, unit: 2 }),
        period: 524288,
        ..Default::default()
    }
    .encode_to_vec()
}

/// A fresh empty directory for test `name` under the system's temporary directory.
pub fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("memprof-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}
