// The npm package as a user gets it: `npm pack pkg`, installed from the tarball into a fresh
// folder with no network, then imported from ES modules and CommonJS, and its `tfscan`
// command compared byte for byte with the native command line. Needs scripts/build first.
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";

import {
  JS_TOOLS,
  NATIVE_CLI,
  PKG,
  ROOT,
  SHARED,
  TERRAGOAT_AWS,
  corpusMissing,
  counts,
  nativeJson,
  nativeRun,
  run,
} from "./lib/paths.mjs";

/** A scan root whose examples call local modules outside it (`source = "../../"`). */
const WITH_MODULES = join(SHARED, "corpus/terraform-aws-kms/examples/complete");
const KEY_WITHOUT_ROTATION = 'resource "aws_kms_key" "app" {\n  description = "data"\n}\n';

/** The same day for both commands (2026-01-01): the Markdown report and expiries read it. */
const SAME_DAY = { ...process.env, SOURCE_DATE_EPOCH: "1767225600" };

let app;
let tfscanBin;

before(() => {
  assert.ok(existsSync(join(PKG, "wasm/tfscan_wasm_bg.wasm")), "run scripts/build first");
  app = mkdtempSync(join(tmpdir(), "tfscan-npm-"));

  const packed = run("npm", ["pack", PKG, "--json", "--pack-destination", app], { cwd: ROOT });
  assert.equal(packed.status, 0, packed.stderr);
  const [{ filename, unpackedSize, size, files }] = JSON.parse(packed.stdout);
  console.log(`# npm pack: ${filename}, ${files.length} files, ${size} bytes packed, ${unpackedSize} bytes unpacked`);

  writeFileSync(join(app, "package.json"), '{ "name": "app", "private": true }\n');
  const installed = run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", join(app, filename)],
    { cwd: app },
  );
  assert.equal(installed.status, 0, `npm install --offline failed:\n${installed.stderr}`);
  tfscanBin = join(app, "node_modules/.bin/tfscan");
});

after(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

test("the tarball holds the entries, types, command and one WebAssembly module", () => {
  const installed = join(app, "node_modules/tfscan");
  for (const file of [
    "package.json",
    "index.js",
    "index.cjs",
    "index.browser.js",
    "index.fetch.js",
    "index.d.ts",
    "index.d.cts",
    "bin/tfscan.mjs",
    "lib/api.js",
    "lib/folder.cjs",
    "wasm/api.cjs",
    "wasm/tfscan_wasm.js",
    "wasm/tfscan_wasm.d.ts",
    "wasm/tfscan_wasm_bg.wasm",
    "wasm/web/tfscan_wasm.js",
    "wasm/web/tfscan_wasm_bg.js",
  ]) {
    assert.ok(existsSync(join(installed, file)), `${file} is in the package`);
  }
  assert.ok(!existsSync(join(installed, "wasm/web/tfscan_wasm_bg.wasm")), "the module ships once");
});

test("CommonJS: require('tfscan') scans text", () => {
  const script = join(app, "scan.cjs");
  writeFileSync(
    script,
    `const tfscan = require("tfscan");
const report = tfscan.scan({ "main.tf": ${JSON.stringify(KEY_WITHOUT_ROTATION)} });
console.log(JSON.stringify({
  version: tfscan.version(),
  failed: report.results.failed_checks.map((result) => result.check_id),
  checks: tfscan.listChecks().length,
}));
`,
  );
  const result = run("node", [script], { cwd: app });
  assert.equal(result.status, 0, result.stderr);
  const answer = JSON.parse(result.stdout);
  assert.match(answer.version, /^\d+\.\d+\.\d+/);
  assert.ok(answer.failed.includes("CKV_AWS_7"), `CKV_AWS_7 fails: ${answer.failed}`);
  assert.ok(answer.checks > 0);
});

test("ES module: import from 'tfscan' scans terragoat's AWS folder as the command line does", (t) => {
  const missing = corpusMissing();
  if (missing) return t.skip(missing);

  const script = join(app, "scan.mjs");
  writeFileSync(
    script,
    `import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isTerraformFile, scan } from "tfscan";

const folder = process.argv[2];
const files = {};
for (const name of readdirSync(folder).sort()) {
  if (isTerraformFile(name)) files[name] = readFileSync(join(folder, name));
}
process.stdout.write(JSON.stringify([scan(files), scan(files, { roots: ["."], cwd: folder })]));
`,
  );
  const result = run("node", [script, TERRAGOAT_AWS], { cwd: app });
  assert.equal(result.status, 0, result.stderr);
  const [report, rooted] = JSON.parse(result.stdout);
  const native = nativeJson(TERRAGOAT_AWS).report;

  console.log(`# npm import: ${JSON.stringify(counts(report.summary))}`);
  assert.deepEqual(counts(report.summary), counts(native.summary));
  assert.ok(report.summary.failed > 0, "terragoat has failures");
  assert.deepEqual(report, native, "the whole report equals the native -o json");
  // Told the folder and where the scan ran, the API names files absolutely as the command
  // line does.
  assert.deepEqual(rooted, nativeJson(TERRAGOAT_AWS, { absolute: true }).report);
});

test("Scanner and render: a kept file set rescanned as it changes, every format as the command line writes it", (t) => {
  const missing = corpusMissing();
  if (missing) return t.skip(missing);

  const script = join(app, "scanner.cjs");
  writeFileSync(
    script,
    `const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { Scanner, render, scan, init, isTerraformFile, outputFormats } = require("tfscan");

const folder = process.argv[2];
const scanner = new Scanner({ today: "2026-01-01" });
const names = readdirSync(folder).sort().filter(isTerraformFile);
for (const name of names) scanner.update(name, readFileSync(join(folder, name)));
const first = scanner.scan();
const rendered = Object.fromEntries(outputFormats().map((format) => [format, render(first, format)]));
const compactCli = render(first, "cli", { compact: true });

const unchanged = scanner.update(names[0], readFileSync(join(folder, names[0])));
scanner.update("extra.tf", 'resource "aws_kms_key" "extra" {}\\n');
const second = scanner.scan();
const removed = scanner.remove("extra.tf");
const third = scanner.scan();
const errors = [];
for (const attempt of [
  () => render(JSON.parse(JSON.stringify(first)), "json"),
  () => render(first, "yaml"),
  () => render(first, "json", { compat: true }),
  () => scanner.update("x.tf", 42),
  () => new Scanner({ skipChecks: "CKV_AWS_7" }),
  () => scanner.scan({ varFile: "missing.tfvars" }),
]) {
  try { attempt(); errors.push(null); } catch (error) { errors.push(error.message); }
}
init().then(() => process.stdout.write(JSON.stringify({
  first, rendered, compactCli, unchanged, removed, errors,
  // Rendering the first report again after changes scans its files again: still the same.
  firstAgain: render(first, "json"),
  secondResources: second.summary.resource_count, secondFailed: second.results.failed_checks.filter((r) => r.resource === "aws_kms_key.extra").length, thirdEqualsFirst: JSON.stringify(third) === JSON.stringify(first),
  paths: scanner.paths(),
})));
`,
  );
  const result = run("node", [script, TERRAGOAT_AWS], { cwd: app });
  assert.equal(result.status, 0, result.stderr);
  const answer = JSON.parse(result.stdout);
  const native = nativeJson(TERRAGOAT_AWS).report;

  assert.deepEqual(answer.first, native, "the Scanner's report equals the native -o json");
  for (const [format, text] of Object.entries(answer.rendered)) {
    let expected = nativeRun(TERRAGOAT_AWS, ["-o", format], { env: SAME_DAY }).stdout;
    // The command line names files absolutely too (file_abs_path); the Scanner was not told
    // the folder (see nativeJson).
    if (format === "json") expected = expected.replaceAll(`${TERRAGOAT_AWS}/`, "");
    assert.ok(expected.length > 0);
    assert.equal(text, expected, `render(report, ${JSON.stringify(format)}) is tfscan -o ${format}`);
  }
  assert.deepEqual(Object.keys(answer.rendered), ["cli", "json", "sarif", "junitxml", "csv", "markdown", "github_failed_only"]);
  const compact = nativeRun(TERRAGOAT_AWS, ["--compact"], { env: SAME_DAY }).stdout;
  assert.equal(answer.compactCli, compact, "render options are the command line's flags");
  assert.deepEqual(JSON.parse(answer.firstAgain), native, "an older report renders as it was");

  assert.equal(answer.unchanged, false, "the same bytes again are no change");
  assert.equal(answer.secondResources, native.summary.resource_count + 1, "an added file is scanned");
  assert.ok(answer.secondFailed > 0, "the added key fails its checks");
  assert.equal(answer.removed, true);
  assert.equal(answer.thirdEqualsFirst, true, "removing it gives the first report again");
  assert.ok(!answer.paths.includes("extra.tf"));

  const [readBack, format, option, content, constructorOption, varFile] = answer.errors;
  assert.match(readBack, /^render\(report, format\): the report must be one that scan\(\) or Scanner#scan\(\) returned/);
  assert.match(format, /^render: unknown format "yaml"; use one of "cli", "json"/);
  assert.match(option, /^render: options\.compat: unknown option; the options are compact, quiet/);
  assert.match(content, /^update\("x\.tf"\): expected the file's text \(a string\) or bytes \(a Uint8Array\), got number/);
  assert.match(constructorOption, /^options\.skipChecks: unknown option; the options are /);
  assert.match(varFile, /^options\.varFile: "missing\.tfvars" is not among the scanner's files/);
});

test("the browser entry: where synchronous compiling is refused, calls say to await init(), which makes them work", () => {
  // Node runs the browser and bundler entry as well; WebAssembly.Module is made to refuse, as a
  // browser's main thread may refuse a large module.
  const script = join(app, "refused.mjs");
  writeFileSync(
    script,
    `function Refusing() { throw new RangeError("synchronous compiling refused"); }
Refusing.prototype = WebAssembly.Module.prototype; // a module compiled by init() is still one
WebAssembly.Module = Refusing;
const tfscan = await import(${JSON.stringify(join(app, "node_modules/tfscan/index.browser.js"))});
let before;
try { tfscan.scan({ "main.tf": "" }); } catch (error) { before = error.message; }
await tfscan.init();
const report = tfscan.scan({ "main.tf": ${JSON.stringify(KEY_WITHOUT_ROTATION)} });
process.stdout.write(JSON.stringify({ before, failed: report.results.failed_checks.map((r) => r.check_id) }));
`,
  );
  const result = run("node", [script], { cwd: app });
  assert.equal(result.status, 0, result.stderr);
  const { before, failed } = JSON.parse(result.stdout);
  assert.match(before, /^tfscan: its WebAssembly cannot be compiled synchronously here \(synchronous compiling refused\); call `await init\(\)` once before using tfscan$/);
  assert.ok(failed.includes("CKV_AWS_7"), `after init(): ${failed}`);
});

test("npx tfscan -d DIR -o json prints the native command line's bytes", (t) => {
  const missing = corpusMissing();
  if (missing) return t.skip(missing);

  for (const folder of [TERRAGOAT_AWS, WITH_MODULES]) {
    const args = ["-d", folder, "-o", "json"];
    const native = run(NATIVE_CLI, args);
    const npx = run("npm", ["exec", "--offline", "--", "tfscan", ...args], { cwd: app });
    assert.equal(npx.stderr.includes("tfscan:"), false, npx.stderr);
    assert.equal(npx.stdout, native.stdout, `same JSON for ${folder}`);
    assert.equal(npx.status, native.status, `same exit code for ${folder}`);
    assert.ok(JSON.parse(npx.stdout).summary.resource_count > 0);
  }
});

test("the command's flags, output and exit codes are the native command line's", (t) => {
  const missing = corpusMissing();
  if (missing) return t.skip(missing);

  const cases = [
    ["-d", TERRAGOAT_AWS],
    ["-d", TERRAGOAT_AWS, "-o", "cli", "--compact", "--quiet"],
    ["-d", TERRAGOAT_AWS, "--soft-fail", "-o", "json", "-o", "cli"],
    ["-d", TERRAGOAT_AWS, "--check", "CKV_AWS_7,CKV_AWS_20", "-o", "json"],
    ["-d", TERRAGOAT_AWS, "--skip-check=CKV_AWS_7", "--framework", "terraform"],
    ["-d", WITH_MODULES, "--unresolved-null-variables", "-o", "json"],
    ["-f", join(TERRAGOAT_AWS, "kms.tf"), "-o", "json"],
    ["-d", TERRAGOAT_AWS, "-d", WITH_MODULES, "-o", "json"],
    ["-d", WITH_MODULES, "-o", "cli"],
    ["-d", TERRAGOAT_AWS, "-o", "sarif"],
    ["-d", TERRAGOAT_AWS, "-o", "junitxml", "--quiet"],
    ["-d", TERRAGOAT_AWS, "-o", "csv", "--skip-check", "CKV_AWS_7"],
    ["-d", TERRAGOAT_AWS, "-o", "markdown", "--compact"],
    ["-d", TERRAGOAT_AWS, "-o", "github_failed_only"],
    ["-d", WITH_MODULES, "-o", "sarif,csv", "-o", "markdown", "--soft-fail"],
    ["-d", TERRAGOAT_AWS, "--ignore-inline-skips", "-o", "json"],
    ["-d", TERRAGOAT_AWS, "--output-file-path", "a,b,c"],
    ["-d", TERRAGOAT_AWS, "-o", "yaml"],
    ["-d", TERRAGOAT_AWS, "--output-file-path"],
    // Every folder of the corpus at once: the same files read, modules followed the same way.
    ["-d", join(SHARED, "corpus"), "-o", "json", "--compact"],
    ["--list"],
    ["--list", "-o", "json"],
    ["--help"],
    ["--version"],
    ["-d", TERRAGOAT_AWS, "--framework", "kubernetes"],
    ["-d", join(ROOT, "no-such-folder")],
    ["--bogus"],
    ["-o", "json"],
  ];
  for (const args of cases) {
    const native = run(NATIVE_CLI, args, { env: SAME_DAY });
    const node = run(tfscanBin, args, { env: SAME_DAY });
    const shown = `tfscan ${args.join(" ")}`;
    assert.equal(node.status, native.status, `${shown}: exit code`);
    assert.equal(node.stdout, native.stdout, `${shown}: output`);
    assert.equal(node.stderr === "", native.stderr === "", `${shown}: stderr ${node.stderr}`);
  }
});

test("what cannot be read is said on stderr in the native command line's words, byte for byte", () => {
  const folder = mkdtempSync(join(tmpdir(), "tfscan-unreadable-"));
  writeFileSync(join(folder, "main.tf"), KEY_WITHOUT_ROTATION);
  const cases = [
    // Relative paths, from inside the folder, and absolute ones.
    [["-f", "missing.tf"], "tfscan: missing.tf: no such file\n"],
    [["-f", join(folder, "missing.tf")], `tfscan: ${join(folder, "missing.tf")}: no such file\n`],
    [["-d", "missing"], "tfscan: missing: no such folder\n"],
    [["-d", join(folder, "missing")], `tfscan: ${join(folder, "missing")}: no such folder\n`],
    [["-d", "main.tf"], "tfscan: main.tf: is a file, not a folder (scan a file with -f main.tf)\n"],
    [["-f", "."], "tfscan: .: is a folder, not a file (scan a folder with -d .)\n"],
    // A file on the way to the path: nothing there.
    [["-f", "main.tf/x.tf"], "tfscan: main.tf/x.tf: no such file\n"],
    [["-d", ".", "--var-file", "missing.tfvars"], "tfscan: missing.tfvars: no such file\n"],
    [["-d", ".", "--baseline", "missing.baseline"], "tfscan: missing.baseline: no such file\n"],
    [["-d", ".", "--config-file", "."], "tfscan: .: is a folder, not a file\nRun `tfscan --help` for the flags.\n"],
  ];
  try {
    for (const [args, expected] of cases) {
      const shown = `tfscan ${args.join(" ")}`;
      const native = run(NATIVE_CLI, args, { cwd: folder });
      const node = run(tfscanBin, args, { cwd: folder });
      assert.equal(native.stderr, expected, `${shown}: the native command's words`);
      assert.equal(node.stderr, native.stderr, `${shown}: stderr`);
      assert.equal(node.status, 2, `${shown}: exit code`);
      assert.equal(native.status, 2, `${shown}: exit code`);
      assert.equal(node.stdout, native.stdout, `${shown}: stdout`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** A folder of Terraform with local modules inside and outside it, a hidden folder and
 * a file that does not parse: `infra` is the scanned folder, `modules` is beside it. */
function modulesLayout() {
  const root = mkdtempSync(join(tmpdir(), "tfscan-layout-"));
  const bucket = (name) => `resource "aws_s3_bucket" "${name}" {\n  bucket = "${name}"\n}\n`;
  const files = {
    "infra/main.tf": `module "net" {\n  source = "../modules/net"\n}\nmodule "logs" {\n  source = "./modules/logs"\n}\n${bucket("root")}`,
    "infra/modules/logs/main.tf": bucket("logs"),
    "infra/envs/dev/main.tf": bucket("dev"),
    "infra/envs/prod/main.tf": bucket("prod"),
    "infra/.hidden/main.tf": bucket("hidden"),
    "infra/broken.tf": 'resource "aws_s3_bucket" "x" {\n  acl = \n}\n',
    "infra/notes.txt": "not Terraform",
    "modules/net/main.tf": `module "deeper" {\n  source = "../deeper"\n}\n${bucket("net")}`,
    "modules/deeper/main.tf": bucket("deeper"),
    "modules/net/terraform.tfvars": 'x = "module tfvars are not read"\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test("readFolder reads a folder as npx tfscan -d does, modules outside it included; scanning it gives the native report", () => {
  const root = modulesLayout();
  const infra = join(root, "infra");
  const script = join(app, "read-folder.mjs");
  writeFileSync(
    script,
    `import { readFolder, scan } from "tfscan";
import { createRequire } from "node:module";
const [folder] = process.argv.slice(2);
const files = readFolder(folder);
const errors = [];
for (const attempt of [
  () => readFolder(folder + "/missing"),
  () => readFolder(folder + "/main.tf"),
  () => readFolder(folder, { skipPaths: "x" }),
  () => readFolder(folder, { skipPath: 3 }),
  () => readFolder(42),
]) {
  try { attempt(); errors.push(null); } catch (error) { errors.push(error.message); }
}
process.stdout.write(JSON.stringify({
  paths: [...files.keys()],
  bytes: files.get("main.tf") instanceof Uint8Array,
  rooted: scan(files, { roots: ["."], cwd: folder }),
  plain: scan(files),
  skipped: [...readFolder(folder, { skipPath: ["envs/", "modules/logs"] }).keys()],
  required: typeof createRequire(import.meta.url)("tfscan").readFolder,
  errors,
}));
`,
  );
  try {
    const result = run("node", [script, infra], { cwd: app });
    assert.equal(result.status, 0, result.stderr);
    const answer = JSON.parse(result.stdout);
    assert.deepEqual(answer.paths, [
      "broken.tf",
      "envs/dev/main.tf",
      "envs/prod/main.tf",
      "main.tf",
      "modules/logs/main.tf",
      "../modules/net/main.tf",
      "../modules/deeper/main.tf",
    ]);
    assert.equal(answer.bytes, true);
    // The same report as the native command line's, which reads the same files.
    assert.deepEqual(answer.rooted, nativeJson(infra, { absolute: true }).report);
    // Not told the folder, the report names files as given.
    assert.deepEqual(counts(answer.plain.summary), counts(answer.rooted.summary));
    assert.deepEqual(answer.plain.results.parsing_errors, ["broken.tf"]);
    const resources = answer.plain.results.failed_checks.map((row) => row.resource);
    for (const resource of ["module.net.module.deeper.aws_s3_bucket.deeper", "module.logs.aws_s3_bucket.logs"]) {
      assert.ok(resources.includes(resource), `${resource} is scanned`);
    }
    assert.deepEqual(answer.rooted.results.parsing_errors, [join(infra, "broken.tf")]);
    // A skipped path leaves its files out, but a module folder that main.tf calls is still
    // read, after the walk, as a followed module.
    assert.deepEqual(answer.skipped, [
      "broken.tf",
      "main.tf",
      "../modules/net/main.tf",
      "modules/logs/main.tf",
      "../modules/deeper/main.tf",
    ]);
    assert.equal(answer.required, "function", "require('tfscan').readFolder");
    // The README's first example, as written, on this layout: it scans the modules too.
    const readme = readFileSync(join(PKG, "README.md"), "utf8");
    const example = /```js\n([\s\S]*?)```/.exec(readme)[1];
    assert.match(example, /readFolder\("infra"\)/);
    writeFileSync(join(app, "readme-first.mjs"), example);
    const first = run("node", [join(app, "readme-first.mjs")], { cwd: root });
    assert.equal(first.status, 0, first.stderr);
    assert.match(
      first.stdout,
      /^CKV_AWS_18 module\.net\.module\.deeper\.aws_s3_bucket\.deeper \/\.\.\/modules\/deeper\/main\.tf:1$/m,
    );
    assert.match(first.stdout, /^CKV_AWS_18 module\.logs\.aws_s3_bucket\.logs \/modules\/logs\/main\.tf:1$/m);
    assert.ok(existsSync(join(root, "tfscan.sarif")), "the example writes its SARIF");

    assert.deepEqual(answer.errors, [
      `${infra}/missing: no such folder`,
      `${infra}/main.tf: is a file, not a folder`,
      "readFolder: options.skipPaths: unknown option; the options are skipPath",
      "readFolder: options.skipPath: expected a string or an array of strings, got number",
      "readFolder(folder): folder must be a string, got number",
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("npx tfscan honours .checkov.yaml, --config-file, the gates and baselines as the native command does", () => {
  const folder = mkdtempSync(join(tmpdir(), "tfscan-config-"));
  const bucket = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n';
  writeFileSync(join(folder, "main.tf"), KEY_WITHOUT_ROTATION + bucket);
  writeFileSync(
    join(folder, ".checkov.yaml"),
    "check: [CKV_AWS_7, CKV2_AWS_64, CKV2_AWS_6]\noutput: json\ncompact: true\nsoft-fail-on: MEDIUM\ncolour: blue\n",
  );
  writeFileSync(join(folder, "ci.yml"), "quiet: true\nhard-fail-on: CKV2_AWS_6\noutput: [cli]\n");
  const cases = [
    ["-d", folder],
    ["-d", folder, "--check", "CKV_AWS_7"],
    ["-d", folder, "--config-file", join(folder, "ci.yml")],
    ["-d", folder, "--create-baseline"],
    ["-d", folder, "--baseline", join(folder, ".checkov.baseline"), "-o", "json"],
    ["-d", folder, "--config-file", join(folder, "missing.yml")],
  ];
  try {
    for (const args of cases) {
      const shown = `tfscan ${args.join(" ")}`;
      const native = run(NATIVE_CLI, args, { env: SAME_DAY });
      const nativeBaseline = readIfThere(join(folder, ".checkov.baseline"));
      rmSync(join(folder, ".checkov.baseline"), { force: true });
      if (nativeBaseline !== undefined && !args.includes("--create-baseline")) {
        writeFileSync(join(folder, ".checkov.baseline"), nativeBaseline);
      }
      const npx = run("npm", ["exec", "--offline", "--", "tfscan", ...args], { cwd: app, env: SAME_DAY });
      assert.equal(npx.status, native.status, `${shown}: exit code`);
      assert.equal(npx.stdout, native.stdout, `${shown}: output`);
      assert.equal(npx.stderr, native.stderr, `${shown}: stderr`);
      assert.equal(readIfThere(join(folder, ".checkov.baseline")), nativeBaseline, `${shown}: baseline`);
    }

    // What the cases above rest on: the file's keys applied, the unknown one noticed.
    const first = run(NATIVE_CLI, ["-d", folder], { env: SAME_DAY });
    const report = JSON.parse(first.stdout);
    assert.deepEqual(
      [...new Set(report.results.failed_checks.map((row) => row.check_id))].sort(),
      ["CKV2_AWS_6", "CKV2_AWS_64", "CKV_AWS_7"],
    );
    assert.equal(first.status, 1, "CKV2_AWS_6 (HIGH) is above --soft-fail-on MEDIUM");
    assert.match(first.stderr, /unknown key "colour"; ignored/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("parsing errors of two folders and of a var file beside them read the same in npx as natively", () => {
  const folder = mkdtempSync(join(tmpdir(), "tfscan-errors-"));
  const files = {
    "a/main.tf": 'resource "aws_s3_bucket" "q" {\n  bucket = "unterminated\n}\n',
    "infra/b/main.tf":
      'variable "encrypted" {}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "x"\n  encrypted = var.encrypted\n}\n',
    "infra/b/broken.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n',
    "infra/b/locals.tf": "locals {\n  a = local.b\n  b = local.a\n}\n",
    "vars/prod.tfvars": "encrypted = true\n",
    "vars/broken.tfvars": "x = = 1\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, dirname(path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const roots = ["-d", "a", "-d", "./infra/b"];
  const varFiles = ["--var-file", "vars/prod.tfvars", "--var-file", "vars/broken.tfvars"];
  const cases = [
    [...roots, ...varFiles],
    [...roots, ...varFiles, "-o", "json"],
    [...roots, "-o", "sarif,junitxml,markdown"],
    ["-f", "infra/b/broken.tf", "-o", "cli"],
  ];
  try {
    for (const args of cases) {
      const shown = `tfscan ${args.join(" ")}`;
      const native = run(NATIVE_CLI, args, { cwd: folder, env: SAME_DAY });
      const node = run(tfscanBin, args, { cwd: folder, env: SAME_DAY });
      assert.equal(node.status, native.status, `${shown}: exit code`);
      assert.equal(node.stdout, native.stdout, `${shown}: output`);
      assert.equal(node.stderr, native.stderr, `${shown}: stderr`);
    }
    // What the cases rest on: each file named from where the scan ran, the var file beside
    // the folders by its absolute path.
    const { stderr } = run(NATIVE_CLI, cases[0], { cwd: folder });
    for (const expected of [
      "tfscan: parsing error: a/main.tf:2:12: unterminated string",
      "tfscan: parsing error: infra/b/broken.tf:1:1: this block is not closed",
      "tfscan: parsing error: infra/b/locals.tf:2:3: local values in a cycle: local.a -> local.b",
      `tfscan: parsing error: ${join(folder, "vars/broken.tfvars")}:1:5: expected an expression`,
    ]) {
      assert.ok(stderr.includes(expected), `${expected} in ${stderr}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** The custom policy fixtures of the Rust tests: `terraform/` and `policies/` in each. */
const CUSTOM_POLICIES = join(ROOT, "crates/tfscan_cli/tests/fixtures/custom_policies");

test("npx tfscan --external-checks-dir prints the native command line's bytes", () => {
  const cases = [];
  for (const scenario of ["mixed", "problems", "connections"]) {
    const terraform = join(CUSTOM_POLICIES, scenario, "terraform");
    const policies = join(CUSTOM_POLICIES, scenario, "policies");
    for (const output of ["json", "cli", "sarif", "csv", "junitxml", "markdown"]) {
      cases.push(["-d", terraform, "--external-checks-dir", policies, "-o", output]);
    }
  }
  const terraform = join(CUSTOM_POLICIES, "mixed", "terraform");
  const policies = join(CUSTOM_POLICIES, "mixed", "policies");
  cases.push(
    ["-d", terraform, "--external-checks-dir", policies, "--check", "HIGH", "--compact"],
    ["-d", terraform, "--external-checks-dir", policies, "--skip-check", "CKV2_CUSTOM_*,CKV_*"],
    ["-d", terraform, "--external-checks-dir", policies, "--hard-fail-on", "CKV2_CUSTOM_1", "--soft-fail"],
    ["-d", terraform, "--external-checks-dir", join(policies, "missing")],
  );
  for (const args of cases) {
    const shown = `tfscan ${args.join(" ")}`;
    const native = run(NATIVE_CLI, args, { env: SAME_DAY });
    const npx = run("npm", ["exec", "--offline", "--", "tfscan", ...args], { cwd: app, env: SAME_DAY });
    assert.equal(npx.status, native.status, `${shown}: exit code`);
    assert.equal(npx.stdout, native.stdout, `${shown}: output`);
    assert.equal(npx.stderr, native.stderr, `${shown}: stderr`);
  }
  // What the cases rest on: the policies ran, and the broken ones were reported.
  const mixed = JSON.parse(run(NATIVE_CLI, cases[0], { env: SAME_DAY }).stdout);
  assert.ok(mixed.results.failed_checks.some((row) => row.check_id === "CKV2_CUSTOM_1"));
  const problems = run(NATIVE_CLI, cases[6], { env: SAME_DAY });
  assert.match(problems.stderr, /custom policy: .*unknown_operator\.yaml:9: unknown operator "equal"/);
  const missing = run(NATIVE_CLI, cases.at(-1), { env: SAME_DAY });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--external-checks-dir .*missing: no such folder/);
});

test("the API runs customPolicies given as text by path", () => {
  const script = join(app, "custom-policies.mjs");
  const policy = [
    "metadata:",
    "  id: CKV2_ACME_1",
    "  name: Buckets have an owner",
    "  category: CONVENTION",
    "  severity: medium",
    "definition:",
    "  cond_type: attribute",
    "  resource_types: [aws_s3_bucket]",
    "  attribute: tags.Owner",
    "  operator: exists",
    "",
  ].join("\n");
  writeFileSync(
    script,
    `import { scan, scanToText } from "tfscan";
const files = { "main.tf": 'resource "aws_s3_bucket" "a" {\\n  tags = { Owner = "me" }\\n}\\nresource "aws_s3_bucket" "b" {}\\n' };
const customPolicies = new Map([["policies/owner.yaml", ${JSON.stringify(policy)}], ["policies/bad.yaml", "metadata: [\\n"]]);
const report = scan(files, { check: "CKV2_ACME_1", customPolicies });
const text = scanToText(files, { check: "CKV2_ACME_1", customPolicies: Object.fromEntries(customPolicies), output: "csv" });
process.stdout.write(JSON.stringify({ report, text }));
`,
  );
  const result = run("node", [script], { cwd: app });
  assert.equal(result.status, 0, result.stderr);
  const { report, text } = JSON.parse(result.stdout);
  const verdicts = ["passed_checks", "failed_checks"].flatMap((list) =>
    report.results[list].map((row) => [row.check_id, row.resource, row.check_result.result, row.severity]),
  );
  assert.deepEqual(verdicts, [
    ["CKV2_ACME_1", "aws_s3_bucket.a", "PASSED", "MEDIUM"],
    ["CKV2_ACME_1", "aws_s3_bucket.b", "FAILED", "MEDIUM"],
  ]);
  assert.deepEqual(report.custom_policy_problems, [
    { file_path: "policies/bad.yaml", line: 1, column: 1, message: "a `[` or `{` here is never closed" },
  ]);
  assert.match(text.output, /^CKV2_ACME_1,Buckets have an owner,FAILED,MEDIUM,aws_s3_bucket\.b,/m);
  assert.deepEqual(text.notices, ["custom policy: policies/bad.yaml:1:1: a `[` or `{` here is never closed"]);
  assert.equal(text.exitCode, 1);
});

test("the API reads a .checkov.yaml among the files; options override it", () => {
  const script = `
    import { scanToText, createBaseline } from "tfscan";
    const files = {
      "main.tf": ${JSON.stringify(KEY_WITHOUT_ROTATION)},
      ".checkov.yaml": "check: CKV_AWS_7\\nsoft-fail: true\\noutput: json\\nskip-path: x\\n",
      "x/extra.tf": ${JSON.stringify(KEY_WITHOUT_ROTATION)},
    };
    const fromFile = scanToText(files);
    const overridden = scanToText(files, { softFail: false, check: "CKV2_AWS_64", output: "cli" });
    const gated = scanToText({ "main.tf": files["main.tf"] }, { hardFailOn: "LOW", softFail: true });
    const baseline = createBaseline({ "main.tf": files["main.tf"] });
    const later = scanToText(
      { "main.tf": files["main.tf"], "b.json": baseline },
      { baseline: "b.json", output: "json" },
    );
    let bad;
    try {
      scanToText({ "main.tf": "", ".checkov.yml": "check: [a\\n" });
    } catch (error) {
      bad = error.message;
    }
    // The option, matched from where the scan ran (roots), replaces the file's skip-path.
    const optionSkip = scanToText(files, { skipPath: ["^/infra/main", "(?=x)"], roots: ["infra"], output: "json" });
    console.log(JSON.stringify({ fromFile, overridden, gated, baseline, later, bad, optionSkip }));
  `;
  writeFileSync(join(app, "config-api.mjs"), script);
  const result = run("node", ["config-api.mjs"], { cwd: app });
  assert.equal(result.status, 0, result.stderr);
  const { fromFile, overridden, gated, baseline, later, bad, optionSkip } = JSON.parse(result.stdout);

  const failedIds = (text) => JSON.parse(text).results.failed_checks.map((row) => row.check_id);
  assert.deepEqual(failedIds(fromFile.output), ["CKV_AWS_7"]);
  assert.equal(fromFile.exitCode, 0, "soft-fail from the file");
  assert.deepEqual(fromFile.notices, []);
  assert.deepEqual(JSON.parse(fromFile.output).skipped_files, [
    { file_path: "/x/extra.tf", reason: 'under a skipped path (skip-path "x")' },
  ]);
  assert.ok(overridden.output.startsWith("terraform scan results:"), "output from the options");
  assert.match(overridden.output, /CKV2_AWS_64/);
  assert.equal(overridden.exitCode, 1);
  assert.equal(gated.exitCode, 1, "--hard-fail-on LOW beats --soft-fail");
  assert.match(baseline, /"check_ids": \[\n\s+"CKV2_AWS_64",\n\s+"CKV_AWS_7"\n/);
  assert.deepEqual(failedIds(later.output), []);
  assert.equal(later.exitCode, 0);
  assert.equal(bad, ".checkov.yml:1:1: a `[` or `{` here is never closed");
  assert.deepEqual(JSON.parse(optionSkip.output).skipped_files, [
    { file_path: "/main.tf", reason: 'under a skipped path (skip-path "^/infra/main")' },
  ]);
  assert.deepEqual(failedIds(optionSkip.output), ["CKV_AWS_7"], "x/extra.tf is scanned");
  assert.match(optionSkip.notices[0], /^--skip-path \(\?=x\): not a regular expression tfscan reads/);
});

test("npx tfscan leaves out what --skip-path and a .checkov.yaml's skip-path match, as the native command does", () => {
  const root = modulesLayout();
  const cases = [
    ["-d", "infra", "--skip-path", "infra/envs/dev"],
    ["-d", "infra", "--skip-path", "envs/", "--skip-path", "modules/logs", "--skip-path", "broken"],
    ["-d", "infra", "--skip-path", "envs/(dev"],
    ["-d", join(root, "infra"), "--skip-path", `^${join(root, "infra")}/envs`],
    ["-f", "infra/main.tf", "--skip-path", "main"],
  ];
  try {
    const check = (args) => {
      const shown = `tfscan ${args.join(" ")}`;
      const all = [...args, "-o", "json", "--check", "CKV_AWS_18"];
      const native = run(NATIVE_CLI, all, { cwd: root, env: SAME_DAY });
      const node = run(tfscanBin, all, { cwd: root, env: SAME_DAY });
      assert.equal(node.stdout, native.stdout, `${shown}: output`);
      assert.equal(node.stderr, native.stderr, `${shown}: stderr`);
      assert.equal(node.status, native.status, `${shown}: exit code`);
      const report = JSON.parse(native.stdout);
      return { resources: report.results.failed_checks.map((row) => row.resource).sort(), native };
    };
    const results = cases.map(check);
    assert.deepEqual(results[0].resources, [
      "aws_s3_bucket.prod",
      "aws_s3_bucket.root",
      "module.logs.aws_s3_bucket.logs",
      "module.net.aws_s3_bucket.net",
      "module.net.module.deeper.aws_s3_bucket.deeper",
    ]);
    // A module folder under a skipped path is still read through its call.
    assert.deepEqual(results[1].resources, [
      "aws_s3_bucket.root",
      "module.logs.aws_s3_bucket.logs",
      "module.net.aws_s3_bucket.net",
      "module.net.module.deeper.aws_s3_bucket.deeper",
    ]);
    assert.equal(JSON.parse(results[1].native.stdout).summary.parsing_errors, 0);
    assert.match(results[2].native.stderr, /^tfscan: --skip-path envs\/\(dev: not a regular expression tfscan reads/m);
    assert.ok(!results[3].resources.includes("aws_s3_bucket.dev"), "an absolute folder: absolute paths");
    assert.ok(results[4].resources.includes("aws_s3_bucket.root"), "-f ignores skip paths");

    // A file in the current folder: both name it absolutely.
    const here = ["-f", "main.tf", "-o", "json"];
    const nativeHere = run(NATIVE_CLI, here, { cwd: join(root, "infra") });
    const nodeHere = run(tfscanBin, here, { cwd: join(root, "infra") });
    assert.equal(nodeHere.stdout, nativeHere.stdout, "tfscan -f main.tf: output");
    const rootBucket = JSON.parse(nativeHere.stdout).results.failed_checks.find(
      (row) => row.resource === "aws_s3_bucket.root",
    );
    assert.equal(rootBucket.file_abs_path, join(root, "infra/main.tf"));

    writeFileSync(join(root, "infra/.checkov.yaml"), "skip-path:\n  - envs\n");
    const fromFile = check(["-d", "infra"]);
    assert.ok(!fromFile.resources.some((resource) => /dev|prod/.test(resource)), fromFile.resources.join());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("with --download-external-modules true, npx follows the modules terraform init installed, as the native command does", () => {
  const root = mkdtempSync(join(tmpdir(), "tfscan-installed-"));
  const files = {
    "main.tf": 'module "logs" {\n  source = "example/bucket/aws"\n}\nmodule "gone" {\n  source = "example/gone/aws"\n}\n',
    ".terraform/modules/modules.json": JSON.stringify({
      Modules: [
        { Key: "", Source: "", Dir: "." },
        { Key: "logs", Source: "registry.terraform.io/example/bucket/aws", Dir: ".terraform/modules/logs" },
        { Key: "logs.inner", Source: "./inner", Dir: ".terraform/modules/logs/inner" },
      ],
    }),
    ".terraform/modules/logs/main.tf":
      'resource "aws_s3_bucket" "this" {\n  bucket = "logs"\n}\nmodule "inner" {\n  source = "./inner"\n}\n',
    ".terraform/modules/logs/inner/main.tf": 'resource "aws_s3_bucket" "inner" {\n  bucket = "inner"\n}\n',
  };
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const resources = (args) => {
      const all = ["-d", ".", "-o", "json", "--check", "CKV_AWS_18", ...args];
      const native = run(NATIVE_CLI, all, { cwd: root, env: SAME_DAY });
      const node = run(tfscanBin, all, { cwd: root, env: SAME_DAY });
      assert.equal(node.stdout, native.stdout, `${args.join(" ")}: output`);
      assert.equal(node.stderr, native.stderr, `${args.join(" ")}: stderr`);
      assert.equal(node.status, native.status, `${args.join(" ")}: exit code`);
      const report = JSON.parse(native.stdout);
      return {
        failed: report.results.failed_checks.map((row) => row.resource).sort(),
        unscanned: report.unscanned_modules.map((row) => row.module),
      };
    };
    assert.deepEqual(resources(["--download-external-modules", "true"]), {
      failed: ["module.logs.aws_s3_bucket.this", "module.logs.module.inner.aws_s3_bucket.inner"],
      unscanned: ["module.gone"],
    });
    assert.deepEqual(resources([]), { failed: [], unscanned: ["module.logs", "module.gone"] });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a freed Scanner says so; limits are named as the options spell them", () => {
  const script = join(app, "rough-edges.cjs");
  writeFileSync(
    script,
    `const { Scanner, scan } = require("tfscan");
const scanner = new Scanner();
scanner.update("main.tf", ${JSON.stringify(KEY_WITHOUT_ROTATION)});
const report = scanner.scan();
scanner.free();
scanner.free();
const errors = [];
for (const attempt of [
  () => scanner.scan(),
  () => scanner.update("a.tf", ""),
  () => scanner.remove("main.tf"),
  () => scanner.has("main.tf"),
  () => scanner.paths(),
  () => scanner.size,
  () => scan({ "main.tf": "" }, { limits: { maxFoo: 1 } }),
  () => scan({ "main.tf": "" }, { limits: { maxFiles: 0 } }),
]) {
  try { attempt(); errors.push(null); } catch (error) { errors.push(error.message); }
}
const { render } = require("tfscan");
process.stdout.write(JSON.stringify({ errors, rendered: render(report, "csv").length > 0 }));
`,
  );
  const result = run("node", [script], { cwd: app });
  assert.equal(result.status, 0, result.stderr);
  const { errors, rendered } = JSON.parse(result.stdout);
  const freed = (method) =>
    `Scanner#${method}: this Scanner was freed (free() was called); make a new Scanner to scan again`;
  assert.deepEqual(errors, [
    freed("scan"),
    freed("update"),
    freed("remove"),
    freed("has"),
    freed("paths"),
    freed("size"),
    "options.limits.maxFoo: unknown limit; the limits are maxFiles, maxFileBytes, maxNesting, " +
      "maxEvaluationDepth, maxStringBytes, maxExpansion, maxModuleDepth, maxEvaluationSteps",
    "options.limits.maxFiles: expected a whole number of at least 1, got 0",
  ]);
  assert.equal(rendered, true, "a freed scanner's report still renders");
});

/** A file's text, or undefined when it does not exist. */
function readIfThere(path) {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

test("--output-file-path writes the native command line's files", (t) => {
  const missing = corpusMissing();
  if (missing) return t.skip(missing);

  const outputs = join(app, "outputs");
  const cases = [
    // A folder: results_<format>.<ext> for each -o, created when missing.
    (folder) => ["-o", "sarif", "-o", "json,markdown", "--output-file-path", join(folder, "reports")],
    // One entry per -o; "console" keeps that one on the console.
    (folder) => [
      "-o",
      "csv,cli,junitxml",
      `--output-file-path=${join(folder, "a.csv")},console,${join(folder, "deep/b.xml")}`,
    ],
  ];
  cases.forEach((flags, index) => {
    const nativeFolder = join(outputs, `native-${index}`);
    const nodeFolder = join(outputs, `node-${index}`);
    const native = run(NATIVE_CLI, ["-d", TERRAGOAT_AWS, ...flags(nativeFolder)], { env: SAME_DAY });
    const node = run(tfscanBin, ["-d", TERRAGOAT_AWS, ...flags(nodeFolder)], { env: SAME_DAY });
    const shown = `tfscan ${flags("OUT").join(" ")}`;
    assert.equal(node.status, native.status, `${shown}: exit code`);
    assert.equal(node.stdout, native.stdout, `${shown}: console`);
    assert.equal(node.stderr, "", `${shown}: ${node.stderr}`);

    const written = filesUnder(nativeFolder);
    assert.ok(written.length >= 2, `${shown}: the native command wrote ${written}`);
    assert.deepEqual(filesUnder(nodeFolder), written, `${shown}: the same files`);
    for (const file of written) {
      const expected = readFileSync(join(nativeFolder, file), "utf8");
      assert.ok(expected.length > 0, `${shown}: ${file} is not empty`);
      assert.equal(readFileSync(join(nodeFolder, file), "utf8"), expected, `${shown}: ${file}`);
    }
  });
});

/** The files under `folder`, as sorted relative paths. */
function filesUnder(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

/**
 * Files that give every part of a report something to hold: a skipped, an unknown, a failed
 * check inside a local module, a block that creates nothing, a module that is not scanned and
 * a file that does not parse.
 */
const EVERY_PART = {
  "main.tf": `variable "rotate" {}
resource "aws_kms_key" "skipped" {
  #checkov:skip=CKV_AWS_7:rotation handled elsewhere
  description = "x"
}
resource "aws_kms_key" "unknown" {
  enable_key_rotation = var.rotate
}
resource "aws_kms_key" "none" {
  count = 0
}
module "remote" {
  source = "terraform-aws-modules/kms/aws"
}
module "local" {
  source = "./modules/key"
}
`,
  "modules/key/main.tf": 'resource "aws_kms_key" "inner" {}\n',
  "broken.tf": 'resource "x" {',
};

/** Custom policies for the types test: one without severity or guideline, one that is broken. */
const CUSTOM_POLICY_TEXTS = {
  "policies/description.yaml":
    "metadata:\n  id: CKV2_ACME_2\n  name: Keys are described\n  category: ENCRYPTION\n" +
    "definition:\n  cond_type: attribute\n  resource_types: [aws_kms_key]\n  attribute: description\n" +
    "  operator: equals\n  value: data\n",
  "policies/broken.yaml": "metadata:\n  id: CKV2_ACME_3\n",
};

test("the TypeScript types describe exactly what the API returns", (t) => {
  // Real output, written into TypeScript as object literals checked with `satisfies`: a field
  // the renderer writes and the type lacks is an error, and so is one the type requires and
  // the output lacks.
  const script = join(app, "every-part.mjs");
  writeFileSync(
    script,
    `import { scan, scanToText, listChecks } from "tfscan";
const files = ${JSON.stringify(EVERY_PART)};
process.stdout.write(JSON.stringify({
  report: scan(files),
  text: scanToText(files, { output: "json", compact: true }),
  checks: listChecks(),
  custom: scan(files, { customPolicies: ${JSON.stringify(CUSTOM_POLICY_TEXTS)} }),
}));
`,
  );
  const result = run("node", [script], { cwd: app });
  assert.equal(result.status, 0, result.stderr);
  const { report, text, checks, custom } = JSON.parse(result.stdout);
  assert.ok(custom.custom_policy_problems.length > 0);
  assert.ok(custom.results.failed_checks.some((row) => row.severity === null && row.guideline === null));
  for (const list of Object.values(report.results)) assert.ok(list.length > 0);
  assert.ok(report.unscanned_modules.length > 0 && report.not_created.length > 0);
  assert.ok(report.results.failed_checks.some((result) => result.caller_file_path !== null));

  const reports = [report, custom];
  if (!corpusMissing()) reports.push(nativeJson(WITH_MODULES).report);
  writeFileSync(
    join(app, "types.ts"),
    `import { init, scan, scanToText, render, Scanner, listChecks, version, isTerraformFile, outputFormats, readFolder } from "tfscan";
import type { CheckInfo, Files, OutputFormat, ReadFolderOptions, RenderOptions, Report, ScanOptions, TextReport } from "tfscan";

const files: Files = new Map([["main.tf", new Uint8Array()]]);
const options: ScanOptions = { check: "CKV_AWS_7", skipCheck: ["CKV_AWS_20"], varFile: "x.tfvars", skipPath: "legacy", limits: { maxFiles: 10 } };
const reading: ReadFolderOptions = { skipPath: ["envs/dev"] };
const read: Files = readFolder("infra", reading);
const details: string = scan(read).parsing_error_details.map((error) => error.message + error.file_abs_path).join();
const failedFiles: string[] = scan(read).results.parsing_errors;
const custom: ScanOptions = { customPolicies: new Map([["p.yaml", "metadata: {}"]]) };
const report: Report = scan(files, options);
const several: Report = scan([files, { "a.tf": "" }]);
const text: TextReport = scanToText(files, { output: "json", quiet: true });
const checks: CheckInfo[] = listChecks();
const named: string = version();
const terraform: boolean = isTerraformFile("main.tf");
const ready: Promise<void> = init();
const formats: OutputFormat[] = outputFormats();
const look: RenderOptions = { compact: true, quiet: false };
const sarif: string = render(report, "sarif", look);
const scanner = new Scanner({ skipCheck: "CKV_AWS_20" });
const changed: boolean = scanner.update("main.tf", "") && scanner.update("b.tf", new Uint8Array());
const removed: boolean = scanner.remove("b.tf");
const held: string[] = scanner.paths();
const count: number = scanner.size;
const kept: Report = scanner.scan({ quiet: true });
const markdown: string = render(scanner.scan(), "markdown");
scanner.free();
// @ts-expect-error: a format the command line does not have
render(report, "yaml");
// @ts-expect-error: content is text or bytes
scanner.update("a.tf", 42);
// @ts-expect-error: options are the command line's flags
scan(files, { skipChecks: ["CKV_AWS_20"] });
// @ts-expect-error: limits are named in camelCase
scan(files, { limits: { "max-foo": 1 } });
export { custom, report, several, text, checks, named, terraform, ready, formats, sarif, changed, removed, held, count, kept, markdown, details, failedFiles };

export const reports = ${JSON.stringify(reports)} satisfies Report[];
export const texts = [${JSON.stringify(text)}] satisfies TextReport[];
export const described = ${JSON.stringify(checks)} satisfies CheckInfo[];
`,
  );
  writeFileSync(
    join(app, "require.cts"),
    `import tfscan = require("tfscan");
export const report: tfscan.Report = tfscan.scan({ "main.tf": "" });
export const csv: string = tfscan.render(report, "csv");
export const scanner: tfscan.Scanner = new tfscan.Scanner();
`,
  );
  const tsc = run(
    join(JS_TOOLS, "tsc"),
    ["--noEmit", "--strict", "--module", "nodenext", "--target", "es2022", "types.ts", "require.cts"],
    { cwd: app },
  );
  t.diagnostic(`tsc checked ${reports.length} reports, ${checks.length} checks`);
  assert.equal(tsc.status, 0, `tsc:\n${tsc.stdout}${tsc.stderr}`);
});
