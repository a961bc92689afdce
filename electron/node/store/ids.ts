/** Ids and file names. Ids are random, short and never reused; file names are chosen once and kept. */
import { createHash, randomBytes } from "node:crypto";
import { entityId } from "../../shared/contract/common";
import { InvalidIdError } from "./errors";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

export function newId(prefix: string): string {
  const bytes = randomBytes(10);
  let s = "";
  for (const b of bytes) s += ALPHABET[b % 36];
  return `${prefix}${s}`;
}

/** An id for a file that has none (a Markdown file dropped into manuscript/ by hand), stable across opens. */
export function idForFileName(prefix: string, fileName: string): string {
  return `${prefix}${createHash("sha256").update(fileName).digest("hex").slice(0, 12)}`;
}

export function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** "L'Été — Part 1!" → "lete-part-1". Non-Latin titles keep their letters; empty results fall back. */
export function slugify(title: string, fallback = "untitled", maxLength = 48): string {
  const s = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  const cut = [...s].slice(0, maxLength).join("").replace(/-+$/, "");
  return cut || fallback;
}

/** A folder or file name for a title that is safe on Windows, macOS and Linux. */
export function safeFileTitle(title: string, fallback = "Untitled", maxLength = 80): string {
  const s = title
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[. ]+$/, "");
  const cut = [...s].slice(0, maxLength).join("").trim();
  if (!cut || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cut)) return fallback;
  return cut;
}

/** Checks an id (from the contract or from a file) against the id grammar before it goes anywhere near a path. */
export function checkId(kind: "unit" | "bible entry", id: string): string {
  if (!entityId.safeParse(id).success) throw new InvalidIdError(kind, id);
  return id;
}

export function isValidId(id: string): boolean {
  return entityId.safeParse(id).success;
}
