// tfscan for Node, as CommonJS: `const { scan } = require("tfscan")`.
"use strict";

const wasm = require("./wasm/tfscan_wasm.js");

module.exports = {
  scan: wasm.scan,
  scanToText: wasm.scanToText,
  listChecks: wasm.listChecks,
  version: wasm.version,
  isTerraformFile: wasm.isTerraformFile,
  parseCommandLine: wasm.parseCommandLine,
  helpText: wasm.helpText,
  checkListText: wasm.checkListText,
  outputDestinations: wasm.outputDestinations,
};
