//! An `arbitrary`-built profile structure → wire messages → prost bytes → the loader.
//! Most references are valid, so inputs get past validation into merging, pruning
//! (drop_frames/keep_frames) and the model; decode(encode(p)) must equal p.

#![no_main]

use libfuzzer_sys::fuzz_target;
use memprof_tui::profile::load_bytes;
use memprof_tui_fuzz::{FProfile, LIMITS, check_round_trip};
use prost::Message;

fuzz_target!(|f: FProfile| {
    let bytes = f.to_wire().encode_to_vec();
    let _ = load_bytes("fuzz", &bytes, &LIMITS);
    check_round_trip("fuzz", &bytes);
});
