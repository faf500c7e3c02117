//! The flame graph pane (an icicle: callers above callees): widths proportional to cum,
//! labels keeping the end of the name, the selected frame always drawn, a legend line,
//! and for heap profiles colour by how much of a frame's allocation is still in use
//! (blue freed → yellow kept, readable with red-green colour blindness).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::numbers::Numbers;
use super::pane_frame::pane_block;
use super::text::{fit, fit_end};
use crate::analysis::TreeNodeId;
use crate::analysis::call_tree::CallTree;
use crate::app::flame_layout::layout;
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
    let title = if crumbs.is_empty() {
        "Flame graph".to_string()
    } else {
        format!("Flame graph — zoom: {}", crumbs.join(" › "))
    };
    let block = pane_block(app, theme, &title, area.width, None);
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
    let graph = super::rect(at.body);
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
        pane.selected(),
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
        // In a diff the sign leads the label: growth or shrinkage without colours.
        let sign = match app.diff().map(|_| tree.cum(c.node, t) < 0) {
            Some(true) => "-",
            Some(false) => "+",
            None => "",
        };
        // Labels keep the end of the name: the function.
        let text = if w >= 4 + sign.len() {
            let room = w - 1 - sign.len();
            format!("▏{sign}{}", super::text::pad(&fit_end(&name, room), room))
        } else if w >= 2 {
            // Too narrow for a readable label: the frame's edge only.
            format!("▏{}", " ".repeat(w - 1))
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
