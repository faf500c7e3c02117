//! What a search matches, said where the user types it: at the `/` prompt, the rows it
//! looks through in the focused pane and the keys that keep or cancel it, then how many
//! rows match; when none does, which function would match in another sample type and
//! the key that shows it — again in the status bar once the search is accepted.

use crate::analysis::compact;
use crate::analysis::search_elsewhere::SearchElsewhere;
use crate::app::keymap::Scope;
use crate::app::prompt::Found;
use crate::app::{Action, App};
use crate::sanitize::sanitize;

/// What the search looks through in the focused pane, and what it counts.
fn searched(app: &App) -> (&'static str, &'static str) {
    super::panes::view(app.focus()).searched
}

/// The key bound to `a` where the user is, or "(unbound)".
fn key(app: &App, a: Action) -> String {
    let pane = Scope::of_pane(app.focus());
    app.keymap()
        .key_for(&[Scope::Global, pane], &a)
        .unwrap_or_else(|| "(unbound)".to_string())
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
        sanitize(&e.name),
        compact::value(e.there, &other.unit),
        sanitize(&other.ty)
    )
}

/// The words after the prompt's text: what it searches and how, or what it found.
pub fn prompt(app: &App, found: Option<&Found>, empty: bool) -> String {
    let (what, unit) = searched(app);
    let enter = "Enter keeps it, Esc cancels";
    match found {
        _ if empty => format!("regex on {what}; {enter}"),
        None => format!("regex on {what}"),
        Some(f) if f.matches > 0 => format!(
            "{} of {} {unit} match; {enter}, n/N next/previous",
            f.matches, f.rows
        ),
        Some(f) => match &f.elsewhere {
            Some(e) => format!("no match here; {}", elsewhere(app, e)),
            None => format!("no match in {what}"),
        },
    }
}

/// The status line after a search that found nothing was accepted.
pub fn found_nothing(app: &App, text: &str, e: Option<&SearchElsewhere>) -> String {
    let (what, _) = searched(app);
    let text = sanitize(text);
    match e {
        Some(e) => format!("/{text}: no match here; {}", elsewhere(app, e)),
        None => format!("/{text}: no match in {what}"),
    }
}
