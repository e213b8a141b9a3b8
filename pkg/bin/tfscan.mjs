#!/usr/bin/env node
// `tfscan` in Node, over the WebAssembly build. It behaves as the native command line
// (crates/tfscan_cli) does because it runs the same core code: the flags, the help, the
// `--list` output, where each report goes and the reports themselves come from the
// WebAssembly (tfscan_core::command_line and the renderers). This file does only what needs
// Node: it reads the files the native command line reads (a folder's Terraform files, then the
// local modules they call), writes the reports, prints and sets the exit code: 0 nothing
// failed, 1 a check failed (as --soft-fail, --soft-fail-on and --hard-fail-on decide), 2 a
// usage or input error.
// tests/js/npm-package.test.mjs compares the two byte for byte.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
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
  isTerraformFile,
  outputDestinations,
  parseCommandLine,
  scanToText,
  version,
} = await import("../index.js");

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
    if (!(error instanceof InputError)) throw error;
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
    const loaded = load(target, parsed.varFile);
    targets.push(loaded.files);
    roots.push(loaded.root.split(sep).join("/"));
    varFile = loaded.varFilePaths;
  }
  // The baseline file travels with every file set, under the path given; the API reads it
  // from there and does not scan it.
  if (parsed.baseline !== null) {
    const bytes = readOrFail(parsed.baseline, parsed.baseline);
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

/** A file's text, or undefined when there is no such file (for the configuration files). */
function readIfPresent(path) {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined;
    throw error;
  }
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

// --- reading files, as crates/tfscan_cli/src/files.rs does ---------------------------------

/**
 * The custom policy files of the --external-checks-dir folders, path (the folder as given,
 * then the path inside it) to text: every .yaml, .yml and .json file of each folder and its
 * subfolders, in name order, and each .py file with no text (the API says Python checks are
 * not run).
 */
function readPolicies(folders) {
  const policies = new Map();
  for (const folder of folders) {
    if (!isDirectory(folder)) {
      throw new InputError(`--external-checks-dir ${folder}: no such folder`);
    }
    walkPolicies(folder, folder.replace(/\/+$/, ""), policies);
  }
  return policies;
}

function walkPolicies(directory, shown, policies) {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`${shown}: ${error.message}`);
  }
  entries.sort((left, right) => compareBytes(left.name, right.name));
  for (const entry of entries) {
    const path = joinPath(shown, entry.name);
    // The extension as Python's os.path.splitext gives it (a leading dot starts no extension).
    const stem = entry.name.replace(/^\.+/, "");
    const extension = stem.includes(".") ? stem.slice(stem.lastIndexOf(".") + 1) : "";
    if (entry.isDirectory()) {
      walkPolicies(join(directory, entry.name), path, policies);
    } else if (["yaml", "yml", "json"].includes(extension)) {
      policies.set(path, readOrFail(join(directory, entry.name), path).toString("utf8"));
    } else if (extension === "py") {
      policies.set(path, "");
    }
  }
}

/**
 * One target's files, path (relative to the scanned folder) to bytes, in the order the native
 * command line reads them: the folder's walk (or the one file), then the local modules those
 * files call, then the --var-files.
 */
function load(target, varFiles) {
  const files = new Map();
  let root;
  if (target.directory !== undefined) {
    if (!isDirectory(target.directory)) {
      if (isFile(target.directory)) {
        throw new InputError(
          `${target.directory}: is a file, not a folder (scan a file with -f ${target.directory})`,
        );
      }
      throw new InputError(`${target.directory}: no such folder`);
    }
    walk(target.directory, "", files);
    root = target.directory;
  } else {
    files.set(basename(target.file), readOrFail(target.file, target.file));
    root = dirname(target.file);
  }

  followLocalModules(root, files);

  const varFilePaths = [];
  for (const path of varFiles) {
    const bytes = readOrFail(path, path);
    // A var file inside the scanned folder was read already: it is named as the folder's walk
    // named it, and read once (as the native command line does).
    const inside = relative(resolve(root), resolve(path)).split(sep).join("/");
    if (!inside.startsWith("..") && !isAbsolute(inside) && files.has(inside)) {
      varFilePaths.push(inside);
      continue;
    }
    varFilePaths.push(path);
    files.set(path, bytes);
  }
  return { files, varFilePaths, root };
}

/** The Terraform files under `directory`, in name order, skipping hidden folders. */
function walk(directory, relative, files) {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`${directory}: ${error.message}`);
  }
  entries.sort((left, right) => compareBytes(left.name, right.name));
  for (const entry of entries) {
    const path = joinPath(relative, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".")) walk(join(directory, entry.name), path, files);
    } else if (isTerraformFile(entry.name)) {
      files.set(path, readOrFail(join(directory, entry.name), path));
    }
  }
}

/**
 * Adds the files of every folder that a loaded `.tf` file names as a local module source
 * (`source = "../modules/x"`) and that is not loaded yet, until nothing new is found.
 */
function followLocalModules(root, files) {
  const loadedFolders = new Set([...files.keys()].map(folderOf));
  const paths = [...files.keys()];
  for (let next = 0; next < paths.length; next += 1) {
    const path = paths[next];
    if (!path.endsWith(".tf")) continue;
    // Most files call no module: a byte search skips them without decoding their text.
    const bytes = files.get(path);
    if (bytes.indexOf("source") < 0) continue;
    const folder = folderOf(path);
    for (const source of localSources(bytes.toString("utf8"))) {
      const target = normalize(joinPath(folder, source));
      if (loadedFolders.has(target)) continue;
      loadedFolders.add(target);
      let entries;
      try {
        entries = readdirSync(join(root, target), { withFileTypes: true });
      } catch {
        continue;
      }
      const names = entries
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .filter((name) => isTerraformFile(name) && !name.includes(".tfvars"))
        .sort(compareBytes);
      for (const name of names) {
        try {
          const modulePath = joinPath(target, name);
          files.set(modulePath, readFileSync(join(root, target, name)));
          paths.push(modulePath);
        } catch {
          // A module file that cannot be read is left out, as the native command line does.
        }
      }
    }
  }
}

/** The `source = "./x"` / `"../x"` values in a file's text. */
function localSources(text) {
  const sources = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*source\s*=\s*"([^"]*)/.exec(line);
    if (!match) continue;
    const value = match[1];
    const local =
      value.startsWith("./") || value.startsWith("../") || value === "." || value === "..";
    if (local) sources.push(value);
  }
  return sources;
}

function folderOf(path) {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : path.slice(0, slash);
}

function joinPath(folder, name) {
  return folder === "" || folder === "." ? name : `${folder}/${name}`;
}

/** Removes `.` and `name/..` steps, keeping leading `..`: `a/../../b/.` is `../b`. */
function normalize(path) {
  const parts = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") {
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.length === 0 ? "." : parts.join("/");
}

/** Orders names by their UTF-8 bytes, as Rust orders file names. */
function compareBytes(left, right) {
  return Buffer.compare(Buffer.from(left), Buffer.from(right));
}

function readOrFail(path, shownAs) {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new InputError(`${shownAs}: ${error.message}`);
  }
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
