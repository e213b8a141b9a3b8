// tfscan for Node, as an ES module: `import { scan } from "tfscan"`. The WebAssembly is
// loaded synchronously once, through the CommonJS glue that `require("tfscan")` uses too.
import { createRequire } from "node:module";

const wasm = createRequire(import.meta.url)("./wasm/tfscan_wasm.js");

export const { scan, scanToText, listChecks, version, isTerraformFile } = wasm;
// The command line's words, for a host that offers tfscan's flags (as bin/tfscan.mjs does).
export const { parseCommandLine, helpText, checkListText, outputDestinations } = wasm;
