//! Tests of the rewriting of pprof's flag spellings.

use super::*;
use clap::CommandFactory;

fn own() -> OwnFlags {
    OwnFlags::of(&crate::cli::Args::command())
}

fn rewrite_words(words: &str) -> Result<Rewritten, String> {
    let args = std::iter::once("memprof-tui")
        .chain(words.split(' ').filter(|w| !w.is_empty()))
        .map(OsString::from)
        .collect();
    rewrite(args, &own())
}

fn words(words: &str) -> String {
    let r = rewrite_words(words).expect(words);
    r.args[1..]
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn value_flags_in_both_of_gos_forms() {
    assert_eq!(
        words("-sample_index=alloc_space p.prof"),
        "--sample-index=alloc_space p.prof"
    );
    assert_eq!(
        words("-sample_index alloc_space p.prof"),
        "--sample-index alloc_space p.prof"
    );
    assert_eq!(words("--nodefraction=0.1 p"), "--node-fraction=0.1 p");
    assert_eq!(words("-show_from=^main p"), "--show-from=^main p");
    assert_eq!(words("-peek ^main\\.f$ p"), "--peek ^main\\.f$ p");
    // A value that looks like a flag stays a value.
    assert_eq!(words("-focus -top p"), "--focus -top p");
    assert_eq!(
        words("-diff_base=a.prof b.prof"),
        "--diff-base=a.prof b.prof"
    );
}

#[test]
fn switches_granularities_and_their_false_forms() {
    assert_eq!(
        words("-top -cum -lines p"),
        "--top --cum --granularity lines p"
    );
    assert_eq!(words("-text p"), "--top p");
    assert_eq!(words("-cum=false p"), "p");
    assert_eq!(words("-flat p"), "p");
    assert_eq!(words("-flat=false p"), "p");
    assert_eq!(words("-trim=false p"), "--no-trim p");
    assert_eq!(words("-trim p"), "p");
    assert_eq!(
        words("-relative_percentages=1 p"),
        "--relative-percentages p"
    );
    let err = rewrite_words("-cum=maybe p").unwrap_err();
    assert!(err.contains("-cum"), "{err}");
}

#[test]
fn sample_type_shorthands_follow_pprofs_precedence() {
    assert_eq!(words("-inuse_objects p"), "p --sample-index inuse_objects");
    assert_eq!(words("-total_delay p"), "p --sample-index delay");
    let r = rewrite_words("-alloc_objects -inuse_space p").unwrap();
    assert_eq!(r.args.last().unwrap(), "inuse_space");
    assert_eq!(
        r.warnings,
        ["Multiple value selections, ignoring -alloc_objects"]
    );
    let r = rewrite_words("-sample_index=1 -alloc_space p").unwrap();
    assert_eq!(r.args.last().unwrap(), "p");
    assert_eq!(
        r.warnings,
        ["Multiple value selections, ignoring -alloc_space"]
    );
    let r = rewrite_words("-i 0 -alloc_space p").unwrap();
    assert_eq!(r.args.last().unwrap(), "p");
    assert_eq!(words("-alloc_space=false p"), "p");
}

#[test]
fn traces_and_proto_with_its_output_file() {
    assert_eq!(words("-traces -lines p"), "--traces --granularity lines p");
    assert_eq!(words("-proto p"), "--proto - p");
    assert_eq!(words("-proto -output=out.pb.gz p"), "--proto out.pb.gz p");
    assert_eq!(
        words("-output=o.pb -proto -focus=x p"),
        "--proto o.pb --focus=x p"
    );
    assert_eq!(words("-proto -output o.pb p"), "--proto o.pb p");
    assert_eq!(words("-proto=false p"), "p");
    let err = rewrite_words("p -proto -output").unwrap_err();
    assert!(err.contains("needs a file"), "{err}");
}

#[test]
fn own_spellings_and_positionals_are_left_alone() {
    let same = "--top -i alloc_space -g lines --focus=main --unit MB -ialloc_space - p";
    assert_eq!(words(same), same);
    assert_eq!(words("-- -top"), "-- -top");
    // A value of one of our flags is never rewritten.
    assert_eq!(words("--focus -lines p"), "--focus -lines p");
    assert_eq!(words("-i -inuse_space p"), "-i -inuse_space p");
    // Unknown to both: left for clap to refuse.
    assert_eq!(words("-frobnicate p"), "-frobnicate p");
}

#[test]
fn pprof_flags_not_offered_are_refused_by_name() {
    for (flag, says) in [
        ("-svg", "-svg is not supported"),
        ("-http=:8080", "-http is not supported"),
        ("-output=x.txt", "redirect"),
        ("-output x.txt", "redirect"),
        ("-raw", "-raw"),
        ("-mean_delay", "mean"),
        ("-symbolize=remote", "-symbolize"),
        ("--weblist=main", "-weblist"),
    ] {
        let err = rewrite_words(&format!("{flag} p")).unwrap_err();
        assert!(err.contains(says), "{flag}: {err}");
    }
    assert_eq!(words("-symbolize=none p"), "p");
}

#[test]
fn every_pprof_value_flag_names_an_existing_long_flag() {
    let own = own();
    let names = [
        "sample_index",
        "focus",
        "ignore",
        "hide",
        "show",
        "show_from",
        "prune_from",
        "tagfocus",
        "tagignore",
        "nodecount",
        "nodefraction",
        "edgefraction",
        "unit",
        "trim_path",
        "source_path",
        "peek",
        "list",
        "diff_base",
        "base",
        "seconds",
        "timeout",
    ];
    for n in names {
        match meaning(n) {
            Some(Value(ours)) => assert_eq!(own.long(ours), Some(true), "{n} → --{ours}"),
            other => panic!("{n}: {other:?}"),
        }
    }
    for n in [
        "top",
        "cum",
        "lines",
        "relative_percentages",
        "trim",
        "normalize",
    ] {
        let Some(Switch(on, off)) = meaning(n) else {
            panic!("{n}")
        };
        for a in on.iter().chain(off) {
            if let Some(long) = a.strip_prefix("--") {
                assert!(own.long(long).is_some(), "{n} → {a}");
            }
        }
    }
}
