/**
 * DOCX import through mammoth: headings split units, emphasis, links, quotes, lists, footnotes
 * and scene breaks are kept. Word styles Quire's own export writes (Scene Break, Quote, Synopsis,
 * Note, Title) are mapped back, so an exported manuscript imports as the same units.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import mammoth from "mammoth";
import { ImportError, type ImportOptions, type ImportPreview } from "./import-types";
import { precheckDocx } from "./docx-precheck";
import { markHorizontalRules } from "./docx-rules";
import { htmlToDoc, NestingError } from "./html-to-doc";
import { checkFileSize, checkUnitCount, nestingError } from "./import-limits";
import { depthOf, finishUnits, levelNamesFor, splitAtHeadings } from "./split-units";

const STYLE_MAP = [
  "p[style-name='Title'] => p.doc-title:fresh",
  "p[style-name='Subtitle'] => p.title-info:fresh",
  "p[style-name='Title Page Info'] => p.title-info:fresh",
  "p[style-name='Scene Break'] => p.scene-break:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "p[style-name='Synopsis'] => p.synopsis:fresh",
  "p[style-name='Note'] => p.unit-note:fresh",
  "p[style-name='First Paragraph'] => p:fresh",
  "p[style-name='Body Text'] => p:fresh",
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Checks the container before mammoth sees it, so the error says what the file really is. */
export function checkDocxBytes(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) throw new ImportError(file, "is empty");
  if (startsWith(bytes, OLE)) {
    throw new ImportError(file, "is password-protected (encrypted) or an old-style .doc file; open it in Word, remove the password or save as .docx, and import again");
  }
  if (!startsWith(bytes, ZIP)) throw new ImportError(file, "is not a DOCX file (it is damaged or in another format)");
}

// pictures become their alt text (html-to-doc); never reading their bytes keeps them out of memory
const altTextOnly = mammoth.images.imgElement(async () => ({ src: "" }));

export async function previewDocxBytes(bytes: Uint8Array, source: string, options: ImportOptions = {}): Promise<ImportPreview> {
  checkFileSize(source, bytes.length, "any");
  checkDocxBytes(bytes, source);
  precheckDocx(bytes, source);
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const marked = await markHorizontalRules(bytes);
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(marked.buffer, marked.byteOffset, marked.byteLength) },
      { styleMap: STYLE_MAP, includeDefaultStyleMap: true, ignoreEmptyParagraphs: true, convertImage: altTextOnly },
    );
    html = result.value;
    messages = result.messages;
  } catch (e) {
    throw new ImportError(source, `could not be read as DOCX (${e instanceof Error ? e.message : String(e)}); it may be damaged`);
  }
  let parsed: ReturnType<typeof htmlToDoc>;
  try {
    parsed = htmlToDoc(html);
  } catch (error) {
    if (error instanceof NestingError) throw nestingError(source, error.depth, "a table, list or quote in it");
    throw error;
  }
  const { doc, meta } = parsed;
  const language = options.language ?? "en";
  const splitLevel = options.splitLevel ?? 2;
  const fallback = basename(source, extname(source)) || "Untitled";
  const { drafts, footnotes, splitFound, bookTitle } = splitAtHeadings(doc, splitLevel, options.title ?? (meta.title || fallback));
  const title = options.title ?? (meta.title || bookTitle || fallback);
  checkUnitCount(source, drafts.length);
  const notes: string[] = [];
  if (!splitFound) notes.push(`No headings of level ${splitLevel} or above (Word styles Heading 1-${splitLevel}): the whole document is one unit.`);
  const warnings = messages.filter((m) => m.type === "warning" && !/Unrecognised paragraph style/.test(m.message));
  if (warnings.length) notes.push(...warnings.slice(0, 5).map((m) => `DOCX reader: ${m.message}`));
  const units = finishUnits(drafts, footnotes, language);
  const depth = depthOf(units);
  // "by Author" from a Quire title page
  const byLine = meta.titleInfo.find((l) => /^by\s+/i.test(l));
  const author = options.author ?? (byLine ? byLine.replace(/^by\s+/i, "") : "");
  return { source, format: "docx", title, author, language, units, levels: levelNamesFor(depth), notes };
}

export async function previewDocxFile(file: string, options: ImportOptions = {}): Promise<ImportPreview> {
  const size = await stat(file).then((s) => s.size, () => 0);
  checkFileSize(file, size, "any");
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new ImportError(file, `cannot be read (${e.code ?? e.message})`);
  });
  return previewDocxBytes(bytes, file, options);
}
