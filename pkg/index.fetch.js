// tfscan for a page that serves the package's files itself, with no bundler (`tfscan/fetch`):
// the WebAssembly is fetched from wasm/tfscan_wasm_bg.wasm beside this file — the smallest
// download, compiled while it streams — before this module's exports are ready (a top-level
// await), so everything is ready on import and `init()` resolves at once. Bundlers should use
// the main entry (index.browser.js), which needs no file served.
import * as glue from "./wasm/web/tfscan_wasm.js";
import { createApi } from "./lib/api.js";

await glue.default({ module_or_path: new URL("./wasm/tfscan_wasm_bg.wasm", import.meta.url) });

const api = createApi(glue, { ensureLoaded() {}, init: () => Promise.resolve() });

export const {
  init,
  scan,
  readFolder,
  scanToText,
  createBaseline,
  render,
  Scanner,
  listChecks,
  version,
  isTerraformFile,
  outputFormats,
  parseCommandLine,
  helpText,
  checkListText,
  outputDestinations,
} = api;
