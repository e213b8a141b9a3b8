// Share links: the files travel in the URL's fragment (after "#"), which browsers never send
// to a server. The fragment is "tf=" and the files as JSON ([[path, text], ...]), deflated
// and written in base64url.
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";

const PREFIX = "#tf=";

/** The fragment carrying `files` ([{ path, text }]); files that are not text are left out. */
export function shareFragment(files) {
  const pairs = files.filter((file) => typeof file.text === "string").map((f) => [f.path, f.text]);
  const packed = deflateSync(strToU8(JSON.stringify(pairs)), { level: 9 });
  return PREFIX + toBase64Url(packed);
}

/** The files of a share fragment, or null when `hash` is not one (or is damaged). */
export function filesFromFragment(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const pairs = JSON.parse(strFromU8(inflateSync(fromBase64Url(hash.slice(PREFIX.length)))));
    if (!Array.isArray(pairs)) return null;
    const files = [];
    for (const pair of pairs) {
      if (!Array.isArray(pair) || typeof pair[0] !== "string" || typeof pair[1] !== "string") {
        return null;
      }
      files.push({ path: pair[0], text: pair[1] });
    }
    return files;
  } catch {
    return null;
  }
}

function toBase64Url(bytes) {
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
