//! The explorer on a diff profile (`--diff-base`/`--base`), without a terminal: the
//! change sorts, the notice's numbers against pprof's goldens, the signs and the growth
//! and shrinkage colours of the values.

mod common;

use common::Harness;
use memprof_tui::analysis::view::TableSort;
use memprof_tui::app::{Action, Notice, Status};
use memprof_tui::profile::BaseMode::{DiffBase, Subtract};
use memprof_tui::ui::Theme;
use ratatui::style::Color;

/// The growth pair as `--diff-base` (or `--base`) at 120×30.
fn growth(mode: memprof_tui::profile::BaseMode) -> Harness {
    Harness::diff("growth-end.prof", "growth-mid.prof", mode, 120, 30)
}

fn flats(h: &Harness) -> Vec<i64> {
    let v = h.app.view().expect("view");
    v.report.rows.iter().map(|r| r.flat).collect()
}

#[test]
fn change_sort_cycles_abs_growth_shrinkage() {
    let mut h = growth(DiffBase);
    assert_eq!(h.app.view_key().sort, TableSort::Flat);
    let abs = flats(&h);
    assert!(abs.windows(2).all(|w| w[0].abs() >= w[1].abs()), "{abs:?}");
    assert!(abs.iter().any(|&f| f < 0) && abs.iter().any(|&f| f > 0));
    h.act(Action::CycleChangeSort);
    assert_eq!(h.app.view_key().sort, TableSort::Growth);
    let grow = flats(&h);
    assert!(grow.windows(2).all(|w| w[0] >= w[1]), "{grow:?}");
    h.act(Action::CycleChangeSort);
    assert_eq!(h.app.view_key().sort, TableSort::Shrink);
    let shrink = flats(&h);
    assert!(shrink.windows(2).all(|w| w[0] <= w[1]), "{shrink:?}");
    assert_eq!(shrink[0], *abs.iter().min().expect("rows"));
    h.act(Action::CycleChangeSort);
    assert_eq!(h.app.view_key().sort, TableSort::Flat);
    // From cum, the key goes back to pprof's |change| order.
    h.act(Action::CycleSort);
    h.act(Action::CycleChangeSort);
    assert_eq!(h.app.view_key().sort, TableSort::Flat);
}

#[test]
fn change_sort_needs_a_diff() {
    let mut h = Harness::new("growth-end.prof", 120, 30);
    assert!(!h.app.applies(&Action::CycleChangeSort));
    h.act(Action::CycleChangeSort);
    assert_eq!(h.app.view_key().sort, TableSort::Flat);
    assert_eq!(
        h.app.status(),
        Some(&Status::NeedsDiff(Action::CycleChangeSort))
    );
    assert!(growth(Subtract).app.applies(&Action::CycleChangeSort));
}

/// pprof's total ("of N total") and the sum of its rows' flat values, from an exact-unit
/// golden of testdata/golden/.
fn golden_total_and_net(file: &str) -> (i64, i64) {
    let text = std::fs::read_to_string(common::testdata(&format!("golden/{file}"))).expect(file);
    let number = |s: &str| -> i64 { s.trim_end_matches('B').parse().expect("bytes") };
    let showing = text
        .lines()
        .find(|l| l.starts_with("Showing nodes"))
        .expect("header");
    let total = showing
        .rsplit(" of ")
        .next()
        .and_then(|s| s.strip_suffix(" total"))
        .map(number)
        .expect("total");
    let net = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("flat  flat%"))
        .skip(1)
        .map(|l| number(l.split_whitespace().next().expect("flat")))
        .sum();
    (total, net)
}

#[test]
fn the_notice_says_what_signs_and_percentages_mean_with_pprofs_numbers() {
    for (mode, tag, relative_to_base) in [(DiffBase, "diff_base", true), (Subtract, "base", false)]
    {
        let mut h = growth(mode);
        for t in [
            "alloc_objects",
            "alloc_space",
            "inuse_objects",
            "inuse_space",
        ] {
            let i = h.app.profile().sample_index_by_name(t).expect("type");
            while h.app.view_key().sample.index() != i {
                h.act(Action::NextSampleType);
            }
            let (total, net) =
                golden_total_and_net(&format!("growth-end.prof.{tag}.{t}.functions.top"));
            let notices = h.app.notices();
            assert_eq!(
                notices,
                vec![Notice::Diff {
                    bases: "growth-mid.prof".into(),
                    relative_to_base,
                    normalized: false,
                    net,
                    total,
                }],
                "{tag} {t}"
            );
        }
        h.draw();
        // The notice's words, unwrapped from the box.
        let s = h
            .screen()
            .lines()
            .filter_map(|l| l.strip_prefix('│')?.strip_suffix('│'))
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            s.contains("negative values (-) shrank since the base"),
            "{s}"
        );
        let share = if relative_to_base {
            "the base's total"
        } else {
            "every change counted positive"
        };
        assert!(s.contains(share), "{s}");
    }
}

/// The foreground colour of the first cell of `text` on the screen.
fn colour_of(h: &Harness, text: &str) -> Option<Color> {
    let buf = h.term.backend().buffer();
    let screen = h.screen();
    let (y, line) = screen.lines().enumerate().find(|(_, l)| l.contains(text))?;
    let col = line[..line.find(text)?].chars().count();
    buf[(col as u16, y as u16)].style().fg
}

#[test]
fn growth_and_shrinkage_have_a_sign_and_a_colour() {
    let mut h = growth(DiffBase);
    h.act(Action::ToggleNotice);
    h.theme = Theme::new(true);
    h.draw();
    let s = h.screen();
    // main.fillScratch shrank, main.addEntry grew (rows 2 and 1 of pprof's table).
    assert!(s.contains("-7.85MB -32.47%"), "{s}");
    assert!(s.contains("+19.1MB +78.98%"), "{s}");
    assert_eq!(colour_of(&h, "-7.85MB"), Some(Color::Cyan));
    assert_eq!(colour_of(&h, "+466kB"), Some(Color::Red));
    // The total is not a change: no sign.
    assert!(s.contains("total 24.2MB"), "{s}");
    // Without colours the signs stay.
    h.theme = Theme::new(false);
    h.draw();
    assert!(matches!(
        colour_of(&h, "-7.85MB"),
        None | Some(Color::Reset)
    ));
    assert!(h.screen().contains("+19.1MB"));
}

#[test]
fn details_name_the_base_and_the_net_change() {
    let mut h = Harness::diff("growth-end.prof", "growth-mid.prof", Subtract, 120, 40);
    h.act(Action::ShowDetails);
    let s = h.screen();
    assert!(
        s.contains("growth-mid.prof (pprof's -base: % of all changes)"),
        "{s}"
    );
    let (total, net) = golden_total_and_net("growth-end.prof.base.inuse_space.functions.top");
    assert!(s.contains(&format!("(+{net} bytes), % of")), "{s}");
    assert!(s.contains(&format!("({total} bytes)")), "{s}");
}

#[test]
fn side_by_side_is_refused_on_a_diff() {
    let mut h = growth(DiffBase);
    assert!(!h.app.applies(&Action::ToggleSideBySide));
    h.act(Action::ToggleSideBySide);
    assert!(!h.app.view_key().side_by_side);
    assert_eq!(
        h.app.status(),
        Some(&Status::NotOnDiff(Action::ToggleSideBySide))
    );
}
