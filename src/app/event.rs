//! What reaches the app besides user actions: keys (resolved through the keymap), mouse
//! events, resizes and finished background jobs.

use super::input::{Key, Mouse};
use super::live::Fetch;
use crate::fetch::Progress;
use crate::jobs::Done;

/// An input or runtime event.
#[derive(Clone, Debug)]
pub enum Event {
    /// A key press (resolved through the keymap; typed into an open prompt).
    Key(Key),
    /// A mouse event.
    Mouse(Mouse),
    /// The terminal was resized (columns, rows).
    Resize(u16, u16),
    /// Pasted text (one event, however long): typed into an open prompt at once (cut at
    /// its length cap), ignored elsewhere.
    Paste(String),
    /// A background job finished.
    Done(Done),
    /// Progress of the refetch in flight.
    FetchProgress(Progress),
    /// The refetch ended: the new profile, or the one-line error.
    Refetched(Box<Result<Fetch, String>>),
    /// `--watch`: time for the next refetch (none starts while one is under way).
    WatchTick,
    /// A change against a chosen base was computed ([`super::Command::Compare`]).
    Compared(Box<super::timeline::Compared>),
    /// A file the app asked for was written ([`super::Command::Export`]): the status
    /// line's words, or the one-line reason it was not.
    Written(Result<String, String>),
    /// The view was saved ([`super::Command::SaveView`]): its name and every view the file
    /// holds now, or the one-line reason it was not.
    ViewsSaved(Result<(String, Vec<crate::config::views::SavedView>), String>),
}
