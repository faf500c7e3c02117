//! The rows of a top table: parsed from pprof's text (exact units) and from our
//! `--format tsv`, to compare values, names and order; a golden's TSV run against its rows.
//! Shared by `tests/other_producers.rs` and `tests/diff_reports.rs`.

#![allow(dead_code)]

/// One row of a top table: flat, cum, name.
pub type Row = (i64, i64, String);

/// Golden `g`'s flags run in memprof-tui's spelling with `--format tsv` (the test crate
/// includes `support/goldens.rs` as `goldens`): our rows, pprof's rows from the golden,
/// and the run's output.
pub fn tsv_against_golden(
    g: &super::goldens::Golden,
) -> (Vec<Row>, Vec<Row>, std::process::Output) {
    let mut args = super::goldens::translate(&g.flags).expect("flags");
    args.extend(["--format".into(), "tsv".into()]);
    let golden = super::goldens::read_golden(&g.file);
    if super::goldens::needs_raw(&golden) {
        args.push("--raw".into());
    }
    let out = super::goldens::run(&args, &g.profile);
    let want = pprof_rows(&String::from_utf8_lossy(&golden));
    let got = tsv_rows(&String::from_utf8_lossy(&out.stdout));
    (got, want, out)
}

/// A value as pprof prints it with an exact unit: digits, then the unit ("123B", "-5ns").
fn value(text: &str) -> Option<i64> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(text.len());
    text[..end].parse().ok()
}

/// The rows of pprof's text top table. A name with a line break continues on the next
/// line(s); it is joined back, then made a TSV field (tab, CR, LF → space).
pub fn pprof_rows(text: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut in_table = false;
    for line in text.split('\n') {
        if !in_table {
            in_table = line.trim_start().starts_with("flat  flat%");
            continue;
        }
        let (fields, end) = five_fields(line);
        let parsed = (fields.len() == 5)
            .then(|| Some((value(fields[0])?, value(fields[3])?)))
            .flatten();
        // "<cum%>  <name>": the name starts two characters after the fifth field.
        let name_at = (fields.len() == 5).then(|| (end + 2).min(line.len()));
        match (parsed, name_at) {
            (Some((flat, cum)), Some(at)) if fields[2].ends_with('%') => {
                rows.push((flat, cum, line[at..].to_string()))
            }
            _ => match rows.last_mut() {
                Some(last) if !line.is_empty() => {
                    last.2.push('\n');
                    last.2.push_str(line);
                }
                _ => {}
            },
        }
    }
    for r in &mut rows {
        r.2 = r.2.replace(['\t', '\n', '\r'], " ");
    }
    rows
}

/// The first five space-separated fields of `line` and where the fifth ends.
fn five_fields(line: &str) -> (Vec<&str>, usize) {
    let (mut fields, mut pos) = (Vec::new(), 0);
    while fields.len() < 5 {
        let rest = &line[pos..];
        let Some(start) = rest.find(|c: char| c != ' ') else {
            break;
        };
        let len = rest[start..].find(' ').unwrap_or(rest.len() - start);
        fields.push(&rest[start..start + len]);
        pos += start + len;
    }
    (fields, pos)
}

/// The rows of our `--format tsv` table.
pub fn tsv_rows(text: &str) -> Vec<Row> {
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.splitn(6, '\t').collect();
            assert_eq!(f.len(), 6, "TSV row {l:?}");
            (
                f[0].parse().expect("flat"),
                f[3].parse().expect("cum"),
                f[5].to_string(),
            )
        })
        .collect()
}
