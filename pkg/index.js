// tfscan for Node, as an ES module: `import { scan } from "tfscan"`. It is the CommonJS entry
// (index.cjs), so `import` and `require` in one program share one WebAssembly instance.
import { createRequire } from "node:module";

const api = createRequire(import.meta.url)("./index.cjs");

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
  // The command line's words, for a host that offers tfscan's flags (as bin/tfscan.mjs does).
  parseCommandLine,
  helpText,
  checkListText,
  outputDestinations,
} = api;
