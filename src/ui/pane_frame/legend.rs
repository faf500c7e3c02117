//! What each marker and special column means, worded once: the help overlay's notes read
//! the long words, and the one-line legend at the bottom of a pane (right of the selected
//! row's name) reads the short ones for the markers on screen — so the two cannot drift.

use crate::ui::text::width;

/// A marker or column and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// As it appears on screen.
    pub mark: &'static str,
    /// A few words for the legend line.
    pub short: &'static str,
    /// The help overlay's sentence.
    pub long: &'static str,
}

/// The top table's raw-sample column.
pub const SMPL: Term = Term {
    mark: "~smpl",
    short: "allocations sampled (estimate)",
    long: "~smpl (heap profiles sampled with MemProfileRate > 1): estimated allocations really recorded behind a row, with Go's scaling undone. Not shown when every allocation was recorded (rate 1).",
};

/// Rows resting on one or two sampled allocations.
pub const FEW: Term = Term {
    mark: "!1 !2",
    short: "1–2 samples, mostly extrapolated",
    long: "!1 or !2 in ~smpl marks rows resting on one or two sampled allocations, whose values are mostly extrapolation.",
};

/// pprof's inline mark.
pub const INLINE: Term = Term {
    mark: "(inline)",
    short: "inlined into its caller",
    long: "(inline) after a name: the compiler inlined every call of it into its caller; (partial-inline): some of them (pprof's marks).",
};

/// pprof's partial inline mark.
pub const PARTIAL_INLINE: Term = Term {
    mark: "(partial-inline)",
    short: "inlined in some calls",
    long: INLINE.long,
};

/// The side-by-side view's retained share.
pub const KEPT: Term = Term {
    mark: "kept cum",
    short: "in use ÷ allocated, ≥50% kept",
    long: "kept cum (side by side): in-use cum ÷ alloc cum, the share of what a function and its callees allocated that is still in use; high (≥50%, marked) means memory kept — a leak suspect — low means churn. The flame graph colours frames by the same share: {freed} <10%, {partly} 10–50%, {kept} ≥50%.",
};

/// The call tree's depth marker when the indent is capped.
pub const DEEP: Term = Term {
    mark: "⋯N",
    short: "depth N (indent capped)",
    long: "⋯N before a name in the call tree: the node is N levels deep, more than the indent can show.",
};

/// The butterfly's arrows.
pub const PEEK: Term = Term {
    mark: "↑ ● ↓",
    short: "callers, the function, callees",
    long: "Butterfly: the selected function (●) merged over all its call sites, its callers above (↑) and its callees below (↓). value: what flows through that call path into (out of) the function — at the first level pprof's -peek; of func: its share of the function's cum; of total: its share of the total. Enter centres on a row's function.",
};

/// The butterfly's deeper levels.
pub const BUTTERFLY: Term = Term {
    mark: "▸ ▾",
    short: "→ opens who calls a caller (a callee's callees)",
    long: "▸/▾ in the butterfly: under a caller, who calls it (and who calls them), each with what flows through that whole call path; under a callee, what it calls. →/← open and close a level, e expands everything below, c collapses.",
};

/// The flame graph's blocks of narrow frames.
pub const MORE: Term = Term {
    mark: "░N more",
    short: "frames too narrow to label (←→)",
    long: "Flame graph. ░N more░: N frames side by side, each too narrow for a readable label (←/→ step to them; a click selects the heaviest, drawn alone once selected). Labels keep the function's own name: the import path, the package, then the type go first.",
};

/// The flame graph's marker row.
pub const HIDDEN: Term = Term {
    mark: "┄┄",
    short: "levels hidden, the selection magnified below",
    long: "┄┄ N levels: … ┄┄ below ×M ┄┄ — when the selected frame is deeper than the pane or too narrow to label, the first rows stay, this row stands for N hidden depths (naming the selection's callers there), and the rows below show the selection's nearest callers, the selection and its callees M times wider than above (a click on the row walks up).",
};

/// Every term, in the help overlay's order.
pub const ALL: [Term; 10] = [
    SMPL,
    FEW,
    INLINE,
    PARTIAL_INLINE,
    KEPT,
    DEEP,
    PEEK,
    BUTTERFLY,
    MORE,
    HIDDEN,
];

/// The help overlay's notes on markers, each once, in order.
pub fn help_notes() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for t in ALL {
        if !out.contains(&t.long) {
            out.push(t.long);
        }
    }
    out
}

/// A legend line for `terms` (most important first) in at most `max` columns:
/// `~smpl: allocations sampled (estimate) · (inline): inlined into its caller`, as many whole
/// entries as fit; "" when not even the first does.
pub fn line(terms: &[Term], max: usize) -> String {
    let mut out = String::new();
    let mut seen: Vec<&str> = Vec::new();
    for t in terms {
        if seen.contains(&t.mark) {
            continue;
        }
        let entry = format!("{}: {}", t.mark, t.short);
        let sep = if out.is_empty() { "" } else { " · " };
        if width(&out) + width(sep) + width(&entry) > max {
            break;
        }
        out.push_str(sep);
        out.push_str(&entry);
        seen.push(t.mark);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_lines_fit_with_whole_entries() {
        let full = line(&[SMPL, FEW, INLINE], 200);
        assert_eq!(
            full,
            "~smpl: allocations sampled (estimate) · !1 !2: 1–2 samples, mostly extrapolated · (inline): inlined into its caller"
        );
        assert_eq!(
            line(&[SMPL, FEW], 60),
            "~smpl: allocations sampled (estimate)"
        );
        assert_eq!(line(&[SMPL], 10), "");
        assert_eq!(
            line(&[INLINE, INLINE], 100),
            "(inline): inlined into its caller"
        );
    }

    #[test]
    fn every_term_is_in_the_help() {
        let notes = help_notes();
        for t in ALL {
            assert!(notes.contains(&t.long), "{}", t.mark);
            let head = t
                .mark
                .split(' ')
                .next()
                .unwrap_or(t.mark)
                .trim_end_matches('N');
            assert!(
                notes.iter().any(|n| n.contains(head)),
                "{} is not named in the help",
                t.mark
            );
        }
    }
}
