//! Prints a traces report as pprof's text (`-traces`) or as TSV with exact integers.
//!
//! TSV columns: `trace value labels depth inline name`, one row per frame. `trace`
//! numbers the samples from 1 in the report's order; `value` is the sample's exact value
//! and `labels` its label lines as `key=values` joined by `;` (both repeated on every row
//! of the sample); `depth` counts from 0 at the leaf; `inline` is 1 when the frame was
//! inlined into the next one, else 0.

use std::fmt::Write;

use super::OutputFormat;
use super::reports::{clean, tsv_field};
use crate::analysis::TracesReport;

const SEPARATOR: &str = "-----------+-------------------------------------------------------";

/// Renders `r` in `format` (text or TSV); strings are sanitized when `tty`.
pub fn render(r: &TracesReport, format: OutputFormat, tty: bool) -> String {
    match format {
        OutputFormat::Tsv => tsv(r, tty),
        _ => text(r, tty),
    }
}

fn text(r: &TracesReport, tty: bool) -> String {
    let mut s = String::new();
    let header: Vec<String> = r.header.iter().map(|l| clean(l, tty)).collect();
    let _ = writeln!(s, "{}", header.join("\n"));
    for t in &r.traces {
        let _ = writeln!(s, "{SEPARATOR}");
        for l in &t.labels {
            let _ = writeln!(s, "{:>10}:  {}", clean(&l.key, tty), clean(&l.values, tty));
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
                clean(r.name(f), tty),
                if f.inline { " (inline)" } else { "" }
            );
        }
    }
    let _ = writeln!(s, "{SEPARATOR}");
    s
}

fn tsv(r: &TracesReport, tty: bool) -> String {
    let mut s = String::from("trace\tvalue\tlabels\tdepth\tinline\tname\n");
    for (n, t) in r.traces.iter().enumerate() {
        let labels: Vec<String> = t
            .labels
            .iter()
            .map(|l| format!("{}={}", l.key, l.values))
            .collect();
        let labels = tsv_field(&labels.join(";"), tty);
        for (depth, f) in t.frames.iter().enumerate() {
            let _ = writeln!(
                s,
                "{}\t{}\t{labels}\t{depth}\t{}\t{}",
                n + 1,
                t.value,
                u8::from(f.inline),
                tsv_field(r.name(f), tty)
            );
        }
    }
    s
}
