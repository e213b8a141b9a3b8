// Reading Terraform from disk in Node, as the native command line reads it
// (crates/tfscan_cli/src/files.rs): a folder's Terraform files in name order (hidden folders and
// what --skip-path matches left out), then the folders that their local module calls name, even
// outside the folder. The package's `tfscan` command (bin/tfscan.mjs) and its `readFolder`
// share this file. CommonJS, so that `require("tfscan")` offers `readFolder` too; Node only.
"use strict";

const { readdirSync, readFileSync, statSync } = require("node:fs");
const { basename, dirname, isAbsolute, join, relative, resolve, sep } = require("node:path");

const glue = require("../wasm/tfscan_wasm.js");

/**
 * A path that could not be read. Its message is the native command line's, byte for byte
 * (`infra: no such folder`), so the command prints it after `tfscan: `.
 */
class ReadError extends Error {
  constructor(message) {
    super(message);
    this.name = "ReadError";
  }
}

/**
 * Every Terraform file under `folder` and in the folders of the local modules they call (as
 * `../modules/x/main.tf` when outside it), path (relative to `folder`, with `/`) to bytes, in
 * the order `tfscan -d folder` reads them. `options.skipPath` leaves folders and files out of
 * the walk, as `--skip-path` does. The folder's `.checkov.yaml` is not read: its paths are
 * the command line's business (relative to where it runs).
 */
function readFolder(folder, options) {
  if (typeof folder !== "string") {
    throw new TypeError(`readFolder(folder): folder must be a string, got ${describe(folder)}`);
  }
  const skipPath = readFolderOptions(options);
  return loadTarget({ directory: folder }, [], skipPath, "folder").files;
}

/** readFolder's options: `{ skipPath }`, as `scan`'s option of that name. */
function readFolderOptions(options) {
  if (options === undefined || options === null) return [];
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(
      `readFolder: options must be an object such as { skipPath: ["legacy"] }, got ${describe(options)}`,
    );
  }
  let skipPath = [];
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (name !== "skipPath") {
      throw new Error(`readFolder: options.${name}: unknown option; the options are skipPath`);
    }
    const items = typeof value === "string" ? [value] : value;
    if (!Array.isArray(items) || items.some((item) => typeof item !== "string")) {
      throw new TypeError(
        `readFolder: options.skipPath: expected a string or an array of strings, got ${describe(value)}`,
      );
    }
    skipPath = items;
  }
  return skipPath;
}

/**
 * One command-line target's files (`{ directory }` for -d, `{ file }` for -f), path (relative
 * to the scanned folder) to bytes, in the order the native command line reads them: the
 * folder's walk (or the one file), then the local modules those files call, then the
 * --var-files. `reading` names a folder target in messages: "scanFolder" (-d) or "folder".
 */
function loadTarget(target, varFiles, skipPath, reading = "scanFolder", externalModules = false) {
  const files = new Map();
  let root;
  if (target.directory !== undefined) {
    const folder = target.directory;
    if (!isDirectory(folder)) {
      const code = isFile(folder) ? "ENOTDIR" : "ENOENT";
      throw new ReadError(glue.readErrorMessage(folder, reading, code, ""));
    }
    const matcher = new glue.SkipPathMatcher(
      skipPath,
      folder.split(sep).join("/"),
      resolve(folder).split(sep).join("/"),
    );
    try {
      walk(folder, "", matcher.isEmpty() ? undefined : matcher, files);
    } finally {
      matcher.free();
    }
    root = folder;
  } else {
    files.set(basename(target.file), readOrFail(target.file, target.file, "scanFile"));
    root = dirname(target.file);
  }

  if (externalModules) addInstalledModules(root, files);
  followLocalModules(root, files);

  const varFilePaths = [];
  for (const path of varFiles) {
    const bytes = readOrFail(path, path, "file");
    // Named from the scanned folder as every file of the scan is, when it is inside (one
    // inside was read already under that name, and is read once); by its absolute path when
    // it is not, so that every folder names it alike and one varFile list serves them all. As
    // the native command line does.
    let name = relative(resolve(root), resolve(path)).split(sep).join("/");
    if (name === ".." || name.startsWith("../") || isAbsolute(name)) {
      name = resolve(path).split(sep).join("/");
    }
    if (!files.has(name)) files.set(name, bytes);
    varFilePaths.push(name);
  }
  return { files, varFilePaths, root };
}

/**
 * The Terraform files under `directory`, in name order, skipping hidden folders and what
 * `matcher` (a SkipPathMatcher, when skip paths are given) matches.
 */
function walk(directory, relativePath, matcher, files) {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new ReadError(glue.readErrorMessage(directory, "folder", error.code ?? "", error.message));
  }
  entries.sort((left, right) => compareBytes(left.name, right.name));
  for (const entry of entries) {
    const path = joinPath(relativePath, entry.name);
    if (matcher !== undefined && matcher.skipping(path) !== undefined) continue;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".")) walk(join(directory, entry.name), path, matcher, files);
    } else if (glue.isTerraformFile(entry.name)) {
      files.set(path, readOrFail(join(directory, entry.name), path, "file"));
    }
  }
}

/**
 * Adds the files of every folder that a loaded `.tf` file names as a local module source
 * (`source = "../modules/x"`) and that are not loaded yet (a folder outside the scanned one,
 * or files a skip path left out of the walk), until nothing new is found.
 */
function followLocalModules(root, files) {
  const followed = new Set();
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
      if (followed.has(target)) continue;
      followed.add(target);
      paths.push(...readModuleFolder(root, target, files));
    }
  }
}

/**
 * Adds, for each folder read that holds a `.terraform/modules/modules.json`, the manifest and
 * the files of every module folder it records (`--download-external-modules true`), as the
 * native command line does, by the core's reading of the manifest. A manifest that does not
 * read is passed on for the scan to report.
 */
function addInstalledModules(root, files) {
  const folders = new Set([".", ...[...files.keys()].map(folderOf)]);
  for (const folder of folders) {
    const manifestPath = joinPath(folder, ".terraform/modules/modules.json");
    let bytes;
    try {
      bytes = readFileSync(join(root, manifestPath));
    } catch {
      continue;
    }
    files.set(manifestPath, bytes);
    for (const directory of glue.installedModuleFolders(manifestPath, bytes.toString("utf8"))) {
      readModuleFolder(root, directory, files);
    }
  }
}

/**
 * Adds the configuration files (not the variable files) of one module folder that are not
 * read yet, and returns their paths.
 */
function readModuleFolder(root, target, files) {
  let entries;
  try {
    entries = readdirSync(join(root, target), { withFileTypes: true });
  } catch {
    return [];
  }
  const names = entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .filter((name) => glue.isTerraformFile(name) && !name.includes(".tfvars"))
    .sort(compareBytes);
  const added = [];
  for (const name of names) {
    const path = joinPath(target, name);
    if (files.has(path)) continue;
    try {
      files.set(path, readFileSync(join(root, target, name)));
      added.push(path);
    } catch {
      // A module file that cannot be read is left out, as the native command line does.
    }
  }
  return added;
}

/**
 * The custom policy files of the --external-checks-dir folders, path (the folder as given,
 * then the path inside it) to text: every .yaml, .yml and .json file of each folder and its
 * subfolders, in name order, and each .py file with no text (the API says Python checks are
 * not run). As the native command line reads them.
 */
function readPolicies(folders) {
  const policies = new Map();
  for (const folder of folders) {
    if (!isDirectory(folder)) {
      throw new ReadError(`--external-checks-dir ${folder}: no such folder`);
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
    throw new ReadError(glue.readErrorMessage(shown, "folder", error.code ?? "", error.message));
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
      policies.set(path, readOrFail(join(directory, entry.name), path, "file").toString("utf8"));
    } else if (extension === "py") {
      policies.set(path, "");
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

/**
 * A file's bytes, or a ReadError in the native command line's words; `shownAs` names it,
 * `reading` is what it is read as ("file", "scanFile").
 */
function readOrFail(path, shownAs, reading = "file") {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ReadError(glue.readErrorMessage(shownAs, reading, error.code ?? "", error.message));
  }
}

/**
 * A file's text, or undefined when there is no such file (for the configuration files); any
 * other problem throws an Error whose message is the problem in the native command line's
 * words (the path is added by who reports it).
 */
function readIfPresent(path) {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined;
    throw new Error(glue.readProblem("file", error.code ?? "", error.message));
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

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

module.exports = { readFolder, loadTarget, readPolicies, readOrFail, readIfPresent, ReadError };
