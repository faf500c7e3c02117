//! memprof-tui: explore pprof profiles in a terminal, with go tool pprof's exact numbers.
//!
//! Layers depend one way: [`profile`] ← [`analysis`] ← `app` ← `ui`; the command line
//! ([`cli`]) prints the same analysis reports the panes show.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod config;
pub mod editor;
pub mod exit;
pub mod export;
pub mod fetch;
pub mod highlight;
pub mod input;
pub mod jobs;
pub mod profile;
pub mod report_text;
pub mod safe_file;
pub mod safe_write;
pub mod sanitize;
pub mod text_width;
pub mod tui;
pub mod ui;
