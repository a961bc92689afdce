/** Markdown import: one file split at headings, or a folder of files, one unit per file. */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { parseMarkdown } from "../../shared/markdown/markdown-codec";
import { ImportError, type ImportOptions, type ImportPreview } from "./import-types";
import { boundedAll } from "../bounded-all";
import { checkFileSize, checkUnitCount, IMPORT_LIMITS, nestingError } from "./import-limits";
import { countSplittingHeadings, deepestMarkdownLine } from "./markdown-nesting";
import { depthOf, finishUnits, levelNamesFor, splitAtHeadings, type UnitDraft } from "./split-units";
import { decodeUtf8Strict } from "./utf8";

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function readFrontMatter(text: string): { data: Record<string, unknown>; rest: string } {
  const m = FRONT_MATTER.exec(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  if (!m) return { data: {}, rest: text };
  try {
    const data = parseYaml(m[1] ?? "");
    if (data && typeof data === "object" && !Array.isArray(data)) return { data: data as Record<string, unknown>, rest: text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").slice(m[0].length) };
  } catch {
    // not YAML after all: a thematic break followed by text; keep everything
  }
  return { data: {}, rest: text };
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : Array.isArray(v) && typeof v[0] === "string" ? v[0].trim() : "");
const fileTitle = (file: string) => basename(file, extname(file)).replace(/^\d+[-_. ]+/, "").replace(/[-_]+/g, " ").trim() || "Untitled";

/** Refuses text the parsers would recurse too deep into (a stack overflow, or seconds and gigabytes in marked). */
function checkNesting(text: string, source: string): void {
  const deepest = deepestMarkdownLine(text.replace(/\r\n?/g, "\n"));
  if (deepest.depth > IMPORT_LIMITS.nesting) throw nestingError(source, deepest.depth, `line ${deepest.line}`);
}

export function previewMarkdownText(text: string, source: string, options: ImportOptions = {}): ImportPreview {
  checkFileSize(source, Buffer.byteLength(text), "text");
  checkNesting(text, source);
  const { data, rest } = readFrontMatter(text);
  const language = options.language ?? (str(data.lang) || str(data.language) || "en");
  const splitLevel = options.splitLevel ?? 2;
  // before parsing: 200,000 headings take the parser seconds to find
  checkUnitCount(source, countSplittingHeadings(rest.replace(/\r\n?/g, "\n"), splitLevel));
  const doc = parseMarkdown(rest);
  const { drafts, footnotes, splitFound, bookTitle } = splitAtHeadings(doc, splitLevel, options.title ?? (str(data.title) || fileTitle(source)));
  const title = options.title ?? (str(data.title) || bookTitle || fileTitle(source));
  checkUnitCount(source, drafts.length);
  const notes: string[] = [];
  if (!splitFound) notes.push(`No headings of level ${splitLevel} or above: the whole text is one unit.`);
  const units = finishUnits(drafts, footnotes, language);
  const depth = depthOf(units);
  return { source, format: "md", title, author: options.author ?? str(data.author), language, units, levels: levelNamesFor(depth), notes };
}

export async function previewMarkdownFile(file: string, options: ImportOptions = {}): Promise<ImportPreview> {
  checkFileSize(file, await stat(file).then((s) => s.size, () => 0), "text");
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new ImportError(file, `cannot be read (${e.code ?? e.message})`);
  });
  return previewMarkdownText(decodeUtf8Strict(bytes, file), file, options);
}

/** A folder of .md/.markdown/.txt files, in name order, one unit each (titled by its first heading or file name). */
export async function previewMarkdownFolder(dir: string, options: ImportOptions = {}): Promise<ImportPreview> {
  const names = (await readdir(dir)).filter((n) => /\.(md|markdown)$/i.test(n) && !n.startsWith(".")).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  if (names.length === 0) throw new ImportError(dir, "holds no Markdown files (.md)");
  checkUnitCount(dir, names.length);
  // sizes first, a few files at a time: nothing is read when the whole is over the limit
  const sizes = await boundedAll(names, 16, (n) => stat(join(dir, n)).then((s) => s.size));
  checkFileSize(dir, sizes.reduce((a, b) => a + b, 0), "text");
  const drafts: UnitDraft[] = [];
  const footnotes: ReturnType<typeof splitAtHeadings>["footnotes"] = [];
  let title = options.title ?? "";
  let author = options.author ?? "";
  let language = options.language ?? "";
  // decode every file first: a bad file stops the import before anything is built
  const texts = await boundedAll(names, 16, async (n) => ({ name: n, text: decodeUtf8Strict(await readFile(join(dir, n)), join(dir, n)) }));
  let labelBase = 0;
  for (const { name, text } of texts) {
    checkNesting(text, join(dir, name));
    const { data, rest } = readFrontMatter(text);
    title ||= str(data.title) && names.length === 1 ? str(data.title) : "";
    author ||= str(data.author);
    language ||= str(data.lang) || str(data.language);
    const doc = parseMarkdown(rest);
    // footnote labels restart in every file: make them unique before pooling
    const prefix = `f${++labelBase}-`;
    const relabel = (n: import("@tiptap/core").JSONContent): import("@tiptap/core").JSONContent =>
      n.type === "footnoteReference" || n.type === "footnoteDefinition"
        ? { ...n, attrs: { label: prefix + String(n.attrs?.label ?? "") }, ...(n.content ? { content: n.content.map(relabel) } : {}) }
        : n.content
          ? { ...n, content: n.content.map(relabel) }
          : n;
    const relabelled = relabel(doc);
    const blocks = (relabelled.content ?? []).filter((b) => b.type !== "footnotes");
    footnotes.push(...((relabelled.content ?? []).find((b) => b.type === "footnotes")?.content ?? []));
    const first = blocks[0];
    let unitTitle = str(data.title) || fileTitle(name);
    if (first?.type === "heading") {
      unitTitle = (first.content ?? []).map((t) => t.text ?? "").join("").trim() || unitTitle;
      blocks.shift();
    }
    drafts.push({ title: unitTitle, level: 0, blocks });
  }
  language ||= "en";
  const units = finishUnits(drafts, footnotes, language);
  return { source: dir, format: "md-folder", title: title || basename(dir), author, language, units, levels: levelNamesFor(1), notes: [] };
}

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
