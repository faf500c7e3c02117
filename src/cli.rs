//! The command line: flags, exit codes, and the text outputs (`--top`), which print the
//! same analysis reports the interactive panes show.

mod args;
mod fetch_progress;
mod filter_args;
mod growth_output;
mod growth_run;
mod help_sections;
mod hint;
pub mod numeric_flags;
pub mod pprof_flags;
mod progress_line;
mod proto_output;
mod reports;

use std::borrow::Cow;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

use progress_line::ProgressLine;

use clap::CommandFactory;

pub use crate::report_text::escaping;
pub use crate::report_text::escaping::Escaping;
use crate::report_text::{
    list as list_output, peek as peek_output, top as top_output, traces as traces_output,
};
pub use args::{Args, OutputFormat};
pub use filter_args::{FilterArgs, apply_filters};
pub use reports::ReportKind;

use crate::analysis::{self, Granularity, ReportOptions, SortOrder};
use crate::profile::{self, Limits, Profile};

pub use crate::exit::{EXIT_FAILURE, EXIT_OK, EXIT_PANIC, EXIT_USAGE, Failure};

impl Args {
    /// The loader's resource caps from the flags.
    pub fn limits(&self) -> Limits {
        Limits {
            max_decompressed: self.max_decompressed_mib.saturating_mul(1 << 20),
            max_memory: self.max_memory_mib.saturating_mul(1 << 20),
        }
    }

    /// The base profiles to subtract (`--diff-base`/`--base`, `--normalize`), if any.
    pub fn bases(&self) -> Result<Option<profile::Bases>, Failure> {
        let (paths, mode) = if self.diff_base.is_empty() {
            (&self.base, profile::BaseMode::Subtract)
        } else {
            (&self.diff_base, profile::BaseMode::DiffBase)
        };
        if paths.is_empty() {
            if self.normalize {
                return Err(Failure::usage("--normalize needs --diff-base or --base"));
            }
            return Ok(None);
        }
        Ok(Some(profile::Bases {
            paths: paths.clone(),
            mode,
            normalize: self.normalize,
        }))
    }

    /// Refuses a profile without sample types, as pprof does ("profile has no samples"):
    /// no report or pane has anything to show for it.
    pub fn require_sample_types(&self, p: &Profile) -> Result<(), Failure> {
        if p.sample_types.is_empty() {
            return Err(Failure {
                message: format!("{}: profile has no samples", self.profiles.join(" ")),
                code: profile::LoadErrorKind::Invalid.exit_code(),
            });
        }
        Ok(())
    }

    /// Report options from the flags for profile `p` (resolves the sample index).
    pub fn report_options(&self, p: &Profile) -> Result<ReportOptions, Failure> {
        self.require_sample_types(p)?;
        let sample_index = p
            .sample_index_by_name(self.sample_index.as_deref().unwrap_or(""))
            .map_err(Failure::usage)?;
        let granularity = Granularity::parse(&self.granularity).ok_or_else(|| {
            Failure::usage(format!(
                "unknown granularity {:?}: use functions, filefunctions, files, lines or addresses",
                self.granularity
            ))
        })?;
        Ok(ReportOptions {
            sample_index,
            granularity,
            sort: if self.cum {
                SortOrder::Cum
            } else {
                SortOrder::Flat
            },
            node_count: if self.no_trim { 0 } else { self.nodecount },
            node_fraction: if self.no_trim {
                0.0
            } else {
                self.node_fraction.unwrap_or(0.005)
            },
            edge_fraction: if self.no_trim {
                0.0
            } else {
                self.edge_fraction
            },
            output_unit: self.unit.clone(),
            trim_path: self.trim_path.clone().unwrap_or_default(),
            source_path: self.source_path.clone().unwrap_or_default(),
            filters: self.filters.filters()?,
        })
    }
}

/// Computes the text output of a non-interactive run (`--top`, or any run whose stdout is
/// not a terminal), profile strings written as `--raw` says ([`Escaping`]); what is
/// written goes through [`Escaping::bytes`] once more.
pub fn text_output(args: &Args, p: &Profile) -> Result<String, Failure> {
    let esc = args.escaping();
    let opts = args.report_options(p)?;
    let kind = args.report_kind()?;
    // -traces prints samples one by one, as pprof's merge leaves them (identical ones
    // summed); the other reports add values up and read the profile as it is.
    let p = match kind {
        ReportKind::Traces => profile::compact::compact(p),
        _ => Cow::Borrowed(p),
    };
    let p = p.as_ref();
    let filtered = apply_filters(p, &opts)?;
    let table = || {
        analysis::NodeTable::build(
            &filtered,
            opts.granularity,
            &opts.trim_path,
            &opts.source_path,
            false,
        )
    };
    match kind {
        ReportKind::Top => {
            let report = analysis::top::top_filtered(p, &filtered, &opts, &table());
            let bases = args.bases()?;
            Ok(top_output::render(
                &report,
                p,
                bases.as_ref(),
                args.format,
                esc,
            ))
        }
        ReportKind::Peek(re) => {
            let report = analysis::peek(p, &filtered, &opts, &table(), &re)?;
            Ok(peek_output::render(&report, args.format, esc))
        }
        ReportKind::List(re) => {
            let report = analysis::list(p, &filtered, &opts, &re)?;
            let locator = reports::source_locator(&opts)?;
            Ok(list_output::render(&report, &locator, args.format, esc))
        }
        ReportKind::Traces => {
            let table = analysis::traces::traces_table(&filtered, &opts);
            let report = analysis::traces(p, &filtered, &opts, &table);
            Ok(traces_output::render(&report, args.format, esc))
        }
    }
}

impl Args {
    /// How profile strings are written in text reports: escaped unless `--raw`.
    pub fn escaping(&self) -> Escaping {
        Escaping::of(self.raw)
    }

    /// What the explorer needs from the flags (a bad refinement is a usage error).
    pub fn explorer_options(&self) -> Result<crate::tui::Options, Failure> {
        let filters = self.filters.filters()?;
        Ok(crate::tui::Options {
            profiles: self.profiles.clone(),
            bases: self.bases()?,
            limits: self.limits(),
            sample_index: self.sample_index.clone(),
            source_path: self.source_path.clone().unwrap_or_default(),
            trim_path: self.trim_path.clone().unwrap_or_default(),
            color: self.color.clone(),
            mouse: !self.no_mouse,
            no_config: self.no_config,
            granularity: self.granularity.clone(),
            cum: self.cum,
            unit: self.unit.clone(),
            node_count: if self.no_trim { 0 } else { self.nodecount },
            node_fraction: match self.node_fraction {
                Some(f) if !self.no_trim => f,
                _ => 0.0,
            },
            filters,
            fetch: self.fetch_options(),
            watch: self.watch,
            series: self.series,
            keep: self.keep,
            keep_bytes: self.keep_mib.saturating_mul(1 << 20),
            cache_bytes: usize::try_from(self.cache_mib.saturating_mul(1 << 20))
                .unwrap_or(usize::MAX),
            view: self.view.clone(),
        })
    }

    /// Whether heap and allocs fetches ask for a GC first: `--gc`, or watching (`--watch`,
    /// `--growth`) unless `--no-gc`.
    pub fn gc_wanted(&self) -> bool {
        self.gc || (!self.no_gc && (self.watch.is_some_and(|w| w > 0) || self.growth))
    }

    /// How URL inputs are fetched (`--seconds`, `--timeout`, `--insecure`, `--gc`),
    /// without progress reports.
    pub fn fetch_options(&self) -> crate::fetch::FetchOptions {
        crate::fetch::FetchOptions {
            seconds: self.seconds,
            timeout: self.timeout,
            insecure: self.insecure,
            gc: self.gc_wanted(),
            progress: None,
        }
    }
}

/// Whether this run opens the explorer: stdout is a terminal and no text report (or
/// completion script, or manual page) is asked.
pub fn wants_explorer(args: &Args) -> bool {
    std::io::stdout().is_terminal()
        && !args.wants_text_report()
        && args.completions.is_none()
        && !args.man
}

/// The command line with pprof's spellings (`-sample_index=…`, `-top`, …) rewritten into
/// memprof-tui's ([`pprof_flags`]); prints pprof's warnings on stderr. A pprof flag that
/// is not offered is a usage error naming it.
pub fn with_pprof_spellings(argv: Vec<OsString>) -> Result<Vec<OsString>, Failure> {
    let own = pprof_flags::OwnFlags::of(&Args::command());
    let rewritten = pprof_flags::rewrite(argv, &own).map_err(Failure::usage)?;
    for w in &rewritten.warnings {
        eprintln!("{w}");
    }
    Ok(rewritten.args)
}

/// The completion script for `shell` or the manual page, generated from the flags.
fn generated_text(args: &Args) -> Option<Result<String, Failure>> {
    let mut cmd = Args::command();
    if let Some(shell) = args.completions {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut cmd, "memprof-tui", &mut out);
        return Some(Ok(String::from_utf8_lossy(&out).into_owned()));
    }
    if args.man {
        return Some(
            help_sections::man_page(cmd)
                .map_err(|e| Failure::unexpected(format!("writing the manual page: {e}"))),
        );
    }
    None
}

/// Prints the text report for parsed `args` (`--top`, `--peek`, `--list`, or any run
/// whose stdout is not a terminal); returns the exit code.
pub fn run(args: &Args) -> Result<i32, Failure> {
    if args.print_config.as_deref() == Some("views") {
        let dir = (!args.no_config).then(crate::config::user_dir).flatten();
        let text =
            crate::config::views_text(dir.as_deref()).map_err(|e| Failure::usage(e.to_string()))?;
        return write_stdout(&Escaping::of(args.raw).bytes(&text));
    }
    if let Some(text) = args
        .print_config
        .as_deref()
        .and_then(crate::config::default_file)
    {
        return write_stdout(text.as_bytes());
    }
    if let Some(text) = generated_text(args) {
        return write_stdout(text?.as_bytes());
    }
    if let Some(name) = &args.view {
        // A saved view is the explorer's; a text report says what it shows by its flags.
        return Err(Failure::usage(format!(
            "--view {name} opens the explorer on a saved view, and text reports (--top, --peek, --list, --traces, --proto, or stdout not a terminal) take flags instead: y in the explorer shows the command that reproduces a view",
        )));
    }
    proto_output::check(args)?;
    if args.growth {
        return growth_run::run(args);
    }
    let mut fetch = args.fetch_options();
    fetch.progress = fetch_progress::on_stderr();
    let bases = args.bases()?;
    let progress = Arc::new(profile::LoadProgress::new());
    // A fetch has its own progress line; the loading line is for local files only.
    let local = !args
        .profiles
        .iter()
        .chain(bases.iter().flat_map(|b| b.paths.iter()))
        .any(|i| crate::input::is_remote(i, &fetch));
    let line = if local {
        ProgressLine::start(&args.profiles.join(" "), Arc::clone(&progress))
    } else {
        None
    };
    let report = crate::input::load_with_bases(
        &args.profiles,
        bases.as_ref(),
        &args.limits(),
        &fetch,
        &progress,
    )
    .map_err(Failure::from)
    .map(|loaded| {
        fetch_progress::report_saved(&loaded.fetched);
        if let Some(l) = &line {
            l.computing();
        }
        let text = match &args.proto {
            Some(dest) => proto_output::write(args, &loaded.profile, dest).map(|()| None),
            None => text_output(args, &loaded.profile).map(Some),
        };
        let hint = hint_for(args, &loaded.profile);
        // The process ends right after printing: returning a large profile's memory
        // to the allocator piece by piece would only cost time.
        std::mem::forget(loaded);
        (text, hint)
    });
    // The line is erased before the report or an error is printed.
    if let Some(l) = line {
        l.finish();
    }
    match report? {
        // --proto wrote the profile: nothing to print.
        (Ok(None), _) => Ok(EXIT_OK),
        (Ok(Some(text)), hint) => {
            // Every byte written is safe unless --raw asks for the profile's own bytes,
            // whatever part of a report it is in (names, units taken from the profile,
            // source lines), and whether stdout is a terminal or a pipe that may end in one.
            let code = write_stdout(&args.escaping().bytes(&text))?;
            if let Some(h) = hint {
                eprintln!("memprof-tui: {h}");
            }
            Ok(code)
        }
        // The report's own error (no matches), then why.
        (Err(f), Some(h)) => {
            eprintln!("memprof-tui: {}", crate::sanitize::sanitize(&f.message));
            eprintln!("memprof-tui: {h}");
            Ok(f.code)
        }
        (Err(f), None) => Err(f),
    }
}

/// The hint line for stderr when the chosen sample type hides what `--list`, `--peek`
/// or a refined `--top` looks for ([`hint`]).
fn hint_for(args: &Args, p: &Profile) -> Option<String> {
    let opts = args.report_options(p).ok()?;
    let kind = args.report_kind().ok()?;
    let e = hint::elsewhere(p, &opts, &kind)?;
    Some(e.line(hint::pprof_style(std::env::args_os())))
}

/// Writes `bytes` to stdout.
fn write_stdout(bytes: &[u8]) -> Result<i32, Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure {
            message: format!("writing output: {e}"),
            code: EXIT_FAILURE,
        })?;
    Ok(EXIT_OK)
}
