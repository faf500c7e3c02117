//! Entry point: parse flags, open the explorer or print a report, print a one-line error
//! and exit with its code.

use clap::Parser;
use memprof_tui::cli::{self, Args};

fn main() {
    let argv = match cli::with_pprof_spellings(std::env::args_os().collect()) {
        Ok(a) => a,
        Err(f) => {
            eprintln!(
                "memprof-tui: {}",
                memprof_tui::sanitize::sanitize(&f.message)
            );
            std::process::exit(f.code);
        }
    };
    let args = match Args::try_parse_from(argv) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() {
                cli::EXIT_USAGE
            } else {
                cli::EXIT_OK
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let outcome = if cli::wants_explorer(&args) {
        args.explorer_options()
            .and_then(|o| memprof_tui::tui::run(&o))
    } else {
        cli::run(&args)
    };
    match outcome {
        Ok(code) => std::process::exit(code),
        Err(f) => {
            eprintln!(
                "memprof-tui: {}",
                memprof_tui::sanitize::sanitize(&f.message)
            );
            std::process::exit(f.code);
        }
    }
}
