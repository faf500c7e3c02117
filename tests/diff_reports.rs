//! Diffs (`--diff-base`, `--base`, `--normalize`) against `go tool pprof -diff_base/-base`:
//! the goldens cover every sample type of both heap pairs at functions and lines
//! granularity in both modes, with and without -normalize; the `--format tsv` and
//! `--format json` top tables and the TSV of -peek/-list hold pprof's exact values, names
//! and order. (`tests/pprof_goldens.rs` compares the text of the same goldens byte for
//! byte; `tests/diff_flags.rs` checks the flags and bad bases.)

#[path = "support/goldens.rs"]
mod goldens;
#[path = "support/top_rows.rs"]
mod top_rows;

use goldens::{Golden, manifest, read_golden, run, translate};
use top_rows::{Row, pprof_rows, tsv_against_golden};

const PAIRS: [&str; 2] = ["retain", "growth"];
const TYPES: [&str; 4] = [
    "alloc_objects",
    "alloc_space",
    "inuse_objects",
    "inuse_space",
];

/// Whether golden `g` is a diff.
fn is_diff(g: &Golden) -> bool {
    g.flags
        .iter()
        .any(|f| f.starts_with("-diff_base=") || f.starts_with("-base="))
}

/// The exact-value diff top goldens (`-nodefraction=0`).
fn exact_diff_tops() -> Vec<Golden> {
    manifest()
        .into_iter()
        .filter(|g| is_diff(g) && g.flags.iter().any(|f| f == "-nodefraction=0"))
        .collect()
}

#[test]
fn every_mode_type_and_granularity_has_a_compared_golden() {
    let all = manifest();
    for pair in PAIRS {
        for mode in ["diff_base", "base"] {
            for norm in ["", ".normalize"] {
                for t in TYPES {
                    for gran in ["functions", "lines"] {
                        let name = format!("{pair}-end.prof.{mode}{norm}.{t}.{gran}.top");
                        let g = all.iter().find(|g| g.file == name);
                        let g = g.unwrap_or_else(|| panic!("no golden {name}"));
                        assert_eq!(g.exit, "exit=0", "{name}");
                        let base = format!("-{mode}=testdata/profiles/{pair}-mid.prof");
                        assert!(g.flags.contains(&base), "{name}: {:?}", g.flags);
                        assert_eq!(g.flags.iter().any(|f| f == "-normalize"), !norm.is_empty());
                        assert!(translate(&g.flags).is_some(), "not compared: {name}");
                    }
                }
            }
        }
    }
    let peek_list = all
        .iter()
        .filter(|g| is_diff(g) && g.flags.iter().any(|f| f == "-peek" || f == "-list"))
        .count();
    assert!(peek_list >= 8, "only {peek_list} diff peek/list goldens");
}

#[test]
fn diff_tsv_tables_hold_pprofs_exact_values() {
    let (mut compared, mut negative, mut failures) = (0, 0, Vec::new());
    for g in exact_diff_tops() {
        let (got, want, out) = tsv_against_golden(&g);
        compared += 1;
        negative += want.iter().filter(|r| r.0 < 0 || r.1 < 0).count();
        if !out.status.success() || got.len() != want.len() {
            failures.push(format!(
                "{}: {} rows vs pprof's {}",
                g.file,
                got.len(),
                want.len()
            ));
            continue;
        }
        for (i, (a, b)) in got.iter().zip(&want).enumerate() {
            if a != b {
                failures.push(format!("{} row {i}: ours {a:?}, pprof {b:?}", g.file));
            }
        }
    }
    assert_eq!(compared, 64, "diff tables compared");
    assert!(negative > 100, "only {negative} rows that shrank");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The number after `"key": ` in a JSON row line.
fn json_number(line: &str, key: &str) -> i64 {
    let at = line.find(&format!("\"{key}\": ")).expect(key) + key.len() + 4;
    let rest = &line[at..];
    let end = rest.find([',', '}']).expect("end of number");
    rest[..end].parse().expect("integer")
}

/// The rows of our `--format json` top report (flat, cum, name with pprof's inline mark):
/// one object per line; the names of these profiles need no escapes (checked).
fn json_rows(text: &str) -> Vec<Row> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("{\"name\": \""))
        .map(|l| {
            let name_start = "{\"name\": \"".len();
            let name_end = l[name_start..].find('"').expect("name") + name_start;
            let name = &l[name_start..name_end];
            assert!(!name.contains('\\'), "escaped name {name}");
            let inline_key = "\"inline\": \"";
            let inline_at = l.find(inline_key).expect("inline") + inline_key.len();
            let inline = &l[inline_at..inline_at + l[inline_at..].find('"').expect("inline")];
            let name = match inline {
                "" => name.to_string(),
                mark => format!("{name} {mark}"),
            };
            (json_number(l, "flat"), json_number(l, "cum"), name)
        })
        .collect()
}

#[test]
fn diff_json_rows_hold_pprofs_exact_values() {
    let mut compared = 0;
    for g in exact_diff_tops()
        .iter()
        .filter(|g| g.file.contains(".functions."))
    {
        let mut args = translate(&g.flags).expect("flags");
        args.extend(["--format".into(), "json".into()]);
        let out = run(&args, &g.profile);
        assert!(out.status.success(), "{}", g.file);
        let want = pprof_rows(&String::from_utf8_lossy(&read_golden(&g.file)));
        let got = json_rows(&String::from_utf8_lossy(&out.stdout));
        assert_eq!(got, want, "{}", g.file);
        compared += 1;
    }
    assert_eq!(compared, 32);
}

/// A value of pprof's exact-unit text ("-8235706B", "0", "." for none).
fn exact(text: &str) -> i64 {
    match text.trim_end_matches('B') {
        "." => 0,
        v => v.parse().unwrap_or_else(|_| panic!("value {text:?}")),
    }
}

/// pprof's -peek text as (role, values, name) rows: callers above each matched function,
/// callees below it.
fn peek_rows(text: &str) -> Vec<(String, Vec<i64>, String)> {
    let mut rows = Vec::new();
    let mut seen_self = false;
    for line in text.lines() {
        if line.starts_with("---") {
            seen_self = false;
            continue;
        }
        let Some((left, name)) = line.split_once('|') else {
            continue;
        };
        let cells: Vec<&str> = left.split_whitespace().collect();
        let name = name.trim().to_string();
        match cells.len() {
            5 => {
                seen_self = true;
                rows.push(("self".into(), vec![exact(cells[0]), exact(cells[3])], name));
            }
            2 => {
                let role = if seen_self { "callee" } else { "caller" };
                rows.push((role.into(), vec![exact(cells[0])], name));
            }
            _ => {}
        }
    }
    rows
}

/// Our `--peek --format tsv` as (role, values, name) rows, inline marks as pprof's.
fn peek_tsv_rows(text: &str) -> Vec<(String, Vec<i64>, String)> {
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let n = |s: &str| s.parse::<i64>().expect("number");
            match f[1] {
                "self" => ("self".into(), vec![n(f[2]), n(f[3])], f[6].to_string()),
                role => {
                    let name = if f[5] == "1" {
                        format!("{} (inline)", f[6])
                    } else {
                        f[6].to_string()
                    };
                    (role.to_string(), vec![n(f[4])], name)
                }
            }
        })
        .collect()
}

/// pprof's -list text as (line, flat, cum) rows.
fn list_rows(text: &str) -> Vec<(i64, i64, i64)> {
    text.lines()
        .filter_map(|l| {
            let (nums, _) = l.split_once(':')?;
            let cells: Vec<&str> = nums.split_whitespace().collect();
            let [flat, cum, line] = cells[..] else {
                return None;
            };
            Some((line.parse().ok()?, exact(flat), exact(cum)))
        })
        .collect()
}

/// Our `--list --format tsv` as (line, flat, cum) rows.
fn list_tsv_rows(text: &str) -> Vec<(i64, i64, i64)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("line\t"))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let n = |s: &str| s.parse::<i64>().expect("number");
            (n(f[0]), n(f[1]), n(f[2]))
        })
        .collect()
}

#[test]
fn diff_peek_and_list_tsv_hold_pprofs_exact_values() {
    let (mut peeks, mut lists) = (0, 0);
    for g in manifest().iter().filter(|g| is_diff(g)) {
        let is_peek = g.flags.iter().any(|f| f == "-peek");
        let is_list = g.flags.iter().any(|f| f == "-list");
        if !(is_peek || is_list) {
            continue;
        }
        let mut args = translate(&g.flags).expect("flags");
        args.extend(["--format".into(), "tsv".into()]);
        let out = run(&args, &g.profile);
        assert!(out.status.success(), "{}", g.file);
        let (got, want) = (
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&read_golden(&g.file)).to_string(),
        );
        if is_peek {
            let want = peek_rows(&want);
            assert!(!want.is_empty(), "{}", g.file);
            assert_eq!(peek_tsv_rows(&got), want, "{}", g.file);
            peeks += 1;
        } else {
            let want = list_rows(&want);
            assert!(want.iter().any(|r| r.1 != 0), "{}", g.file);
            assert_eq!(list_tsv_rows(&got), want, "{}", g.file);
            lists += 1;
        }
    }
    assert_eq!((peeks, lists), (4, 4));
}
