//! `--growth`: loads the inputs as a series of snapshots, ranks what keeps growing and
//! prints it.

use super::{Args, Failure, growth_output};
use crate::analysis::Granularity;
use crate::analysis::growth::{GrowthError, GrowthOptions, Snapshot, growth};

/// Prints the growth suspects of the series the inputs name; returns the exit code.
pub fn run(args: &Args) -> Result<i32, Failure> {
    let entries = crate::input::series::load_series(&args.profiles, &args.limits())?;
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
