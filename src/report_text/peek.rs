//! Prints a peek report as pprof's text (`-peek`) or as TSV with exact integers.
//!
//! TSV columns: `function role flat cum calls inline name`. Each matched function gives a
//! `self` row (its flat and cum; `calls` and `inline` empty), preceded by its `caller`
//! rows and followed by its `callee` rows (edge weight in `calls`, `inline` 1 when the call
//! was inlined, 0 otherwise; `flat` and `cum` empty). `function` names the matched function
//! on every row of its block; `name` is the row's own function.

use std::fmt::Write;

use super::OutputFormat;
use super::escaping::Escaping;
use crate::analysis::PeekReport;
use crate::analysis::peek::PeekEdge;
use crate::analysis::units::percentage;

const SEPARATOR: &str = "----------------------------------------------------------+-------------";
const LEGEND: &str = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ";

/// Renders `r` in `format` (text or TSV); strings are written as `esc` says.
pub fn render(r: &PeekReport, format: OutputFormat, esc: Escaping) -> String {
    match format {
        OutputFormat::Tsv => tsv(r, esc),
        _ => text(r, esc),
    }
}

fn text(r: &PeekReport, esc: Escaping) -> String {
    let mut s = String::new();
    for l in &r.top.labels {
        let _ = writeln!(s, "{}", esc.field(l));
    }
    let _ = writeln!(s, "{SEPARATOR}\n{LEGEND}");
    let edge = |s: &mut String, e: &PeekEdge, cum: i64| {
        let _ = writeln!(
            s,
            "{:>50} {} |   {}{}",
            r.format_value(e.weight),
            percentage(e.weight, cum),
            esc.field(&e.name),
            if e.inline { " (inline)" } else { "" }
        );
    };
    for entry in &r.entries {
        let _ = writeln!(s, "{SEPARATOR}");
        for e in &entry.callers {
            edge(&mut s, e, entry.cum);
        }
        let _ = writeln!(
            s,
            "{:>10} {} {} {:>10} {}                | {}",
            r.format_value(entry.flat),
            percentage(entry.flat, r.top.total),
            percentage(entry.sum, r.top.total),
            r.format_value(entry.cum),
            percentage(entry.cum, r.top.total),
            esc.field(&entry.name)
        );
        for e in &entry.callees {
            edge(&mut s, e, entry.cum);
        }
    }
    if !r.top.rows.is_empty() {
        let _ = writeln!(s, "{SEPARATOR}");
    }
    s
}

fn tsv(r: &PeekReport, esc: Escaping) -> String {
    let mut s = String::from("function\trole\tflat\tcum\tcalls\tinline\tname\n");
    for entry in &r.entries {
        let f = esc.tsv_field(&entry.name);
        let edge = |s: &mut String, role: &str, e: &PeekEdge| {
            let _ = writeln!(
                s,
                "{f}\t{role}\t\t\t{}\t{}\t{}",
                e.weight,
                u8::from(e.inline),
                esc.tsv_field(&e.name)
            );
        };
        for e in &entry.callers {
            edge(&mut s, "caller", e);
        }
        let _ = writeln!(s, "{f}\tself\t{}\t{}\t\t\t{f}", entry.flat, entry.cum);
        for e in &entry.callees {
            edge(&mut s, "callee", e);
        }
    }
    s
}
