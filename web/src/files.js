// Collecting files: the pickers, dropped files and folders, and .zip archives (unpacked here,
// in the browser, within limits). Every file comes out as { path, text } when it is UTF-8, or
// { path, bytes } when it is not (the scanner then reports it as the command line does).
import { unzipSync } from "fflate";

/** Folders never read (tool caches, not configuration). */
const SKIPPED_FOLDERS = new Set([".terraform", ".git", "node_modules"]);
/** The names a scan may read; the scanner itself decides in the end (isTerraformFile). */
const TERRAFORM_NAME = /(\.(tf|tfvars)(\.json)?|(^|\/)\.checkov\.ya?ml)$/i;

/** Limits on what one drop or archive may bring in. */
export const LIMITS = { files: 5000, bytes: 64 * 1024 * 1024 };

export class TooMuch extends Error {}

/** Files under dropped items ({ path, file } for each), folders walked depth first. */
export async function droppedFiles(dataTransfer) {
  const entries = [...dataTransfer.items]
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry?.())
    .filter(Boolean);
  const found = [];
  for (const entry of entries) await collectEntry(entry, found);
  // Without entries (a drag source that gives none) the plain files still work.
  if (entries.length === 0) {
    for (const file of dataTransfer.files) found.push({ path: file.name, file });
  }
  return found;
}

async function collectEntry(entry, into) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    into.push({ path: entry.fullPath, file });
  } else if (entry.isDirectory && !SKIPPED_FOLDERS.has(entry.name)) {
    const reader = entry.createReader();
    // readEntries answers in batches until it answers with none.
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await collectEntry(child, into);
    }
  }
}

/** Files chosen with a file input ({ path, file } for each). */
export function pickedFiles(input) {
  const picked = [...input.files].map((file) => ({
    path: file.webkitRelativePath || file.name,
    file,
  }));
  input.value = "";
  return picked;
}

/**
 * Reads { path, file } items into { path, text | bytes }: Terraform files as they are, .zip
 * archives unpacked. Throws TooMuch past LIMITS. Paths are made relative to the one folder
 * they all sit in, as the command line names files relative to the folder it scans.
 */
export async function readFiles(items) {
  const read = [];
  const seen = new Set();
  const repeated = [];
  let bytes = 0;
  const add = (path, data) => {
    const parts = path.split("/").filter((part) => part && part !== ".");
    if (parts.length === 0 || parts.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part))) return;
    if (!TERRAFORM_NAME.test(parts[parts.length - 1])) return;
    // Two files of one name (the file picker gives names, not folders): the first is kept and
    // the person is told, rather than one silently replacing the other.
    const key = parts.join("/");
    if (seen.has(key)) {
      repeated.push(key);
      return;
    }
    seen.add(key);
    bytes += data.length;
    if (read.length + 1 > LIMITS.files) {
      throw new TooMuch(`more than ${LIMITS.files} Terraform files: only the first were kept`);
    }
    if (bytes > LIMITS.bytes) {
      throw new TooMuch(
        `more than ${LIMITS.bytes >> 20} MB of Terraform: only the first files were kept`,
      );
    }
    read.push({ parts, data });
  };

  let stopped = null;
  try {
    for (const { path, file } of items) {
      if (/\.zip$/i.test(path)) {
        unzip(new Uint8Array(await file.arrayBuffer()), path, add);
      } else if (TERRAFORM_NAME.test(path)) {
        add(path, new Uint8Array(await file.arrayBuffer()));
      }
    }
  } catch (error) {
    if (!(error instanceof TooMuch)) throw error;
    stopped = error.message;
  }
  const left =
    repeated.length === 0
      ? null
      : `${repeated.length === 1 ? "A second file" : `${repeated.length} more files`} named ` +
        `${[...new Set(repeated)].join(", ")} left out: files chosen one by one carry no ` +
        "folder, so open or drop the folder instead.";

  const first = read[0]?.parts[0];
  const oneFolder =
    read.length > 0 && read.every(({ parts }) => parts.length > 1 && parts[0] === first);
  const files = read.map(({ parts, data }) => ({
    path: (oneFolder ? parts.slice(1) : parts).join("/"),
    ...decode(data),
  }));
  return { files, folder: oneFolder ? first : null, stopped, repeated: left };
}

/** Unpacks the Terraform files of a .zip, within the limits, into `add(path, bytes)`. */
function unzip(archive, name, add) {
  let count = 0;
  let declared = 0;
  const folder = name.split("/").filter(Boolean).slice(0, -1).join("/");
  let entries;
  try {
    entries = unzipSync(archive, {
      // Decides from the archive's directory, before anything is inflated.
      filter(entry) {
        if (!TERRAFORM_NAME.test(entry.name)) return false;
        count += 1;
        declared += entry.originalSize;
        if (count > LIMITS.files) {
          throw new TooMuch(`${name} holds more than ${LIMITS.files} Terraform files: not opened`);
        }
        if (declared > LIMITS.bytes) {
          throw new TooMuch(`${name} unpacks to more than ${LIMITS.bytes >> 20} MB: not opened`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof TooMuch) throw error;
    throw new TooMuch(`${name} could not be unpacked (${error.message})`);
  }
  for (const [path, data] of Object.entries(entries)) {
    add(folder ? `${folder}/${path}` : path, data);
  }
}

// ignoreBOM keeps a leading byte-order mark in the text, so the scanner sees the file as it is.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** { text } for UTF-8, else { bytes }. */
function decode(data) {
  try {
    return { text: utf8.decode(data) };
  } catch {
    return { bytes: data };
  }
}
