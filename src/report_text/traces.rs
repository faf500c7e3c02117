//! Prints a traces report as pprof's text (`-traces`) or as TSV with exact integers.
//!
//! TSV columns: `trace value labels depth inline name`, one row per frame. `trace`
//! numbers the samples from 1 in the report's order; `value` is the sample's exact value
//! and `labels` its label lines as `key=values` joined by `;` (both repeated on every row
//! of the sample); `depth` counts from 0 at the leaf; `inline` is 1 when the frame was
//! inlined into the next one, else 0.

use std::fmt::Write;

use super::OutputFormat;
use super::escaping::Escaping;
use crate::analysis::TracesReport;

const SEPARATOR: &str = "-----------+-------------------------------------------------------";

/// Renders `r` in `format` (text or TSV); strings are written as `esc` says.
pub fn render(r: &TracesReport, format: OutputFormat, esc: Escaping) -> String {
    match format {
        OutputFormat::Tsv => tsv(r, esc),
        _ => text(r, esc),
    }
}

fn text(r: &TracesReport, esc: Escaping) -> String {
    let mut s = String::new();
    let header: Vec<String> = r.header.iter().map(|l| esc.field(l).into_owned()).collect();
    let _ = writeln!(s, "{}", header.join("\n"));
    for t in &r.traces {
        let _ = writeln!(s, "{SEPARATOR}");
        for l in &t.labels {
            let _ = writeln!(s, "{:>10}:  {}", esc.field(&l.key), esc.field(&l.values));
        }
        for (i, f) in t.frames.iter().enumerate() {
            let value = if i == 0 {
                r.format_value(t.value)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "{value:>10}   {}{}",
                esc.field(r.name(f)),
                if f.inline { " (inline)" } else { "" }
            );
        }
    }
    let _ = writeln!(s, "{SEPARATOR}");
    s
}

fn tsv(r: &TracesReport, esc: Escaping) -> String {
    let mut s = String::from("trace\tvalue\tlabels\tdepth\tinline\tname\n");
    for (n, t) in r.traces.iter().enumerate() {
        let labels: Vec<String> = t
            .labels
            .iter()
            .map(|l| format!("{}={}", l.key, l.values))
            .collect();
        let labels = esc.tsv_field(&labels.join(";"));
        for (depth, f) in t.frames.iter().enumerate() {
            let _ = writeln!(
                s,
                "{}\t{}\t{labels}\t{depth}\t{}\t{}",
                n + 1,
                t.value,
                u8::from(f.inline),
                esc.tsv_field(r.name(f))
            );
        }
    }
    s
}
