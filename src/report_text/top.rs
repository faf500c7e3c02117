//! Prints a top report as pprof's text, as TSV with exact integers, or as JSON.

use std::fmt::Write;

use super::OutputFormat;
use super::escaping::Escaping;
use crate::analysis::TopReport;
use crate::analysis::units::percentage;
use crate::profile::{BaseMode, Bases, Profile};

/// Renders `r` in `format`; profile strings are written as `esc` says.
/// `bases`: what `p` is a diff against, if it is one (JSON says so).
pub fn render(
    r: &TopReport,
    p: &Profile,
    bases: Option<&Bases>,
    format: OutputFormat,
    esc: Escaping,
) -> String {
    match format {
        OutputFormat::Text => text(r, esc),
        OutputFormat::Tsv => tsv(r, esc),
        OutputFormat::Json => json(r, p, bases),
    }
}

/// The JSON of a diff's bases: files, mode, normalization, and what "total" is.
fn json_diff(bases: Option<&Bases>) -> String {
    let Some(b) = bases else {
        return "null".into();
    };
    let (mode, total) = match b.mode {
        BaseMode::DiffBase => ("diff_base", "base_total"),
        BaseMode::Subtract => ("base", "sum_of_absolute_changes"),
    };
    let files: Vec<String> = b.paths.iter().map(|f| json_str(f)).collect();
    format!(
        "{{\"mode\": \"{mode}\", \"bases\": [{}], \"normalize\": {}, \"total\": \"{total}\"}}",
        files.join(", "),
        b.normalize
    )
}

fn display_name(name: &str, inline: &str) -> String {
    if inline.is_empty() {
        name.to_string()
    } else {
        format!("{name} {inline}")
    }
}

fn text(r: &TopReport, esc: Escaping) -> String {
    let mut s = String::new();
    for l in &r.labels {
        let _ = writeln!(s, "{}", esc.field(l));
    }
    let _ = writeln!(
        s,
        "{:>10} {:>5}% {:>5}% {:>10} {:>5}%",
        "flat", "flat", "sum", "cum", "cum"
    );
    for row in &r.rows {
        let _ = writeln!(
            s,
            "{:>10} {} {} {:>10} {}  {}",
            r.format_value(row.flat),
            percentage(row.flat, r.total),
            percentage(row.sum, r.total),
            r.format_value(row.cum),
            percentage(row.cum, r.total),
            esc.field(&display_name(&row.name, row.inline))
        );
    }
    s
}

fn pct(v: i64, total: i64) -> f64 {
    if total == 0 {
        0.0
    } else {
        v as f64 / total as f64 * 100.0
    }
}

fn tsv(r: &TopReport, esc: Escaping) -> String {
    let mut s = String::from("flat\tflat%\tsum%\tcum\tcum%\tname\n");
    for row in &r.rows {
        let _ = writeln!(
            s,
            "{}\t{:.2}\t{:.2}\t{}\t{:.2}\t{}",
            row.flat,
            pct(row.flat, r.total),
            pct(row.sum, r.total),
            row.cum,
            pct(row.cum, r.total),
            esc.tsv_field(&display_name(&row.name, row.inline))
        );
    }
    s
}

/// A JSON string literal with every control character escaped.
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // JSON text is UTF-8: a byte that was not is U+FFFD.
            c if crate::profile::lossless::is_byte_escape(c) => out.push_str("\\ufffd"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f || crate::sanitize::is_unsafe(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json(r: &TopReport, p: &Profile, bases: Option<&Bases>) -> String {
    let mut s = String::from("{\n");
    let _ = writeln!(s, "  \"sample_type\": {},", json_str(&r.sample_type));
    let _ = writeln!(s, "  \"unit\": {},", json_str(&r.sample_unit));
    let _ = writeln!(s, "  \"total\": {},", r.total);
    let _ = writeln!(s, "  \"diff\": {},", json_diff(bases));
    let types: Vec<String> = p
        .sample_types
        .iter()
        .map(|t| {
            format!(
                "{{\"type\": {}, \"unit\": {}}}",
                json_str(&t.ty),
                json_str(&t.unit)
            )
        })
        .collect();
    let _ = writeln!(s, "  \"sample_types\": [{}],", types.join(", "));
    let _ = writeln!(
        s,
        "  \"default_sample_type\": {},",
        json_str(&p.sample_types[p.default_sample_index()].ty)
    );
    let _ = writeln!(s, "  \"time_nanos\": {},", p.time_nanos);
    let _ = writeln!(s, "  \"duration_nanos\": {},", p.duration_nanos);
    let period_type = p.period_type.as_ref().map_or_else(
        || "null".to_string(),
        |t| {
            format!(
                "{{\"type\": {}, \"unit\": {}}}",
                json_str(&t.ty),
                json_str(&t.unit)
            )
        },
    );
    let _ = writeln!(s, "  \"period_type\": {period_type},");
    let _ = writeln!(s, "  \"period\": {},", p.period);
    let comments: Vec<String> = p.comments.iter().map(|c| json_str(c)).collect();
    let _ = writeln!(s, "  \"comments\": [{}],", comments.join(", "));
    let _ = writeln!(
        s,
        "  \"main_binary\": {},",
        p.main_binary().map_or("null".into(), json_str)
    );
    let _ = writeln!(s, "  \"samples\": {},", p.samples.len());
    let labels: Vec<String> = r.labels.iter().map(|l| json_str(l)).collect();
    let _ = writeln!(s, "  \"header\": [{}],", labels.join(", "));
    s.push_str("  \"rows\": [");
    for (i, row) in r.rows.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(
            s,
            "\n    {{\"name\": {}, \"inline\": {}, \"flat\": {}, \"flat_pct\": {:.2}, \"sum_pct\": {:.2}, \"cum\": {}, \"cum_pct\": {:.2}}}",
            json_str(&row.name),
            json_str(row.inline),
            row.flat,
            pct(row.flat, r.total),
            pct(row.sum, r.total),
            row.cum,
            pct(row.cum, r.total)
        );
    }
    s.push_str("\n  ]\n}\n");
    s
}
