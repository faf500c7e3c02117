//! `--growth`: loads the inputs as a series of snapshots, ranks what keeps growing and
//! prints it.

use std::io::IsTerminal;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Args, Failure, growth_output};
use crate::analysis::Granularity;
use crate::analysis::growth::{GrowthError, GrowthOptions, Snapshot, growth};
use crate::input::series::SeriesEntry;

/// The snapshots `--growth` ranks: the files the inputs name, or with `--watch SECS
/// --count N` that many fetches of the URL inputs, SECS seconds apart.
fn snapshots(args: &Args) -> Result<Vec<SeriesEntry>, Failure> {
    let watch = args.watch.filter(|&s| s > 0);
    match (watch, args.count) {
        (None, None) => Ok(crate::input::series::load_series(
            &args.profiles,
            &args.limits(),
        )?),
        (Some(_), None) => Err(Failure::usage(
            "--growth --watch SECS needs --count N: how many snapshots to fetch",
        )),
        (None, Some(_)) => Err(Failure::usage(
            "--count is for --growth --watch SECS URL: how many snapshots to fetch",
        )),
        (Some(secs), Some(n)) => watch_series(args, Duration::from_secs(secs), n),
    }
}

/// Fetches the URL inputs `n` times, `every` apart (after each fetch ends), each fetch a
/// snapshot; says how far it got on stderr when that is a terminal.
fn watch_series(args: &Args, every: Duration, n: usize) -> Result<Vec<SeriesEntry>, Failure> {
    let fetch = args.fetch_options();
    if let Some(file) = args
        .profiles
        .iter()
        .find(|i| !crate::input::is_remote(i, &fetch))
    {
        return Err(Failure::usage(format!(
            "--growth --watch fetches URLs; {} is not one (rank saved files with --growth alone)",
            crate::sanitize::sanitize(file)
        )));
    }
    let (limits, tell) = (args.limits(), std::io::stderr().is_terminal());
    let mut entries = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 {
            std::thread::sleep(every);
        }
        let loaded = crate::input::load_with(
            &args.profiles,
            &limits,
            &fetch,
            &crate::profile::LoadProgress::new(),
        )?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_nanos()).ok())
            .unwrap_or(0);
        let at_nanos = if loaded.profile.time_nanos != 0 {
            loaded.profile.time_nanos
        } else {
            now
        };
        entries.push(SeriesEntry {
            name: format!("{} (fetch {})", args.profiles.join(" "), i + 1),
            profile: loaded.profile,
            at_nanos,
        });
        if tell {
            eprint!("\rmemprof-tui: snapshot {} of {n} fetched", i + 1);
        }
    }
    if tell {
        eprintln!();
    }
    entries.sort_by_key(|e| e.at_nanos);
    Ok(entries)
}

/// Prints the growth suspects of the series the inputs name; returns the exit code.
pub fn run(args: &Args) -> Result<i32, Failure> {
    let entries = snapshots(args)?;
    let first = entries
        .first()
        .ok_or_else(|| Failure::usage("--growth needs at least one profile"))?;
    args.require_sample_types(&first.profile)?;
    let sample_type = match args.sample_index.as_deref() {
        None | Some("") => String::new(),
        Some(s) => {
            let i = first
                .profile
                .sample_index_by_name(s)
                .map_err(Failure::usage)?;
            first.profile.sample_types[i].ty.clone()
        }
    };
    let granularity = Granularity::parse(&args.granularity).ok_or_else(|| {
        Failure::usage(format!(
            "unknown granularity {:?}: use functions, filefunctions, files, lines or addresses",
            args.granularity
        ))
    })?;
    let options = GrowthOptions {
        sample_type,
        granularity,
        filters: args.filters.filters()?,
        trim_path: args.trim_path.clone().unwrap_or_default(),
        source_path: args.source_path.clone().unwrap_or_default(),
    };
    let snaps: Vec<Snapshot<'_>> = entries
        .iter()
        .map(|e| Snapshot {
            profile: &e.profile,
            at_nanos: e.at_nanos,
        })
        .collect();
    let report = growth(&snaps, &options).map_err(|e| {
        let message = match &e {
            GrowthError::MissingType { index, ty, has } => format!(
                "{}: no {ty} samples (it has {has}), unlike the first snapshot of the series",
                entries[index - 1].name
            ),
            GrowthError::Empty => format!("{}: {e}", args.profiles.join(" ")),
        };
        Failure {
            message,
            code: crate::profile::LoadErrorKind::Invalid.exit_code(),
        }
    })?;
    let names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
    let esc = args.escaping();
    let text = growth_output::render(&report, &names, args.format, esc);
    super::write_stdout(&esc.bytes(&text))
}
