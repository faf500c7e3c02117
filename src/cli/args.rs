//! Command-line flags (clap), documented in `--help`.

use clap::Parser;

use super::numeric_flags;

pub use crate::report_text::OutputFormat;

/// Explore pprof profiles in a terminal, with go tool pprof's exact numbers.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "memprof-tui",
    version,
    after_help = super::help_sections::after_help()
)]
pub struct Args {
    /// Profile files (profile.proto, gzipped or raw); several are merged; "-" reads stdin.
    /// An http:// or https:// URL, or host:port[/path] (no such file), is fetched from a
    /// running program (host:port alone means /debug/pprof/profile) and saved in
    /// $PPROF_TMPDIR, else ~/pprof, like pprof.
    #[arg(
        required_unless_present_any = ["print_config", "completions", "man"],
        value_name = "PROFILE"
    )]
    pub profiles: Vec<String>,

    /// Print the top table (like `go tool pprof -top`) and exit.
    #[arg(long, conflicts_with_all = ["peek", "list", "traces", "proto"])]
    pub top: bool,

    /// Print the callers and callees of every function matching REGEX (Go syntax) like
    /// `go tool pprof -peek`, and exit.
    #[arg(long, value_name = "REGEX", conflicts_with_all = ["list", "traces", "proto"])]
    pub peek: Option<String>,

    /// Print the annotated source of every function whose name matches REGEX (Go syntax)
    /// like `go tool pprof -list`, and exit.
    #[arg(long, value_name = "REGEX", conflicts_with_all = ["traces", "proto"])]
    pub list: Option<String>,

    /// Print every sample of the refined profile — its labels, value and stack, leaf
    /// first — like `go tool pprof -traces`, and exit.
    #[arg(long, conflicts_with = "proto")]
    pub traces: bool,

    /// Write the refined profile (every sample type; the refinements and transforms
    /// applied) to FILE as gzipped profile.proto, like `go tool pprof -proto`, and exit;
    /// `-` writes to stdout when it is not a terminal. FILE is replaced if it exists.
    #[arg(long, value_name = "FILE")]
    pub proto: Option<String>,

    /// Rank what keeps growing over a series of snapshots of one program (files, or
    /// folders of them, each loaded on its own and ordered by time): every function's
    /// trend, growing ones first by their recent slope, and exit.
    #[arg(long, conflicts_with_all = ["top", "peek", "list", "traces", "proto", "diff_base", "base"])]
    pub growth: bool,

    /// Explorer: open the inputs (files, or folders of them) as a series of snapshots of
    /// one program, ordered by time, instead of merging them: the latest is shown, `D`
    /// shows its change since a base (`B`), and the Growth pane (6) ranks what keeps
    /// growing.
    #[arg(long, conflicts_with_all = ["top", "peek", "list", "traces", "proto", "diff_base", "base", "watch"])]
    pub series: bool,

    /// With --growth and --watch: how many snapshots to fetch before ranking (2 to
    /// 100000).
    #[arg(long, value_name = "N", requires = "growth", value_parser = numeric_flags::snapshot_count, allow_negative_numbers = true)]
    pub count: Option<usize>,

    /// How many snapshots a series keeps (the first, the latest and an even spread
    /// between; the saved copies of the others are removed); 0 keeps every one.
    #[arg(long, value_name = "N", default_value_t = crate::jobs::series::DEFAULT_KEEP, value_parser = numeric_flags::keep_count, allow_negative_numbers = true)]
    pub keep: usize,

    /// About how much memory the kept snapshots may take, in MiB (1 to 1048576): older
    /// ones are thinned out beyond it.
    #[arg(long = "keep-mib", value_name = "MIB", default_value_t = crate::jobs::series::DEFAULT_KEEP_BYTES >> 20, value_parser = numeric_flags::mib, allow_negative_numbers = true)]
    pub keep_mib: u64,

    /// About how much memory the explorer's computed reports (tables, call trees,
    /// butterflies, sample listings, refined profiles) may take, in MiB (1 to 1048576):
    /// past it the least recently used are let go of (and computed again if asked for),
    /// never what is on screen; what is being computed counts too. The profile itself is
    /// not counted.
    #[arg(long = "cache-mib", value_name = "MIB", default_value_t = (crate::jobs::DEFAULT_BUDGET >> 20) as u64, value_parser = numeric_flags::mib, allow_negative_numbers = true)]
    pub cache_mib: u64,

    /// Sample type to report: a name (alloc_space, inuse_objects, cpu, …) or an index.
    #[arg(short = 'i', long = "sample-index", value_name = "NAME|N")]
    pub sample_index: Option<String>,

    /// Node granularity: functions, filefunctions, files, lines or addresses.
    #[arg(short = 'g', long, default_value = "functions", value_name = "G")]
    pub granularity: String,

    /// Show at most N nodes (0: all).
    #[arg(long, default_value_t = 0, value_name = "N", value_parser = numeric_flags::count, allow_negative_numbers = true)]
    pub nodecount: usize,

    /// Hide nodes whose cum is below this fraction of the total (pprof's -nodefraction).
    /// (0.005 when not given; the explorer then shows every node.)
    #[arg(long = "node-fraction", value_name = "F", value_parser = numeric_flags::fraction, allow_hyphen_values = true)]
    pub node_fraction: Option<f64>,

    /// Hide edges below this fraction of the total (pprof's -edgefraction).
    #[arg(
        long = "edge-fraction",
        default_value_t = 0.001,
        value_name = "F",
        value_parser = numeric_flags::fraction,
        allow_hyphen_values = true
    )]
    pub edge_fraction: f64,

    /// Show every node and edge: no --nodecount, --node-fraction or --edge-fraction
    /// trimming (pprof's -trim=false).
    #[arg(long = "no-trim")]
    pub no_trim: bool,

    /// Sort by cumulative value instead of flat.
    #[arg(long)]
    pub cum: bool,

    /// Unit for values in text output: minimum, auto, or a unit such as B, MB, ns, s.
    #[arg(long, default_value = "minimum", value_name = "UNIT")]
    pub unit: String,

    /// Output format of text reports.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Text reports: write names and source lines with the profile's exact bytes, as
    /// go tool pprof does. By default control characters (C0 but tab and newline, C1,
    /// DEL), bidi overrides and invisible characters are shown as escapes such as \x1b
    /// and <U+202E>, and bytes that are not UTF-8 as U+FFFD, on a terminal and in a pipe
    /// alike, so a hostile profile cannot send escape sequences to a terminal or a log.
    #[arg(long)]
    pub raw: bool,

    /// Prefixes removed from recorded source paths (':'-separated), like pprof's -trim_path.
    #[arg(long = "trim-path", value_name = "PREFIX[:PREFIX…]")]
    pub trim_path: Option<String>,

    /// Directories to search for source files (':'-separated), like pprof's -source_path;
    /// GOROOT, the module cache and vendor/ are searched too.
    #[arg(long = "source-path", value_name = "DIR[:DIR…]")]
    pub source_path: Option<String>,

    // Comparing profiles (pprof's -diff_base, -base, -normalize).
    /// Subtract this profile (repeatable: several are merged) and show the change, with
    /// percentages of the base's total (pprof's -diff_base).
    #[arg(
        long = "diff-base",
        value_name = "FILE",
        conflicts_with = "base",
        help_heading = "Comparing profiles (go tool pprof's)"
    )]
    pub diff_base: Vec<String>,

    /// Subtract this profile (repeatable: several are merged), percentages of what is left
    /// (pprof's -base).
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Comparing profiles (go tool pprof's)"
    )]
    pub base: Vec<String>,

    /// Scale the profile so that each sample type's total equals the base's before
    /// subtracting (pprof's -normalize; needs --diff-base or --base).
    #[arg(long, help_heading = "Comparing profiles (go tool pprof's)")]
    pub normalize: bool,

    /// Sample filters (--focus, --ignore, --hide, …).
    #[command(flatten)]
    pub filters: super::filter_args::FilterArgs,

    /// Colours in the explorer: auto (off when NO_COLOR is set), always or never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"], value_name = "WHEN")]
    pub color: String,

    /// Leave the mouse to the terminal (no wheel scrolling or click selection).
    #[arg(long = "no-mouse")]
    pub no_mouse: bool,

    /// Ignore the user's keymap.toml and theme.toml (in $XDG_CONFIG_HOME/memprof-tui, else
    /// ~/.config/memprof-tui); the explorer then uses the built-in keys and colours.
    #[arg(long = "no-config")]
    pub no_config: bool,

    /// Print the built-in keymap or theme (a starting point for your own file), or your
    /// saved views (views.toml), and exit.
    #[arg(long = "print-config", value_name = "FILE", value_parser = ["keymap", "theme", "views"])]
    pub print_config: Option<String>,

    /// Explorer: start with the view saved as NAME (M saves one; see --print-config
    /// views), over the other flags.
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,

    // Fetching profiles from running programs (URL and host:port inputs).
    /// Profiling duration asked of the server, in seconds (adds ?seconds=N to fetched
    /// URLs, like pprof's -seconds); at most 604800 (one week).
    #[arg(long, value_name = "N", value_parser = numeric_flags::seconds, allow_negative_numbers = true)]
    pub seconds: Option<u64>,

    /// Seconds to wait for a fetched profile (default: 1.5 × the duration, else 60);
    /// 5 s more are allowed, as pprof does; at most 604800 (one week).
    #[arg(long, value_name = "SECS", value_parser = numeric_flags::seconds, allow_negative_numbers = true)]
    pub timeout: Option<u64>,

    /// Accept any TLS certificate for https:// inputs. Only for self-signed development
    /// servers: the connection is then not authenticated.
    #[arg(long)]
    pub insecure: bool,

    /// Explorer: fetch the URL inputs again every SECS seconds (after the last fetch
    /// ended), keeping the view; `R` refetches at once. Files are not refetched (the
    /// status line says so). At most 604800 (one week); 0: off.
    #[arg(long, value_name = "SECS", value_parser = numeric_flags::seconds, allow_negative_numbers = true)]
    pub watch: Option<u64>,

    /// Ask a heap or allocs endpoint to run a GC before each fetch (adds ?gc=1), so the
    /// profile shows the heap now, not as of the last GC. On by default with --watch and
    /// --growth, where identical fetches between GCs would hide every change.
    #[arg(long, conflicts_with = "no_gc")]
    pub gc: bool,

    /// Never add ?gc=1 (not even with --watch or --growth): each forced GC costs the
    /// server a collection, which a large production heap may feel.
    #[arg(long = "no-gc")]
    pub no_gc: bool,

    /// Print a completion script for SHELL (bash, zsh, fish, elvish, powershell) and exit.
    #[arg(long, value_name = "SHELL", value_enum)]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff, for man(1)) and exit.
    #[arg(long)]
    pub man: bool,

    /// Largest decompressed profile accepted, in MiB (1 to 1048576, i.e. 1 TiB).
    #[arg(
        long = "max-decompressed-mib",
        default_value_t = 1024,
        value_name = "MIB",
        value_parser = numeric_flags::mib,
        allow_negative_numbers = true
    )]
    pub max_decompressed_mib: u64,

    /// Largest estimated memory for decoding a profile, in MiB (1 to 1048576, i.e. 1 TiB).
    #[arg(
        long = "max-memory-mib",
        default_value_t = 4096,
        value_name = "MIB",
        value_parser = numeric_flags::mib,
        allow_negative_numbers = true
    )]
    pub max_memory_mib: u64,
}
