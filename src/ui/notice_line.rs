//! The notice on a short terminal: one line — the first notice in a few words, its key
//! first so that a narrow line keeps it — ending with the key that shows it whole; and
//! the rule that picks one line or the whole box: whole only where the table keeps at
//! least half of the screen's rows (or when the user expanded it).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::notice_text::key;
use super::text::{fit, width};
use crate::analysis::compact;
use crate::app::{Action, App, Notice, NoticeView};

/// How the notice goes in a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeRows {
    /// No notice.
    None,
    /// The whole box, this many rows with its border.
    Whole(u16),
    /// One line.
    Line,
}

/// Rows of a pane that are not the table's: its border and column header.
const PANE_CHROME: u16 = 3;

/// How a notice of `lines` lines goes in a frame of `height` rows below a header of
/// `header` rows (and above the one-row status bar), as `view` asks.
pub fn rows(view: NoticeView, lines: usize, height: u16, header: u16) -> NoticeRows {
    if lines == 0 || view == NoticeView::Hidden {
        return NoticeRows::None;
    }
    let whole = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let room = height.saturating_sub(header.saturating_add(1));
    match view {
        NoticeView::Expanded => {
            // Whole, or as much as leaves the pane its border, header and a row.
            let rows = whole.min(room.saturating_sub(PANE_CHROME + 1));
            if rows >= 3 {
                NoticeRows::Whole(rows)
            } else {
                NoticeRows::Line
            }
        }
        _ => {
            let table = room.saturating_sub(whole).saturating_sub(PANE_CHROME);
            if u32::from(table) * 2 >= u32::from(height) {
                NoticeRows::Whole(whole)
            } else {
                NoticeRows::Line
            }
        }
    }
}

fn bytes(v: i64) -> String {
    compact::value(v, "bytes")
}

/// Notice `n` in a few words, the key that acts on it first, and why (dropped first
/// on a narrow line).
pub fn short(app: &App, n: &Notice) -> (String, &'static str) {
    let a = || key(app, Action::ToggleInuseAlloc);
    match n {
        Notice::EndOfProgram { inuse, alloc } => (
            format!(
                "{} in use of {} allocated: {} shows allocations",
                bytes(*inuse),
                bytes(*alloc),
                a()
            ),
            "the rest was freed before the profile was written",
        ),
        Notice::MostlyFreed { inuse, alloc } => (
            format!(
                "{} in use of {} allocated: {} shows allocations",
                bytes(*inuse),
                bytes(*alloc),
                a()
            ),
            "most were freed again",
        ),
        Notice::Diff { bases, net, .. } => (
            format!(
                "A diff against {bases}: {} in all",
                super::numbers::Numbers::of(app).value(*net),
            ),
            "+ grew, - shrank since the base",
        ),
        Notice::FewSamples { raw, rate, .. } => (
            format!(
                "Few samples: about {} allocations recorded (one per {})",
                super::notice_text::whole(*raw),
                crate::analysis::units::label(*rate, "bytes")
            ),
            "the values are scaled up from them",
        ),
        Notice::Delta { nanos, alloc, .. } => (
            format!(
                "A delta profile: {} allocated during the {} window",
                bytes(*alloc),
                crate::analysis::units::label(*nanos, "nanoseconds")
            ),
            "not the heap in use",
        ),
    }
}

/// The short notice in `w` columns: with why when it fits, else without, else cut.
fn fitted(main: &str, why: &str, w: usize) -> String {
    let whole = format!("{main} ({why})");
    if width(&whole) <= w {
        whole
    } else {
        fit(main, w)
    }
}

/// Draws the notice on one line into `area`: the first notice in a few words, then the
/// key that shows it whole.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let notices = app.notices();
    let Some(first) = notices.first() else {
        return;
    };
    let more = format!("  {} more", key(app, Action::ToggleNotice));
    let w = usize::from(area.width);
    let (main, why) = short(app, first);
    let text = fitted(&main, why, w.saturating_sub(width(&more)));
    let pad = w.saturating_sub(width(&text) + width(&more));
    let line = Line::from(vec![
        Span::styled(text, theme.warning()),
        Span::raw(" ".repeat(pad)),
        Span::styled(more, theme.key()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_where_the_table_keeps_half_the_screen() {
        // 7 lines at 24 rows: the table would keep 9 of 24 rows — one line.
        assert_eq!(rows(NoticeView::Auto, 7, 24, 2), NoticeRows::Line);
        // 5 lines at 40 rows: 25 of 40.
        assert_eq!(rows(NoticeView::Auto, 5, 40, 2), NoticeRows::Whole(7));
        // Expanded: whole, but the pane keeps its border and a row.
        assert_eq!(rows(NoticeView::Expanded, 7, 24, 2), NoticeRows::Whole(9));
        assert_eq!(rows(NoticeView::Expanded, 9, 15, 2), NoticeRows::Whole(8));
        assert_eq!(rows(NoticeView::Expanded, 9, 9, 2), NoticeRows::Line);
        assert_eq!(rows(NoticeView::Hidden, 7, 40, 2), NoticeRows::None);
        assert_eq!(rows(NoticeView::Auto, 0, 40, 2), NoticeRows::None);
    }

    #[test]
    fn x_steps_through_one_line_whole_and_hidden() {
        let short = NoticeView::Auto.next(true);
        assert_eq!(short, NoticeView::Expanded);
        assert_eq!(short.next(false), NoticeView::Hidden);
        assert_eq!(NoticeView::Hidden.next(false), NoticeView::Auto);
        assert_eq!(NoticeView::Auto.next(false), NoticeView::Hidden);
    }
}
