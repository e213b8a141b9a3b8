// Where Node's time goes in a scan through the npm package (scripts/bench runs this): loading
// the WebAssembly, reading the files, parsing them, the checks, rendering the report and
// bringing it across into JavaScript. Prints one line of JSON: milliseconds, wall and CPU.
// V8 runs the module as the package's `tfscan` command does (pkg/bin/tfscan.mjs): with its
// baseline compiler only.
// Usage: node scripts/lib/node-breakdown.mjs PKG_DIR FOLDER
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--liftoff-only");

const [pkg, folder] = process.argv.slice(2);
const times = {};

/** Runs `work`, notes its wall and CPU milliseconds under `name`, returns its result. */
function timed(name, work) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(cpu);
  times[name] = {
    wall: Math.round(performance.now() - wall),
    cpu: Math.round((used.user + used.system) / 1000),
  };
  return result;
}

const tfscan = timed("load WebAssembly (compile, instantiate)", () =>
  createRequire(import.meta.url)(resolve(pkg, "index.cjs")),
);

const files = timed("read the files", () => {
  const read = new Map();
  const walk = (directory, relative) => {
    const entries = readdirSync(directory, { withFileTypes: true });
    entries.sort((left, right) => Buffer.compare(Buffer.from(left.name), Buffer.from(right.name)));
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".")) walk(join(directory, entry.name), path);
      } else if (/\.(tf|tfvars)(\.json)?$/.test(entry.name)) {
        read.set(path, readFileSync(join(directory, entry.name)));
      }
    }
  };
  walk(folder, "");
  return read;
});

const options = { compact: true, today: "2026-01-01" };
const text = timed("scanToText -o json (files in, scan, render, text out)", () =>
  tfscan.scanToText(files, { ...options, output: "json" }),
);
const scanner = new tfscan.Scanner(options);
timed("Scanner: files in and parsed", () => {
  for (const [path, bytes] of files) scanner.update(path, bytes);
});
timed("Scanner: scan of parsed files (checks, JSON render, JSON.parse)", () => scanner.scan());
timed("the same, again (its functions compiled)", () => scanner.scan());
const bytes = Buffer.from(text.output);
timed(`bringing the ${(bytes.length / 1e6).toFixed(1)} MB report across as text (UTF-8 decode)`, () =>
  new TextDecoder().decode(bytes),
);
timed("JSON.parse of the report", () => JSON.parse(text.output));
scanner.free();
process.stdout.write(`${JSON.stringify({ files: files.size, times })}\n`);
