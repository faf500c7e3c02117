//! The flame graph pane (an icicle: callers above callees) as `app::flame_layout` places
//! it: labels keeping the function's own name, hatched "N more" blocks for frames too
//! narrow to label, the selected frame's path in bold, the marker row of hidden depths, a
//! legend line, and for heap profiles colour by how much of a frame's allocation is still
//! in use (blue freed → yellow kept, readable with red-green colour blindness).

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::numbers::Numbers;
use super::pane_frame::legend::{self, Term};
use super::pane_frame::pane_block_with_legend;
use super::text::{fit, pad, width};
use crate::analysis::TreeNodeId;
use crate::analysis::call_tree::CallTree;
use crate::app::flame_layout::{Piece, label};
use crate::app::{App, FrameLayout};

/// Share of a frame's allocation still in use (in-use cum ÷ alloc cum), for heap
/// profiles: the retained share the table's "kept cum" column shows.
fn retention(app: &App, tree: &CallTree, node: TreeNodeId) -> Option<f64> {
    if app.diff().is_some() {
        return None; // a diff's values are changes, not what is kept
    }
    let (inuse, alloc) = app.heap().pair_of(app.view_key().sample.index())?;
    crate::analysis::heap::retained(tree.cum(node, inuse), tree.cum(node, alloc))
}

fn name_of(app: &App, tree: &CallTree, node: TreeNodeId) -> String {
    tree.frame(node)
        .map(|f| app.func_name(f))
        .unwrap_or_default()
}

fn frame_style(
    app: &App,
    theme: &Theme,
    tree: &CallTree,
    node: TreeNodeId,
    selected: bool,
) -> Style {
    if selected {
        return if theme.color {
            theme.flame_selected()
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        };
    }
    if app.is_match(&name_of(app, tree, node)) {
        return theme.matched().add_modifier(Modifier::REVERSED);
    }
    if !theme.color {
        return Style::default().add_modifier(Modifier::REVERSED);
    }
    if app.diff().is_some() {
        let cum = tree.cum(node, app.view_key().sample.index());
        return theme.diff_value(cum).add_modifier(Modifier::REVERSED);
    }
    match retention(app, tree, node) {
        Some(r) if r >= 0.5 => theme.flame_kept(),
        Some(r) if r >= 0.1 => theme.flame_partly(),
        Some(_) => theme.flame_freed(),
        None => {
            let name = name_of(app, tree, node);
            let pkg = name.split('.').next().unwrap_or("");
            let h = pkg
                .bytes()
                .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
            // Colours by package (the theme's, in turn): grouping only.
            theme.package(h)
        }
    }
}

/// The legend line: what the colours mean.
fn legend(app: &App, theme: &Theme, width: usize) -> Line<'static> {
    if app.diff().is_some() {
        let what = "frames: width = growth + shrinkage below; label +grew / -shrank";
        if !theme.color {
            return Line::styled(fit(what, width), theme.dim());
        }
        let spans = vec![
            Span::styled("frames: width = growth + shrinkage below; ", theme.dim()),
            Span::styled(
                " +grew ",
                theme.diff_growth().add_modifier(Modifier::REVERSED),
            ),
            Span::raw(" "),
            Span::styled(
                " -shrank ",
                theme.diff_shrink().add_modifier(Modifier::REVERSED),
            ),
        ];
        let used: usize = spans.iter().map(|s| super::text::width(&s.content)).sum();
        if used > width {
            return Line::styled(fit(what, width), theme.dim());
        }
        return Line::from(spans);
    }
    let heap = app.heap().pair_of(app.view_key().sample.index()).is_some();
    if !heap || !theme.color {
        let what = if heap {
            "frames: width = cum; reversed = frame, bold underlined = selected"
        } else {
            "frames: width = cum; colours group packages; reversed/bold = selected"
        };
        return Line::styled(fit(what, width), theme.dim());
    }
    let mut spans = vec![Span::styled(
        "still in use (in-use cum ÷ alloc cum): ",
        theme.dim(),
    )];
    for (style, label) in [
        (theme.flame_freed(), " <10% "),
        (theme.flame_partly(), " 10–50% "),
        (theme.flame_kept(), " ≥50% "),
    ] {
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| super::text::width(&s.content)).sum();
    if used > width {
        let [freed, partly, kept] = theme.retention_words();
        return Line::styled(
            fit(
                &format!("in use: {freed} <10%, {partly} 10–50%, {kept} ≥50%"),
                width,
            ),
            theme.dim(),
        );
    }
    Line::from(spans)
}

/// A frame's cell: the edge, a diff's sign, and the label keeping the function's own
/// name (a frame kept narrower than its label — the selection's path — shows what fits).
fn frame_text(app: &App, tree: &CallTree, node: TreeNodeId, t: usize, w: usize) -> String {
    // In a diff the sign leads the label: growth or shrinkage without colours.
    let sign = match app.diff().map(|_| tree.cum(node, t) < 0) {
        Some(true) => "-",
        Some(false) => "+",
        None => "",
    };
    if w < 2 {
        return " ".repeat(w);
    }
    let room = w - 1 - sign.len().min(w - 1);
    let name = label::label(&name_of(app, tree, node), room);
    let text = if name.is_empty() {
        String::new()
    } else {
        format!("{sign}{name}")
    };
    format!("▏{}", pad(&text, w - 1))
}

/// A block of `count` frames too narrow to label: hatched, with the count when it fits
/// (never a bare number, which would read as a value — in a diff, as a change).
fn more_text(count: u32, w: usize) -> String {
    let text = format!("{count} more");
    let tw = width(&text);
    if tw < w {
        return format!("░{text}{}", "░".repeat(w - 1 - tw));
    }
    "░".repeat(w)
}

/// The marker row: how many depths it hides, the selected frame's callers there (own
/// names, the nearest kept when they do not all fit), and how much wider the rows below
/// it are drawn.
fn marker_text(levels: u32, names: &[String], skipped: bool, magnified: f64, w: usize) -> String {
    let zoom = (magnified >= 1.05).then(|| format!("below ×{}", times(magnified)));
    let close = match &zoom {
        Some(z) => format!(" ┄┄ {z} ┄┄"),
        None => " ┄┄".to_string(),
    };
    if levels == 0 {
        return fit(&format!("┄┄{}", close.trim_start_matches(" ┄┄")), w);
    }
    let head = format!("┄┄ {}: ", levels_word(levels));
    let room = w.saturating_sub(width(&head) + width(&close));
    let mut shown: Vec<&str> = Vec::new();
    let mut used = 0;
    for (i, n) in names.iter().enumerate().rev() {
        let nw = width(n) + if shown.is_empty() { 0 } else { 3 };
        // Room for "… › " in front unless this is the outermost name.
        let more = if i > 0 || skipped { 4 } else { 0 };
        if used + nw + more > room {
            shown.push("…");
            break;
        }
        shown.push(n);
        used += nw;
        if i == 0 && skipped {
            shown.push("…");
        }
    }
    shown.reverse();
    let text = format!("{head}{}{close}", shown.join(" › "));
    if width(&text) <= w {
        return text;
    }
    // Too narrow for names: the count and the magnification.
    fit(&format!("┄┄ {}{close}", levels_word(levels)), w)
}

fn levels_word(n: u32) -> String {
    if n == 1 {
        "1 level".to_string()
    } else {
        format!("{n} levels")
    }
}

/// A magnification in a few digits: ×1.6, ×250, ×12k.
fn times(m: f64) -> String {
    if m < 9.95 {
        format!("{m:.1}")
    } else if m < 9999.5 {
        format!("{m:.0}")
    } else {
        crate::analysis::compact::value(m.round().min(i64::MAX as f64) as i64, "count")
    }
}

/// The graph's drawing area: the pane's inner area above the legend and the line about
/// the selected frame.
pub fn body(inner: Rect) -> Rect {
    Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    }
}

/// Draws the flame graph into the pane's area.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, at: &FrameLayout) {
    let area = super::rect(at.pane);
    let pane = app.flame();
    let crumbs: Vec<String> = pane.tree().map_or_else(Vec::new, |t| {
        pane.zoom().iter().map(|&z| name_of(app, t, z)).collect()
    });
    let name = match pane.direction() {
        crate::analysis::call_tree::Direction::TopDown => "Flame graph",
        crate::analysis::call_tree::Direction::BottomUp => "Icicle (bottom-up)",
    };
    let title = if crumbs.is_empty() {
        name.to_string()
    } else {
        format!("{name} — zoom: {}", crumbs.join(" › "))
    };
    let block =
        |terms: &[Term]| pane_block_with_legend(app, theme, &title, area.width, None, terms);
    let inner = block(&[]).inner(area);
    let Some(tree) = pane.tree() else {
        frame.render_widget(block(&[]), area);
        frame.render_widget(
            Paragraph::new(Line::styled("computing the call tree…", theme.dim())),
            inner,
        );
        return;
    };
    if inner.height < 3 {
        frame.render_widget(block(&[]), area);
        return;
    }
    let graph = super::rect(at.body);
    let t = app.view_key().sample.index();
    let Some(placed) = pane.layout(app.frames(), t, graph.width, graph.height) else {
        frame.render_widget(block(&[]), area);
        return;
    };
    let mut terms = Vec::new();
    if placed.window.marker {
        terms.push(legend::HIDDEN);
    }
    if placed
        .cells
        .iter()
        .any(|c| matches!(c.piece, Piece::More { .. }))
    {
        terms.push(legend::MORE);
    }
    frame.render_widget(block(&terms), area);
    let path: HashSet<TreeNodeId> = pane.selected().map_or_else(HashSet::new, |mut n| {
        let mut set = HashSet::from([n]);
        while let Some(p) = tree.parent(n) {
            set.insert(p);
            n = p;
        }
        set
    });
    let mut lines: Vec<Vec<Span>> = vec![Vec::new(); graph.height as usize];
    let mut cursor = vec![0u16; graph.height as usize];
    for c in &placed.cells {
        let row = usize::from(c.row);
        if row >= lines.len() || c.x < cursor[row] {
            continue;
        }
        if c.x > cursor[row] {
            lines[row].push(Span::raw(" ".repeat(usize::from(c.x - cursor[row]))));
        }
        let w = usize::from(c.width);
        let (text, style) = match c.piece {
            Piece::Frame(n) => {
                let selected = pane.selected() == Some(n);
                let mut style = frame_style(app, theme, tree, n, selected);
                if path.contains(&n) {
                    style = style.add_modifier(Modifier::BOLD);
                }
                (frame_text(app, tree, n, t, w), style)
            }
            Piece::More { count, .. } => (more_text(count, w), theme.dim()),
        };
        lines[row].push(Span::styled(text, style));
        cursor[row] = c.x + c.width;
    }
    if let Some(row) = placed.window.marker_row() {
        // No more names fit than a quarter of the width (one letter and " › " each).
        let fit_at_most = usize::from(graph.width) / 4 + 1;
        let skip = placed.hidden_path.len().saturating_sub(fit_at_most);
        let names: Vec<String> = placed.hidden_path[skip..]
            .iter()
            .map(|&n| label::own_name(&name_of(app, tree, n)))
            .collect();
        let hidden = placed.window.hidden();
        lines[usize::from(row)] = vec![Span::styled(
            marker_text(
                hidden.end - hidden.start,
                &names,
                skip > 0,
                placed.magnified,
                usize::from(graph.width),
            ),
            theme.dim(),
        )];
    }
    let rendered: Vec<Line> = lines.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(rendered), graph);
    frame.render_widget(
        Paragraph::new(legend(app, theme, inner.width as usize)),
        Rect {
            y: inner.y + inner.height - 2,
            height: 1,
            ..inner
        },
    );
    // The selected frame in words, below the graph.
    if let Some(sel) = pane.selected() {
        let num = Numbers::of(app);
        let cum = tree.cum(sel, t);
        let mut info = format!(
            "{}  cum {} ({})  flat {}  depth {}",
            name_of(app, tree, sel),
            num.value(cum),
            num.pct(cum),
            num.value(tree.flat(sel, t)),
            tree.depth(sel)
        );
        if let Some(r) = retention(app, tree, sel) {
            info.push_str(&format!("  kept {:.1}%", r * 100.0));
        }
        let y = inner.y + inner.height - 1;
        let status = Rect {
            y,
            height: 1,
            ..inner
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(&info, inner.width as usize),
                theme.title(),
            )),
            status,
        );
    }
}
