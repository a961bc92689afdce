/**
 * What an import may be: every input that can grow has a limit, checked before the work it
 * would cost starts, and refused with an error that says which limit and what to do.
 */
import { MAX_IMPORT_FILE_BYTES, MiB } from "../../shared/contract/limits";
import { ImportError } from "./import-types";

export const IMPORT_LIMITS = {
  /** any file, as it is on disk */
  fileBytes: MAX_IMPORT_FILE_BYTES,
  /** Markdown and plain text: what the parser reads in one go (about 2.5 million words) */
  textBytes: 16 * 1024 * 1024,
  /** a DOCX's text parts (document, styles, notes), unpacked: mammoth holds them whole, several times over */
  docxXmlBytes: 32 * 1024 * 1024,
  /** a DOCX unpacked, pictures included */
  docxAllBytes: 128 * 1024 * 1024,
  /** units one import creates (a folder: files it reads) */
  units: 25_000,
  /** block quotes and lists inside each other; the parsers recurse once a level */
  nesting: 100,
};

const n = (x: number) => x.toLocaleString("en-US");

export function checkFileSize(file: string, bytes: number, kind: "any" | "text"): void {
  if (bytes > IMPORT_LIMITS.fileBytes) {
    throw new ImportError(file, `is over ${MiB(IMPORT_LIMITS.fileBytes)} (${MiB(bytes)}), the largest file Quire imports`);
  }
  if (kind === "text" && bytes > IMPORT_LIMITS.textBytes) {
    throw new ImportError(file, `is over ${MiB(IMPORT_LIMITS.textBytes)} of text (${MiB(bytes)}), the most Quire imports from one Markdown or text file; split it into several files`);
  }
}

export function checkUnitCount(file: string, units: number): void {
  if (units > IMPORT_LIMITS.units) {
    throw new ImportError(file, `would make ${n(units)} units; Quire imports up to ${n(IMPORT_LIMITS.units)} at once (split at a higher heading level, or import it in parts)`);
  }
}

export function nestingError(file: string, depth: number, where: string): ImportError {
  return new ImportError(file, `${where} is nested ${n(depth)} levels deep; Quire reads up to ${IMPORT_LIMITS.nesting} levels of quotes, lists and tables`);
}
