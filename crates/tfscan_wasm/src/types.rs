//! The TypeScript types of what the API takes and returns, written into the generated `.d.ts`.
//! `Report` mirrors the core's JSON renderer (`tfscan_core::render::json`): change both together.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/**
 * Files to scan: path (relative to the scanned folder, `/`-separated; a local module outside
 * it as `../modules/x/main.tf`) to the file's text or bytes, in the order a folder walk gives.
 */
export type Files = Record<string, string | Uint8Array> | Map<string, string | Uint8Array>;

/** What to run, as the command line's flags say it. */
export interface ScanOptions {
  /** `--check`: only these check IDs (an array, or one comma-separated string). */
  check?: string[] | string;
  /** `--skip-check`: never these check IDs. */
  skipCheck?: string[] | string;
  /** `--var-file`: keys of `files` holding extra variable values, applied in order. */
  varFile?: string[] | string;
  /**
   * `--skip-path`: regular expressions (one per item: a comma is part of the pattern). A file
   * whose path, or the path of a folder holding it, they match is not scanned (it is listed
   * in `skipped_files`), unless a scanned file calls its folder as a local module. Paths are
   * matched as `/` + the path from where the scan ran: `/envs/dev/main.tf`, or
   * `/infra/envs/dev/main.tf` with `roots: ["infra"]`.
   */
  skipPath?: string[] | string;
  /**
   * `--unresolved-null-variables`: a variable whose value is null is unknown, as Checkov reads
   * it (by default null means "not set", as in Terraform).
   */
  unresolvedNullVariables?: boolean;
  /** `--compact`: leave out code blocks. */
  compact?: boolean;
  /** `--quiet`: failed checks only. */
  quiet?: boolean;
  /** `--ignore-inline-skips`: apply no `checkov:skip` / `tfsec:ignore` / `trivy:ignore` comment. */
  ignoreInlineSkips?: boolean;
  /**
   * Today as `YYYY-MM-DD` (by default the clock's date in UTC): suppression comments expire by
   * it, and the Markdown report shows it.
   */
  today?: string;
  /**
   * `--limit NAME=VALUE`: raise (or lower) how far a scan goes before it stops and says so.
   * Defaults: maxFiles 100000, maxFileBytes 16777216, maxNesting 128, maxEvaluationDepth 128,
   * maxStringBytes 1048576, maxExpansion 10000, maxModuleDepth 32, maxEvaluationSteps
   * 20000000 (see the README's limitations).
   */
  limits?: Partial<Record<
    | "maxFiles"
    | "maxFileBytes"
    | "maxNesting"
    | "maxEvaluationDepth"
    | "maxStringBytes"
    | "maxExpansion"
    | "maxModuleDepth"
    | "maxEvaluationSteps",
    number
  >>;
  /** `--soft-fail`: failures leave `exitCode` 0, unless `hardFailOn` names them. */
  softFail?: boolean;
  /** `--soft-fail-on`: check IDs, wildcards (`CKV_AWS_*`) and severities (`LOW`: LOW and
   * below) whose failures leave `exitCode` 0; any other failure makes it 1. */
  softFailOn?: string[] | string;
  /** `--hard-fail-on`: check IDs, wildcards and severities (`HIGH`: HIGH and above) whose
   * failures make `exitCode` 1; other failures leave it 0. */
  hardFailOn?: string[] | string;
  /** `--baseline`: the key of `files` holding a `.checkov.baseline`; only failures it does not
   * hold are reported (and passed, skipped or unknown findings of what it holds). */
  baseline?: string;
  /** `--output-baseline-as-skipped`: failures the baseline holds are reported as skipped. */
  outputBaselineAsSkipped?: boolean;
  /**
   * The text of a Checkov configuration file (`.checkov.yaml`). It, then a `.checkov.yml` and a
   * `.checkov.yaml` among the (first) files, set the options not given here, as on the command
   * line flags override the file.
   */
  config?: string;
  /**
   * The scanned folder of each file set (`files`, or `files[i]`), as the command line was
   * given it (`infra`, `.`, with `/`): reports then name files from where the scan ran (SARIF
   * locations, `repo_file_path`: `infra/main.tf`) rather than from the folder (`/main.tf`).
   */
  roots?: string[];
  /** Where the scan ran, as an absolute path (with `roots`): `file_abs_path` is then absolute. */
  cwd?: string;
  /**
   * `--external-checks-dir`: custom policies in Checkov's YAML (or JSON) format, path to text
   * (`{ "policies/tags.yaml": "metadata: ..." }`). They run beside the built-in checks; a
   * file that cannot be read is listed in the report's `custom_policy_problems` (and in
   * `scanToText`'s notices), and the others still run. A `.py` path is reported as a Python
   * check tfscan does not run.
   */
  customPolicies?: Record<string, string> | Map<string, string>;
}

/** The command line's `-o` formats. */
export type OutputFormat =
  | "cli"
  | "json"
  | "sarif"
  | "junitxml"
  | "csv"
  | "markdown"
  | "github_failed_only";

/** `scanToText`'s options: a scan's, and the text format. */
export interface TextOptions extends ScanOptions {
  /** `-o`: `"cli"` (the default) or another format, as the command line renders it. */
  output?: OutputFormat;
}

/** The command line's flags, as `parseCommandLine` reads them. */
export interface CommandLine {
  command: "scan" | "list" | "help" | "version";
  /** `-d` and `-f`, in the order given. */
  targets: ({ directory: string } | { file: string })[];
  /** `-o`, in the order given; `["cli"]` when none is. */
  formats: OutputFormat[];
  /** `--output-file-path`, as given: see `outputDestinations`. */
  outputFilePath: string | null;
  check: string[];
  skipCheck: string[];
  /** `--skip-path`, as given: the host leaves what they match out of each `-d` folder's walk. */
  skipPath: string[];
  /** `--var-file`, as given. */
  varFile: string[];
  /**
   * `--download-external-modules true`: the host also reads the modules `terraform init`
   * installed (`.terraform/modules/modules.json` and the folders it names).
   */
  externalModules: boolean;
  unresolvedNullVariables: boolean;
  ignoreInlineSkips: boolean;
  softFail: boolean;
  softFailOn: string[];
  hardFailOn: string[];
  compact: boolean;
  quiet: boolean;
  /** `--config-file`, as given. */
  configFile: string | null;
  /** `--external-checks-dir`, as given: folders of custom policies to read. */
  externalChecksDir: string[];
  /** `--baseline`, as given. */
  baseline: string | null;
  createBaseline: boolean;
  outputBaselineAsSkipped: boolean;
  /** With `--create-baseline`: each baseline file to write, the indexes of the targets it
   * covers, and what to print once it is written. */
  baselineFiles: { path: string; targets: number[]; notice: string }[];
  /** The configuration files read, highest priority first. */
  configFiles: string[];
  /** What to print on stderr about the configuration files (keys ignored). */
  notices: string[];
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  unknown: number;
  /** Files that did not parse, each counted once (Checkov's count). */
  parsing_errors: number;
  resource_count: number;
}

export interface TextReport {
  /** The report as the command line prints it. */
  output: string;
  summary: Summary;
  /** What the command line prints on stderr: configuration keys ignored, files that did not
   * parse, custom policies that could not be read, --check, --skip-check, --soft-fail-on and
   * --hard-fail-on entries that match no check, the baseline compared with. */
  notices: string[];
  /** The command line's exit code: 1 when a failure fails the run (see `softFail`,
   * `softFailOn`, `hardFailOn`), else 0. */
  exitCode: 0 | 1;
}

export type Outcome = "PASSED" | "FAILED" | "SKIPPED" | "UNKNOWN";

/** One check's answer on one resource, in Checkov's JSON shape. */
export interface CheckResult {
  check_id: string;
  bc_check_id: null;
  check_name: string;
  check_result: { result: Outcome; suppress_comment?: string; evaluated_keys: string[] };
  /** `[line number, "text\n"]` pairs, or null with `compact` and for passed checks. */
  code_block: [number, string][] | null;
  /** Relative to the scanned folder, with a leading `/`. */
  file_path: string;
  file_abs_path: string;
  repo_file_path: string;
  /** 1-based first and last line of the block. */
  file_line_range: [number, number];
  /** `aws_s3_bucket.logs`; data sources without `data.`. */
  resource: string;
  evaluations: null;
  check_class: string;
  fixed_definition: null;
  entity_tags: null;
  caller_file_path: string | null;
  caller_file_line_range: [number, number] | null;
  resource_address: null;
  /** A custom policy's severity is its metadata's (`INFO` too), or null when it gives none. */
  severity: "INFO" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL" | null;
  bc_category: null;
  benchmarks: null;
  /** What the check checks; null for a custom policy. */
  description: string | null;
  short_description: null;
  vulnerability_details: null;
  connected_node: null;
  /** A custom policy's guideline is its metadata's, or null when it gives none. */
  guideline: string | null;
  details: string[];
  check_len: null;
  definition_context_file_path: string;
}

/** One problem that kept a file from being scanned (`parsing_error_details`). */
export interface ParsingError {
  /** Relative to the scanned folder, with a leading `/`. */
  file_path: string;
  /** Absolute where the scanned folder is known (`roots` and `cwd`), else the path as given. */
  file_abs_path: string;
  /** 1-based line and column (in characters) of the problem. */
  line: number;
  column: number;
  message: string;
}

export interface UnscannedModule {
  module: string;
  source: string;
  file_path: string;
  file_line_range: [number, number];
  reason: string;
}

/** The report, exactly as `tfscan -o json` prints it (Checkov's shape plus tfscan's additions). */
export interface Report {
  check_type: "terraform";
  results: {
    passed_checks: CheckResult[];
    failed_checks: CheckResult[];
    skipped_checks: CheckResult[];
    unknown_checks: CheckResult[];
    /** Checkov's shape: the path of each file that did not parse, once (absolute where the
     * scanned folder is known: `roots` and `cwd`). The details are in `parsing_error_details`. */
    parsing_errors: string[];
  };
  summary: Summary & {
    /** Files given to the scan; scanned and skipped add up to it. */
    files_read: number;
    files_scanned: number;
    files_skipped: number;
    tfscan_version: string;
  };
  /** Each problem that kept a file from being scanned: where, and what was expected. */
  parsing_error_details: ParsingError[];
  /** Files not scanned, with why: not Terraform, past a limit, or a parsing error. */
  skipped_files: { file_path: string; reason: string }[];
  /** Limits that stopped part of the scan: the values they stopped are unknown. */
  limits_reached: { file_path: string; line: number; message: string }[];
  unscanned_modules: UnscannedModule[];
  /** Suppression comments that name an unknown check, silence nothing or have expired. */
  suppression_notes: SuppressionNote[];
  /** Blocks whose `count` is 0 or whose `for_each` is empty: they create nothing. */
  not_created: NotCreated[];
  /** Custom policy files that could not be read (present only when there are some). */
  custom_policy_problems?: CustomPolicyProblem[];
}

export interface CustomPolicyProblem {
  /** The policy file, as `customPolicies` (or `--external-checks-dir`) named it. */
  file_path: string;
  /** 1-based; 0 when the problem has no line. */
  line: number;
  /** 1-based; 0 when only the line is known. */
  column: number;
  message: string;
}

export interface SuppressionNote {
  file_path: string;
  /** 1-based line of the comment. */
  line: number;
  /** The check as the comment names it (`CKV_AWS_20`, `aws-s3-block-public-acls`, `CKV_AWS_*`). */
  check: string;
  problem: "unknown_check" | "matched_nothing" | "expired" | "wildcard";
}

export interface NotCreated {
  /** `aws_s3_bucket.logs`, `module.app.aws_lb.this`, or a module call `module.app`. */
  resource: string;
  file_path: string;
  file_line_range: [number, number];
  reason: string;
}

/** One check, as `listChecks` describes it. */
export interface CheckInfo {
  id: string;
  name: string;
  kind: "resource" | "data" | "provider";
  resourceTypes: string[];
  severity: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
  guideline: string;
  explanation: {
    /** What is checked. */
    what: string;
    /** Why it matters. */
    why: string;
    /** How to fix it. */
    fix: string;
    /** The fixed Terraform. */
    fixed: string;
  };
}
"#;
