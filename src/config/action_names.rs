//! The bindable actions' snake_case names, one table read in both directions.

use super::action::Action;
use super::action::{PaneId, PromptKind};
use crate::analysis::filter::FilterKind;

/// Every action with its name, in help order (what events carry — wheel, click, resize,
/// finished jobs, typed characters — is not an action and has no name).
static TABLE: [(&str, Action); 64] = {
    use Action as A;
    use FilterKind as F;
    [
        ("up", A::Up),
        ("down", A::Down),
        ("page_up", A::PageUp),
        ("page_down", A::PageDown),
        ("half_page_up", A::HalfPageUp),
        ("half_page_down", A::HalfPageDown),
        ("first", A::First),
        ("last", A::Last),
        ("left", A::Left),
        ("right", A::Right),
        ("activate", A::Activate),
        ("expand_subtree", A::ExpandSubtree),
        ("collapse_all", A::CollapseAll),
        ("toggle_direction", A::ToggleDirection),
        ("zoom_out", A::ZoomOut),
        ("toggle_inuse_alloc", A::ToggleInuseAlloc),
        ("toggle_space_objects", A::ToggleSpaceObjects),
        ("next_sample_type", A::NextSampleType),
        ("refine_focus", A::RefineSelected(F::Focus)),
        ("refine_ignore", A::RefineSelected(F::Ignore)),
        ("refine_hide", A::RefineSelected(F::Hide)),
        ("refine_show", A::RefineSelected(F::Show)),
        ("refine_show_from", A::RefineSelected(F::ShowFrom)),
        ("refine_prune_from", A::RefineSelected(F::PruneFrom)),
        ("undo_refine", A::UndoRefine),
        ("clear_refinements", A::ClearRefinements),
        ("toggle_relative", A::ToggleRelative),
        ("cycle_granularity", A::CycleGranularity),
        ("search", A::OpenPrompt(PromptKind::Search)),
        ("refine_prompt", A::OpenPrompt(PromptKind::Refine)),
        ("prompt_backspace", A::PromptBackspace),
        ("prompt_accept", A::PromptAccept),
        ("prompt_cancel", A::PromptCancel),
        ("prompt_history_prev", A::PromptHistoryPrev),
        ("prompt_history_next", A::PromptHistoryNext),
        ("search_next", A::SearchNext),
        ("search_prev", A::SearchPrev),
        ("toggle_match_only", A::ToggleMatchOnly),
        ("show_histogram", A::ShowHistogram),
        ("open_source", A::OpenSource),
        ("hottest_line", A::HottestLine),
        ("next_costly", A::NextCostly),
        ("prev_costly", A::PrevCostly),
        ("open_editor", A::OpenEditor),
        ("toggle_side_by_side", A::ToggleSideBySide),
        ("cycle_sort", A::CycleSort),
        ("cycle_change_sort", A::CycleChangeSort),
        ("cycle_units", A::CycleUnits),
        ("refetch", A::Refetch),
        ("toggle_change", A::ToggleChange),
        ("show_help", A::ShowHelp),
        ("show_details", A::ShowDetails),
        ("toggle_notice", A::ToggleNotice),
        ("back", A::Back),
        ("quit", A::Quit),
        ("redraw", A::Redraw),
        ("suspend", A::Suspend),
        ("next_pane", A::NextPane),
        ("prev_pane", A::PrevPane),
        ("pane_top", A::FocusPane(PaneId::Top)),
        ("pane_tree", A::FocusPane(PaneId::Tree)),
        ("pane_peek", A::FocusPane(PaneId::Peek)),
        ("pane_flame", A::FocusPane(PaneId::Flame)),
        ("pane_source", A::FocusPane(PaneId::Source)),
    ]
};

/// The action named `name` ("toggle_inuse_alloc"), if it is bindable.
pub fn action_from_name(name: &str) -> Option<Action> {
    TABLE.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

/// The name of `action`.
pub fn action_name(action: &Action) -> &'static str {
    TABLE
        .iter()
        .find(|(_, a)| a == action)
        .map_or("unbindable", |(n, _)| n)
}

/// Every action, in table order.
pub fn all() -> impl Iterator<Item = Action> {
    TABLE.iter().map(|(_, a)| *a)
}

/// Every bindable action's name, in table order.
pub fn action_names() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_round_trips() {
        let mut seen = std::collections::HashSet::new();
        for name in action_names() {
            assert!(seen.insert(name), "{name} twice");
            let a = action_from_name(name).expect(name);
            assert_eq!(action_name(&a), name);
        }
        assert_eq!(seen.len(), 64);
        assert!(action_from_name("scroll_overlay").is_none());
        // Every action has a name: all of them can be bound.
        for a in Action::all() {
            assert_ne!(action_name(&a), "unbindable", "{a:?}");
        }
    }
}
