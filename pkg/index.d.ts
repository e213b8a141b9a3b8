// The API's types, generated from the Rust façade (crates/tfscan_wasm).
export * from "./wasm/tfscan_wasm.js";
