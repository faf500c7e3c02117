//! pprof's own flag spellings (`-sample_index=alloc_space`, `-inuse_space`, `-top`,
//! `-focus=RE`, `-lines`, …) rewritten into memprof-tui's before clap parses them, with
//! pprof's meaning; pprof flags this tool does not offer are refused by name.

use std::ffi::OsString;

/// What one of pprof's flags means here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Meaning {
    /// A flag with a value: memprof-tui's long name for it.
    Value(&'static str),
    /// A boolean flag: memprof-tui's arguments when it is true, and when it is false.
    Switch(&'static [&'static str], &'static [&'static str]),
    /// pprof's shorthand for a sample type (`-inuse_space`, `-total_delay`).
    SampleType(&'static str),
    /// pprof's `-symbolize`: memprof-tui never symbolizes, so only `none` means anything.
    Symbolize,
    /// pprof's `-proto`: the refined profile as profile.proto, to stdout or `-output`.
    Proto,
    /// pprof's `-output=FILE`: where `-proto` writes.
    Output,
    /// A pprof flag not offered here, and why.
    Unsupported(&'static str),
}

use Meaning::{SampleType, Switch, Unsupported, Value};

const GRAPHS: &str = "graph and image outputs are not offered; the explorer's call tree and flame graph show the same paths";
const WEB: &str = "there is no web interface: memprof-tui is the interactive viewer";
const TAGS: &str = "label reports are not offered; --tagfocus and --tagignore filter by label";
const BINARIES: &str =
    "memprof-tui never reads binaries: it uses the names recorded in the profile";
const DISPLAY: &str = "this display option is not offered";

/// pprof's sample-type shorthands in the order pprof applies them (the first one set wins
/// when several are given, and `-sample_index` beats them all).
const SAMPLE_TYPE_ORDER: [&str; 6] = [
    "total_delay",
    "contentions",
    "inuse_space",
    "inuse_objects",
    "alloc_space",
    "alloc_objects",
];

/// Every flag of Go 1.19's `go tool pprof`, with what it means here.
fn meaning(name: &str) -> Option<Meaning> {
    Some(match name {
        "sample_index" => Value("sample-index"),
        "focus" => Value("focus"),
        "ignore" => Value("ignore"),
        "hide" => Value("hide"),
        "show" => Value("show"),
        "tagfocus" => Value("tagfocus"),
        "tagignore" => Value("tagignore"),
        "nodecount" => Value("nodecount"),
        "unit" => Value("unit"),
        "base" => Value("base"),
        "seconds" => Value("seconds"),
        "timeout" => Value("timeout"),
        "peek" => Value("peek"),
        "list" => Value("list"),
        "show_from" => Value("show-from"),
        "prune_from" => Value("prune-from"),
        "nodefraction" => Value("node-fraction"),
        "edgefraction" => Value("edge-fraction"),
        "diff_base" => Value("diff-base"),
        "trim_path" => Value("trim-path"),
        "source_path" => Value("source-path"),
        "top" | "text" => Switch(&["--top"], &[]),
        "cum" => Switch(&["--cum"], &[]),
        // Flat order is the default (and -flat=false leaves it so, as in pprof).
        "flat" => Switch(&[], &[]),
        "functions" => Switch(&["--granularity", "functions"], &[]),
        "filefunctions" => Switch(&["--granularity", "filefunctions"], &[]),
        "files" => Switch(&["--granularity", "files"], &[]),
        "lines" => Switch(&["--granularity", "lines"], &[]),
        "addresses" => Switch(&["--granularity", "addresses"], &[]),
        "relative_percentages" => Switch(&["--relative-percentages"], &[]),
        "normalize" => Switch(&["--normalize"], &[]),
        "trim" => Switch(&[], &["--no-trim"]),
        "help" => Switch(&["--help"], &[]),
        "inuse_space" => SampleType("inuse_space"),
        "inuse_objects" => SampleType("inuse_objects"),
        "alloc_space" => SampleType("alloc_space"),
        "alloc_objects" => SampleType("alloc_objects"),
        "contentions" => SampleType("contentions"),
        "total_delay" => SampleType("delay"),
        "symbolize" => Meaning::Symbolize,
        "mean_delay" | "mean" => Unsupported("mean values are not offered"),
        "divide_by" => Unsupported("dividing values is not offered"),
        "drop_negative" | "call_tree" | "compact_labels" | "noinlines" => Unsupported(DISPLAY),
        "traces" => Switch(&["--traces"], &[]),
        "proto" => Meaning::Proto,
        "output" => Meaning::Output,
        "comments" | "raw" | "tree" | "dot" | "callgrind" | "kcachegrind" | "topproto" | "gif"
        | "pdf" | "png" | "ps" | "svg" | "eog" | "evince" | "gv" | "web" => Unsupported(GRAPHS),
        "weblist" | "http" => Unsupported(WEB),
        "no_browser" => Unsupported(WEB),
        "tags" => Unsupported(TAGS),
        "tagshow" | "taghide" | "tagroot" | "tagleaf" => Unsupported(TAGS),
        "disasm" | "tools" | "buildid" => Unsupported(BINARIES),
        "intel_syntax" => Unsupported(BINARIES),
        "all_frames" => Unsupported("drop_frames and keep_frames are always applied"),
        "add_comment" => Unsupported("memprof-tui does not write profiles"),
        _ => return None,
    })
}

/// memprof-tui's own flags, as far as rewriting needs them: which long and short names
/// exist, and which of them take a value.
#[derive(Debug, Default)]
pub struct OwnFlags {
    longs: Vec<(String, bool)>,
    shorts: Vec<(char, bool)>,
}

impl OwnFlags {
    /// Reads the flags of a clap command.
    pub fn of(cmd: &clap::Command) -> Self {
        let mut own = Self::default();
        for arg in cmd.get_arguments() {
            let takes = arg.get_action().takes_values();
            for long in arg.get_long_and_visible_aliases().into_iter().flatten() {
                own.longs.push((long.to_string(), takes));
            }
            for short in arg.get_short_and_visible_aliases().into_iter().flatten() {
                own.shorts.push((short, takes));
            }
        }
        own.longs.push(("help".into(), false));
        own.longs.push(("version".into(), false));
        own
    }

    fn long(&self, name: &str) -> Option<bool> {
        self.longs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }

    fn short(&self, c: char) -> Option<bool> {
        self.shorts.iter().find(|(s, _)| *s == c).map(|(_, v)| *v)
    }
}

/// The arguments in memprof-tui's spelling, and what pprof would have said on stderr
/// about them ("Multiple value selections, ignoring -alloc_space").
#[derive(Debug, PartialEq, Eq)]
pub struct Rewritten {
    /// The arguments for clap (the program name first, as given).
    pub args: Vec<OsString>,
    /// pprof's warnings, one line each.
    pub warnings: Vec<String>,
}

/// Rewrites pprof's spellings in `args` (the program name first). A pprof flag that is
/// not offered, or a bad boolean value, is an error naming the flag.
pub fn rewrite(args: Vec<OsString>, own: &OwnFlags) -> Result<Rewritten, String> {
    let mut out = Vec::with_capacity(args.len());
    let mut it = args.into_iter();
    out.extend(it.next());
    let mut sample_types: Vec<&'static str> = Vec::new();
    let mut explicit_index = false;
    let mut value_next = false;
    let mut positional_only = false;
    // Where -proto put its destination ("-", stdout), and pprof's -output.
    let mut proto_at: Option<usize> = None;
    let mut output: Option<OsString> = None;
    let mut output_next = false;
    for arg in it {
        if output_next {
            output = Some(arg);
            output_next = false;
            continue;
        }
        let Some(text) = arg.to_str().map(str::to_owned) else {
            out.push(arg);
            continue;
        };
        if value_next || positional_only || !text.starts_with('-') || text == "-" {
            value_next = false;
            out.push(arg);
            continue;
        }
        if text == "--" {
            positional_only = true;
            out.push(arg);
            continue;
        }
        let double = text.starts_with("--");
        let body = &text[if double { 2 } else { 1 }..];
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (body, None),
        };
        if double && let Some(takes) = own.long(name) {
            explicit_index |= name == "sample-index";
            value_next = takes && value.is_none();
            out.push(arg);
            continue;
        }
        if !double && name.chars().count() == 1 {
            let c = name.chars().next().unwrap_or('-');
            explicit_index |= c == 'i';
            value_next = own.short(c) == Some(true) && value.is_none();
            out.push(arg);
            continue;
        }
        let Some(m) = meaning(name) else {
            // Not pprof's either: clap names it (or reads `-ialloc_space` as `-i`).
            out.push(arg);
            continue;
        };
        match m {
            Value(ours) => {
                explicit_index |= ours == "sample-index";
                match value {
                    Some(v) => out.push(format!("--{ours}={v}").into()),
                    None => {
                        out.push(format!("--{ours}").into());
                        value_next = true;
                    }
                }
            }
            Switch(on, off) => {
                let set = if parse_bool(name, value)? { on } else { off };
                out.extend(set.iter().map(OsString::from));
            }
            SampleType(t) => {
                if parse_bool(name, value)? {
                    sample_types.push(t);
                }
            }
            Meaning::Proto => {
                if parse_bool(name, value)? && proto_at.is_none() {
                    out.push("--proto".into());
                    proto_at = Some(out.len());
                    out.push("-".into());
                }
            }
            Meaning::Output => match value {
                Some(v) => output = Some(v.into()),
                None => output_next = true,
            },
            Meaning::Symbolize => match value {
                Some("none") => {}
                _ => return Err(format!("pprof's -symbolize is not supported: {BINARIES}")),
            },
            Unsupported(why) => return Err(format!("pprof's -{name} is not supported: {why}")),
        }
    }
    match (proto_at, output) {
        (Some(at), Some(file)) => out[at] = file,
        (None, Some(_)) => {
            return Err(format!(
                "pprof's -output is only offered with -proto: {}",
                "text reports go to stdout; redirect it to a file"
            ));
        }
        _ if output_next => return Err("pprof's -output needs a file name".into()),
        _ => {}
    }
    let mut warnings = Vec::new();
    let mut chosen = None;
    for flag in SAMPLE_TYPE_ORDER {
        let Some(SampleType(t)) = meaning(flag) else {
            continue;
        };
        if !sample_types.contains(&t) {
            continue;
        }
        if explicit_index || chosen.is_some() {
            warnings.push(format!("Multiple value selections, ignoring -{flag}"));
        } else {
            chosen = Some(t);
        }
    }
    if let Some(t) = chosen {
        out.push("--sample-index".into());
        out.push(t.into());
    }
    Ok(Rewritten {
        args: out,
        warnings,
    })
}

/// A Go boolean flag's value: absent means true; Go's spellings of true and false.
fn parse_bool(name: &str, value: Option<&str>) -> Result<bool, String> {
    match value {
        None | Some("1" | "t" | "T" | "true" | "TRUE" | "True") => Ok(true),
        Some("0" | "f" | "F" | "false" | "FALSE" | "False") => Ok(false),
        Some(v) => Err(format!(
            "invalid boolean value {v:?} for -{name}: use true or false"
        )),
    }
}

#[cfg(test)]
#[path = "pprof_flags_tests.rs"]
mod tests;
