// The scanner, off the page's thread: the page never freezes while a large folder is scanned.
//
// Messages in:  { id, files: [{ path, file?: File, text?: string }] }
// Messages out: { type: "ready", version, checks }
//               { type: "report", id, report, files, milliseconds }
//               { type: "error", id, message }
import { isTerraformFile, listChecks, scan, version } from "./tfscan/index.browser.js";

self.postMessage({ type: "ready", version: version(), checks: listChecks() });

self.onmessage = async ({ data: { id, files } }) => {
  try {
    const inputs = new Map();
    for (const { path, file, text } of files) {
      if (!isTerraformFile(path)) continue;
      // Bytes, not text: a file that is not UTF-8 is then reported as the command line does.
      inputs.set(path, text ?? new Uint8Array(await file.arrayBuffer()));
    }
    const started = performance.now();
    const report = scan(inputs);
    const milliseconds = performance.now() - started;
    self.postMessage({ type: "report", id, report, files: inputs.size, milliseconds });
  } catch (error) {
    self.postMessage({ type: "error", id, message: String(error?.message ?? error) });
  }
};
