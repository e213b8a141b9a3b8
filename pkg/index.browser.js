// tfscan for browsers and bundlers (Vite, esbuild, webpack, ... with no configuration): the
// WebAssembly is inlined in a module as base64 (wasm/web/tfscan_wasm_bg.js), so nothing has to
// be fetched, served or configured. It is compiled on first use, synchronously; `await init()`
// compiles it asynchronously instead, and is needed where synchronous compiling is refused (a
// browser's main thread may refuse large modules): then every function throws until init()
// has resolved, with a message saying so.
import * as glue from "./wasm/web/tfscan_wasm.js";
import wasmBase64 from "./wasm/web/tfscan_wasm_bg.js";
import { createApi } from "./lib/api.js";

let loaded = false;
let loading;

function ensureLoaded() {
  if (loaded) return;
  try {
    glue.initSync({ module: decodeBase64(wasmBase64) });
  } catch (error) {
    throw new Error(
      `tfscan: its WebAssembly cannot be compiled synchronously here (${error?.message ?? error}); ` +
        "call `await init()` once before using tfscan",
      { cause: error },
    );
  }
  loaded = true;
}

function init() {
  loading ??= WebAssembly.compile(decodeBase64(wasmBase64)).then(
    (module) => {
      if (!loaded) glue.initSync({ module });
      loaded = true;
    },
    (error) => {
      loading = undefined;
      throw new Error(
        `tfscan: its WebAssembly could not be compiled (${error?.message ?? error}); a page's ` +
          "Content-Security-Policy must allow 'wasm-unsafe-eval'",
        { cause: error },
      );
    },
  );
  return loading;
}

function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

const api = createApi(glue, { ensureLoaded, init });

export const {
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
  // The command line's words, for a host that offers tfscan's flags.
  parseCommandLine,
  helpText,
  checkListText,
  outputDestinations,
} = api;
export { init };
