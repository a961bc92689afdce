import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { replyText, SECURITY_HEADERS } from "./security-headers";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

/** The path part of a request target, decoded; null when it is not a well-formed path. */
export function decodeRequestPath(target: string): string | null {
  const path = target.split(/[?#]/, 1)[0] ?? "";
  if (!path.startsWith("/")) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null; // a stray "%", a bad escape or bytes that are not UTF-8
  }
  // a NUL cuts a name short in some APIs; a backslash is a separator on Windows
  if (/[\0\\]/.test(decoded)) return null;
  return decoded;
}

/**
 * Serves the built renderer; anything outside its folder is a 404, never a file elsewhere on
 * disk, and a path that does not decode is a 400. Never throws: every outcome is a reply.
 */
export async function serveStatic(root: string, target: string, res: ServerResponse): Promise<void> {
  const clean = decodeRequestPath(target);
  if (clean === null) return replyText(res, 400, "Malformed request path.");
  const rel = clean === "/" ? "index.html" : clean.replace(/^\/+/, "");
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return replyText(res, 404, "Not found");
  let data: Buffer;
  try {
    data = await readFile(full);
  } catch {
    return replyText(res, 404, "Not found");
  }
  res.writeHead(200, { ...SECURITY_HEADERS, "content-type": TYPES[extname(full)] ?? "application/octet-stream", "content-length": data.length });
  res.end(data);
}
