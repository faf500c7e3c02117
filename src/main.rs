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
        // A bad value is one line: the flag, the value and the range allowed.
        Err(e) if e.kind() == clap::error::ErrorKind::ValueValidation => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid value");
            eprintln!(
                "memprof-tui: {}",
                memprof_tui::sanitize::sanitize(first.trim_start_matches("error: "))
            );
            std::process::exit(cli::EXIT_USAGE);
        }
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
