// The page: files in the editor (tabs), scanned in a Web Worker as you type, the report shown
// as summary cards, a table by file and filterable findings; exports, share links and the
// service worker. Every string that comes from a file or a report is set as text
// (textContent), never parsed as HTML.
import { createEditor } from "./editor.js";
import { EXAMPLE } from "./example.js";
import { droppedFiles, pickedFiles, readFiles } from "./files.js";
import { filesFromFragment, shareFragment } from "./share.js";

/** How many findings the list shows before "Show more", and how many more each click. */
const PAGE_SIZE = 50;
/** How long typing must pause before the files are scanned again. */
const TYPING_PAUSE_MS = 250;
/** The longest address browsers take (Chromium's limit), for share links. */
const MAX_LINK = 2 * 1024 * 1024;
const SEVERITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
const EXPORTS = {
  json: { name: "tfscan-report.json", type: "application/json" },
  sarif: { name: "tfscan-report.sarif", type: "application/sarif+json" },
  markdown: { name: "tfscan-report.md", type: "text/markdown" },
  junitxml: { name: "tfscan-report.xml", type: "application/xml" },
  csv: { name: "tfscan-report.csv", type: "text/csv" },
  cli: { name: "tfscan-report.txt", type: "text/plain" },
  github_failed_only: { name: "tfscan-report-failed.md", type: "text/markdown" },
};

const EXAMPLE_LABEL = "The example: an ECS service behind a load balancer, with its data.";

const $ = (id) => document.getElementById(id);

const state = {
  worker: null,
  ready: false,
  /** The single-file page (scripts and WebAssembly inlined), opened from disk. */
  inline: false,
  /** Check metadata by ID, for explanations. */
  checks: new Map(),
  /** The files, in tab order: { path, text } or { path, bytes } (not UTF-8: read only). */
  files: [],
  editor: null,
  /** The latest scan asked for; older answers are dropped. */
  scanId: 0,
  typing: 0,
  report: null,
  /** How many reports the page has shown (on <body> as data-reports, for tests). */
  reportsShown: 0,
  outcome: "failed_checks",
  limit: PAGE_SIZE,
  /** Export requests waiting for the worker's answer, by id ("export-1", ...). */
  waiting: new Map(),
  exports: 0,
};

// The single-file page runs this script from <head>: the page's elements come after it.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();

function start() {
  const boot = self.tfscanBoot;
  if (!boot) {
    // boot.js loads async and has not run yet: it says when it has.
    addEventListener("tfscan-boot", start, { once: true });
    return;
  }
  if (boot.failed) {
    setStatus(boot.failed, "error");
    return;
  }
  document.body.dataset.startedAt = String(Math.round(performance.now()));
  document.body.dataset.workerStartedAt = String(Math.round(boot.workerStartedAt));
  state.inline = boot.inline;
  takeWorker(boot);

  state.editor = createEditor($("editor"), onEdit);
  wireControls();

  const shared = filesFromFragment(location.hash);
  if (shared && shared.length > 0) {
    setFiles(shared, `Opened from a share link (${plural(shared.length, "file")}).`);
  } else {
    if (location.hash.startsWith("#tf="))
      notice("The share link is damaged: the example is shown instead.");
    // boot.js has already asked for the example's scan (as scan 1) when there was no link.
    setFiles(EXAMPLE, EXAMPLE_LABEL, { alreadyScanned: boot.exampleScanned });
  }
  for (const data of boot.early.splice(0)) onWorkerMessage(data);

  if (state.inline) {
    $("single-file").hidden = true;
  } else if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
    // A second visit then works without the network (sw.js keeps the page's files).
    addEventListener("load", () => navigator.serviceWorker.register("sw.js").catch(() => {}));
  }
}

// --- the scanner -----------------------------------------------------------------------------

/** Takes over the worker boot.js started (it has the scanner compiling already). */
function takeWorker(boot) {
  const { worker } = boot;
  worker.onmessage = ({ data }) => onWorkerMessage(data);
  worker.onerror = (event) => {
    event.preventDefault();
    setStatus(`The scanner could not start: ${event.message || "unknown error"}`, "error");
  };
  state.worker = worker;
}

/** The files as the worker takes them. */
function scanInput() {
  return state.files.map(({ path, text, bytes }) =>
    text === undefined ? { path, bytes } : { path, text },
  );
}

function scanNow() {
  clearTimeout(state.typing);
  state.scanId += 1;
  setStatus("Scanning…", "scanning");
  state.worker.postMessage({ type: "scan", id: state.scanId, files: scanInput() });
}

function onWorkerMessage(data) {
  if (data.type === "ready") {
    state.ready = true;
    // When the scanner was ready, and how long the worker took to get its WebAssembly ready:
    // instantiating the module the page compiled, or fetching and compiling it when the page
    // could not (scripts/bench).
    document.body.dataset.readyAt = String(Math.round(performance.now()));
    document.body.dataset.wasmMs = String(Math.round(data.milliseconds));
    document.body.dataset.wasmReadyAt = String(Math.round(data.readyAt - performance.timeOrigin));
    state.checks = new Map(data.checks.map((check) => [check.id, check]));
    $("version").textContent = `Version ${data.version}, ${data.checks.length} checks.`;
    // The first report may have come before the explanations: show them now.
    if (state.report) renderFindings();
    return;
  }
  const waiting = state.waiting.get(data.id);
  if (waiting) {
    state.waiting.delete(data.id);
    if (data.type === "error") waiting.reject(new Error(data.message));
    else waiting.resolve(data);
    return;
  }
  if (data.id !== state.scanId && data.id !== 0) return;
  if (data.type === "error") {
    setStatus(`The scan failed: ${data.message}`, "error");
    return;
  }
  if (data.type !== "report") return;
  showReport(data.report);
  state.reportsShown += 1;
  document.body.dataset.reports = String(state.reportsShown);
  // When the latest report was shown, in performance.now() time (read by scripts/bench).
  document.body.dataset.lastReportAt = String(performance.now());
  if (state.reportsShown === 1) {
    // Milliseconds from the start of navigation to the first result (read by scripts/bench).
    document.body.dataset.firstResultMs = String(Math.round(performance.now()));
    document.body.dataset.firstScanMs = String(Math.round(data.milliseconds));
  }
  const took = Math.max(1, Math.round(data.milliseconds));
  setStatus(`Scanned ${plural(data.files, "Terraform file")} in ${took} ms.`, "done");
}

/** Asks the worker for the report in `output` format; resolves to its text. */
function exportText(output) {
  state.exports += 1;
  const id = `export-${state.exports}`;
  return new Promise((resolve, reject) => {
    state.waiting.set(id, { resolve: (data) => resolve(data.text), reject });
    state.worker.postMessage({ type: "export", id, output, files: scanInput() });
  });
}

/** Shows what the scanner is doing; `state` is also set on <body> for tests and styles. */
function setStatus(text, scanState) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", scanState === "error");
  document.body.dataset.state = scanState;
}

/** A message above the page (a drop over the limits, a copied link); `null` hides it. */
function notice(text) {
  $("notice").textContent = text ?? "";
  $("notice").hidden = !text;
}

// --- files and the editor --------------------------------------------------------------------

/**
 * Replaces the files with `files` and scans them at once (unless `alreadyScanned`: boot.js
 * asked for the example's scan as scan 1).
 */
function setFiles(files, label, { alreadyScanned = false } = {}) {
  state.files = files.map((file) => ({ ...file }));
  state.editor.reset();
  $("source").textContent = label;
  if (state.files.length > 0) openFile(state.files[0].path);
  else renderTabs();
  if (alreadyScanned) {
    state.scanId = 1;
    setStatus("Scanning…", "scanning");
  } else {
    scanNow();
  }
}

function fileByPath(path) {
  return state.files.find((file) => file.path === path);
}

/** Shows `path` in the editor; with `lines` ([first, last]) marks them and scrolls to them. */
function openFile(path, lines) {
  const file = fileByPath(path);
  if (!file) {
    notice(`${path} is not among the open files.`);
    return false;
  }
  if (state.editor.path !== path) {
    const editable = file.text !== undefined;
    state.editor.open({
      path,
      text: editable
        ? file.text
        : "(This file is not UTF-8 text: it is scanned as bytes and cannot be edited here.)",
      editable,
    });
  }
  renderTabs();
  if (lines) state.editor.mark(lines[0], lines[1]);
  return true;
}

function onEdit(path, text) {
  const file = fileByPath(path);
  if (!file) return;
  file.text = text;
  clearTimeout(state.typing);
  state.typing = setTimeout(scanNow, TYPING_PAUSE_MS);
}

function renderTabs() {
  const tabs = $("file-tabs");
  const current = state.editor.path;
  tabs.replaceChildren(
    ...state.files.map(({ path }) => {
      const tab = element("button", { type: "button", className: "file-tab" }, path);
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", "editor");
      tab.setAttribute("aria-selected", String(path === current));
      tab.tabIndex = path === current ? 0 : -1;
      tab.dataset.path = path;
      tab.addEventListener("click", () => openFile(path));
      return tab;
    }),
  );
  tabs
    .querySelector('[aria-selected="true"]')
    ?.scrollIntoView({ block: "nearest", inline: "nearest" });
}

/** Left and right arrows move between the file tabs, as in any tab list. */
function onTabKey(event) {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const index = state.files.findIndex((file) => file.path === state.editor.path);
  const next = state.files[index + (event.key === "ArrowRight" ? 1 : -1)];
  if (!next) return;
  event.preventDefault();
  openFile(next.path);
  $("file-tabs").querySelector('[aria-selected="true"]')?.focus();
}

function newFile() {
  let number = 1;
  while (fileByPath(`new-${number}.tf`)) number += 1;
  const path = `new-${number}.tf`;
  state.files.push({ path, text: "" });
  openFile(path);
  state.editor.view.focus();
}

function closeFile() {
  const path = state.editor.path;
  const index = state.files.findIndex((file) => file.path === path);
  if (index < 0) return;
  state.files.splice(index, 1);
  state.editor.forget(path);
  const next = state.files[Math.min(index, state.files.length - 1)];
  if (next) {
    openFile(next.path);
  } else {
    state.editor.reset();
    renderTabs();
  }
  scanNow();
}

async function openItems(items) {
  if (items.length === 0) return;
  notice(null);
  let read;
  try {
    read = await readFiles(items);
  } catch (error) {
    notice(`Those files could not be read: ${error.message}`);
    return;
  }
  if (read.stopped) notice(`Over the limit: ${read.stopped}.`);
  else if (read.repeated) notice(read.repeated);
  if (read.files.length === 0) {
    notice(
      read.stopped
        ? `Over the limit: ${read.stopped}.`
        : "No Terraform files (.tf, .tf.json, .tfvars) were found there.",
    );
    return;
  }
  const label = read.folder
    ? `The folder ${read.folder}/ (${plural(read.files.length, "file")}).`
    : `${plural(read.files.length, "file")}.`;
  setFiles(read.files, label);
}

// --- controls ----------------------------------------------------------------------------------

function wireControls() {
  $("example").addEventListener("click", () => setFiles(EXAMPLE, EXAMPLE_LABEL));
  $("folder-input").addEventListener("change", (event) => openItems(pickedFiles(event.target)));
  $("files-input").addEventListener("change", (event) => openItems(pickedFiles(event.target)));
  $("new-file").addEventListener("click", newFile);
  $("close-file").addEventListener("click", closeFile);
  $("file-tabs").addEventListener("keydown", onTabKey);
  $("share").addEventListener("click", share);
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", () => download(button.dataset.export));
  }

  // The whole page takes drops: files, folders and .zip archives.
  let depth = 0;
  document.addEventListener("dragenter", (event) => {
    event.preventDefault();
    depth += 1;
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) document.body.classList.remove("dragging");
  });
  document.addEventListener("dragover", (event) => event.preventDefault());
  document.addEventListener("drop", async (event) => {
    event.preventDefault();
    depth = 0;
    document.body.classList.remove("dragging");
    openItems(await droppedFiles(event.dataTransfer));
  });

  for (const tab of document.querySelectorAll(".tabs button")) {
    tab.addEventListener("click", () => {
      state.outcome = tab.dataset.outcome;
      state.limit = PAGE_SIZE;
      renderFindings();
    });
  }
  for (const id of ["group-by", "severity-filter"]) {
    $(id).addEventListener("change", () => {
      state.limit = PAGE_SIZE;
      renderFindings();
    });
  }
  let filtering = 0;
  $("text-filter").addEventListener("input", () => {
    clearTimeout(filtering);
    filtering = setTimeout(() => {
      state.limit = PAGE_SIZE;
      renderFindings();
    }, 120);
  });
  $("more").addEventListener("click", () => {
    state.limit += PAGE_SIZE;
    renderFindings();
  });
}

async function download(format) {
  const { name, type } = EXPORTS[format];
  let text;
  try {
    text = await exportText(format);
  } catch (error) {
    notice(`The ${format} report could not be made: ${error.message}`);
    return;
  }
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function share() {
  const texts = state.files.filter((file) => file.text !== undefined);
  const link = `${location.href.split("#")[0]}${shareFragment(texts)}`;
  if (link.length > MAX_LINK) {
    $("share-box").hidden = true;
    notice(
      `These files make a link of ${Math.ceil(link.length / 1024)} KB, more than browsers ` +
        `accept (${MAX_LINK / 1024 / 1024} MB): share fewer files, or the files themselves.`,
    );
    return;
  }
  $("share-box").hidden = false;
  $("share-link").value = link;
  $("share-link").select();
  const left = state.files.length - texts.length;
  const size = `${Math.ceil(link.length / 1024)} KB`;
  const copied = await copyText(link);
  notice(
    `${copied ? "Share link copied" : "Share link below"} (${size}; the files are in the link, never on a server).` +
      (left ? ` ${plural(left, "file")} that are not text were left out.` : ""),
  );
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (a page opened from disk): the selection way still works.
    const area = element("textarea", { value: text });
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }
}

// --- the report ----------------------------------------------------------------------------------

function showReport(report) {
  state.report = report;
  const { summary } = report;
  const rated = summary.passed + summary.failed;
  for (const [testId, value] of [
    ["passed", summary.passed],
    ["failed", summary.failed],
    ["skipped", summary.skipped],
    ["unknown", summary.unknown],
    ["resources", summary.resource_count],
    ["parsing-errors", summary.parsing_errors],
    ["pass-rate", rated ? `${((100 * summary.passed) / rated).toFixed(1)}%` : "–"],
  ]) {
    document.querySelector(`[data-testid="${testId}"]`).textContent = String(value);
  }

  renderList(
    $("errors"),
    $("error-list"),
    report.parsing_error_details.map((error) => {
      const path = error.file_path.replace(/^\//, "");
      return openButton(
        `${error.file_path}:${error.line}:${error.column}: ${error.message}`,
        path,
        [error.line, error.line],
      );
    }),
  );
  renderList(
    $("modules"),
    $("module-list"),
    report.unscanned_modules.map((module) => {
      const [first, last] = module.file_line_range;
      const item = element("span");
      item.append(
        element("code", {}, module.module),
        ` (source "${module.source}"): ${module.reason} `,
        openButton(`${module.file_path}:${first}`, module.file_path.replace(/^\//, ""), [
          first,
          last,
        ]),
      );
      return item;
    }),
  );
  renderByFile(report);
  renderFindings();
}

function renderList(section, list, items) {
  list.replaceChildren(...items.map((item) => element("li", {}, undefined, item)));
  section.hidden = items.length === 0;
}

/** A button that opens `path` in the editor at `lines`. */
function openButton(text, path, lines) {
  const button = element("button", { type: "button", className: "link open" }, text);
  button.addEventListener("click", () => openFile(path, lines));
  return button;
}

function renderByFile(report) {
  const byFile = new Map();
  const count = (results, key) => {
    for (const result of results) {
      const row = byFile.get(result.file_path) ?? { failed: 0, passed: 0 };
      row[key] += 1;
      byFile.set(result.file_path, row);
    }
  };
  count(report.results.failed_checks, "failed");
  count(report.results.passed_checks, "passed");
  const rows = [...byFile]
    .filter(([, row]) => row.failed > 0)
    .sort(([a, x], [b, y]) => y.failed - x.failed || a.localeCompare(b));
  $("by-file-rows").replaceChildren(
    ...rows.map(([path, row]) => {
      const tr = element("tr");
      const name = element("td");
      const button = element("button", { type: "button", className: "link" }, path);
      button.addEventListener("click", () => {
        $("text-filter").value = path;
        state.outcome = "failed_checks";
        state.limit = PAGE_SIZE;
        renderFindings();
        openFile(path.replace(/^\//, ""));
      });
      name.append(button);
      tr.append(name, element("td", {}, String(row.failed)), element("td", {}, String(row.passed)));
      return tr;
    }),
  );
  $("by-file").hidden = rows.length === 0;
}

/** The findings of the chosen outcome that pass the filters. */
function filteredResults() {
  const results = state.report?.results[state.outcome] ?? [];
  const severity = $("severity-filter").value;
  const words = $("text-filter").value.toLowerCase().split(/\s+/).filter(Boolean);
  return results.filter((result) => {
    if (severity && result.severity !== severity) return false;
    if (words.length === 0) return true;
    const haystack =
      `${result.check_id} ${result.check_name} ${result.resource} ${result.file_path}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

function groupKey(result, by) {
  if (by === "check") return `${result.check_id}: ${result.check_name}`;
  if (by === "severity") return result.severity || "NONE";
  return result.file_path;
}

function renderFindings() {
  for (const tab of document.querySelectorAll(".tabs button")) {
    const count = state.report?.results[tab.dataset.outcome].length ?? 0;
    tab.setAttribute("aria-pressed", String(tab.dataset.outcome === state.outcome));
    tab.dataset.count = String(count);
  }
  const results = filteredResults();
  const by = $("group-by").value;
  const groups = new Map();
  for (const result of results) {
    const key = groupKey(result, by);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(result);
  }
  let ordered = [...groups];
  if (by === "severity") {
    ordered.sort(([a], [b]) => (SEVERITY_RANK[a] ?? 9) - (SEVERITY_RANK[b] ?? 9));
  } else if (by === "check") {
    ordered.sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
  }

  const container = $("findings");
  const fragment = document.createDocumentFragment();
  let shown = 0;
  for (const [key, members] of ordered) {
    if (shown >= state.limit) break;
    const group = element("section", { className: "group" });
    group.dataset.group = key;
    group.append(element("h3", {}, `${key} (${members.length})`));
    const list = element("ol", { className: "group-list" });
    for (const result of members) {
      if (shown >= state.limit) break;
      list.append(renderFinding(result));
      shown += 1;
    }
    group.append(list);
    fragment.append(group);
  }
  container.replaceChildren(fragment);
  if (state.report && results.length === 0) {
    container.append(element("p", { className: "empty" }, "Nothing here."));
  }
  const total = state.report?.results[state.outcome].length ?? 0;
  $("filter-count").textContent =
    results.length === total ? "" : `${results.length} of ${total} shown by the filters.`;
  const left = results.length - shown;
  $("more").hidden = left <= 0;
  $("more").textContent = `Show more (${left} left)`;
}

/** One finding: check, resource, place, explanation and, for a failure, the offending lines. */
function renderFinding(result) {
  const check = state.checks.get(result.check_id);
  const verdict = result.check_result.result;
  const item = element("li", { className: `finding ${verdict.toLowerCase()}` });
  item.dataset.checkId = result.check_id;
  const path = result.file_path.replace(/^\//, "");
  const [first, last] = result.file_line_range;

  const title = element("h4");
  title.append(
    element("span", { className: "check-id" }, result.check_id),
    " ",
    element("span", {}, result.check_name),
  );
  const severity = element(
    "span",
    { className: `severity ${result.severity.toLowerCase()}` },
    result.severity,
  );
  item.append(title, severity);

  const place = element("p", { className: "place" });
  place.append(
    element("code", { className: "resource" }, result.resource),
    " in ",
    openButton(`${result.file_path}:${first}${last !== first ? `-${last}` : ""}`, path, [
      first,
      last,
    ]),
  );
  item.append(place);

  // Why the check could not decide, as the command line prints it under an UNKNOWN finding.
  if (verdict === "UNKNOWN" && Array.isArray(result.details) && result.details.length) {
    item.append(element("p", { className: "reason unknown-reason" }, result.details.join(" ")));
  }

  if (result.check_result.suppress_comment !== undefined) {
    const reason = result.check_result.suppress_comment || "no reason given";
    item.append(element("p", { className: "reason" }, `Skipped by a comment: ${reason}`));
  }

  if (verdict !== "PASSED" && Array.isArray(result.code_block) && result.code_block.length) {
    const code = result.code_block
      .map(([line, text]) => `${String(line).padStart(4)} | ${text}`)
      .join("");
    item.append(element("pre", { className: "code" }, code));
  }

  if (check) {
    const explanation = element("div", { className: "explanation" });
    explanation.append(prose("p", check.explanation.what));
    if (verdict === "FAILED" || verdict === "UNKNOWN") {
      const fix = prose("p", check.explanation.fix);
      fix.className = "fix";
      fix.prepend("Fix: ");
      explanation.append(prose("p", check.explanation.why), fix);
      const fixed = element("details");
      fixed.append(
        element("summary", {}, "The fixed Terraform"),
        element("pre", {}, check.explanation.fixed),
      );
      explanation.append(fixed);
    }
    item.append(explanation);
  }

  if (verdict === "FAILED") {
    const comment = `# checkov:skip=${result.check_id}:<why this is acceptable>`;
    const copy = element(
      "button",
      { type: "button", className: "button small copy-skip" },
      "Copy skip comment",
    );
    copy.title = `${comment} (put it inside the block of ${result.resource})`;
    copy.dataset.comment = comment;
    copy.addEventListener("click", async () => {
      copy.textContent = (await copyText(comment)) ? "Copied" : "Copy failed";
      setTimeout(() => (copy.textContent = "Copy skip comment"), 2000);
    });
    item.append(copy);
  }
  return item;
}

/** An element holding `text`, with its `backquoted` parts as code (as text, never markup). */
function prose(tag, text) {
  const node = element(tag);
  text.split("`").forEach((part, index) => {
    node.append(index % 2 === 1 ? element("code", {}, part) : part);
  });
  return node;
}

/** A new element with properties, text (always text, never markup) and child nodes. */
function element(tag, properties = {}, text, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  if (text !== undefined) node.textContent = text;
  if (children.length) node.append(...children);
  return node;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
