// The page: collects Terraform (the editor, dropped files and folders, the file pickers),
// hands it to the scanner in worker.js, and shows the report. Every string that comes from a
// file or a report is set as text (textContent), never parsed as HTML.

const SAMPLE = `# Paste your Terraform here, or drop a folder on the box above.
resource "aws_kms_key" "app" {
  description = "application data"
}
`;

/** How many findings a list shows before "Show more". */
const PAGE_SIZE = 200;

/** Folders never read from a dropped or chosen folder (tool caches, not configuration). */
const SKIPPED_FOLDERS = new Set([".terraform", ".git", "node_modules"]);

const $ = (id) => document.getElementById(id);

const state = {
  worker: null,
  ready: false,
  /** Check metadata by ID, for explanations. */
  checks: new Map(),
  /** The latest scan asked for; older answers are dropped. */
  scanId: 0,
  /** A scan waiting for the scanner to be ready. */
  pending: null,
  report: null,
  /** How many reports the page has shown (on <body> as data-reports, for tests). */
  reportsShown: 0,
  outcome: "failed_checks",
  shown: 0,
};

start();

function start() {
  state.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  state.worker.onmessage = ({ data }) => onWorkerMessage(data);
  state.worker.onerror = (event) => {
    event.preventDefault();
    setStatus(`The scanner could not start: ${event.message || "unknown error"}`, "error");
  };

  const editor = $("editor");
  editor.value = SAMPLE;
  let typing = 0;
  editor.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(scanEditor, 250);
  });

  $("folder-input").addEventListener("change", (event) => pickFiles(event.target));
  $("files-input").addEventListener("change", (event) => pickFiles(event.target));
  setUpDropZone($("drop-zone"));

  for (const tab of document.querySelectorAll(".tabs button")) {
    tab.addEventListener("click", () => showOutcome(tab.dataset.outcome));
  }
  $("more").addEventListener("click", () => renderFindings(false));

  scanEditor();
}

// --- talking to the scanner ----------------------------------------------------------------

/** Scans `files` ([{ path, file } or { path, text }]), described to the reader as `label`. */
function requestScan(files, label) {
  state.scanId += 1;
  const message = { id: state.scanId, files };
  $("source").textContent = label;
  setStatus("Scanning…", "scanning");
  if (state.ready) {
    state.worker.postMessage(message);
  } else {
    state.pending = message;
  }
}

function onWorkerMessage(data) {
  if (data.type === "ready") {
    state.ready = true;
    state.checks = new Map(data.checks.map((check) => [check.id, check]));
    $("version").textContent = `Version ${data.version}, ${data.checks.length} checks.`;
    if (state.pending) state.worker.postMessage(state.pending);
    state.pending = null;
    return;
  }
  if (data.id !== state.scanId) return;
  if (data.type === "error") {
    setStatus(`The scan failed: ${data.message}`, "error");
    return;
  }
  const files = `${data.files} Terraform file${data.files === 1 ? "" : "s"}`;
  showReport(data.report);
  state.reportsShown += 1;
  document.body.dataset.reports = String(state.reportsShown);
  setStatus(`Scanned ${files} in ${Math.max(1, Math.round(data.milliseconds))} ms.`, "done");
}

/** Shows what the scanner is doing; `state` is also set on <body> for tests and styles. */
function setStatus(text, scanState) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", scanState === "error");
  document.body.dataset.state = scanState;
}

// --- collecting files ----------------------------------------------------------------------

function scanEditor() {
  requestScan([{ path: "main.tf", text: $("editor").value }], "Source: the editor, as main.tf.");
}

function pickFiles(input) {
  const picked = [...input.files].map((file) => ({
    path: file.webkitRelativePath || file.name,
    file,
  }));
  input.value = "";
  scanFiles(picked);
}

function setUpDropZone(zone) {
  const over = (event) => {
    event.preventDefault();
    zone.classList.add("over");
  };
  zone.addEventListener("dragenter", over);
  zone.addEventListener("dragover", over);
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", async (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    const entries = [...event.dataTransfer.items]
      .map((item) => item.webkitGetAsEntry?.())
      .filter(Boolean);
    const dropped = [];
    for (const entry of entries) await collectEntry(entry, dropped);
    // Without entries (a browser or a drag source that gives none) the plain files still work.
    if (entries.length === 0) {
      for (const file of event.dataTransfer.files) dropped.push({ path: file.name, file });
    }
    scanFiles(dropped);
  });
}

/** Collects the files under a dropped file or folder entry, depth first. */
async function collectEntry(entry, into) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    into.push({ path: entry.fullPath, file });
  } else if (entry.isDirectory && !SKIPPED_FOLDERS.has(entry.name)) {
    const reader = entry.createReader();
    // readEntries answers in batches until it answers with none.
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await collectEntry(child, into);
    }
  }
}

/**
 * Scans picked or dropped files. Paths become relative to the chosen folder, as the command
 * line names them relative to the folder it scans: `aws/s3.tf` from the folder `aws` is `s3.tf`.
 */
function scanFiles(picked) {
  const split = picked
    .map(({ path, file }) => ({ parts: path.split("/").filter(Boolean), file }))
    .filter(({ parts }) => !parts.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part)));
  if (split.length === 0) return;

  const first = split[0].parts[0];
  const oneFolder = split.every(({ parts }) => parts.length > 1 && parts[0] === first);
  const files = split.map(({ parts, file }) => ({
    path: (oneFolder ? parts.slice(1) : parts).join("/"),
    file,
  }));
  const label = oneFolder
    ? `Source: the folder ${first}/ (${files.length} files).`
    : `Source: ${files.length} file${files.length === 1 ? "" : "s"}.`;
  requestScan(files, label);
}

// --- showing the report --------------------------------------------------------------------

function showReport(report) {
  state.report = report;
  const { summary } = report;
  for (const [testId, value] of [
    ["passed", summary.passed],
    ["failed", summary.failed],
    ["skipped", summary.skipped],
    ["unknown", summary.unknown],
    ["resources", summary.resource_count],
    ["parsing-errors", summary.parsing_errors],
  ]) {
    document.querySelector(`[data-testid="${testId}"]`).textContent = String(value);
  }

  renderList(
    $("errors"),
    $("error-list"),
    report.results.parsing_errors.map(
      (error) => `${error.file_path}:${error.line}:${error.column}: ${error.message}`,
    ),
  );
  renderList(
    $("modules"),
    $("module-list"),
    report.unscanned_modules.map(
      (module) =>
        `${module.module} (source "${module.source}", ${module.file_path}:${module.file_line_range[0]}): ${module.reason}`,
    ),
  );
  showOutcome(state.outcome);
}

function renderList(section, list, lines) {
  list.replaceChildren(...lines.map((line) => element("li", {}, line)));
  section.hidden = lines.length === 0;
}

function showOutcome(outcome) {
  state.outcome = outcome;
  for (const tab of document.querySelectorAll(".tabs button")) {
    const count = state.report?.results[tab.dataset.outcome].length ?? 0;
    tab.setAttribute("aria-pressed", String(tab.dataset.outcome === outcome));
    tab.dataset.count = String(count);
  }
  renderFindings(true);
}

function renderFindings(fromStart) {
  const list = $("findings");
  const results = state.report?.results[state.outcome] ?? [];
  if (fromStart) {
    list.replaceChildren();
    state.shown = 0;
  }
  const page = results.slice(state.shown, state.shown + PAGE_SIZE);
  const fragment = document.createDocumentFragment();
  for (const result of page) fragment.append(renderFinding(result));
  list.append(fragment);
  state.shown += page.length;

  if (results.length === 0 && state.report) {
    list.append(element("li", { className: "empty" }, "Nothing here."));
  }
  const more = $("more");
  more.hidden = state.shown >= results.length;
  more.textContent = `Show more (${results.length - state.shown} left)`;
}

/** One finding: check, resource, place, explanation and, for a failure, the offending lines. */
function renderFinding(result) {
  const check = state.checks.get(result.check_id);
  const verdict = result.check_result.result;
  const item = element("li", { className: `finding ${verdict.toLowerCase()}` });
  item.dataset.checkId = result.check_id;

  const title = element("h3");
  title.append(
    element("span", { className: "check-id" }, result.check_id),
    " ",
    element("span", {}, result.check_name),
  );
  const severity = element("span", { className: `severity ${result.severity.toLowerCase()}` });
  severity.textContent = result.severity;
  item.append(title, severity);

  const place = element("p", { className: "place" });
  const [first, last] = result.file_line_range;
  place.append(
    element("code", { className: "resource" }, result.resource),
    " in ",
    element("code", {}, `${result.file_path}:${first}${last !== first ? `-${last}` : ""}`),
  );
  item.append(place);

  if (result.check_result.suppress_comment !== undefined) {
    const reason = result.check_result.suppress_comment || "no reason given";
    item.append(element("p", { className: "muted" }, `Skipped by a comment: ${reason}`));
  }

  if (check) {
    const explanation = element("div", { className: "explanation" });
    explanation.append(prose("p", check.explanation.what));
    if (verdict === "FAILED") {
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

  if (verdict === "FAILED" && Array.isArray(result.code_block) && result.code_block.length) {
    const code = result.code_block
      .map(([line, text]) => `${String(line).padStart(4)} | ${text}`)
      .join("");
    item.append(element("pre", { className: "code" }, code));
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

/** A new element with properties and text; the text is always text, never markup. */
function element(tag, properties = {}, text) {
  const node = Object.assign(document.createElement(tag), properties);
  if (text !== undefined) node.textContent = text;
  return node;
}
