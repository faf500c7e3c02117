//! crossterm events → the app's terminal-independent keys and mouse events.

use crossterm::event::{
    Event as CtEvent, KeyCode as Ct, KeyEventKind, KeyModifiers, MouseEventKind,
};

use crate::app::input::{Key, KeyCode, Mouse};

/// An input the app understands.
pub enum Input {
    /// A key press.
    Key(Key),
    /// A mouse event.
    Mouse(Mouse),
    /// A resize to (columns, rows).
    Resize(u16, u16),
    /// Pasted text (bracketed paste): one event, however long.
    Paste(String),
}

/// Converts a crossterm event; `None` for events the app ignores (key releases, focus…).
pub fn convert(e: &CtEvent) -> Option<Input> {
    match e {
        CtEvent::Key(k) if k.kind != KeyEventKind::Release => {
            let code = match k.code {
                Ct::Char(c) => KeyCode::Char(c),
                Ct::Enter => KeyCode::Enter,
                Ct::Esc => KeyCode::Esc,
                Ct::Backspace => KeyCode::Backspace,
                Ct::Tab => KeyCode::Tab,
                Ct::BackTab => KeyCode::BackTab,
                Ct::Up => KeyCode::Up,
                Ct::Down => KeyCode::Down,
                Ct::Left => KeyCode::Left,
                Ct::Right => KeyCode::Right,
                Ct::PageUp => KeyCode::PageUp,
                Ct::PageDown => KeyCode::PageDown,
                Ct::Home => KeyCode::Home,
                Ct::End => KeyCode::End,
                _ => return None,
            };
            Some(Input::Key(Key {
                code,
                ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
                alt: k.modifiers.contains(KeyModifiers::ALT),
            }))
        }
        CtEvent::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Input::Mouse(Mouse::ScrollUp(m.column, m.row))),
            MouseEventKind::ScrollDown => Some(Input::Mouse(Mouse::ScrollDown(m.column, m.row))),
            MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
                Some(Input::Mouse(Mouse::Click(m.column, m.row)))
            }
            _ => None,
        },
        CtEvent::Resize(w, h) => Some(Input::Resize(*w, *h)),
        CtEvent::Paste(text) => Some(Input::Paste(text.clone())),
        _ => None,
    }
}
