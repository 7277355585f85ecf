//! Fuzz target `extract`: the checks live in `tests/common/invariants.rs`, shared with `cargo test`, which
//! replays the seeds and every crash kept in `fuzz/regressions/extract/`.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
#[allow(dead_code)]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::fuzz_extract(data));
