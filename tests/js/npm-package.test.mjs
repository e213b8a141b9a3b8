// The npm package as a user gets it: `npm pack pkg`, installed from the tarball into a fresh
// folder with no network, then imported from ES modules and CommonJS, and its `tfscan`
// command compared byte for byte with the native command line. Needs scripts/build first.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    console.log(JSON.stringify({ fromFile, overridden, gated, baseline, later, bad }));
  `;
  writeFileSync(join(app, "config-api.mjs"), script);
  const result = run("node", ["config-api.mjs"], { cwd: app });
  assert.equal(result.status, 0, result.stderr);
  const { fromFile, overridden, gated, baseline, later, bad } = JSON.parse(result.stdout);

  const failedIds = (text) => JSON.parse(text).results.failed_checks.map((row) => row.check_id);
  assert.deepEqual(failedIds(fromFile.output), ["CKV_AWS_7"]);
  assert.equal(fromFile.exitCode, 0, "soft-fail from the file");
  assert.ok(fromFile.notices.some((notice) => notice.includes('"skip-path" is a Checkov option')));
  assert.ok(overridden.output.startsWith("terraform scan results:"), "output from the options");
  assert.match(overridden.output, /CKV2_AWS_64/);
  assert.equal(overridden.exitCode, 1);
  assert.equal(gated.exitCode, 1, "--hard-fail-on LOW beats --soft-fail");
  assert.match(baseline, /"check_ids": \[\n\s+"CKV2_AWS_64",\n\s+"CKV_AWS_7"\n/);
  assert.deepEqual(failedIds(later.output), []);
  assert.equal(later.exitCode, 0);
  assert.equal(bad, ".checkov.yml:1:1: a `[` or `{` here is never closed");
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
    `import { init, scan, scanToText, render, Scanner, listChecks, version, isTerraformFile, outputFormats } from "tfscan";
import type { CheckInfo, Files, OutputFormat, RenderOptions, Report, ScanOptions, TextReport } from "tfscan";

const files: Files = new Map([["main.tf", new Uint8Array()]]);
const options: ScanOptions = { check: "CKV_AWS_7", skipCheck: ["CKV_AWS_20"], varFile: "x.tfvars" };
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
export { custom, report, several, text, checks, named, terraform, ready, formats, sarif, changed, removed, held, count, kept, markdown };

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
