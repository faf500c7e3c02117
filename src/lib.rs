//! memprof-tui: explore pprof profiles in a terminal, with go tool pprof's exact numbers.
//!
//! Layers depend one way: [`profile`] ← [`analysis`] ← `app` ← `ui`; the command line
//! ([`cli`]) prints the same analysis reports the panes show.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod config;
pub mod config_error;
pub mod exit;
pub mod fetch;
pub mod highlight;
pub mod input_files;
pub mod jobs;
pub mod profile;
pub mod sanitize;
pub mod screenshot;
pub mod theme_spec;
pub mod tui;
pub mod ui;
pub mod walk;
