//! The JavaScript API's tests, run in headless Chromium:
//! `wasm-pack test --headless --chrome crates/tfscan_wasm -- --test browser`.
//! Without `run_in_browser` wasm-bindgen-test would run nothing in the browser, silently.

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;
