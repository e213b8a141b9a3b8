// The web page's figures (run by scripts/bench, never a timed test): page weight (everything
// the page loads, gzipped), time to the first result for the example (from navigation and from
// the page's load event, with where that time went), and time to scan terragoat's AWS folder
// dropped on the page. Serves web/dist on loopback and drives headless Chromium. Prints
// figures, asserts nothing.
//
// Usage: node tests/js/web-bench.mjs [--runs N]     (after scripts/build)
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { chromium } from "playwright-core";

import { TERRAGOAT_AWS, WEB_DIST, corpusMissing } from "./lib/paths.mjs";
import { serve } from "./lib/static-server.mjs";

const runsFlag = process.argv.indexOf("--runs");
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 5;

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return `best ${sorted[0].toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (${values.length} runs)`;
}

// --- page weight -----------------------------------------------------------------------------
const loaded = [
  "index.html",
  "style.css",
  "boot.js",
  "app.js",
  "worker.js",
  "tfscan_wasm_bg.wasm",
  "sw.js",
];
let raw = 0;
let zipped = 0;
for (const name of loaded) {
  const bytes = readFileSync(join(WEB_DIST, name));
  raw += bytes.length;
  zipped += gz(bytes);
  console.log(
    `  ${name.padEnd(22)} ${kb(bytes.length).padStart(9)} ${kb(gz(bytes)).padStart(9)} gzipped`,
  );
}
console.log(`page weight: ${kb(raw)}, ${kb(zipped)} gzipped (goal: under 1,536 KB)`);
const single = readFileSync(join(WEB_DIST, "tfscan.html"));
console.log(`single file tfscan.html: ${kb(single.length)}, ${kb(gz(single))} gzipped`);

// --- timings ---------------------------------------------------------------------------------
const server = await serve(WEB_DIST);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const done = () =>
  document.body.dataset.state === "done" &&
  document.body.dataset.reports &&
  document.body.dataset.wasmReadyAt &&
  performance.getEntriesByType("navigation")[0]?.loadEventEnd > 0;
/** When the example's first result was shown, and the moments before it, in milliseconds from
 *  the start of navigation (performance.now() in the page; app.js and the worker note them). */
const moments = () => {
  const [navigation] = performance.getEntriesByType("navigation");
  const { dataset } = document.body;
  return {
    firstResult: Number(dataset.firstResultMs),
    domContentLoaded: navigation.domContentLoadedEventEnd,
    load: navigation.loadEventEnd,
    appStarted: Number(dataset.startedAt),
    workerStarted: Number(dataset.workerStartedAt),
    wasmReady: Number(dataset.wasmReadyAt),
    firstScan: Number(dataset.firstScanMs),
    wasmInit: Number(dataset.wasmMs),
    compiled: self.tfscanBoot?.compiledAt ?? NaN,
  };
};
/** Prints navigation -> first result and load event -> first result (negative: the result was
 *  on screen before the load event), and the median moment of each step. */
function report(visit, runs) {
  const fromNavigation = runs.map((run) => run.firstResult);
  const fromLoad = runs.map((run) => run.firstResult - run.load);
  console.log(`first result for the example, ${visit}:`);
  console.log(`  from navigation:    ${stats(fromNavigation)}`);
  console.log(`  from the load event: ${stats(fromLoad)} (goal: under 300 ms)`);
  const median = (key) => {
    const sorted = runs.map((run) => run[key]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)].toFixed(0);
  };
  console.log(
    `  medians from navigation: DOMContentLoaded ${median("domContentLoaded")} ms, load ` +
      `${median("load")} ms, worker started ${median("workerStarted")} ms, WebAssembly ` +
      `compiled in the page ${median("compiled")} ms and ready in the worker ` +
      `${median("wasmReady")} ms (the worker's part ${median("wasmInit")} ms), page script ` +
      `started ${median("appStarted")} ms, first result ${median("firstResult")} ms (its scan ` +
      `${median("firstScan")} ms)`,
  );
}
try {
  const first = [];
  for (let run = 0; run < RUNS; run += 1) {
    // A fresh context each time: nothing cached, no service worker yet (a first visit).
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(done, null, { timeout: 60_000 });
    first.push(await page.evaluate(moments));
    await context.close();
  }
  report("first visit", first);

  // Later visits: the service worker answers from its cache, and the browser may reuse the
  // WebAssembly it compiled before.
  const again = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(done, null, { timeout: 60_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  for (let run = 0; run < RUNS; run += 1) {
    await page.reload();
    await page.waitForFunction(done, null, { timeout: 60_000 });
    again.push(await page.evaluate(moments));
  }
  await context.close();
  report("later visits (service worker)", again);

  const missing = corpusMissing();
  if (missing) {
    console.log(`terragoat drop: ${missing}`);
  } else {
    const files = readdirSync(TERRAGOAT_AWS).map((name) => ({
      name,
      text: readFileSync(join(TERRAGOAT_AWS, name), "utf8"),
    }));
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(done, null, { timeout: 60_000 });
    const dropped = [];
    const scanned = [];
    for (let run = 0; run < RUNS; run += 1) {
      const before = Number(await page.evaluate(() => document.body.dataset.reports));
      const started = await page.evaluate((items) => {
        const transfer = new DataTransfer();
        for (const { name, text } of items) transfer.items.add(new File([text], name));
        const at = performance.now();
        document.body.dispatchEvent(
          new DragEvent("drop", { dataTransfer: transfer, bubbles: true }),
        );
        return at;
      }, files);
      await page.waitForFunction(
        (seen) =>
          Number(document.body.dataset.reports) > seen && document.body.dataset.state === "done",
        before,
        { timeout: 60_000 },
      );
      dropped.push(Number(await page.evaluate(() => document.body.dataset.lastReportAt)) - started);
      const status = await page.locator("#status").textContent();
      scanned.push(Number(status.match(/in (\d+) ms/)[1]));
    }
    console.log(
      `terragoat/terraform/aws (${files.length} files) dropped, to its report shown: ${stats(dropped)}`,
    );
    console.log(`  of which the scan in the worker: ${stats(scanned)}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
