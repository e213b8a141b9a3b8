// Builds the web page into web/dist from web/ (run by scripts/build after the WebAssembly):
//   index.html, style.css, boot.js, app.js,   the page, its scripts bundled by esbuild
//   worker.js
//                                              (CodeMirror, fflate, the wasm glue: no CDN)
//   tfscan_wasm_bg.wasm                       the scanner
//   sw.js                                     the service worker, with the list of files
//   tfscan.html                               everything above in one file, for file://
//
// Usage: node web/build.mjs <web glue .js> <.wasm>
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

const WEB = dirname(fileURLToPath(import.meta.url));
const DIST = join(WEB, "dist");
const [glue, wasm] = process.argv.slice(2).map((path) => path && resolve(path));
if (!glue || !wasm) {
  console.error("usage: node web/build.mjs <web glue .js> <.wasm>");
  process.exit(2);
}

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  format: "iife",
  target: ["chrome111", "firefox115", "safari16.4"],
  legalComments: "none",
  charset: "utf8",
  write: false,
  logLevel: "warning",
};
const [boot] = (
  await build({ ...common, entryPoints: [join(WEB, "src/boot.js")], loader: { ".tf": "text" } })
).outputFiles;
const [app] = (
  await build({ ...common, entryPoints: [join(WEB, "src/app.js")], loader: { ".tf": "text" } })
).outputFiles;
const [worker] = (
  await build({
    ...common,
    entryPoints: [join(WEB, "src/worker.js")],
    alias: { "tfscan-wasm-glue": glue },
    // The glue's default path for the .wasm is never used: the page passes it in.
    define: { "import.meta.url": "self.location.href" },
  })
).outputFiles;

const html = readFileSync(join(WEB, "index.html"), "utf8");
const css = readFileSync(join(WEB, "style.css"), "utf8");
writeFileSync(join(DIST, "index.html"), html);
writeFileSync(join(DIST, "style.css"), css);
writeFileSync(join(DIST, "boot.js"), boot.text);
writeFileSync(join(DIST, "app.js"), app.text);
writeFileSync(join(DIST, "worker.js"), worker.text);
copyFileSync(wasm, join(DIST, "tfscan_wasm_bg.wasm"));

// The service worker caches every file the page loads ("./" is index.html).
const cached = ["index.html", "style.css", "boot.js", "app.js", "worker.js", "tfscan_wasm_bg.wasm"];
const version = createHash("sha256");
for (const name of cached) version.update(readFileSync(join(DIST, name)));
const sw = readFileSync(join(WEB, "sw.js"), "utf8")
  .replace("__TFSCAN_VERSION__", version.digest("hex").slice(0, 16))
  .replace("__TFSCAN_FILES__", JSON.stringify(["./", ...cached]));
writeFileSync(join(DIST, "sw.js"), sw);

// --- the single file ------------------------------------------------------------------------
// Scripts inline (allowed by their hashes), the worker's script and the .wasm (base64) in
// non-executed <script> elements the page reads; its policy allows no connection at all.

/** Text safe inside <script>...</script> and <style>...</style>. */
function inlineSafe(text, what) {
  if (/<\/(script|style)/i.test(text) || text.includes("<!--")) {
    throw new Error(`${what} holds "</script", "</style" or "<!--": it cannot be inlined as is`);
  }
  return text;
}
const hash = (text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const appText = inlineSafe(app.text, "app.js");
const bootText = inlineSafe(boot.text, "boot.js");
const policy = [
  "default-src 'none'",
  `script-src ${hash(bootText)} ${hash(appText)} 'wasm-unsafe-eval'`,
  "worker-src blob:",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
const single = html
  .replace(
    /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/>/,
    () => `<meta http-equiv="Content-Security-Policy" content="${policy}" />`,
  )
  .replace(
    /<!--tfscan:style-->[\s\S]*?<!--\/tfscan:style-->/,
    () => `<style>${inlineSafe(css, "style.css")}</style>`,
  )
  .replace(
    /<!--tfscan:script-->[\s\S]*?<!--\/tfscan:script-->/,
    () =>
      `<script type="text/plain" id="tfscan-worker">${inlineSafe(worker.text, "worker.js")}</script>\n` +
      `<script type="application/octet-stream" id="tfscan-wasm">${readFileSync(wasm).toString("base64")}</script>\n` +
      `<script>${bootText}</script>\n` +
      `<script>${appText}</script>`,
  );
if (single === html || !single.includes("tfscan-wasm") || !single.includes(policy)) {
  throw new Error("index.html lost its markers: the single-file page could not be assembled");
}
writeFileSync(join(DIST, "tfscan.html"), single);

for (const name of readdirSync(DIST).sort()) {
  console.error(`web/dist/${name}: ${readFileSync(join(DIST, name)).length} bytes`);
}
