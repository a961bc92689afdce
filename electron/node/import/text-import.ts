/**
 * Plain text: paragraphs are separated by blank lines (or, in a file with no blank lines, are
 * single lines); "Part …" / "Chapter …" lines (and Prologue, Epilogue) become headings that
 * split units; lines of only *, #, ~ or § are scene breaks. The text is taken literally:
 * nothing in it is read as Markdown.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { JSONContent } from "@tiptap/core";
import { normalizeDoc } from "../../shared/markdown/normalize";
import { ImportError, type ImportOptions, type ImportPreview } from "./import-types";
import { checkFileSize, checkUnitCount } from "./import-limits";
import { depthOf, finishUnits, levelNamesFor, splitAtHeadings } from "./split-units";
import { decodeUtf8Strict } from "./utf8";

const PART = /^(part|book)\b[\s\S]{0,80}$/i;
const CHAPTER = /^(chapter|prologue|epilogue|interlude)\b[\s\S]{0,80}$/i;
const SCENE_BREAK = /^\s*(?:[*#~§]\s*){1,5}$/;

export function textToDoc(text: string): JSONContent {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const blankSeparated = lines.some((l) => l.trim() === "");
  const blocks: JSONContent[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ type: "paragraph", content: [{ type: "text", text: para.join(" ") }] });
    para = [];
  };
  const hasParts = lines.some((l) => PART.test(l.trim()));
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") {
      flush();
      continue;
    }
    if (SCENE_BREAK.test(line)) {
      flush();
      blocks.push({ type: "horizontalRule" });
      continue;
    }
    const isPart = PART.test(line);
    const isChapter = CHAPTER.test(line);
    if ((isPart || isChapter) && para.length === 0) {
      blocks.push({ type: "heading", attrs: { level: isPart ? 1 : hasParts ? 2 : 1 }, content: [{ type: "text", text: line }] });
      continue;
    }
    para.push(line);
    if (!blankSeparated) flush();
  }
  flush();
  return normalizeDoc({ type: "doc", content: blocks });
}

export async function previewTextFile(file: string, options: ImportOptions = {}): Promise<ImportPreview> {
  checkFileSize(file, await stat(file).then((s) => s.size, () => 0), "text");
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new ImportError(file, `cannot be read (${e.code ?? e.message})`);
  });
  const text = decodeUtf8Strict(bytes, file);
  const language = options.language ?? "en";
  const title = options.title ?? (basename(file, extname(file)) || "Untitled");
  const doc = textToDoc(text);
  const { drafts, footnotes, splitFound } = splitAtHeadings(doc, options.splitLevel ?? 2, title);
  checkUnitCount(file, drafts.length);
  const units = finishUnits(drafts, footnotes, language);
  const depth = depthOf(units);
  return {
    source: file,
    format: "txt",
    title,
    author: options.author ?? "",
    language,
    units,
    levels: levelNamesFor(depth),
    notes: splitFound ? [] : ["No Part or Chapter lines: the whole text is one unit."],
  };
}
