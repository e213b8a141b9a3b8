// The web page in a real headless Chromium (playwright-core driving /usr/bin/chromium): served
// from web/dist on loopback, given terragoat's AWS folder through its folder input, it must
// show the native command line's numbers; the editor must show findings; and the page must
// request nothing but its own files. Needs scripts/build first.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { TERRAGOAT_AWS, WEB_DIST, corpusMissing, nativeJson } from "./lib/paths.mjs";
import { serve } from "./lib/static-server.mjs";

const CHROMIUM = "/usr/bin/chromium";
const KEY_WITHOUT_ROTATION = `resource "aws_kms_key" "app" {
  description = "<img src=x onerror=document.title='escaped-not'>"
}
`;

let server;
let profile;
let context;
let page;
const requests = [];
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(join(WEB_DIST, "index.html")), "run scripts/build first");
  server = await serve(WEB_DIST);
  profile = mkdtempSync(join(tmpdir(), "tfscan-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
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
  context.on("request", (request) => requests.push(request.url()));
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  await page.goto(`${server.origin}/`);
  await scanned("the editor");
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** How many reports the page has shown so far. */
async function reportsShown() {
  return Number(await page.evaluate(() => document.body.dataset.reports ?? "0"));
}

/** Does `action`, then waits until the page shows a new report, of the source named `source`. */
async function scanned(source, action = async () => {}) {
  const before = await reportsShown();
  await action();
  await page.waitForFunction(
    ([wanted, seen]) =>
      Number(document.body.dataset.reports ?? "0") > seen &&
      document.body.dataset.state === "done" &&
      document.getElementById("source").textContent.includes(wanted),
    [source, before],
    { timeout: 60_000 },
  );
}

async function shownNumber(testId) {
  const text = (await page.getByTestId(testId).textContent()).trim();
  assert.match(text, /^\d+$/, `data-testid=${testId} holds a bare number`);
  return Number(text);
}

test("a folder given to the folder input shows the command line's numbers", async (t) => {
  const missing = corpusMissing();
  if (missing) return t.skip(missing);

  await scanned("the folder aws/", () => page.setInputFiles("#folder-input", TERRAGOAT_AWS));

  const { summary } = nativeJson(TERRAGOAT_AWS).report;
  const shown = {
    passed: await shownNumber("passed"),
    failed: await shownNumber("failed"),
    skipped: await shownNumber("skipped"),
    resources: await shownNumber("resources"),
    "parsing-errors": await shownNumber("parsing-errors"),
  };
  t.diagnostic(`page: ${JSON.stringify(shown)}`);
  assert.deepEqual(shown, {
    passed: summary.passed,
    failed: summary.failed,
    skipped: summary.skipped,
    resources: summary.resource_count,
    "parsing-errors": summary.parsing_errors,
  });

  // The failed findings are listed with their check, resource and place.
  const findings = page.locator("#findings .finding.failed");
  assert.equal(await findings.count(), Math.min(summary.failed, 200));
  const first = findings.first();
  assert.match(await first.locator(".check-id").textContent(), /^CKV2?_AWS_\d+$/);
  assert.match(await first.locator(".place").textContent(), /in \/[\w.-]+\.tf:\d+(-\d+)?$/);
});

test("at 360 px wide the page does not scroll sideways, in light and dark", async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  const backgrounds = [];
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    for (const tab of ["Passed", "Failed"]) {
      await page.locator(".tabs button", { hasText: tab }).click();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${colorScheme}, ${tab}: the page is ${width} px wide`);
    }
    backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
  }
  assert.notEqual(backgrounds[0], backgrounds[1], "the dark theme has its own background");
  await page.setViewportSize({ width: 1280, height: 800 });
});

test("Terraform pasted in the editor shows its finding, as text", async () => {
  await scanned("the editor", () => page.fill("#editor", KEY_WITHOUT_ROTATION));

  assert.equal(await shownNumber("resources"), 1);
  const finding = page.locator('#findings .finding.failed[data-check-id="CKV_AWS_7"]');
  await finding.waitFor();
  const text = await finding.textContent();
  assert.match(text, /aws_kms_key\.app in \/main\.tf:1-3/);
  assert.match(text, /enable_key_rotation/, "the fix is explained");

  // The file's text is shown as text: the tag is visible, and no element was made from it.
  assert.match(await finding.locator("pre.code").textContent(), /<img src=x onerror=/);
  assert.equal(await page.locator("#findings img").count(), 0);
  assert.notEqual(await page.title(), "escaped-not");
});

test("a file that does not parse is shown as a parsing error with its place", async () => {
  const broken = 'resource "aws_kms_key" "app" {\n  description = \n}\n';
  await scanned("the editor", () => page.fill("#editor", broken));

  assert.equal(await shownNumber("parsing-errors"), 1);
  const error = await page.locator("#error-list li").first().textContent();
  assert.match(error, /^\/main\.tf:\d+:\d+: \S/);
});

test("files chosen with the plain file input are scanned", async (t) => {
  const missing = corpusMissing();
  if (missing) return t.skip(missing);

  const chosen = ["kms.tf", "s3.tf"].map((name) => join(TERRAGOAT_AWS, name));
  await scanned("2 files", () => page.setInputFiles("#files-input", chosen));
  const files = await page.locator("#findings .finding .place code:last-child").allTextContents();
  assert.ok(files.length > 0);
  assert.ok(files.every((place) => /^\/(kms|s3)\.tf:/.test(place)), files.join(", "));
});

test("files dropped on the drop zone are scanned", async () => {
  await scanned("2 files", () =>
    page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "kms.tf"));
      transfer.items.add(new File(["not Terraform"], "notes.txt"));
      const zone = document.getElementById("drop-zone");
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
    }, KEY_WITHOUT_ROTATION),
  );
  assert.equal(await shownNumber("resources"), 1);
  const place = await page.locator('.finding[data-check-id="CKV_AWS_7"] .place').textContent();
  assert.match(place, /in \/kms\.tf:1-3$/);
});

test("the page requests nothing but its own files, and logs no error", () => {
  const own = requests.filter((url) => url.startsWith(`${server.origin}/`));
  assert.ok(
    own.some((url) => url.endsWith(".wasm")),
    `the worker's WebAssembly request is seen: ${own.join(", ")}`,
  );
  const network = requests.filter((url) => /^(https?|wss?):/.test(url));
  assert.deepEqual(
    network.filter((url) => !url.startsWith(`${server.origin}/`)),
    [],
    "requests to other origins",
  );
  assert.deepEqual(pageErrors, []);
});
