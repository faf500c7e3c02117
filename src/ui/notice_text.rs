//! The notice box above the table and the status line's messages, worded here from the
//! app's typed notices, with the keys taken from the keymap (so a rebinding shows).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use crate::analysis::units;
use crate::app::{Action, App, Notice, PaneId, Scope, Status};

/// The key bound to `a` (global scope first, then the focused pane's; else another
/// pane's, naming the pane), or "(unbound)".
pub fn key(app: &App, a: Action) -> String {
    let pane = Scope::of_pane(app.focus());
    let keymap = app.keymap();
    keymap
        .key_for(&[Scope::Global, pane], &a)
        .or_else(|| {
            PaneId::ALL.iter().find_map(|&p| {
                keymap
                    .key_for(&[Scope::of_pane(p)], &a)
                    .map(|k| format!("{k} (in the {} pane)", p.title()))
            })
        })
        .unwrap_or_else(|| "(unbound)".to_string())
}

fn bytes(_app: &App, v: i64) -> String {
    crate::analysis::compact::value(v, "bytes")
}

/// The table's message when the change since the previous fetch is empty: no change, and
/// why when it is known.
pub fn unchanged(app: &App, u: crate::app::live_unchanged::Unchanged) -> String {
    use crate::app::live_unchanged::UnchangedReason;
    let why = match u.reason {
        Some(UnchangedReason::SameProfile) => {
            "the server sent the same profile again: same time stamp and samples"
        }
        Some(UnchangedReason::NoGc) => {
            return format!(
                "No change since the previous fetch: a heap profile shows the heap as of the last garbage collection, and none ran between the two fetches. Press {} to fetch again with a GC first (gc=1), or start with --gc. Press {} for the latest fetch.",
                key(app, Action::RefetchWithGc),
                key(app, Action::ToggleChange)
            );
        }
        None => "every sample has the same values in both",
    };
    format!(
        "No change since the previous fetch ({why}). Press {} for the latest fetch.",
        key(app, Action::ToggleChange)
    )
}

/// A count estimated as a real number, rounded, never "-0".
pub fn whole(v: f64) -> String {
    let r = v.round();
    if r == 0.0 || !r.is_finite() {
        "0".into()
    } else {
        format!("{r:.0}")
    }
}

/// The paragraphs of the notice box.
pub fn paragraphs(app: &App) -> Vec<String> {
    app.notices()
        .into_iter()
        .map(|n| match n {
            Notice::EndOfProgram { inuse, alloc } => format!(
                "Only {} is in use (at the last GC) of {} allocated over the run ({}), and what remains was allocated by the Go runtime itself: the profile was written after the program's memory was freed, for example at program end. Press {} to see allocations (alloc_space).",
                bytes(app, inuse),
                bytes(app, alloc),
                super::numbers::prose_percent(inuse, alloc),
                key(app, Action::ToggleInuseAlloc)
            ),
            Notice::MostlyFreed { inuse, alloc } => format!(
                "In use {} of {} allocated ({}): most allocations were freed again; press {} to see all allocations.",
                bytes(app, inuse),
                bytes(app, alloc),
                super::numbers::prose_percent(inuse, alloc),
                key(app, Action::ToggleInuseAlloc)
            ),
            Notice::Diff {
                bases,
                relative_to_base,
                normalized,
                net,
                total,
            } => diff_paragraph(app, &bases, relative_to_base, normalized, net, total),
            Notice::FewSamples { raw, rate, live } => {
                let advice = if live {
                    "On a running program the samples add up as it allocates: keep watching, or fetch again later (a lower MemProfileRate would cost the server CPU and memory)."
                } else {
                    "To record every allocation in a short program, set runtime.MemProfileRate = 1 at the start of main."
                };
                format!(
                    "Few samples: only about {} allocations were recorded, since Go samples one per {} allocated (runtime.MemProfileRate = {rate}) and scales the values up. {advice}",
                    whole(raw),
                    units::label(rate, "bytes"),
                )
            }
            Notice::Delta { nanos, alloc, inuse } => format!(
                "A delta profile: what was allocated during the {} window asked of the server (--seconds), {} in all, not the heap in use. inuse_space holds the net change over the window ({}): negative where more was freed than allocated.",
                units::label(nanos, "nanoseconds"),
                bytes(app, alloc),
                bytes(app, inuse),
            ),
        })
        .collect()
}

/// What a diff's values and percentages mean, with its numbers in the current type.
fn diff_paragraph(
    app: &App,
    bases: &str,
    relative_to_base: bool,
    normalized: bool,
    net: i64,
    total: i64,
) -> String {
    let num = super::numbers::Numbers::of(app);
    let ty = app
        .profile()
        .sample_types
        .get(app.view_key().sample.index())
        .map_or("", |t| t.ty.as_str());
    let scaled = if normalized {
        " (this profile first scaled to the base's totals)"
    } else {
        ""
    };
    let share = if relative_to_base {
        format!(
            "Percentages are shares of {}, the base's total (as go tool pprof -diff_base), so a row can pass 100% and sum% can go down.",
            num.magnitude(total)
        )
    } else {
        format!(
            "Percentages are shares of {}, every change counted positive, growth and shrinkage alike (as go tool pprof -base).",
            num.magnitude(total)
        )
    };
    format!(
        "A diff: each value is this profile minus the base {bases}{scaled}. Positive values (+) grew since the base, negative values (-) shrank since the base; {ty} changed by {} in all. {share}{}",
        num.value(net),
        change_sort(app)
    )
}

/// How to sort by change, where the user is: the key here, else in the table (where the
/// keymap binds it by default), else nothing.
fn change_sort(app: &App) -> String {
    let km = app.keymap();
    let here = km.key_for(
        &[Scope::Global, Scope::of_pane(app.focus())],
        &Action::CycleChangeSort,
    );
    let table = || {
        km.key_for(&[Scope::of_pane(PaneId::Top)], &Action::CycleChangeSort)
            .zip(km.key_for(&[Scope::Global], &Action::FocusPane(PaneId::Top)))
    };
    match (here, table()) {
        (Some(k), _) => format!(" Press {k} to sort by growth or shrinkage."),
        (None, Some((k, top))) => {
            format!(" In the table ({top}), {k} sorts by growth or shrinkage.")
        }
        (None, None) => String::new(),
    }
}

/// The notice's lines wrapped to `width`.
pub fn lines(app: &App, width: usize) -> Vec<String> {
    paragraphs(app)
        .iter()
        .flat_map(|p| super::text::wrap(p, width))
        .collect()
}

/// Draws the notice box into `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let empty = app
        .notices()
        .iter()
        .any(|n| matches!(n, Notice::EndOfProgram { .. }));
    let mostly_freed = app
        .notices()
        .iter()
        .any(|n| matches!(n, Notice::MostlyFreed { .. }));
    let diff = app
        .notices()
        .iter()
        .any(|n| matches!(n, Notice::Diff { .. }));
    let what = if diff {
        "Reading a diff"
    } else if empty {
        "Why does this look empty?"
    } else if mostly_freed {
        "In use vs allocated"
    } else {
        "About the sampling"
    };
    let title = format!(
        " {what} ({} hides, {} details) ",
        key(app, Action::ToggleNotice),
        key(app, Action::ShowDetails)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.warning())
        .title(Span::styled(title, theme.warning()));
    let width = area.width.saturating_sub(2) as usize;
    let mut text = lines(app, width);
    // Cut on a short terminal (expanded there): the last line shown says so.
    let rows = area.height.saturating_sub(2) as usize;
    if text.len() > rows && rows > 0 {
        text.truncate(rows);
        if let Some(last) = text.last_mut() {
            let cut = super::text::fit(last, width.saturating_sub(1));
            *last = if cut.ends_with('…') {
                cut
            } else {
                cut + "…"
            };
        }
    }
    let lines: Vec<Line> = text.into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The status message in words.
pub fn status(app: &App, s: &Status) -> String {
    match s {
        Status::NoMatch => "no match".into(),
        // Worded with where it would match by the status bar (`search_hint`).
        Status::SearchFoundNothing(text, _) => {
            format!("/{}: no match", crate::sanitize::sanitize(text))
        }
        Status::NothingToUndo => "no refinement to undo".into(),
        Status::NoRefinements => "no refinement in force".into(),
        Status::GranularityTopOnly(g) => format!(
            "granularity {} applies to the top table ({})",
            g.name(),
            key(app, Action::FocusPane(crate::app::PaneId::Top))
        ),
        Status::NoSourceFile => "no source file to edit".into(),
        Status::NoMoreCostlyLines => "no further line with cost".into(),
        Status::HistogramNeedsHeap => {
            "size histograms need a heap profile and a selected function".into()
        }
        Status::NeedsHeapProfile(a) => format!(
            "{} works on heap profiles only (in-use and alloc types)",
            key(app, *a)
        ),
        Status::NotOnDiff(a) => format!(
            "{} compares in-use with alloc, which a diff's changes do not allow",
            key(app, *a)
        ),
        Status::NeedsDiff(a) => {
            format!("{} works on diffs only (--diff-base, --base)", key(app, *a))
        }
        Status::OneSampleType => "this profile has one sample type".into(),
        Status::NoSelection => "select a function first".into(),
        Status::RefineFailed(e) => format!("refinement refused: {e}"),
        Status::EditorFailed(e) => e.clone(),
        Status::Fetching(line) => line.clone(),
        Status::RefetchFailed(e) => format!("refetch failed (still showing the last profile): {e}"),
        Status::NoChangeYet { live: true } => format!(
            "no change yet: {} fetches again, then {} shows what changed since",
            key(app, Action::Refetch),
            key(app, Action::ToggleChange)
        ),
        Status::NoChangeYet { live: false } => {
            "changes between fetches need a URL input (a running program)".into()
        }
        Status::ChangeUnavailable(e) => format!("the last two fetches cannot be compared: {e}"),
        Status::NeedsSeries(_) => format!(
            "needs a series of snapshots: watch a running program (--watch, {}), or open saved ones with --series",
            key(app, Action::Refetch)
        ),
        Status::BaseSet(what) => format!(
            "{} now shows the change since {what}",
            key(app, Action::ToggleChange)
        ),
        Status::RefetchingWithGc => {
            "fetching again with a GC first (gc=1): the heap as it is now".into()
        }
        Status::NothingToGoBackTo => {
            format!("nothing to go back to ({} quits)", key(app, Action::Quit))
        }
        Status::RefetchNeedsUrl { stdin: false } => format!(
            "{} refetches URLs; this profile is a file",
            key(app, Action::Refetch)
        ),
        Status::RefetchNeedsUrl { stdin: true } => format!(
            "{} refetches URLs; this profile was read from standard input",
            key(app, Action::Refetch)
        ),
        Status::WatchNeedsUrl => {
            "--watch refetches URLs, and no input is one: nothing will be refetched".into()
        }
        Status::Note(text) | Status::Failed(text) => crate::sanitize::sanitize(text).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_estimate_prints_as_minus_zero() {
        use super::whole;
        assert_eq!(whole(-0.3), "0");
        assert_eq!(whole(-0.0), "0");
        assert_eq!(whole(0.4), "0");
        assert_eq!(whole(f64::NAN), "0");
        assert_eq!(whole(12.6), "13");
        assert_eq!(whole(-3.2), "-3");
    }
}
