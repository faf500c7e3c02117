//! The layering docs/ARCHITECTURE.md describes, checked on the source: no file-level
//! import circle between the crate's modules, and the layers' import rules (what
//! `profile`, `analysis`, `jobs`, `config` and `app` may not use).

#[path = "support/module_graph.rs"]
mod module_graph;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use module_graph::{circles, code, expand, graph, modules, paths};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_file_level_import_circle() {
    let g = graph(&src());
    assert!(g.len() > 100, "only {} modules found", g.len());
    let found = circles(&g);
    assert!(
        found.is_empty(),
        "import circles between module files: {found:#?}"
    );
}

#[test]
fn the_circle_finder_finds_circles() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    g.entry("c".into()).or_default().insert("a".into());
    g.entry("d".into()).or_default().insert("a".into());
    assert_eq!(circles(&g), vec![vec!["a", "b", "c"]]);
    let mut out = Vec::new();
    expand(
        "",
        "crate::app::{Action,keymap::{Scope,Keymap@K}}",
        &mut out,
    );
    assert_eq!(
        out,
        [
            "crate::app::Action",
            "crate::app::keymap::Scope",
            "crate::app::keymap::Keymap"
        ]
    );
}

/// The modules under `layer` name none of `forbidden` (module prefixes of ours, or
/// crates).
fn assert_layer(layer: &str, forbidden: &[&str]) {
    let src = src();
    let g = graph(&src);
    for (m, edges) in &g {
        if m != layer && !m.starts_with(&format!("{layer}::")) {
            continue;
        }
        for to in edges {
            for f in forbidden {
                assert!(
                    to != f && !to.starts_with(&format!("{f}::")),
                    "{m} uses {to} ({layer} may not use {f})"
                );
            }
        }
        let text = code(&std::fs::read_to_string(&modules(&src)[m]).expect("read"));
        for p in paths(&text) {
            let first = p.split("::").next().unwrap_or("");
            assert!(
                !forbidden.contains(&first) || first == "crate",
                "{m} names {p} ({layer} may not use {first})"
            );
        }
    }
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let terminal = ["ratatui", "crossterm", "syntect"];
    let network = ["ureq", "rustls", "fetch", "input"];
    let mut profile: Vec<&str> = terminal.to_vec();
    profile.extend(network);
    profile.extend(["analysis", "jobs", "config", "app", "ui", "tui", "cli"]);
    assert_layer("profile", &profile);
    assert_layer(
        "analysis",
        &[
            "ratatui",
            "crossterm",
            "syntect",
            "fetch",
            "input",
            "jobs",
            "config",
            "app",
            "ui",
            "tui",
            "cli",
        ],
    );
    assert_layer(
        "jobs",
        &[
            "ratatui",
            "crossterm",
            "fetch",
            "input",
            "config",
            "app",
            "ui",
            "tui",
            "cli",
        ],
    );
    assert_layer(
        "config",
        &["ratatui", "crossterm", "app", "ui", "tui", "cli"],
    );
    assert_layer(
        "app",
        &["ratatui", "crossterm", "syntect", "ui", "tui", "cli"],
    );
    assert_layer("ui", &["crossterm", "tui", "cli"]);
}

/// Every `.rs` file under `src/DIR`, with its text.
fn files_under(dir: &str) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![src().join(dir)];
    if let Some(flat) = Some(src().join(format!("{dir}.rs"))).filter(|p| p.is_file()) {
        out.push((flat.clone(), std::fs::read_to_string(&flat).expect("read")));
    }
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("read");
                out.push((p, text));
            }
        }
    }
    out
}

#[test]
fn profile_knows_no_network() {
    for (path, text) in files_under("profile") {
        for word in ["crate::fetch", "crate::input", "ureq", "rustls", "std::net"] {
            assert!(
                !text.contains(word),
                "{} names {word}: the input layer fetches, profile only decodes",
                path.display()
            );
        }
    }
}

#[test]
fn the_ui_picks_a_pane_by_its_kind_in_one_place() {
    let registry = src().join("ui").join("panes.rs");
    for (path, text) in files_under("ui") {
        if path == registry {
            continue;
        }
        for pane in ["Top", "Tree", "Peek", "Flame", "Source"] {
            let arm = format!("PaneId::{pane} =>");
            assert!(
                !code(&text).contains(&arm),
                "{} matches on the pane kind ({arm}); the ui's one registry is ui/panes.rs",
                path.display()
            );
        }
        assert!(
            !code(&text).contains("match app.focus()"),
            "{} matches on the focused pane",
            path.display()
        );
    }
}
