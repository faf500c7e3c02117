//! The flame graph pane (an icicle: callers above callees): widths proportional to cum,
//! names cut to fit, the selected frame marked, and for heap profiles colour by how much
//! of a frame's allocation is still in use (red retained, green churn).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::pane_frame::{pane_block, values};
use super::text::fit;
use crate::analysis::TreeNodeId;
use crate::analysis::call_tree::CallTree;
use crate::analysis::units::percentage;
use crate::app::App;
use crate::app::flame_layout::layout;

/// Share of a frame's allocation still in use, for heap profiles.
fn retention(app: &App, tree: &CallTree, node: TreeNodeId) -> Option<f64> {
    let (inuse, alloc) = app.heap().pair_of(app.view_key().sample.index())?;
    let a = tree.cum(node, alloc);
    (a != 0).then(|| tree.cum(node, inuse) as f64 / a as f64)
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
        return Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    }
    if app.is_match(&name_of(app, tree, node)) {
        return if theme.color {
            Style::default()
                .bg(Color::Magenta)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default()
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED | Modifier::REVERSED)
        };
    }
    if !theme.color {
        return Style::default().add_modifier(Modifier::REVERSED);
    }
    let bg = match retention(app, tree, node) {
        Some(r) if r >= 0.5 => Color::Red,
        Some(r) if r >= 0.1 => Color::Yellow,
        Some(_) => Color::Green,
        None => {
            let name = name_of(app, tree, node);
            let pkg = name.split('.').next().unwrap_or("");
            let palette = [
                Color::Blue,
                Color::Cyan,
                Color::Magenta,
                Color::Green,
                Color::Yellow,
            ];
            palette[pkg
                .bytes()
                .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize))
                % palette.len()]
        }
    };
    Style::default().bg(bg).fg(Color::Black)
}

/// Draws the flame graph into `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let pane = app.flame();
    let crumbs: Vec<String> = pane.tree().map_or_else(Vec::new, |t| {
        pane.zoom().iter().map(|&z| name_of(app, t, z)).collect()
    });
    let title = if crumbs.is_empty() {
        "Flame graph".to_string()
    } else {
        format!("Flame graph — zoom: {}", crumbs.join(" › "))
    };
    let block = pane_block(app, theme, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(tree) = pane.tree() else {
        frame.render_widget(
            Paragraph::new(Line::styled("computing the call tree…", theme.dim())),
            inner,
        );
        return;
    };
    if inner.height < 3 {
        return;
    }
    let graph = Rect {
        height: inner.height - 2,
        ..inner
    };
    let (first, levels) = pane.window(graph.height);
    let t = app.view_key().sample.index();
    let mut lines: Vec<Vec<Span>> = vec![Vec::new(); graph.height as usize];
    let mut cursor = vec![0u16; graph.height as usize];
    for c in layout(
        tree,
        pane.root(),
        t,
        graph.width,
        first,
        levels.min(u32::from(graph.height)),
    ) {
        let row = c.level as usize;
        if row >= lines.len() {
            continue;
        }
        if c.x > cursor[row] {
            lines[row].push(Span::raw(" ".repeat(usize::from(c.x - cursor[row]))));
        }
        let name = name_of(app, tree, c.node);
        let w = usize::from(c.width);
        let text = if w >= 2 {
            format!("▏{}", super::text::pad(&fit(&name, w - 1), w - 1))
        } else {
            " ".repeat(w)
        };
        let selected = pane.selected() == Some(c.node);
        lines[row].push(Span::styled(
            text,
            frame_style(app, theme, tree, c.node, selected),
        ));
        cursor[row] = c.x + c.width;
    }
    let rendered: Vec<Line> = lines.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(rendered), graph);
    // The selected frame in words, below the graph.
    if let Some(sel) = pane.selected() {
        let (total, fmt) = values(app);
        let cum = tree.cum(sel, t);
        let mut info = format!(
            "{}  cum {} ({})  flat {}  depth {}",
            name_of(app, tree, sel),
            fmt(cum),
            percentage(cum, total).trim(),
            fmt(tree.flat(sel, t)),
            tree.depth(sel)
        );
        if let Some(r) = retention(app, tree, sel) {
            info.push_str(&format!("  still in use {:.1}%", r * 100.0));
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
