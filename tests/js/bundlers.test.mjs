// The npm package through bundlers, as an app gets it: `npm pack pkg`, the tarball installed
// with no network into a fresh folder per bundler, a small consumer bundled by esbuild, Vite
// and webpack 5 with no configuration for tfscan (no plugin, no wasm or asset rule), then run:
// in headless Chromium on a loopback server (every request to another origin is refused and
// counted) and, where the bundle is a plain script, in Node with the network off (`unshare
// -n`). Each scans terragoat's AWS folder, read here and passed as files, and must give the
// native command line's report. The bundlers come from tests/js/node_modules (scripts/install).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { JS_TOOLS, NATIVE_CLI, PKG, ROOT, TERRAGOAT_AWS, corpusMissing, counts, nativeJson, nativeRun, run } from "./lib/paths.mjs";
import { serve } from "./lib/static-server.mjs";

const CHROMIUM = "/usr/bin/chromium";
const WEBPACK = join(ROOT, "tests/js/node_modules/webpack");

/**
 * The app: it scans before init() (the module is then compiled synchronously on first use),
 * awaits init() (already done: it resolves), keeps the files in a Scanner, changes one, and
 * renders the reports in other formats.
 */
const CONSUMER = `import { init, scan, render, Scanner, version, listChecks } from "tfscan";

globalThis.tfscanConsumer = async (files) => {
  const report = scan(files);
  await init();
  const scanner = new Scanner();
  for (const [path, text] of Object.entries(files)) scanner.update(path, text);
  const again = scanner.scan();
  const [first] = Object.keys(files);
  const unchanged = scanner.update(first, files[first]);
  scanner.update(first, files[first] + "\\nresource \\"aws_kms_key\\" \\"added\\" {}\\n");
  const changed = scanner.scan();
  return {
    version: version(),
    checks: listChecks().length,
    report,
    again,
    unchanged,
    changedResources: changed.summary.resource_count,
    json: render(report, "json"),
    sarif: render(again, "sarif"),
    junit: render(report, "junitxml"),
  };
};
`;

/**
 * How each bundler builds the app (the command, run in the app's folder), as its
 * documentation's first page does, and the page and script that run the result.
 */
const BUNDLERS = {
  esbuild: {
    build: () => [join(JS_TOOLS, "esbuild"), "src/index.js", "--bundle", "--outfile=dist/main.js"],
    page: '<!doctype html><script src="main.js"></script>\n',
    script: "dist/main.js",
  },
  vite: {
    // `vite build` with no configuration file: index.html is the entry.
    build: () => [join(JS_TOOLS, "vite"), "build", "--logLevel", "warn"],
    page: null,
    script: null,
  },
  webpack: {
    // What `webpack --mode production` does with no configuration: ./src/index.js to dist/main.js.
    build: () => [
      "node",
      "-e",
      `require(${JSON.stringify(WEBPACK)})({ context: process.cwd(), mode: "production" }, (error, stats) => {
         if (error) throw error;
         if (stats.hasErrors()) { console.error(stats.toString("errors-only")); process.exitCode = 1; }
       });`,
    ],
    page: '<!doctype html><script src="main.js"></script>\n',
    script: "dist/main.js",
  },
};

let scratch;
let tarball;
let files;
let native;
/** The command line's SARIF and JUnit XML reports of the folder. */
const nativeText = {};
let browser;
let networkOff = [];

before(async () => {
  assert.ok(statSync(join(PKG, "wasm/web/tfscan_wasm_bg.js")).size > 0, "run scripts/build first");
  scratch = mkdtempSync(join(tmpdir(), "tfscan-bundlers-"));
  const packed = run("npm", ["pack", PKG, "--json", "--pack-destination", scratch], { cwd: ROOT });
  assert.equal(packed.status, 0, packed.stderr);
  tarball = join(scratch, JSON.parse(packed.stdout)[0].filename);

  // `unshare -n` runs a command in a network namespace of its own, with no interface up.
  if (run("unshare", ["-n", "true"]).status === 0) networkOff = ["unshare", "-n"];

  if (!corpusMissing()) {
    files = {};
    for (const name of readdirSync(TERRAGOAT_AWS).sort()) {
      if (/\.(tf|tfvars)(\.json)?$/.test(name)) files[name] = readFileSync(join(TERRAGOAT_AWS, name), "utf8");
    }
    native = nativeJson(TERRAGOAT_AWS).report;
    for (const format of ["sarif", "junitxml"]) {
      nativeText[format] = nativeRun(TERRAGOAT_AWS, ["-o", format]).stdout;
      assert.ok(nativeText[format].length > 0);
    }
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});

after(async () => {
  await browser?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A fresh folder with the tarball installed offline and the consumer app. */
function appFor(name) {
  const folder = join(scratch, name);
  mkdirSync(join(folder, "src"), { recursive: true });
  writeFileSync(join(folder, "package.json"), '{ "name": "app", "private": true, "type": "module" }\n');
  const installed = run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball],
    { cwd: folder },
  );
  assert.equal(installed.status, 0, `npm install --offline failed:\n${installed.stderr}`);
  writeFileSync(join(folder, "src/index.js"), CONSUMER);
  writeFileSync(
    join(folder, "index.html"),
    '<!doctype html><html><body><script type="module" src="/src/index.js"></script></body></html>\n',
  );
  return folder;
}

/** The checks every host's answer must pass: the command line's report, whole. */
function assertSameAsNative(answer, shown) {
  assert.deepEqual(counts(answer.report.summary), counts(native.summary), `${shown}: summary`);
  assert.ok(answer.report.summary.failed > 0, `${shown}: terragoat has failures`);
  assert.deepEqual(answer.report, native, `${shown}: the report equals tfscan -o json`);
  assert.deepEqual(answer.again, native, `${shown}: the Scanner's report equals it too`);
  assert.deepEqual(JSON.parse(answer.json), native, `${shown}: render(report, "json")`);
  assert.equal(answer.unchanged, false, `${shown}: the same text is not parsed again`);
  assert.equal(answer.changedResources, native.summary.resource_count + 1, `${shown}: a change is seen`);
  assert.equal(answer.sarif, nativeText.sarif, `${shown}: render(report, "sarif") is tfscan -o sarif`);
  assert.equal(answer.junit, nativeText.junitxml, `${shown}: render(report, "junitxml")`);
  assert.equal(answer.checks > 100, true, `${shown}: listChecks()`);
}

for (const [name, bundler] of Object.entries(BUNDLERS)) {
  test(`${name}: a bundle made with no configuration scans terragoat's AWS folder as the command line does`, async (t) => {
    const missing = corpusMissing();
    if (missing) return t.skip(missing);

    const folder = appFor(name);
    const started = Date.now();
    const [command, ...args] = [...networkOff, ...bundler.build()];
    const built = run(command, args, { cwd: folder });
    assert.equal(built.status, 0, `${name} build failed:\n${built.stdout}${built.stderr}`);
    const dist = join(folder, "dist");
    const bytes = readdirSync(dist, { recursive: true })
      .map((file) => join(dist, file))
      .filter((path) => statSync(path).isFile())
      .reduce((total, path) => total + statSync(path).size, 0);
    t.diagnostic(
      `${name}: built in ${Date.now() - started} ms${networkOff.length ? " with the network off" : ""}, ${bytes} bytes in dist/`,
    );
    const names = readdirSync(dist, { recursive: true }).map(String);
    assert.ok(!names.some((file) => file.endsWith(".wasm")), `${name}: no .wasm file to serve: ${names}`);

    if (bundler.page) writeFileSync(join(dist, "index.html"), bundler.page);
    const server = await serve(dist);
    const page = await browser.newPage();
    const elsewhere = [];
    const wasmRequests = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.endsWith(".wasm")) wasmRequests.push(url);
      if (url.startsWith(`${server.origin}/`)) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    try {
      await page.goto(`${server.origin}/index.html`);
      await page.waitForFunction(() => typeof globalThis.tfscanConsumer === "function");
      const answer = await page.evaluate((given) => globalThis.tfscanConsumer(given), files);
      assertSameAsNative(answer, `${name} in Chromium`);
    } finally {
      await page.close();
      await server.close();
    }
    assert.deepEqual(elsewhere, [], `${name}: requests to other origins`);
    assert.deepEqual(wasmRequests, [], `${name}: the WebAssembly is in the bundle`);
    assert.deepEqual(errors, [], `${name}: page errors`);

    if (bundler.script) {
      const answer = runInNode(folder, join(folder, bundler.script));
      assertSameAsNative(answer, `${name} in Node`);
    }
  });
}

/**
 * Runs a bundled script in Node, with the network off where `unshare -n` works (else with
 * fetch refused): the script defines tfscanConsumer, which is given the files.
 */
function runInNode(folder, script) {
  const input = join(folder, "files.json");
  writeFileSync(input, JSON.stringify(files));
  const runner = join(folder, "run-bundle.cjs");
  writeFileSync(
    runner,
    `const { readFileSync } = require("node:fs");
const vm = require("node:vm");
globalThis.fetch = () => { throw new Error("the bundle used the network (fetch)"); };
vm.runInThisContext(readFileSync(process.argv[2], "utf8"), { filename: process.argv[2] });
globalThis.tfscanConsumer(JSON.parse(readFileSync(process.argv[3], "utf8"))).then(
  (answer) => process.stdout.write(JSON.stringify(answer)),
  (error) => { console.error(error); process.exitCode = 1; },
);
`,
  );
  const [command, ...args] = [...networkOff, "node", runner, script, input];
  const result = run(command, args, { cwd: folder });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}
