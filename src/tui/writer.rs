//! What the app asks the runtime to write: an export (the refined profile, a pane's
//! report) and a saved view, each off the UI thread and answered with an event for the
//! status line; and text for the terminal's clipboard (OSC 52), written only when stdout
//! is a terminal — the one place the explorer emits that sequence, never render code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

use super::Event;
use crate::analysis::SourceLocator;
use crate::app::Event as AppEvent;
use crate::config::views::{self, SavedView};
use crate::export::ExportRequest;

/// Writes for the app.
pub(super) struct Writer {
    tx: Sender<Event>,
    locator: SourceLocator,
    /// The views file, when views can be saved.
    views: Option<PathBuf>,
}

impl Writer {
    /// A writer answering on `tx`, finding sources with `locator` (for -list), saving
    /// views in `views`.
    pub fn new(tx: Sender<Event>, locator: SourceLocator, views: Option<PathBuf>) -> Self {
        Self { tx, locator, views }
    }

    /// Makes and writes `req` on a thread of its own; answers [`AppEvent::Written`].
    pub fn export(&self, req: ExportRequest) {
        let (tx, locator) = (self.tx.clone(), self.locator.clone());
        thread::spawn(move || {
            let r = crate::export::run(&req, &locator);
            let _ = tx.send(Event::Answer(AppEvent::Written(r)));
        });
    }

    /// Saves `view` in the views file on a thread of its own; answers
    /// [`AppEvent::ViewsSaved`].
    pub fn save_view(&self, view: SavedView) {
        let tx = self.tx.clone();
        let Some(path) = self.views.clone() else {
            let why = "no config directory (set XDG_CONFIG_HOME or HOME), or --no-config";
            let _ = tx.send(Event::Answer(AppEvent::ViewsSaved(Err(why.into()))));
            return;
        };
        thread::spawn(move || {
            let r = views::save(&path, &view).map(|all| {
                let shown = crate::sanitize::sanitize(&path.display().to_string()).into_owned();
                (format!("{} in {shown}", view.name), all)
            });
            let _ = tx.send(Event::Answer(AppEvent::ViewsSaved(r)));
        });
    }
}

/// `bytes` in base64 (RFC 4648, with padding), as OSC 52 carries them.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Puts `text` on the terminal's clipboard with OSC 52, when stdout is a terminal (the
/// terminal decides whether to allow it).
pub fn copy(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout();
    if !out.is_terminal() {
        return Ok(());
    }
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_rfc_4648() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64(&[0xff, 0xfe]), "//4=");
    }

    #[test]
    fn the_clipboard_sequence_carries_only_base64() {
        let s = osc52("go tool pprof -focus='x\u{7}\u{1b}' a");
        assert!(s.starts_with("\x1b]52;c;") && s.ends_with('\x07'));
        let payload = &s[7..s.len() - 1];
        assert!(
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }
}
