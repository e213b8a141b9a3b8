// The package's API, the same for every entry point (index.cjs and index.js in Node,
// index.browser.js in browsers and bundlers): it wraps the WebAssembly glue that the entry
// point loaded. scripts/build writes a CommonJS copy of this file (wasm/api.cjs) for Node's
// `require`; keep this file free of imports, with `createApi` its only export.

/**
 * The API over `glue` (wasm-bindgen's exports). `loader.ensureLoaded()` makes the WebAssembly
 * ready or throws an Error saying what to do; `loader.init()` makes it ready asynchronously.
 */
export function createApi(glue, loader) {
  const { ensureLoaded } = loader;

  /**
   * How to render each report again in another format, by the report object scan() or
   * Scanner#scan() returned: a report is plain data, so render() finds its origin here.
   */
  const origins = new WeakMap();

  function scan(files, options) {
    ensureLoaded();
    const pinned = withToday(options);
    const report = glue.scan(files, pinned);
    const kept = copyOf(files);
    origins.set(report, (format, look) => glue.scanToText(kept, { ...pinned, ...look, output: format }).output);
    return report;
  }

  function render(report, format, options) {
    const again = report !== null && typeof report === "object" ? origins.get(report) : undefined;
    if (again === undefined) {
      throw new TypeError(
        "render(report, format): the report must be one that scan() or Scanner#scan() returned " +
          "in this program (a report read back from JSON cannot be rendered again): scan the " +
          "files again, or use scanToText(files, { output: format })",
      );
    }
    const formats = outputFormats();
    if (!formats.includes(format)) {
      throw new Error(
        `render: unknown format ${JSON.stringify(format)}; use one of ${formats.map((name) => JSON.stringify(name)).join(", ")}`,
      );
    }
    return again(format, renderOptions(options));
  }

  /** Files kept parsed between scans: only the files that changed are parsed again. */
  class Scanner {
    #workspace;
    /** Path to content, in the order the workspace holds them, to render older reports. */
    #files = new Map();
    #options;
    /** Counts updates that changed something, so a report knows whether it is still current. */
    #changes = 0;
    #lastReport = null;

    constructor(options) {
      ensureLoaded();
      this.#workspace = new glue.Workspace(options);
      this.#options = options;
    }

    /** The WebAssembly workspace, or a clear Error once the scanner was freed. */
    #live(method) {
      if (this.#workspace === undefined) {
        throw new Error(
          `Scanner#${method}: this Scanner was freed (free() was called); make a new Scanner to scan again`,
        );
      }
      return this.#workspace;
    }

    update(path, content) {
      const workspace = this.#live("update");
      if (typeof path !== "string") {
        throw new TypeError(`Scanner#update(path, content): path must be a string, got ${typeof path}`);
      }
      const changed = workspace.update(path, content);
      if (changed) this.#changes += 1;
      this.#files.set(path, content);
      return changed;
    }

    remove(path) {
      const removed = this.#live("remove").remove(String(path));
      if (removed) {
        this.#files.delete(String(path));
        this.#changes += 1;
      }
      return removed;
    }

    has(path) {
      this.#live("has");
      return this.#files.has(path);
    }

    paths() {
      this.#live("paths");
      return [...this.#files.keys()];
    }

    get size() {
      this.#live("size");
      return this.#files.size;
    }

    scan(options) {
      const live = this.#live("scan");
      const pinned = withToday(options === undefined ? this.#options : options);
      const report = live.scan(pinned);
      const changes = this.#changes;
      const workspace = this.#workspace;
      const files = new Map(this.#files);
      origins.set(report, (format, look) => {
        // The scanner's latest report is rendered from the scan's result; an older one (or one
        // of a scanner since freed) is scanned again from the files it was made of.
        const current = this.#lastReport === report && this.#changes === changes && this.#workspace;
        if (current) {
          return workspace.renderLast(format, look.compact ?? pinned?.compact ?? false, look.quiet ?? pinned?.quiet ?? false);
        }
        return glue.scanToText(files, { ...pinned, ...look, output: format }).output;
      });
      this.#lastReport = report;
      return report;
    }

    /**
     * Frees the WebAssembly memory the scanner holds; it cannot be used afterwards (its methods
     * throw), but reports it gave can still be rendered. Freeing again does nothing.
     */
    free() {
      this.#workspace?.free();
      this.#workspace = undefined;
      this.#lastReport = null;
    }
  }
  if (typeof Symbol.dispose === "symbol") {
    Scanner.prototype[Symbol.dispose] = Scanner.prototype.free;
  }

  let formatNames;
  function outputFormats() {
    ensureLoaded();
    formatNames ??= glue.formatNames();
    return [...formatNames];
  }

  /** A function of the glue that needs the WebAssembly ready. */
  const ready =
    (name) =>
    (...args) => {
      ensureLoaded();
      return glue[name](...args);
    };

  return {
    init: loader.init,
    // Node's entries read folders from disk (lib/folder.cjs); elsewhere it says why it cannot.
    readFolder: loader.readFolder ?? readFolderNeedsNode,
    scan,
    scanToText: ready("scanToText"),
    createBaseline: ready("createBaseline"),
    render,
    Scanner,
    listChecks: ready("listChecks"),
    version: ready("version"),
    isTerraformFile: ready("isTerraformFile"),
    outputFormats,
    parseCommandLine: ready("parseCommandLine"),
    helpText: ready("helpText"),
    checkListText: ready("checkListText"),
    outputDestinations: ready("outputDestinations"),
  };
}

/** `readFolder` where there is no file system to read (browsers, bundles). */
function readFolderNeedsNode() {
  throw new Error(
    "readFolder reads a folder from disk, which only Node can do: here, give scan() the files' " +
      "contents (path to text or bytes), e.g. from a dropped folder or a zip",
  );
}

/**
 * `options` with `today` set (the clock's date in UTC) when it is not, so that rendering the
 * report again later uses the day it was scanned on. Anything that is not an options object
 * is left as it is, for the scan to refuse with its own message.
 */
function withToday(options) {
  if (options === undefined || options === null) return { today: todayUtc() };
  if (typeof options !== "object" || Array.isArray(options) || options.today !== undefined) {
    return options;
  }
  return { ...options, today: todayUtc() };
}

function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}

/** A shallow copy of the files a scan was given, so later changes to them do not show. */
function copyOf(files) {
  if (files instanceof Map) return new Map(files);
  if (Array.isArray(files)) return files.map(copyOf);
  return { ...files };
}

/** render()'s options: only how a report is shown, as the command line's flags say it. */
function renderOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`render: options must be an object such as { compact: true }, got ${typeof options}`);
  }
  const look = {};
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (name !== "compact" && name !== "quiet") {
      throw new Error(`render: options.${name}: unknown option; the options are compact, quiet`);
    }
    if (typeof value !== "boolean") {
      throw new TypeError(`render: options.${name}: expected true or false, got ${typeof value}`);
    }
    look[name] = value;
  }
  return look;
}
