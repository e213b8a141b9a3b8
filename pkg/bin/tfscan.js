#!/usr/bin/env node
// `tfscan` in Node, over the WebAssembly build: the native command line's flags, its output
// (rendered by the same core renderers) and its exit codes: 0 when no check failed, 1 when
// one did (0 with --soft-fail), 2 for a usage or input error.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

import { isTerraformFile, listChecks, scanToText, version } from "../index.js";

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

const USAGE = `usage: tfscan [-d DIR]... [-f FILE]... [-o cli|json] [--check IDS] [--skip-check IDS]
              [--var-file FILE]... [--soft-fail] [--compact] [--quiet]
              [--framework terraform] [--list] [--version]

Scans Terraform for security and compliance problems, with Checkov's check IDs.

  -d, --directory DIR   scan the Terraform files under DIR (repeatable)
  -f, --file FILE       scan FILE (repeatable)
  -o, --output FORMAT   cli (the default) or json
  -c, --check IDS       run only these checks (comma-separated)
  --skip-check IDS      never run these checks (comma-separated)
  --var-file FILE       variable values, applied after terraform.tfvars (repeatable)
  -s, --soft-fail       exit 0 even when a check fails
  --compact             leave out code blocks
  --quiet               show failed checks only
  --framework NAME      accepted for Checkov compatibility; only terraform
  -l, --list            list every check
  -v, --version         print the version
  -h, --help            print this help`;

/** A mistake in how tfscan was called: reported with the usage, exit code 2. */
class UsageError extends Error {}

/** Folders never entered while walking a scanned folder (tool caches, not configuration). */
const SKIPPED_FOLDERS = new Set([".terraform", ".git", "node_modules"]);

process.exitCode = main(process.argv.slice(2));

function main(args) {
  let options;
  try {
    options = parseArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`tfscan: ${error.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }

  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (options.list) {
    process.stdout.write(renderCheckList());
    return 0;
  }

  let files;
  try {
    files = readInputs(options);
  } catch (error) {
    process.stderr.write(`tfscan: ${error.message}\n`);
    return EXIT_USAGE;
  }

  let report;
  try {
    report = scanToText(files, {
      check: options.check,
      skipCheck: options.skipCheck,
      varFile: options.varFileKeys,
      compact: options.compact,
      quiet: options.quiet,
      output: options.output,
    });
  } catch (error) {
    process.stderr.write(`tfscan: ${error.message}\n`);
    return EXIT_USAGE;
  }

  process.stdout.write(report.output);
  return report.summary.failed > 0 && !options.softFail ? EXIT_FAILED : 0;
}

/** Reads the command line, Checkov's way: `--flag value` or `--flag=value`. */
function parseArguments(args) {
  const options = {
    directories: [],
    files: [],
    output: "cli",
    check: [],
    skipCheck: [],
    varFiles: [],
    softFail: false,
    compact: false,
    quiet: false,
    list: false,
    version: false,
    help: false,
  };
  const withValue = {
    "-d": (value) => options.directories.push(value),
    "--directory": (value) => options.directories.push(value),
    "-f": (value) => options.files.push(value),
    "--file": (value) => options.files.push(value),
    "-o": (value) => (options.output = outputFormat(value)),
    "--output": (value) => (options.output = outputFormat(value)),
    "-c": (value) => options.check.push(value),
    "--check": (value) => options.check.push(value),
    "--skip-check": (value) => options.skipCheck.push(value),
    "--var-file": (value) => options.varFiles.push(value),
    "--framework": (value) => framework(value),
  };
  const switches = {
    "-s": "softFail",
    "--soft-fail": "softFail",
    "--compact": "compact",
    "--quiet": "quiet",
    "-l": "list",
    "--list": "list",
    "-v": "version",
    "--version": "version",
    "-h": "help",
    "--help": "help",
  };

  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = equals > 0 ? arg.slice(0, equals) : arg;
    if (name in withValue) {
      let value = equals > 0 ? arg.slice(equals + 1) : args[index + 1];
      if (equals < 0) index += 1;
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      withValue[name](value);
    } else if (name in switches && equals < 0) {
      options[switches[name]] = true;
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }

  const scans = options.directories.length + options.files.length;
  if (scans === 0 && !options.list && !options.version && !options.help) {
    throw new UsageError("nothing to scan: give -d DIR or -f FILE");
  }
  return options;
}

function outputFormat(name) {
  if (name !== "cli" && name !== "json") {
    throw new UsageError(`unknown output format ${JSON.stringify(name)}: use cli or json`);
  }
  return name;
}

function framework(name) {
  const names = name.split(",").map((part) => part.trim());
  if (!names.every((part) => part === "terraform" || part === "all")) {
    throw new UsageError(`tfscan scans only the terraform framework, not ${JSON.stringify(name)}`);
  }
}

/**
 * The files to scan, path to bytes. A folder's files are named relative to the folder, as
 * Checkov names them; a file given with -f or --var-file by its path as given.
 */
function readInputs(options) {
  const files = new Map();
  for (const directory of options.directories) {
    if (!isDirectory(directory)) throw new Error(`${directory}: not a directory`);
    for (const path of walk(directory)) {
      files.set(toSlashes(relative(directory, path)), readFileSync(path));
    }
  }
  for (const path of [...options.files, ...options.varFiles]) {
    try {
      files.set(toSlashes(path), readFileSync(path));
    } catch (error) {
      throw new Error(`${path}: cannot read it (${error.code ?? error.message})`);
    }
  }
  options.varFileKeys = options.varFiles.map(toSlashes);
  return files;
}

/** The Terraform files under `directory`, recursively, in a stable order. */
function* walk(directory) {
  const entries = readdirSync(directory, { withFileTypes: true });
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) yield* walk(path);
    } else if (isTerraformFile(entry.name) && (entry.isFile() || isFile(path))) {
      yield path;
    }
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

function toSlashes(path) {
  return sep === "/" ? path : path.split(sep).join("/");
}

/** `--list`: one check a line, its ID, resource types and name. */
function renderCheckList() {
  return listChecks()
    .map((check) => `${check.id}\t${check.resourceTypes.join(",")}\t${check.name}\n`)
    .join("");
}
