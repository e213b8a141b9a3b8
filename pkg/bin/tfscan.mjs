#!/usr/bin/env node
// `tfscan` in Node, over the WebAssembly build. It behaves as the native command line
// (crates/tfscan_cli) does: the same flags, the same files read (a folder's Terraform files,
// then the local modules they call), the same output from the same core renderers, and the
// same exit codes: 0 nothing failed, 1 a check failed (0 with --soft-fail), 2 a usage or
// input error. tests/js/npm-package.test.mjs compares the two byte for byte.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

import { isTerraformFile, listChecks, scanToText, version } from "../index.js";

const HELP = `tfscan: a Terraform security scanner with Checkov's check IDs and verdicts

Usage: tfscan [-d DIR]... [-f FILE]... [options]

  -d, --directory DIR     scan a folder and its subfolders (repeatable)
  -f, --file FILE         scan one file (repeatable)
  -o, --output FORMAT     cli (default) or json, Checkov's JSON shape (repeatable)
      --check IDS         run only these checks (comma-separated; CKV_AWS_* wildcards)
      --skip-check IDS    do not run these checks (comma-separated; wildcards)
      --var-file FILE     variable values, after terraform.tfvars and *.auto.tfvars (repeatable)
      --soft-fail         exit 0 even when a check failed
      --unresolved-null-variables
                          read variables whose value is null as unknown, as Checkov does
                          (by default null means "not set", as in Terraform)
      --compact           leave the code blocks out of the output
      --quiet             show failed checks only
      --framework NAME    accepted for Checkov compatibility; only terraform is supported
      --list              list every check (with -o json: as JSON)
  -v, --version           print the version
  -h, --help              print this help

Exit codes: 0 nothing failed, 1 a check failed, 2 a usage or input error.
`;

/** An error the person running tfscan can fix: printed on stderr, exit code 2. */
class InputError extends Error {}

process.exitCode = main(process.argv.slice(2));

function main(args) {
  let parsed;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`tfscan: ${error.message}\nRun \`tfscan --help\` for the flags.\n`);
    return 2;
  }
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
      process.stdout.write(HELP);
      return 0;
    case "version":
      process.stdout.write(`${version()}\n`);
      return 0;
    case "list":
      process.stdout.write(renderCheckList(parsed.formats[0] === "json"));
      return 0;
    default:
      return scan(parsed);
  }
}

function scan(parsed) {
  // One file set per -d/-f, scanned apart and combined, as the native command line does.
  const targets = [];
  let varFile = [];
  for (const target of parsed.targets) {
    const loaded = load(target, parsed.varFiles);
    targets.push(loaded.files);
    varFile = loaded.varFilePaths;
  }

  let failed = 0;
  for (const output of parsed.formats) {
    const options = { ...parsed.scanOptions, varFile, output };
    let report;
    try {
      report = scanToText(targets, options);
    } catch (error) {
      throw new InputError(error.message);
    }
    process.stdout.write(report.output);
    failed = report.summary.failed;
  }
  return failed > 0 && !parsed.softFail ? 1 : 0;
}

// --- the command line ----------------------------------------------------------------------

/** Reads the flags; `--flag=value` is the same as `--flag value`. */
function parseArguments(args) {
  const parsed = {
    command: "scan",
    targets: [],
    formats: [],
    scanOptions: {
      check: [],
      skipCheck: [],
      unresolvedNullVariables: false,
      compact: false,
      quiet: false,
    },
    varFiles: [],
    softFail: false,
  };
  for (let index = 0; index < args.length; index += 1) {
    let flag = args[index];
    let inline;
    const equals = flag.indexOf("=");
    if (equals >= 0 && flag.slice(0, equals).startsWith("--")) {
      inline = flag.slice(equals + 1);
      flag = flag.slice(0, equals);
    }
    const value = () => {
      if (inline !== undefined) return inline;
      index += 1;
      if (index >= args.length) throw new InputError(`${flag} needs a value`);
      return args[index];
    };
    switch (flag) {
      case "-d":
      case "--directory":
        parsed.targets.push({ directory: value() });
        break;
      case "-f":
      case "--file":
        parsed.targets.push({ file: value() });
        break;
      case "-o":
      case "--output": {
        const name = value();
        if (name !== "cli" && name !== "json") {
          throw new InputError(`unknown output format "${name}" (expected cli or json)`);
        }
        parsed.formats.push(name);
        break;
      }
      case "--check":
      case "-c":
        parsed.scanOptions.check.push(...splitIds(value()));
        break;
      case "--skip-check":
        parsed.scanOptions.skipCheck.push(...splitIds(value()));
        break;
      case "--var-file":
        parsed.varFiles.push(value());
        break;
      case "--framework":
        for (const framework of value().split(",").map((name) => name.trim())) {
          if (framework !== "terraform" && framework !== "all") {
            throw new InputError(
              `framework "${framework}" is not supported: tfscan scans terraform only`,
            );
          }
        }
        break;
      case "--soft-fail":
        parsed.softFail = true;
        break;
      case "--unresolved-null-variables":
        parsed.scanOptions.unresolvedNullVariables = true;
        break;
      case "--compact":
        parsed.scanOptions.compact = true;
        break;
      case "--quiet":
        parsed.scanOptions.quiet = true;
        break;
      case "--list":
      case "-l":
        parsed.command = "list";
        break;
      case "-h":
      case "--help":
        parsed.command = "help";
        break;
      case "-v":
      case "--version":
        parsed.command = "version";
        break;
      default:
        throw new InputError(`unknown flag "${flag}"`);
    }
  }
  if (parsed.formats.length === 0) parsed.formats.push("cli");
  if (parsed.command === "scan" && parsed.targets.length === 0) {
    throw new InputError("nothing to scan: give a folder with -d DIR or a file with -f FILE");
  }
  return parsed;
}

function splitIds(list) {
  return list
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
}

/** `--list`: one check a line (or a JSON array), in the native command line's layout. */
function renderCheckList(json) {
  const checks = listChecks();
  if (json) {
    const items = checks.map(
      (check) =>
        `\n  {"id": ${JSON.stringify(check.id)}, "kind": ${JSON.stringify(check.kind)}, ` +
        `"resource_types": [${check.resourceTypes.map((type) => JSON.stringify(type)).join(", ")}], ` +
        `"severity": ${JSON.stringify(check.severity)}, "name": ${JSON.stringify(check.name)}}`,
    );
    return `[${items.join(",")}\n]\n`;
  }
  const lines = checks.map(
    (check) =>
      `${check.id.padEnd(13)} ${check.kind.padEnd(8)} ${check.severity.padEnd(8)} ` +
      `${check.resourceTypes.join(",").padEnd(60)} ${check.name}\n`,
  );
  return `${lines.join("")}${checks.length} checks\n`;
}

// --- reading files, as crates/tfscan_cli/src/files.rs does ---------------------------------

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
    varFilePaths.push(path);
    files.set(path, bytes);
  }
  return { files, varFilePaths };
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
    const folder = folderOf(path);
    for (const source of localSources(Buffer.from(files.get(path)).toString("utf8"))) {
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
