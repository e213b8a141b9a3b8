//! The JavaScript API's tests, run in Node: `wasm-pack test --node crates/tfscan_wasm -- --test node`.
//! (A file configured for the browser is skipped by Node, so the same tests live in `common`
//! and `browser.rs` runs them in Chromium.)

mod common;
