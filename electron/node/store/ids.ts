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

/**
 * The longest start of `text` that fits in `maxBytes` of UTF-8, cut between graphemes (a letter
 * and its accents, an emoji and its joiners stay whole). File names are limited in bytes (255 on
 * Linux and macOS), and a title of 4-byte characters reaches that in 64 characters.
 */
export function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = "";
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) {
    const n = Buffer.byteLength(segment);
    if (bytes + n > maxBytes) break;
    out += segment;
    bytes += n;
  }
  return out;
}

/** Room left in a file name for what follows a title: " 999.quire", " (reading).docx", "-<id>.md". */
const TITLE_BYTES = 180;
const SLUG_BYTES = 120;

/** "L'Été — Part 1!" → "lete-part-1". Non-Latin titles keep their letters; empty results fall back. */
export function slugify(title: string, fallback = "untitled", maxLength = 48): string {
  const s = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  const cut = cutToBytes([...s].slice(0, maxLength).join(""), SLUG_BYTES).replace(/-+$/, "");
  return cut || fallback;
}

/** A folder or file name for a title that is safe on Windows, macOS and Linux. */
export function safeFileTitle(title: string, fallback = "Untitled", maxLength = 80): string {
  const s = title
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[. ]+$/, "");
  const cut = cutToBytes([...s].slice(0, maxLength).join(""), TITLE_BYTES).replace(/[. ]+$/, "");
  if (!cut || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cut)) return fallback;
  return cut;
}

/** Checks an id (from the contract or from a file) against the id grammar before it goes anywhere near a path. */
export function checkId(kind: "unit" | "bible entry" | "client", id: string): string {
  if (!entityId.safeParse(id).success) throw new InvalidIdError(kind, id);
  return id;
}

export function isValidId(id: string): boolean {
  return entityId.safeParse(id).success;
}
