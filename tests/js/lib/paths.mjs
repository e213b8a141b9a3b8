// Where the tests find the repository's build outputs and the shared reference data.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/**
 * ../shared beside the repository: reference data, never copied into it. TFSCAN_SHARED
 * points elsewhere (a git worktree that does not sit beside it).
 */
export const SHARED = resolve(ROOT, process.env.TFSCAN_SHARED ?? "../shared");
export const TERRAGOAT_AWS = join(SHARED, "corpus/terragoat/terraform/aws");
export const NATIVE_CLI = join(ROOT, "target/release/tfscan");
export const PKG = join(ROOT, "pkg");
export const WEB_DIST = join(ROOT, "web/dist");
/** The test tools' commands (tsc, wasm-opt), from tests/js/node_modules. */
export const JS_TOOLS = join(ROOT, "tests/js/node_modules/.bin");

/** Why a test that needs the shared corpus cannot run, or null when it can. */
export function corpusMissing() {
  return existsSync(TERRAGOAT_AWS) ? null : `${TERRAGOAT_AWS} is absent: skipped`;
}

/** Runs a command to the end; its stdout, stderr and exit code. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 28, ...options });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/**
 * The native command line's `-o json` report of `directory`, run there as `tfscan -d .`: the
 * reference every host must equal. The command line knows the folder's absolute path and
 * writes it into `file_abs_path` and `definition_context_file_path`; a scan of files given in
 * JavaScript knows only their names (unless told the folder: the `roots` and `cwd` options),
 * so `absolute: false` takes the folder off those two. Built by scripts/build.
 */
export function nativeJson(directory, { absolute = false } = {}) {
  if (!existsSync(NATIVE_CLI)) {
    throw new Error(`${NATIVE_CLI} is missing: run scripts/build first`);
  }
  const result = nativeRun(directory, ["-o", "json"]);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`the native CLI exited ${result.status}: ${result.stderr}`);
  }
  const report = JSON.parse(result.stdout);
  if (!absolute) {
    const prefix = `${directory.split(sep).join("/")}/`;
    const local = (path) => (path.startsWith(prefix) ? path.slice(prefix.length) : path);
    for (const list of Object.values(report.results)) {
      for (const finding of list) {
        if (typeof finding !== "object" || finding === null || !("file_abs_path" in finding)) continue;
        finding.file_abs_path = local(finding.file_abs_path);
        finding.definition_context_file_path = local(finding.definition_context_file_path);
      }
    }
    // Checkov's list of the files that did not parse holds their absolute paths too.
    report.results.parsing_errors = report.results.parsing_errors.map(local);
    for (const error of report.parsing_error_details) error.file_abs_path = local(error.file_abs_path);
  }
  return { ...result, report };
}

/** The native command line run inside `directory` on `-d .` with more flags. */
export function nativeRun(directory, flags, options = {}) {
  return run(NATIVE_CLI, ["-d", ".", ...flags], { cwd: directory, ...options });
}

/** The summary numbers every host shows. */
export function counts(summary) {
  const { passed, failed, skipped, unknown, parsing_errors, resource_count } = summary;
  return { passed, failed, skipped, unknown, parsing_errors, resource_count };
}
