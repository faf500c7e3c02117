//! The header lines pprof prints above a report (File, Build ID, comments, Type, Time,
//! Duration), with Go's time layout "Jan 2, 2006 at 3:04pm (MST)" in local time.

use super::units;
use crate::profile::Profile;

/// What a report's header says about its values: the sample type, its unit, the total,
/// and how the report formats a value.
pub struct ReportValues<'a> {
    /// The sample type's name.
    pub sample_type: &'a str,
    /// The sample type's unit.
    pub sample_unit: &'a str,
    /// The total (percentage base).
    pub total: i64,
    /// The report's value formatting.
    pub format: &'a dyn Fn(i64) -> String,
}

/// pprof's ProfileLabels for a report of `p` with `report`'s values.
pub fn profile_labels(p: &Profile, report: &ReportValues) -> Vec<String> {
    let mut label = Vec::new();
    if let Some(m) = p.mappings.first() {
        if let Some(file) = p.main_binary() {
            label.push(format!("File: {file}"));
        }
        if !m.build_id.is_empty() {
            label.push(format!("Build ID: {}", m.build_id));
        }
    }
    for c in &p.comments {
        if !c.starts_with('#') {
            label.push(c.clone());
        }
    }
    if !report.sample_type.is_empty() {
        label.push(format!("Type: {}", report.sample_type));
    }
    if p.time_nanos != 0 {
        label.push(format!("Time: {}", go_time(p.time_nanos)));
    }
    if p.duration_nanos != 0 {
        let duration = units::label(p.duration_nanos, "nanoseconds");
        let (total_nanos, total_unit) =
            units::scale(report.total, report.sample_unit, "nanoseconds");
        let ratio = if total_unit == "ns" && total_nanos != 0.0 {
            format!(
                "({})",
                units::percentage(total_nanos as i64, p.duration_nanos)
            )
        } else {
            String::new()
        };
        label.push(format!(
            "Duration: {duration}, Total samples = {} {ratio}",
            (report.format)(report.total)
        ));
    }
    label
}

/// Broken-down local time: year, month (1-12), day, hour, minute, zone abbreviation.
struct LocalTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    zone: String,
}

fn local_time(secs: i64) -> LocalTime {
    // SAFETY: localtime_r writes only into `tm`, which outlives the call; tm_zone points to
    // static storage owned by libc and is read immediately.
    unsafe {
        let t: libc::time_t = secs as libc::time_t;
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return utc_time(secs);
        }
        let zone = if tm.tm_zone.is_null() {
            "UTC".to_string()
        } else {
            std::ffi::CStr::from_ptr(tm.tm_zone)
                .to_string_lossy()
                .into_owned()
        };
        LocalTime {
            year: i64::from(tm.tm_year) + 1900,
            month: (tm.tm_mon + 1) as u32,
            day: tm.tm_mday as u32,
            hour: tm.tm_hour as u32,
            minute: tm.tm_min as u32,
            zone,
        }
    }
}

fn utc_time(secs: i64) -> LocalTime {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    LocalTime {
        year,
        month,
        day,
        hour: (rem / 3600) as u32,
        minute: (rem % 3600 / 60) as u32,
        zone: "UTC".into(),
    }
}

/// Formats nanoseconds since the epoch like Go's "Jan 2, 2006 at 3:04pm (MST)".
pub fn go_time(nanos: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let t = local_time(nanos.div_euclid(1_000_000_000));
    let (h12, ampm) = match t.hour {
        0 => (12, "am"),
        1..=11 => (t.hour, "am"),
        12 => (12, "pm"),
        h => (h - 12, "pm"),
    };
    format!(
        "{} {}, {} at {}:{:02}{} ({})",
        MONTHS[(t.month as usize).clamp(1, 12) - 1],
        t.day,
        t.year,
        h12,
        t.minute,
        ampm,
        t.zone
    )
}

/// The local time of day of `secs` (Unix time) as `HH:MM:SS` (when a profile was
/// fetched).
pub fn clock_time(secs: i64) -> String {
    let t = local_time(secs);
    format!("{:02}:{:02}:{:02}", t.hour, t.minute, secs.rem_euclid(60))
}

/// What kind of profile this is, in words ("heap", "CPU", "goroutine", …).
pub fn profile_kind(p: &Profile) -> &'static str {
    let has = |n: &str| p.sample_types.iter().any(|t| t.ty == n);
    let period = p.period_type.as_ref().map_or("", |t| t.ty.as_str());
    if has("alloc_space") || has("inuse_space") {
        if p.default_sample_type == "alloc_space" {
            "allocs"
        } else {
            "heap"
        }
    } else if period == "cpu" || has("cpu") {
        "CPU"
    } else if has("goroutine") {
        "goroutine"
    } else if has("contentions") && has("delay") {
        "contention (mutex/block)"
    } else if has("threadcreate") {
        "threadcreate"
    } else {
        "profile"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_civil_dates() {
        let t = utc_time(1_795_704_540); // 2026-11-26 14:49 UTC
        assert_eq!(
            (t.year, t.month, t.day, t.hour, t.minute),
            (2026, 11, 26, 14, 49)
        );
        let t = utc_time(0);
        assert_eq!((t.year, t.month, t.day), (1970, 1, 1));
    }
}
