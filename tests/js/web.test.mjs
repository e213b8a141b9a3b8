// The web page in a real headless Chromium (playwright-core driving /usr/bin/chromium), served
// from web/dist on loopback: the example, typing, clicking findings, filters, drops (files, a
// .zip, over the limits), terragoat's folder against the command line's numbers, exports,
// share links, escaping, narrow and wide screens, no request to any other origin, a second
// visit offline through the service worker, and the single-file page from file://.
// Needs scripts/build first. Saves a screenshot of the results in target/test-logs/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

import { ROOT, TERRAGOAT_AWS, WEB_DIST, corpusMissing, nativeJson } from "./lib/paths.mjs";
import { serve } from "./lib/static-server.mjs";

const { zipSync, strToU8 } = await import(
  pathToFileURL(join(ROOT, "web/node_modules/fflate/esm/index.mjs")).href
);

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const EXAMPLE = join(ROOT, "web/example");
const LOGS = join(ROOT, "target/test-logs");
const KEY_WITHOUT_ROTATION = `resource "aws_kms_key" "app" {
  description = "<script>document.title='escaped-not'</script>"
}
`;

let server;
let profile;
let context;
let page;
const requests = [];
const pageErrors = [];
const dialogs = [];

before(async () => {
  assert.ok(existsSync(join(WEB_DIST, "index.html")), "run scripts/build first");
  server = await serve(WEB_DIST);
  profile = mkdtempSync(join(tmpdir(), "tfscan-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
  });
  context.on("request", (request) => requests.push(request.url()));
  page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  await page.goto(`${server.origin}/`);
  await settled(0);
  assert.match(await page.locator("#source").textContent(), /^The example/);
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Records a page's errors, console errors and dialogs (an alert would mean markup ran). */
function watch(target) {
  target.on("pageerror", (error) => pageErrors.push(String(error)));
  target.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  target.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
}

async function reportsShown(target = page) {
  return Number(await target.evaluate(() => document.body.dataset.reports ?? "0"));
}

/** Does `action`, then waits until the page shows a new report of the source named `source`. */
async function scanned(source, action = async () => {}, target = page) {
  const before = await reportsShown(target);
  await action();
  await target.waitForFunction(
    ([wanted, seen]) =>
      Number(document.body.dataset.reports ?? "0") > seen &&
      document.body.dataset.state === "done" &&
      document.getElementById("source").textContent.includes(wanted),
    [source, before],
    { timeout: 60_000 },
  );
}

/** Waits until the page is done scanning and has shown more than `seen` reports. */
async function settled(seen, target = page) {
  await target.waitForFunction(
    (count) =>
      Number(document.body.dataset.reports ?? "0") > count &&
      document.body.dataset.state === "done",
    seen,
    { timeout: 60_000 },
  );
}

async function shownNumber(testId, target = page) {
  const text = (await target.getByTestId(testId).textContent()).trim();
  assert.match(text, /^\d+$/, `data-testid=${testId} holds a bare number`);
  return Number(text);
}

async function shownCounts(target = page) {
  return {
    passed: await shownNumber("passed", target),
    failed: await shownNumber("failed", target),
    skipped: await shownNumber("skipped", target),
    unknown: await shownNumber("unknown", target),
    resources: await shownNumber("resources", target),
    "parsing-errors": await shownNumber("parsing-errors", target),
  };
}

function expectedCounts(summary) {
  return {
    passed: summary.passed,
    failed: summary.failed,
    skipped: summary.skipped,
    unknown: summary.unknown,
    resources: summary.resource_count,
    "parsing-errors": summary.parsing_errors,
  };
}

/** Replaces the open file's text in the editor as a reader would: select all, then type. */
async function replaceText(text) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
}

/** Drops files ({ name, bytes: number[] | text }) on the page, as a drag from the desktop. */
async function drop(files) {
  await page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const { name, text, bytes } of items) {
      transfer.items.add(new File([text ?? new Uint8Array(bytes)], name));
    }
    const target = document.querySelector(".results");
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
  }, files);
}

async function loadExample() {
  await scanned("The example", () => page.click("#example"));
}

test("the example loads at once, with the command line's numbers and a mix of verdicts", async (t) => {
  await loadExample();
  const { summary } = nativeJson(EXAMPLE).report;
  const shown = await shownCounts();
  t.diagnostic(`example: ${JSON.stringify(shown)}`);
  assert.deepEqual(shown, expectedCounts(summary));
  assert.ok(summary.failed >= 10 && summary.passed >= 30, "failures and passes both");
  assert.equal(summary.skipped, 1);

  const rate = ((100 * summary.passed) / (summary.passed + summary.failed)).toFixed(1);
  assert.equal(await page.getByTestId("pass-rate").textContent(), `${rate}%`);
  assert.deepEqual(await page.locator("#file-tabs [role=tab]").allTextContents(), [
    "network.tf",
    "alb.tf",
    "ecs.tf",
    "lambda.tf",
    "data.tf",
  ]);
  // The table of failed checks by file adds up to the failures.
  const failedByFile = await page.locator("#by-file-rows tr td:nth-child(2)").allTextContents();
  assert.equal(
    failedByFile.reduce((sum, count) => sum + Number(count), 0),
    summary.failed,
  );
  // The registry module is listed as not scanned.
  assert.match(await page.locator("#module-list").textContent(), /module\.alarms.*not fetched/s);
  assert.equal(await page.locator(".cm-content .tok-keyword").first().textContent(), "variable");

  mkdirSync(LOGS, { recursive: true });
  await page.screenshot({ path: join(LOGS, "web-page.png") });
  t.diagnostic(`screenshot: ${join(LOGS, "web-page.png")}`);
});

test("typing rescans after a pause, not at every key", async () => {
  await loadExample();
  await page.click("#new-file");
  assert.equal(await page.locator('#file-tabs [aria-selected="true"]').textContent(), "new-1.tf");
  const before = await reportsShown();
  const text = 'resource "aws_kms_key" "typed" {}\n';
  await page.keyboard.type(text, { delay: 15 });
  await settled(before);
  await page
    .locator('.finding[data-check-id="CKV_AWS_7"]', { hasText: "aws_kms_key.typed" })
    .waitFor();
  const scans = (await reportsShown()) - before;
  assert.ok(scans >= 1 && scans < text.length / 2, `${scans} scans for ${text.length} keys`);
});

test("clicking a finding opens its file in the editor with its lines marked", async () => {
  await loadExample();
  const finding = page.locator('.finding[data-check-id="CKV_AWS_2"]');
  const place = await finding.locator(".place .open").textContent();
  const [, file, first, last] = place.match(/^\/(\S+):(\d+)-(\d+)$/);
  await finding.locator(".place .open").click();

  assert.equal(await page.locator('#file-tabs [aria-selected="true"]').textContent(), file);
  const marked = page.locator(".cm-line.tf-marked");
  // The editor marks the lines once it has scrolled them into view: wait for that, then count.
  const lines = Number(last) - Number(first) + 1;
  await page
    .waitForFunction((n) => document.querySelectorAll(".cm-line.tf-marked").length >= n, lines, {
      timeout: 5_000,
    })
    .catch(() => {});
  assert.equal(await marked.count(), lines);
  assert.match(await marked.first().textContent(), /^resource "aws_lb_listener" "http"/);
  await marked.first().scrollIntoViewIfNeeded();
  assert.ok(await marked.first().isVisible());
  const number = await page.locator(".cm-activeLineGutter").textContent();
  assert.equal(number, first, "the cursor is on the first line");
});

test("findings group and filter by text and severity; Show more never says 0 left", async () => {
  await loadExample();
  await page.selectOption("#severity-filter", "HIGH");
  const severities = await page.locator(".finding .severity").allTextContents();
  assert.ok(severities.length > 0);
  assert.ok(
    severities.every((severity) => severity === "HIGH"),
    severities.join(),
  );
  await page.selectOption("#severity-filter", "");

  await page.fill("#text-filter", "lambda");
  await page.waitForFunction(() => document.getElementById("filter-count").textContent !== "");
  const groups = await page
    .locator(".group")
    .evaluateAll((nodes) => nodes.map((n) => n.dataset.group));
  assert.deepEqual(groups, ["/lambda.tf"]);
  await page.fill("#text-filter", "");

  await page.selectOption("#group-by", "severity");
  const bySeverity = await page
    .locator(".group")
    .evaluateAll((nodes) => nodes.map((n) => n.dataset.group));
  assert.deepEqual(
    bySeverity,
    ["CRITICAL", "HIGH", "MEDIUM", "LOW"].filter((s) => bySeverity.includes(s)),
  );
  await page.selectOption("#group-by", "check");
  assert.match(
    await page.locator(".group h3").first().textContent(),
    /^CKV2?_AWS_\d+: .+ \(\d+\)$/,
  );
  await page.selectOption("#group-by", "file");

  // The example has fewer findings than a page: no "Show more" at all.
  assert.equal(await page.locator("#more").isVisible(), false);

  // Skipped findings show their reason.
  await page.locator(".tabs button", { hasText: "Skipped" }).click();
  assert.match(
    await page.locator(".finding.skipped .reason").textContent(),
    /^Skipped by a comment: Flow logs hold no customer data/,
  );
  await page.locator(".tabs button", { hasText: "Failed" }).click();
});

test("the skip comment of a failed finding is copied", async () => {
  await loadExample();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const button = page.locator('.finding[data-check-id="CKV_AWS_2"] .copy-skip');
  await button.click();
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".copy-skip")].some(
      (copy) => copy.textContent !== "Copy skip comment",
    ),
  );
  assert.equal(await button.textContent(), "Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^# checkov:skip=CKV_AWS_2:/);
});

test("a file that does not parse is listed with its place, and clicking it opens the line", async () => {
  await loadExample();
  const before = await reportsShown();
  await replaceText('resource "aws_kms_key" "app" {\n  description = \n}\n');
  await settled(before);
  await page.waitForFunction(() => document.getElementById("errors").hidden === false);
  assert.equal(await shownNumber("parsing-errors"), 1);
  const error = page.locator("#error-list li button");
  assert.match(await error.textContent(), /^\/network\.tf:\d+:\d+: \S/);
  await page.locator(".tabs button", { hasText: "Failed" }).focus();
  await error.click();
  assert.equal(await page.locator(".cm-line.tf-marked").count(), 1);
});

test("a folder given to the folder input shows the command line's numbers", async (t) => {
  const missing = corpusMissing();
  if (missing) return t.skip(missing);

  await scanned("The folder aws/", () => page.setInputFiles("#folder-input", TERRAGOAT_AWS));
  const { summary } = nativeJson(TERRAGOAT_AWS).report;
  const shown = await shownCounts();
  t.diagnostic(`terragoat: ${JSON.stringify(shown)}`);
  assert.deepEqual(shown, expectedCounts(summary));
  const first = page.locator(".finding.failed").first();
  assert.match(await first.locator(".check-id").textContent(), /^CKV2?_AWS_\d+$/);
  assert.match(await first.locator(".place").textContent(), /in \/[\w.-]+\.tf:\d+(-\d+)?$/);

  // More passed findings than a page: "Show more" counts down and disappears at the end.
  await page.locator(".tabs button", { hasText: "Passed" }).click();
  let left = summary.passed - 50;
  while (left > 0) {
    assert.equal(await page.locator("#more").textContent(), `Show more (${left} left)`);
    await page.click("#more");
    left -= 50;
  }
  assert.equal(await page.locator("#more").isVisible(), false);
  assert.equal(await page.locator(".finding.passed").count(), summary.passed);
  await page.locator(".tabs button", { hasText: "Failed" }).click();
});

test("files chosen with the file input are scanned", async () => {
  const chosen = ["alb.tf", "data.tf"].map((name) => join(EXAMPLE, name));
  await scanned("2 files", () => page.setInputFiles("#files-input", chosen));
  const places = await page.locator(".finding .place .open").allTextContents();
  assert.ok(places.length > 0);
  assert.ok(
    places.every((place) => /^\/(alb|data)\.tf:/.test(place)),
    places.join(", "),
  );
});

test("a .zip dropped on the page is unpacked in the browser; one over the limit is refused", async () => {
  const archive = zipSync({
    "infra-main/kms.tf": strToU8(KEY_WITHOUT_ROTATION),
    "infra-main/modules/logs/main.tf": strToU8('resource "aws_cloudwatch_log_group" "x" {}\n'),
    "infra-main/README.md": strToU8("# not Terraform\n"),
    "infra-main/.terraform/modules/cached/main.tf": strToU8('resource "aws_kms_key" "cached" {}\n'),
  });
  await scanned("The folder infra-main/ (2 files)", () =>
    drop([{ name: "infra-main.zip", bytes: [...archive] }]),
  );
  assert.deepEqual(await page.locator("#file-tabs [role=tab]").allTextContents(), [
    "kms.tf",
    "modules/logs/main.tf",
  ]);
  assert.equal(await shownNumber("resources"), 2);

  const many = {};
  for (let index = 0; index <= 5000; index += 1) many[`f${index}.tf`] = strToU8("");
  await drop([{ name: "huge.zip", bytes: [...zipSync(many)] }]);
  await page.waitForFunction(() => !document.getElementById("notice").hidden);
  assert.match(await page.locator("#notice").textContent(), /Over the limit: .*more than 5000/);
  assert.equal(await shownNumber("resources"), 2, "the files shown before stay");
});

test("file names and file contents are shown as text, never as markup", async () => {
  const name = "<img src=x onerror=alert(1)>.tf";
  await scanned("1 file", () => drop([{ name, text: KEY_WITHOUT_ROTATION }]));
  assert.equal(await page.locator("#file-tabs [role=tab]").textContent(), name);
  const finding = page.locator('.finding[data-check-id="CKV_AWS_7"]');
  assert.match(await finding.locator("pre.code").textContent(), /<script>document\.title/);
  assert.equal(await page.locator("main img, main script").count(), 0);
  assert.notEqual(await page.title(), "escaped-not");
  assert.deepEqual(dialogs, []);
});

test("each export downloads and parses: JSON, SARIF, Markdown, JUnit XML, CSV, text, GitHub", async () => {
  await loadExample();
  const { summary } = nativeJson(EXAMPLE).report;
  const downloaded = {};
  for (const format of ["json", "sarif", "markdown", "junitxml", "csv", "cli", "github_failed_only"]) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click(`[data-export="${format}"]`),
    ]);
    downloaded[format] = {
      name: download.suggestedFilename(),
      text: readFileSync(await download.path(), "utf8"),
    };
  }

  // The other formats are the command line's bytes for the same files.
  for (const [format, name] of [
    ["junitxml", "tfscan-report.xml"],
    ["csv", "tfscan-report.csv"],
    ["cli", "tfscan-report.txt"],
    ["github_failed_only", "tfscan-report-failed.md"],
  ]) {
    assert.equal(downloaded[format].name, name);
    assert.ok(downloaded[format].text.length > 0, `${format} is not empty`);
  }
  assert.match(downloaded.junitxml.text, /^<\?xml/);
  assert.match(downloaded.csv.text.split("\n")[0], /check_id|Resource|resource/i);
  assert.match(downloaded.cli.text, new RegExp(`Failed checks: ${summary.failed}`));

  assert.equal(downloaded.json.name, "tfscan-report.json");
  const json = JSON.parse(downloaded.json.text);
  assert.deepEqual(expectedCounts(json.summary), expectedCounts(summary));
  assert.equal(json.results.failed_checks.length, summary.failed);

  // SARIF 2.1.0's required properties: version, runs, each run's tool.driver.name, each
  // result's message.text; rules referenced by ruleIndex exist.
  assert.equal(downloaded.sarif.name, "tfscan-report.sarif");
  const sarif = JSON.parse(downloaded.sarif.text);
  assert.equal(sarif.version, "2.1.0");
  assert.match(sarif.$schema, /sarif/);
  const [run] = sarif.runs;
  assert.equal(typeof run.tool.driver.name, "string");
  assert.ok(run.results.length >= summary.failed);
  for (const result of run.results) {
    assert.equal(typeof result.message.text, "string");
    assert.match(result.ruleId, /^CKV2?_AWS_\d+$/);
    if (result.ruleIndex !== undefined)
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    const location = result.locations[0].physicalLocation;
    assert.match(location.artifactLocation.uri, /\.tf$/);
    assert.ok(location.region.startLine >= 1);
  }

  assert.equal(downloaded.markdown.name, "tfscan-report.md");
  assert.match(downloaded.markdown.text, /CKV_AWS_2/);
});

test("a share link carries the files in its fragment and restores them", async () => {
  await loadExample();
  await page.click("#new-file");
  await page.keyboard.insertText('resource "aws_kms_key" "shared" {} # ünïcode\n');
  await settled(await reportsShown());
  const counts = await shownCounts();
  await page.click("#share");
  const link = await page.locator("#share-link").inputValue();
  assert.ok(link.startsWith(`${server.origin}/#tf=`), link.slice(0, 80));

  const other = await context.newPage();
  watch(other);
  await other.goto(link);
  await other.waitForFunction(
    () => document.body.dataset.state === "done" && document.body.dataset.reports,
  );
  assert.match(await other.locator("#source").textContent(), /share link \(6 files\)/);
  assert.deepEqual(await shownCounts(other), counts);
  await other.click("#file-tabs [data-path='new-1.tf']");
  assert.match(await other.locator(".cm-content").textContent(), /"shared" \{\} # ünïcode/);
  await other.close();
});

test("a damaged share link says so and opens the example", async () => {
  const other = await context.newPage();
  watch(other);
  await other.goto(`${server.origin}/#tf=not-a-deflated-file-list`);
  await other.waitForFunction(() => document.body.dataset.state === "done");
  assert.match(await other.locator("#notice").textContent(), /share link is damaged/);
  assert.match(await other.locator("#source").textContent(), /^The example/);
  await other.close();
});

test("no layout breaks from 360 px to 2560 px, in light and dark", async () => {
  await loadExample();
  const backgrounds = [];
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    for (const width of [360, 768, 1280, 2560]) {
      await page.setViewportSize({ width, height: 900 });
      for (const tab of ["Passed", "Failed"]) {
        await page.locator(".tabs button", { hasText: tab }).click();
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(
          scroll <= width,
          `${colorScheme}, ${width} px, ${tab}: the page is ${scroll} px wide`,
        );
      }
    }
    backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
  }
  assert.notEqual(backgrounds[0], backgrounds[1], "the dark theme has its own background");
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1400, height: 1000 });
});

test("the keyboard reaches the actions: Tab to a finding's place, Enter opens it", async () => {
  await loadExample();
  await page.locator(".tabs button", { hasText: "Failed" }).focus();
  for (let step = 0; step < 10; step += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement.classList.contains("open"))) break;
  }
  const place = await page.evaluate(() => document.activeElement.textContent);
  assert.match(place, /^\/\w+\.tf:\d+/);
  await page.keyboard.press("Enter");
  assert.ok((await page.locator(".cm-line.tf-marked").count()) >= 1);
});

test("a .checkov.yaml dropped with the Terraform applies", async () => {
  await scanned("2 files", () =>
    drop([
      { name: "kms.tf", text: KEY_WITHOUT_ROTATION },
      { name: ".checkov.yaml", text: "skip-check: [CKV_AWS_7]\n" },
    ]),
  );
  assert.equal(await shownNumber("resources"), 1);
  assert.equal(await page.locator('.finding[data-check-id="CKV_AWS_7"]').count(), 0);
  assert.equal(await page.locator('.finding[data-check-id="CKV2_AWS_64"]').count(), 1);
  // The configuration file is not counted as a scanned Terraform file.
  assert.match(await page.locator("#status").textContent(), /^Scanned 1 Terraform file in /);
});

test("the page requests nothing but its own files, and logs no error", () => {
  const own = requests.filter((url) => url.startsWith(`${server.origin}/`));
  assert.ok(
    own.some((url) => url.endsWith(".wasm")),
    `the WebAssembly is requested: ${own.join(", ")}`,
  );
  const network = requests.filter((url) => /^(https?|wss?|ftp):/.test(url));
  assert.deepEqual(
    network.filter((url) => !url.startsWith(`${server.origin}/`)),
    [],
    "requests to other origins",
  );
  assert.deepEqual(pageErrors, []);
});

test("a second visit works with the network off, from the service worker", async () => {
  const own = await serve(WEB_DIST);
  const offlineProfile = mkdtempSync(join(tmpdir(), "tfscan-chromium-"));
  const offline = await chromium.launchPersistentContext(offlineProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
  try {
    const first = offline.pages()[0] ?? (await offline.newPage());
    await first.goto(`${own.origin}/`);
    await first.waitForFunction(() => document.body.dataset.state === "done");
    // Installed and activated: every file of the page is in its cache.
    await first.evaluate(() => navigator.serviceWorker.ready);
    const cached = await first.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((name) => name.startsWith("tfscan-")));
      return (await cache.keys()).map((request) => new URL(request.url).pathname);
    });
    assert.ok(cached.includes("/tfscan_wasm_bg.wasm") && cached.includes("/"), cached.join());

    await own.close();
    await offline.setOffline(true);
    const seen = [];
    offline.on("request", (request) => seen.push(request.url()));
    await first.reload();
    await first.waitForFunction(() => document.body.dataset.state === "done", null, {
      timeout: 30_000,
    });
    assert.ok((await shownNumber("failed", first)) > 0);
    assert.ok(
      seen.length > 0,
      "the page's files were requested (and answered by the service worker)",
    );
  } finally {
    await offline.close();
    rmSync(offlineProfile, { recursive: true, force: true });
  }
});

test("the page's index.html opened from file:// says to open tfscan.html instead of hanging", async () => {
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(WEB_DIST, "index.html")).href);
  await page.waitForFunction(() => document.body.dataset.state === "error", null, { timeout: 30_000 });
  const status = await page.locator("#status").textContent();
  assert.match(status, /tfscan\.html/);
  await page.close();
});

test("the single-file page scans the example from file://, with no request at all", async () => {
  const single = join(WEB_DIST, "tfscan.html");
  const { summary } = nativeJson(EXAMPLE).report;
  const filePage = await context.newPage();
  const errors = [];
  const seen = [];
  filePage.on("pageerror", (error) => errors.push(String(error)));
  filePage.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  filePage.on("request", (request) => seen.push(request.url()));
  await filePage.goto(pathToFileURL(single).href);
  await filePage.waitForFunction(() => document.body.dataset.state === "done", null, {
    timeout: 30_000,
  });
  assert.deepEqual(await shownCounts(filePage), expectedCounts(summary));
  assert.equal(await filePage.locator("#single-file").isVisible(), false);
  assert.deepEqual(
    seen.filter(
      (url) => !url.startsWith("file:") && !url.startsWith("blob:") && !url.startsWith("data:"),
    ),
    [],
  );
  assert.deepEqual(errors, []);
  await filePage.close();

  // The served page offers it as a download, byte for byte the built file.
  const response = await page.request.get(
    `${server.origin}/${await page.getAttribute("#single-file", "href")}`,
  );
  assert.equal((await response.body()).length, readFileSync(single).length);
});
