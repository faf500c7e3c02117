//! Raw bytes (gzipped or not) → the loader, with small caps: it must return a profile or
//! an error, never panic, hang or exceed the caps; a decoded profile must survive
//! encode → decode unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use memprof_tui::profile::load_bytes;
use memprof_tui_fuzz::{LIMITS, check_round_trip};

fuzz_target!(|data: &[u8]| {
    let _ = load_bytes("fuzz", data, &LIMITS);
    check_round_trip("fuzz", data);
});
