//! Pictures of the real explorer for the README: a drawn frame (ratatui's buffer) written
//! as SVG — text in a monospace font on cells coloured like a dark terminal — and the
//! screens shown in the README, made by `cargo run --example screenshots` and checked by
//! `tests/screenshots.rs`.

use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::walk::Walker;
use memprof_tui::analysis::SourceLocator;
use memprof_tui::app::input::{Key, KeyCode};
use memprof_tui::profile::Limits;

const CELL_W: f32 = 8.4;
const CELL_H: f32 = 17.0;
const FG: &str = "#d8dee9";
const BG: &str = "#1e222a";

/// A dark terminal's 16 colours (index 0–15).
const PALETTE: [&str; 16] = [
    "#1e222a", "#e06c75", "#98c379", "#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#abb2bf",
    "#5c6370", "#f28b94", "#b5e890", "#f0d197", "#8cc8ff", "#dc9ef0", "#7fd3de", "#ffffff",
];

fn hex(c: Color, default: &'static str) -> &'static str {
    let i = match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        _ => return default,
    };
    PALETTE[i]
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `buf` as an SVG picture.
pub fn svg(buf: &Buffer) -> String {
    let (w, h) = (buf.area.width, buf.area.height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{:.0}" height="{:.0}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">"#,
        f32::from(w) * CELL_W,
        f32::from(h) * CELL_H
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="{BG}"/>"#);
    for y in 0..h {
        let top = f32::from(y) * CELL_H;
        // Backgrounds, then text in runs of one colour with a position per glyph (so
        // columns stay aligned whatever the font's advance).
        let mut run: Option<(&str, bool, Vec<f32>, String)> = None;
        let flush = |run: &mut Option<(&str, bool, Vec<f32>, String)>, out: &mut String| {
            if let Some((fg, bold, xs, text)) = run.take() {
                let xs: Vec<String> = xs.iter().map(|x| format!("{x:.1}")).collect();
                let weight = if bold { r#" font-weight="bold""# } else { "" };
                let _ = writeln!(
                    out,
                    r#"<text x="{}" y="{:.1}" fill="{fg}"{weight}>{}</text>"#,
                    xs.join(" "),
                    top + CELL_H * 0.78,
                    escape(&text)
                );
            }
        };
        for x in 0..w {
            let cell = &buf[(x, y)];
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (fg, bg) = (hex(cell.fg, FG), hex(cell.bg, BG));
            let (fg, bg) = if reversed { (bg, fg) } else { (fg, bg) };
            let left = f32::from(x) * CELL_W;
            if bg != BG {
                let _ = writeln!(
                    out,
                    r#"<rect x="{left:.1}" y="{top:.1}" width="{CELL_W}" height="{CELL_H}" fill="{bg}"/>"#,
                );
            }
            let sym = cell.symbol();
            if sym.trim().is_empty() {
                flush(&mut run, &mut out);
                continue;
            }
            let bold = cell.modifier.contains(Modifier::BOLD);
            match run.as_mut() {
                Some((f, b, xs, text)) if *f == fg && *b == bold => {
                    xs.push(left);
                    text.push_str(sym);
                }
                _ => {
                    flush(&mut run, &mut out);
                    run = Some((fg, bold, vec![left], sym.to_string()));
                }
            }
        }
        flush(&mut run, &mut out);
    }
    out.push_str("</svg>\n");
    out
}

/// The README's screens: (file name, keys pressed, profile, size).
pub const SCREENS: [(&str, &str, &str, (u16, u16)); 7] = [
    ("top-notice.svg", "", "seed-default.prof", (100, 30)),
    ("alloc-view.svg", "a", "seed-default.prof", (100, 30)),
    ("call-tree.svg", "a2", "retain-mid.prof", (120, 32)),
    ("flame-graph.svg", "a4", "retain-mid.prof", (120, 32)),
    ("source.svg", "a\n", "seed-default.prof", (100, 30)),
    (
        "butterfly.svg",
        "a/decodeAll\n3gljjjl",
        "retain-mid.prof",
        (120, 32),
    ),
    ("icicle.svg", "a4r", "retain-mid.prof", (120, 32)),
];

/// A screen: file, keys, profile, the base of a diff (`--diff-base`), size.
pub type Screen = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    (u16, u16),
);

/// The user guide's screens (docs/GUIDE.md).
pub const GUIDE_SCREENS: [Screen; 4] = [
    (
        "guide-side-by-side.svg",
        "b",
        "retain-mid.prof",
        None,
        (120, 32),
    ),
    (
        "guide-details.svg",
        "i",
        "seed-default.prof",
        None,
        (100, 34),
    ),
    (
        "guide-callers.svg",
        "a/makeRecord\n3",
        "retain-mid.prof",
        None,
        (120, 30),
    ),
    (
        "guide-diff.svg",
        "C",
        "growth-end.prof",
        Some("growth-mid.prof"),
        (120, 32),
    ),
];

/// The README's leak-hunting screen: the Growth pane over testdata's leakserver series
/// (file, keys, the series' folder under testdata/profiles, size).
pub const SERIES_SCREEN: (&str, &str, &str, (u16, u16)) =
    ("growth.svg", "6", "series/leak", (120, 34));

/// Draws the Growth pane over the series in `testdata`'s [`SERIES_SCREEN`] folder.
fn series_screen(testdata: &Path) -> Result<(&'static str, String), String> {
    let (file, keys, dir, (w, h)) = SERIES_SCREEN;
    let dir = testdata.join("profiles").join(dir).display().to_string();
    let entries = memprof_tui::input::series::load_series(&[dir], &Limits::default())
        .map_err(|e| e.to_string())?;
    let profiles: Vec<_> = entries.into_iter().map(|e| Arc::new(e.profile)).collect();
    if profiles.is_empty() {
        return Err("the series folder holds no profile".into());
    }
    let mut walker = Walker::series_named(profiles, "testdata/profiles/series/leak", w, h);
    walker.settle();
    let keys: Vec<Key> = keys.chars().map(Key::ch).collect();
    walker.press(&keys);
    Ok((file, svg(walker.buffer())))
}

/// Draws every README and guide screen from the profiles and sources under `testdata`.
pub fn screens(testdata: &Path) -> Result<Vec<(&'static str, String)>, String> {
    let src = testdata.join("src");
    let mut out = Vec::new();
    let all = SCREENS
        .iter()
        .map(|&(file, keys, profile, size)| (file, keys, profile, None, size))
        .chain(GUIDE_SCREENS);
    for (file, keys, profile, base, (w, h)) in all {
        let rel = format!("testdata/profiles/{profile}");
        let path = |name: &str| testdata.join("profiles").join(name).display().to_string();
        let bases = base.map(|b| memprof_tui::profile::Bases {
            paths: vec![path(b)],
            mode: memprof_tui::profile::BaseMode::DiffBase,
            normalize: false,
        });
        let p = memprof_tui::input::load_with_bases(
            &[path(profile)],
            bases.as_ref(),
            &Limits::default(),
            &Default::default(),
            &Default::default(),
        )
        .map_err(|e| e.to_string())?
        .profile;
        let locator =
            SourceLocator::new(&src.display().to_string(), "", &src).with_go_dirs(None, None);
        let start = memprof_tui::app::Start {
            sample_index: p.default_sample_index(),
            base: bases,
            ..Default::default()
        };
        let mut walker = Walker::open_with(Arc::new(p), &rel, w, h, locator, start);
        walker.settle();
        let keys: Vec<Key> = keys
            .chars()
            .map(|c| match c {
                '\n' => Key::plain(KeyCode::Enter),
                c => Key::ch(c),
            })
            .collect();
        walker.press(&keys);
        out.push((file, svg(walker.buffer())));
    }
    out.push(series_screen(testdata)?);
    Ok(out)
}
