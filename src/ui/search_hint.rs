//! What a search matches, said where the user types it: at the `/` prompt, the rows it
//! looks through in the focused pane and the keys that keep or cancel it, then how many
//! rows match; when none does, which function would match in another sample type and
//! the key that shows it — again in the status bar once the search is accepted.

use super::notice_text::key;
use crate::analysis::compact;
use crate::analysis::search_elsewhere::SearchElsewhere;
use crate::app::prompt::Found;
use crate::app::{Action, App, PaneId};

/// What the search looks through in `pane`.
pub fn scope(pane: PaneId) -> &'static str {
    match pane {
        PaneId::Top => "the table's names",
        PaneId::Tree => "the names of the rows shown",
        PaneId::Peek => "the callers' and callees' names",
        PaneId::Flame => "the frames' names",
        PaneId::Source => "the source lines",
    }
}

/// What the search counts in `pane`.
fn unit(pane: PaneId) -> &'static str {
    match pane {
        PaneId::Flame => "frames",
        PaneId::Source => "lines",
        _ => "rows",
    }
}

/// A matching function's value in another sample type and the key that shows that type.
pub fn elsewhere(app: &App, e: &SearchElsewhere) -> String {
    let p = app.profile();
    let Some(other) = p.sample_types.get(e.other) else {
        return String::new();
    };
    let heap = app.heap();
    let shows = if heap.toggle_family(app.view_key().sample.index()) == Some(e.other) {
        key(app, Action::ToggleInuseAlloc)
    } else {
        key(app, Action::NextSampleType)
    };
    format!(
        "{} has {} in {}: {shows} shows it",
        e.name,
        compact::value(e.there, &other.unit),
        other.ty
    )
}

/// The words after the prompt's text: what it searches and how, or what it found.
pub fn prompt(app: &App, found: Option<&Found>, empty: bool) -> String {
    let what = scope(app.focus());
    let enter = "Enter keeps it, Esc cancels";
    match found {
        _ if empty => format!("regex on {what}; {enter}"),
        None => format!("regex on {what}"),
        Some(f) if f.matches > 0 => format!(
            "{} of {} {} match; {enter}, n/N next/previous",
            f.matches,
            f.rows,
            unit(app.focus())
        ),
        Some(f) => match &f.elsewhere {
            Some(e) => format!("no match here; {}", elsewhere(app, e)),
            None => format!("no match in {what}"),
        },
    }
}

/// The status line after a search that found nothing was accepted.
pub fn found_nothing(app: &App, text: &str, e: Option<&SearchElsewhere>) -> String {
    let what = scope(app.focus());
    let text = crate::sanitize::sanitize(text);
    match e {
        Some(e) => format!("/{text}: no match here; {}", elsewhere(app, e)),
        None => format!("/{text}: no match in {what}"),
    }
}
