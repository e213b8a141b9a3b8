// Starts the scanner as early as possible: this small script runs as soon as it has loaded,
// while the page's main script (app.js, mostly the editor) is still loading, so the
// WebAssembly compiles and the example is scanned meanwhile. app.js takes over the worker and
// the answers that came early.
import { EXAMPLE } from "./example.js";

const inline = document.getElementById("tfscan-worker");
let worker;
let wasm;
if (inline) {
  // The single-file page: the worker's script and the WebAssembly are in the page itself.
  worker = new Worker(
    URL.createObjectURL(new Blob([inline.textContent], { type: "text/javascript" })),
  );
  const binary = atob(document.getElementById("tfscan-wasm").textContent.trim());
  wasm = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) wasm[index] = binary.charCodeAt(index);
} else {
  worker = new Worker("worker.js");
  wasm = new URL("tfscan_wasm_bg.wasm", location.href).href;
}
const early = [];
worker.onmessage = ({ data }) => early.push(data);
worker.postMessage({ type: "init", wasm });

// Without a share link in the address the page opens on the example: scan it now, as scan 1.
const exampleScanned = !location.hash.startsWith("#tf=");
if (exampleScanned) worker.postMessage({ type: "scan", id: 1, files: EXAMPLE });

self.tfscanBoot = { worker, early, inline: inline !== null, exampleScanned };
// This script loads async (the page's other scripts download meanwhile): app.js may be first.
self.dispatchEvent(new Event("tfscan-boot"));
