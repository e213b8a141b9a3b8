#!/usr/bin/env node
// `tfscan` in Node, over the WebAssembly build. It behaves as the native command line
// (crates/tfscan_cli) does because it runs the same core code: the flags, the help, the
// `--list` output, where each report goes and the reports themselves come from the
// WebAssembly (tfscan_core::command_line and the renderers). This file does only what needs
// Node: it reads the files the native command line reads (a folder's Terraform files, then the
// local modules they call: lib/folder.cjs, which `readFolder` shares), writes the reports,
// prints and sets the exit code: 0 nothing failed, 1 a check failed (as --soft-fail,
// --soft-fail-on and --hard-fail-on decide), 2 a usage or input error.
// tests/js/npm-package.test.mjs compares the two byte for byte.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, sep } from "node:path";
import { setFlagsFromString } from "node:v8";

// This process runs one scan, once: V8's baseline WebAssembly compiler (Liftoff) is all it
// needs. By default V8 also recompiles every function that gets warm with its optimising
// compiler, in the background; V8 cannot swap the new code into a call already running (no
// on-stack replacement for WebAssembly), and a scan is over in a few hundred milliseconds, so
// that work came too late to pay: on the whole corpus it cost 40% more CPU time, and the wall
// time was the same or worse on a busy 2-core machine (README, Performance). A scan of tens of
// thousands of resources, long enough to use the optimised code, is about 20% slower this way.
// The flag must be set before the module is compiled, so the API is imported below, not above.
setFlagsFromString("--liftoff-only");

const {
  checkListText,
  createBaseline,
  helpText,
  outputDestinations,
  parseCommandLine,
  scanToText,
  version,
} = await import("../index.js");
// Reading folders and files as the native command line does: shared with `readFolder`.
const { loadTarget, readIfPresent, readOrFail, readPolicies, ReadError } = createRequire(import.meta.url)(
  "../lib/folder.cjs",
);

/** An error the person running tfscan can fix: printed on stderr, exit code 2. */
class InputError extends Error {}

process.exitCode = main(process.argv.slice(2));

function main(args) {
  let parsed;
  try {
    // The core reads the configuration files (--config-file, .checkov.yml / .checkov.yaml in
    // the first -d folder) through readIfPresent, and merges them with the flags.
    parsed = parseCommandLine(args, readIfPresent);
  } catch (error) {
    // The message names the wrong flag (or file) and points to --help.
    process.stderr.write(`tfscan: ${error.message}\n`);
    return 2;
  }
  for (const notice of parsed.notices) process.stderr.write(`tfscan: ${notice}\n`);
  try {
    return run(parsed);
  } catch (error) {
    if (!(error instanceof InputError || error instanceof ReadError)) throw error;
    process.stderr.write(`tfscan: ${error.message}\n`);
    return 2;
  }
}

function run(parsed) {
  switch (parsed.command) {
    case "help":
      process.stdout.write(helpText());
      return 0;
    case "version":
      process.stdout.write(`${version()}\n`);
      return 0;
    case "list":
      process.stdout.write(checkListText(parsed.formats[0] === "json"));
      return 0;
    default:
      return scan(parsed);
  }
}

function scan(parsed) {
  // Custom policies first: a folder that is not there stops the run before any scan.
  const customPolicies = readPolicies(parsed.externalChecksDir);
  // One file set per -d/-f, scanned apart and combined, as the native command line does.
  const targets = [];
  const roots = [];
  let varFile = [];
  for (const target of parsed.targets) {
    // A folder's walk leaves out what --skip-path matches (-f ignores it, as in Checkov).
    const loaded = loadTarget(
      target,
      parsed.varFile,
      parsed.skipPath,
      "scanFolder",
      parsed.externalModules,
    );
    targets.push(loaded.files);
    roots.push(loaded.root.split(sep).join("/"));
    varFile = loaded.varFilePaths;
  }
  // The baseline file travels with every file set, under the path given; the API reads it
  // from there and does not scan it.
  if (parsed.baseline !== null) {
    const bytes = readOrFail(parsed.baseline, parsed.baseline, "file");
    for (const files of targets) files.set(parsed.baseline, bytes);
  }

  const today = todayOrSourceDate();
  const options = {
    check: parsed.check,
    skipCheck: parsed.skipCheck,
    varFile,
    unresolvedNullVariables: parsed.unresolvedNullVariables,
    ignoreInlineSkips: parsed.ignoreInlineSkips,
    compact: parsed.compact,
    quiet: parsed.quiet,
    softFail: parsed.softFail,
    softFailOn: parsed.softFailOn,
    hardFailOn: parsed.hardFailOn,
    baseline: parsed.baseline ?? undefined,
    outputBaselineAsSkipped: parsed.outputBaselineAsSkipped,
    today,
    // The scanned folders, so that reports name files from here and absolutely.
    roots,
    cwd: process.cwd().split(sep).join("/"),
    customPolicies,
  };
  const reports = parsed.formats.map((output) => {
    try {
      return scanToText(targets, { ...options, output });
    } catch (error) {
      throw new InputError(error.message);
    }
  });
  // Each baseline covers the targets in its folder, scanned apart as the reports are.
  const baselines = parsed.baselineFiles.map((file) => {
    try {
      return { ...file, text: createBaseline(file.targets.map((index) => targets[index]), options) };
    } catch (error) {
      throw new InputError(error.message);
    }
  });
  writeReports(parsed, reports);
  for (const baseline of baselines) {
    try {
      writeFileSync(baseline.path, baseline.text);
    } catch (error) {
      throw new InputError(`${baseline.path}: ${error.message}`);
    }
  }
  for (const notice of reports[0]?.notices ?? []) process.stderr.write(`tfscan: ${notice}\n`);
  for (const baseline of baselines) process.stderr.write(`tfscan: ${baseline.notice}\n`);

  return reports[0]?.exitCode ?? 0;
}

/** Each report to the console, or to the file `--output-file-path` names for its format. */
function writeReports(parsed, reports) {
  let destinations;
  try {
    destinations = outputDestinations(parsed.formats, parsed.outputFilePath ?? undefined);
  } catch (error) {
    throw new InputError(error.message);
  }
  reports.forEach((report, index) => {
    const path = destinations[index];
    if (path === null) {
      process.stdout.write(report.output);
      return;
    }
    const folder = dirname(path);
    try {
      if (folder !== "" && folder !== ".") mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new InputError(`${folder}: ${error.message}`);
    }
    try {
      writeFileSync(path, report.output);
    } catch (error) {
      throw new InputError(`${path}: ${error.message}`);
    }
  });
}

/**
 * Today (UTC) as `YYYY-MM-DD`; `SOURCE_DATE_EPOCH` (seconds) replaces the clock, for
 * reproducible reports, as in the native command line.
 */
function todayOrSourceDate() {
  const epoch = (process.env.SOURCE_DATE_EPOCH ?? "").trim();
  const seconds = /^\+?\d+$/.test(epoch) ? Number(epoch) : Math.floor(Date.now() / 1000);
  const days = Math.floor(seconds / 86_400);
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}
