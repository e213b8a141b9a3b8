// tfscan for Node, as CommonJS: `const { scan } = require("tfscan")`. The WebAssembly is
// compiled synchronously when this module loads, so everything is ready on `require` and
// `init()` resolves at once. `import` in Node reaches this same copy (index.js).
"use strict";

const glue = require("./wasm/tfscan_wasm.js");
const { createApi } = require("./wasm/api.cjs");
const { readFolder } = require("./lib/folder.cjs");

module.exports = createApi(glue, {
  ensureLoaded() {},
  init: () => Promise.resolve(),
  readFolder,
});
