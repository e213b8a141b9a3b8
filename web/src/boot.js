// Starts the scanner as early as possible: this small script runs as soon as it has loaded,
// while the page's main script (app.js, mostly the editor) is still loading, so the
// WebAssembly compiles and the example is scanned meanwhile. app.js takes over the worker and
// the answers that came early.
//
// The page compiles the WebAssembly itself, while the worker is starting (a new thread, its
// script fetched and run), and hands the worker the compiled module: the two waits overlap
// instead of following each other. The browser compiles a module off the page's thread (it
// only validates it here; each function is compiled when first called), so the page does not
// stall for it.
import { EXAMPLE } from "./example.js";

const workerStartedAt = performance.now();
const inline = document.getElementById("tfscan-worker");
let worker = null;
let compiled;
// Why the scanner cannot start, shown by app.js: a page opened from disk may not start a worker
// from a file (the single-file page, tfscan.html, can).
let failed = null;
try {
  if (inline) {
    // The single-file page: the worker's script and the WebAssembly are in the page itself.
    const binary = atob(document.getElementById("tfscan-wasm").textContent.trim());
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
    compiled = WebAssembly.compile(bytes).catch(() => bytes);
    worker = new Worker(
      URL.createObjectURL(new Blob([inline.textContent], { type: "text/javascript" })),
    );
  } else {
    const url = new URL("tfscan_wasm_bg.wasm", location.href).href;
    // Compiling while downloading needs the server to say application/wasm; when it does not,
    // or anything else fails here, the worker fetches and compiles the module itself.
    compiled = WebAssembly.compileStreaming(fetch(url)).catch(() => url);
    worker = new Worker("worker.js");
  }
} catch (error) {
  failed =
    location.protocol === "file:"
      ? "This page cannot start its scanner when opened from a file: open tfscan.html (the single-file page, which works from disk) or serve this folder over HTTP."
      : `The scanner could not start: ${error.message}`;
}
const early = [];
if (worker) worker.onmessage = ({ data }) => early.push(data);

// Without a share link in the address the page opens on the example: scan it now, as scan 1.
const exampleScanned = worker !== null && !location.hash.startsWith("#tf=");
if (exampleScanned) worker.postMessage({ type: "scan", id: 1, files: EXAMPLE });

// workerStartedAt and compiledAt: when the worker was started and when the page had compiled
// the WebAssembly, from the start of navigation (read by scripts/bench).
const boot = {
  worker,
  failed,
  early,
  inline: inline !== null,
  exampleScanned,
  workerStartedAt,
  compiledAt: null,
};
self.tfscanBoot = boot;

// The worker holds messages that come before the module and answers them once it is ready.
compiled.then((wasm) => {
  boot.compiledAt = performance.now();
  if (worker) worker.postMessage({ type: "init", wasm });
});
// This script loads async (the page's other scripts download meanwhile): app.js may be first.
self.dispatchEvent(new Event("tfscan-boot"));
