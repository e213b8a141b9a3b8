// The scanner, off the page's thread: typing never stutters and a large folder never freezes
// the page. Bundled by web/build.mjs with the WebAssembly glue into one classic worker script,
// so that it also runs from a Blob in the single-file page.
//
// Messages in:  { type: "init", wasm }             wasm: the compiled module (a
//                                                   WebAssembly.Module), its URL or its bytes
//               { type: "scan", id, files }         files: [{ path, text } | { path, bytes }]
//               { type: "export", id, files, output }   output: a -o format name
// Messages out: { type: "ready", version, checks, milliseconds, readyAt }   (after the queued
//                 scans; readyAt: when the WebAssembly was ready, performance.timeOrigin +
//                 performance.now(), for scripts/bench)
//               { type: "report", id, report, files, milliseconds }   (files: how many
//                 Terraform files were scanned or skipped)
//               { type: "text", id, output, text }
//               { type: "error", id, message }
import init, { isTerraformFile, listChecks, scan, scanToText, version } from "tfscan-wasm-glue";

/** Messages that came before the WebAssembly was ready, answered in order once it is. */
let queued = [];
let initialized = false;

self.onmessage = ({ data }) => {
  if (data.type === "init") {
    const started = performance.now();
    init({ module_or_path: data.wasm }).then(
      () => {
        const milliseconds = performance.now() - started;
        const readyAt = performance.timeOrigin + performance.now();
        // Scans asked for while compiling go first: the page's first result comes sooner, and
        // the explanations (listChecks) follow.
        initialized = true;
        for (const message of queued) handle(message);
        queued = [];
        self.postMessage({
          type: "ready",
          version: version(),
          checks: listChecks(),
          milliseconds,
          readyAt,
        });
      },
      (error) => self.postMessage({ type: "error", id: 0, message: describe(error) }),
    );
    return;
  }
  if (!initialized) queued.push(data);
  else handle(data);
};

/** Checkov's configuration files, read when they are at the top of what was dropped. */
const CONFIG_FILES = new Set([".checkov.yaml", ".checkov.yml"]);

/** The files a scan reads, as the map the scanner takes (path to text or bytes). A
 *  configuration file applies as in the command line's scanned folder: read, not scanned. */
function inputs(files) {
  const map = new Map();
  for (const { path, text, bytes } of files) {
    if (isTerraformFile(path) || CONFIG_FILES.has(path)) map.set(path, text ?? bytes);
  }
  return map;
}

function handle({ type, id, files, output }) {
  try {
    const map = inputs(files);
    if (type === "scan") {
      const started = performance.now();
      const report = scan(map);
      const milliseconds = performance.now() - started;
      // Terraform files only: a .checkov.yaml among them configures the scan, it is not scanned.
      const terraform = [...map.keys()].filter((path) => isTerraformFile(path)).length;
      self.postMessage({ type: "report", id, report, files: terraform, milliseconds });
    } else if (type === "export") {
      const text = scanToText(map, { output }).output;
      self.postMessage({ type: "text", id, output, text });
    }
  } catch (error) {
    self.postMessage({ type: "error", id, message: describe(error) });
  }
}

function describe(error) {
  return String(error?.message ?? error);
}
