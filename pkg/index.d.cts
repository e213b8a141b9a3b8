// tfscan's API. The types of what goes in and comes out (Report, ScanOptions, ...) are written
// beside the Rust façade (crates/tfscan_wasm/src/types.rs) and generated with the glue.
import type {
  CheckInfo,
  CommandLine,
  Files,
  OutputFormat,
  Report,
  ScanOptions,
  TextOptions,
  TextReport,
} from "./wasm/tfscan_wasm.js";

export type {
  CheckInfo,
  CheckResult,
  CommandLine,
  Files,
  NotCreated,
  OutputFormat,
  Outcome,
  ParsingError,
  Report,
  ScanOptions,
  Summary,
  SuppressionNote,
  TextOptions,
  TextReport,
  UnscannedModule,
} from "./wasm/tfscan_wasm.js";

/**
 * Makes the WebAssembly ready, asynchronously. In Node it is ready on import and this resolves
 * at once. In browsers and bundles it is otherwise compiled synchronously on first use; await
 * this first where that is refused (a browser's main thread may refuse it) or to keep the
 * first call fast. Rejects with an Error saying what went wrong.
 */
export declare function init(): Promise<void>;

/**
 * Scans `files` and returns the report, exactly as `tfscan -o json` prints it (Checkov's JSON
 * shape, plus tfscan's unknown_checks, unscanned_modules, not_created, suppression_notes). An
 * array of file sets is several scanned folders, combined into one report as `-d a -d b`.
 * Throws an Error naming the mistake for an unknown option or a value of the wrong type.
 */
export declare function scan(files: Files | Files[], options?: ScanOptions): Report;

/** `readFolder`'s options. */
export interface ReadFolderOptions {
  /**
   * `--skip-path`: regular expressions; the folders and files of the walk whose path (`/` + the
   * path below the folder: `/envs/dev`) they match are not read. Module folders that files
   * read call are read all the same.
   */
  skipPath?: string[] | string;
}

/**
 * Node only: reads `folder`'s Terraform as `tfscan -d folder` does, for `scan`: every
 * Terraform file under it (hidden folders left out), then the folders that their local module
 * calls name, even outside it (`../modules/x/main.tf`). Paths are relative to `folder`, with
 * `/`; contents are bytes. The folder's `.checkov.yaml` is not read (give it as
 * `options.config` to `scan`). Throws an Error in the command line's words for a folder that
 * is not there (`infra: no such folder`) or cannot be read; in browsers and bundles it
 * throws, saying to give `scan` the files' contents.
 */
export declare function readFolder(folder: string, options?: ReadFolderOptions): Map<string, Uint8Array>;

/**
 * Scans `files` and renders the report as text in `options.output` (`"cli"` by default),
 * byte for byte what the command line prints, with its summary and stderr notices.
 */
export declare function scanToText(files: Files | Files[], options?: TextOptions): TextReport;

/**
 * Scans `files` (as `scan` does) and returns today's failures as the text of a baseline file
 * (`.checkov.baseline`, Checkov's shape): a later scan given it as `options.baseline` reports
 * only new failures.
 */
export declare function createBaseline(files: Files | Files[], options?: ScanOptions): string;

/** How `render` shows a report, as the command line's flags say it. */
export interface RenderOptions {
  /** `--compact`: leave out code blocks. */
  compact?: boolean;
  /** `--quiet`: failed checks only. */
  quiet?: boolean;
}

/**
 * `report` (one that `scan` or `Scanner#scan` returned in this program) in another format:
 * `"json"`, `"sarif"`, `"junitxml"`, `"csv"`, `"markdown"`, `"cli"` or
 * `"github_failed_only"`, byte for byte as `tfscan -o FORMAT` writes it. Options not given are
 * the scan's. Throws a TypeError for any other object.
 */
export declare function render(report: Report, format: OutputFormat, options?: RenderOptions): string;

/**
 * Files kept parsed between scans, for hosts that scan again as files change (an editor
 * plugin, a watcher): `update` parses a file only when its content changed, and `scan` runs
 * the checks over every file held. Each report equals `scan()` of the same files, in the order
 * they were first added.
 */
export declare class Scanner {
  /** `options` are used by every scan that gives none; they are checked here. */
  constructor(options?: ScanOptions);
  /** Adds or replaces a file (its text, or bytes); true when it was new or changed. */
  update(path: string, content: string | Uint8Array): boolean;
  /** Forgets a file; false when there was none. */
  remove(path: string): boolean;
  has(path: string): boolean;
  /** The paths held, in the order a scan reads them. */
  paths(): string[];
  readonly size: number;
  /** Scans every file held; `options`, when given, replace the scanner's for this scan. */
  scan(options?: ScanOptions): Report;
  /**
   * Frees the WebAssembly memory the scanner holds. Its methods then throw an Error saying that
   * this Scanner was freed; the reports it gave can still be rendered. Freeing again does
   * nothing.
   */
  free(): void;
}

/** Every check tfscan runs: ID, name, kind, resource types, severity, guideline, explanation. */
export declare function listChecks(): CheckInfo[];

/** tfscan's version, e.g. `0.1.0`. */
export declare function version(): string;

/** True for the files a scan reads: `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`. */
export declare function isTerraformFile(path: string): boolean;

/** The formats `render` and `scanToText` accept. */
export declare function outputFormats(): OutputFormat[];

/**
 * Reads the command line's flags (`process.argv.slice(2)`); throws an Error whose message is
 * what to print after `tfscan: ` when they cannot be run.
 */
export declare function parseCommandLine(argv: string[]): CommandLine;

/** `tfscan --help`. */
export declare function helpText(): string;

/** `tfscan --list`: one check a line, or a JSON array. */
export declare function checkListText(json: boolean): string;

/**
 * Where each of `formats` goes: null for the console or a file path, from
 * `--output-file-path` (a folder, or one entry per format).
 */
export declare function outputDestinations(
  formats: string[],
  outputFilePath?: string | null,
): (string | null)[];
