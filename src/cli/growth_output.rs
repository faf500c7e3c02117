//! Prints a series' growth suspects (`--growth`): text for people, TSV with exact values,
//! JSON with every statistic.

use std::fmt::Write;

use super::OutputFormat;
use super::escaping::Escaping;
use super::top_output::json_str;
use crate::analysis::compact;
use crate::analysis::growth::{GrowthReport, Suspect, TrendClass, sparkline};
use crate::analysis::header::go_time;

/// Renders `r` in `format`; `names` are the snapshots' inputs in series order; profile
/// strings are written as `esc` says.
pub fn render(r: &GrowthReport, names: &[String], format: OutputFormat, esc: Escaping) -> String {
    match format {
        OutputFormat::Text => text(r, esc),
        OutputFormat::Tsv => tsv(r, esc),
        OutputFormat::Json => json(r, names),
    }
}

fn per_min(v: f64, unit: &str) -> String {
    format!("{}/min", compact::value(v.round() as i64, unit))
}

/// A change with its sign: "+4.2MB", "-300kB", "0".
fn signed(v: i64, unit: &str) -> String {
    let plus = if v > 0 { "+" } else { "" };
    format!("{plus}{}", compact::value(v, unit))
}

/// The rate a row is ranked by, where one means something: the later half's slope (0 for
/// a warm-up that stopped); none for memory that grows and is released.
fn rate(s: &Suspect, unit: &str) -> String {
    match s.trend.class {
        TrendClass::GrowsAndReleases => "-".into(),
        _ => per_min(s.trend.recent_per_min, unit),
    }
}

fn share(s: &Suspect) -> String {
    match s.share {
        Some(f) if f.is_finite() => format!("{:.1}%", f * 100.0),
        _ => "-".into(),
    }
}

/// The confidence of a rise is shown for growing rows only.
fn sure(s: &Suspect) -> &'static str {
    if s.trend.class == TrendClass::Growing {
        s.trend.confidence.label()
    } else {
        "-"
    }
}

/// Rows that move by less than this share of the largest total are left out of the text
/// (not out of TSV or JSON), unless they grow.
const TEXT_SHARE: f64 = 0.01;

/// Whether the text shows `sus`: every growing row, others that move enough to matter.
fn worth_a_line(r: &GrowthReport, sus: &Suspect) -> bool {
    match sus.trend.class {
        TrendClass::Growing => true,
        TrendClass::Flat => false,
        _ => sus.trend.range as f64 >= TEXT_SHARE * r.scale as f64,
    }
}

fn span_secs(r: &GrowthReport) -> f64 {
    match (r.times.first(), r.times.last()) {
        (Some(a), Some(b)) => (b.saturating_sub(*a)) as f64 / 1e9,
        _ => 0.0,
    }
}

fn text(r: &GrowthReport, esc: Escaping) -> String {
    let mut s = String::new();
    let n = r.times.len();
    let first = r.times.first().copied().unwrap_or(0);
    let _ = writeln!(
        s,
        "Series: {n} snapshots of {}, from {} over {:.0} s",
        esc.field(&r.sample_type),
        go_time(first),
        span_secs(r)
    );
    let (t0, t1) = (
        r.totals.first().copied().unwrap_or(0),
        r.totals.last().copied().unwrap_or(0),
    );
    let unit = esc.field(&r.unit);
    let _ = writeln!(
        s,
        "Total: {} -> {} ({}), {}  {}",
        compact::value(t0, &unit),
        compact::value(t1, &unit),
        signed(t1.saturating_sub(t0), &unit),
        per_min(r.total_trend.slope_per_min, &unit),
        sparkline(&r.totals)
    );
    if let Some(rates) = &r.alloc_rate {
        let known: Vec<f64> = rates.iter().flatten().copied().collect();
        if !known.is_empty() {
            let mean = known.iter().sum::<f64>() / known.len() as f64;
            let _ = writeln!(
                s,
                "Allocated: {}/s on average between snapshots",
                compact::value(mean.round() as i64, "bytes")
            );
        }
    }
    if n < 3 {
        let _ = writeln!(
            s,
            "Only {n} snapshot{}: a trend needs at least 3 (more is better: --count, or more files).",
            if n == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(
        s,
        "Ranked by sustained growth: the later half's Theil-Sen slope of each flat value;"
    );
    let _ = writeln!(
        s,
        "\"sure\" is Mann-Kendall's test for a steady rise (docs/GUIDE.md, \"Hunting a leak\")."
    );
    let _ = writeln!(
        s,
        "{:>13} {:>8} {:>7}  {:<13} {:<6} {:<width$}  name",
        "growth/min",
        "net",
        "share",
        "trend",
        "sure",
        "series",
        width = n.max(6)
    );
    let mut flat = 0;
    for sus in &r.suspects {
        if !worth_a_line(r, sus) {
            flat += 1;
            continue;
        }
        let _ = writeln!(
            s,
            "{:>13} {:>8} {:>7}  {:<13} {:<6} {:<width$}  {}",
            rate(sus, &unit),
            signed(sus.trend.net, &unit),
            share(sus),
            sus.trend.class.label(),
            sure(sus),
            sparkline(&sus.values),
            esc.field(&sus.name),
            width = n.max(6)
        );
    }
    if flat > 0 {
        let _ = writeln!(
            s,
            "({flat} more: no lasting change, or moves under {}% of the largest total; --format tsv lists all)",
            TEXT_SHARE * 100.0
        );
    }
    s
}

fn tsv(r: &GrowthReport, esc: Escaping) -> String {
    let mut s = String::from(
        "rank\tname\ttrend\tconfidence\trecent_per_min\tslope_per_min\tnet\trange\tgive_back\ttau\tp_rise\tshare\tvalues\n",
    );
    for (i, sus) in r.suspects.iter().enumerate() {
        let t = &sus.trend;
        let values: Vec<String> = sus.values.iter().map(i64::to_string).collect();
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{:.0}\t{:.0}\t{}\t{}\t{}\t{:.4}\t{:.6}\t{}\t{}",
            i + 1,
            esc.tsv_field(&sus.name),
            t.class.key(),
            t.confidence.label(),
            t.recent_per_min,
            t.slope_per_min,
            t.net,
            t.range,
            t.give_back,
            t.tau,
            t.p_rise,
            sus.share.map_or("".into(), |f| format!("{f:.4}")),
            values.join(",")
        );
    }
    s
}

fn num(f: f64) -> String {
    if f.is_finite() {
        format!("{f}")
    } else {
        "null".into()
    }
}

fn ints(v: &[i64]) -> String {
    v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

fn json(r: &GrowthReport, names: &[String]) -> String {
    let mut s = String::from("{\n");
    let _ = writeln!(s, "  \"sample_type\": {},", json_str(&r.sample_type));
    let _ = writeln!(s, "  \"unit\": {},", json_str(&r.unit));
    let inputs: Vec<String> = names.iter().map(|n| json_str(n)).collect();
    let _ = writeln!(s, "  \"snapshots\": [{}],", inputs.join(", "));
    let _ = writeln!(s, "  \"time_nanos\": [{}],", ints(&r.times));
    let _ = writeln!(s, "  \"totals\": [{}],", ints(&r.totals));
    let _ = writeln!(
        s,
        "  \"total_slope_per_min\": {},",
        num(r.total_trend.slope_per_min)
    );
    let rates = r.alloc_rate.as_ref().map_or("null".into(), |v| {
        let items: Vec<String> = v.iter().map(|x| x.map_or("null".into(), num)).collect();
        format!("[{}]", items.join(", "))
    });
    let _ = writeln!(s, "  \"alloc_bytes_per_sec\": {rates},");
    s.push_str("  \"suspects\": [");
    for (i, sus) in r.suspects.iter().enumerate() {
        let t = &sus.trend;
        let _ = write!(
            s,
            "{}\n    {{\"name\": {}, \"trend\": \"{}\", \"confidence\": \"{}\", \"recent_per_min\": {}, \"slope_per_min\": {}, \"net\": {}, \"range\": {}, \"give_back\": {}, \"tau\": {}, \"p_rise\": {}, \"share\": {}, \"values\": [{}]}}",
            if i > 0 { "," } else { "" },
            json_str(&sus.name),
            t.class.key(),
            t.confidence.label(),
            num(t.recent_per_min),
            num(t.slope_per_min),
            t.net,
            t.range,
            t.give_back,
            num(t.tau),
            num(t.p_rise),
            sus.share.map_or("null".into(), num),
            ints(&sus.values)
        );
    }
    s.push_str("\n  ]\n}\n");
    s
}
