// tfscan for browsers and bundlers: the WebAssembly (the same module Node loads) is fetched
// and compiled once, before this module's exports are ready (a top-level await), so the API is
// the same synchronous one as in Node.
import init, * as wasm from "./wasm/web/tfscan_wasm.js";

await init({ module_or_path: new URL("./wasm/tfscan_wasm_bg.wasm", import.meta.url) });

export const { scan, scanToText, listChecks, version, isTerraformFile } = wasm;
// The command line's words, for a host that offers tfscan's flags (as bin/tfscan.mjs does).
export const { parseCommandLine, helpText, checkListText, outputDestinations } = wasm;
