/**
 * Text and counts of a Quire document, the same numbers everywhere: the editor counts block by
 * block (blockTexts of a changed block), the store and export count a whole Markdown body, and
 * both add up the same per-block texts with countWords.
 *
 * A block's text: its characters, a hard break as "\n", footnote references as nothing (the
 * marker is not a word). Footnote definitions are blocks like any other and count.
 */
import type { JSONContent } from "@tiptap/core";
import { type CountUnit, countWords } from "../text/count-words";
import { parseMarkdown } from "./markdown-codec";
import { MODEL_TEXT_MARK } from "./provenance";

const TEXTBLOCKS = new Set(["paragraph", "heading"]);

type Filter = (text: JSONContent) => boolean;

function inlineText(content: JSONContent[] | undefined, keep: Filter, gap: string): string {
  let out = "";
  for (const n of content ?? []) {
    if (n.type === "text") out += keep(n) ? (n.text ?? "") : gap;
    else if (n.type === "hardBreak") out += "\n";
  }
  return out;
}

function collect(node: JSONContent, keep: Filter, gap: string, out: string[]): string[] {
  if (TEXTBLOCKS.has(node.type ?? "")) out.push(inlineText(node.content, keep, gap));
  else for (const child of node.content ?? []) collect(child, keep, gap, out);
  return out;
}

const all: Filter = () => true;
const isModel = (n: JSONContent) => (n.marks ?? []).some((m) => m.type === MODEL_TEXT_MARK);

/** The text of every textblock (paragraphs, headings, list items, quotes, footnotes), in order. */
export function blockTexts(doc: JSONContent): string[] {
  return collect(doc, all, "", []);
}

/** The document as plain text, blocks separated by a blank line. */
export function plainTextOf(doc: JSONContent): string {
  return blockTexts(doc).join("\n\n");
}

export function countWordsInDoc(doc: JSONContent, unit: CountUnit = "words"): number {
  let n = 0;
  for (const text of blockTexts(doc)) n += countWords(text, unit);
  return n;
}

export function countWordsInMarkdown(markdown: string, unit: CountUnit = "words"): number {
  return countWordsInDoc(parseMarkdown(markdown), unit);
}

export interface ProvenanceCounts {
  /** every word */
  total: number;
  /** words inside model-written text (each model run counted on its own) */
  model: number;
  /** the writer's own words: the text outside model runs */
  writer: number;
}

/**
 * Who wrote what. A word the writer finished after the model started it ("hel|lo") counts once
 * on each side, so model + writer can exceed total by the number of such joins.
 */
export function provenanceCountsOfDoc(doc: JSONContent, unit: CountUnit = "words"): ProvenanceCounts {
  let total = 0;
  let model = 0;
  let writer = 0;
  for (const block of collect(doc, all, "", [])) total += countWords(block, unit);
  // model runs separated by "\n" so that two runs never join into one word
  for (const block of collect(doc, isModel, "\n", [])) model += countWords(block, unit);
  for (const block of collect(doc, (n) => !isModel(n), "\n", [])) writer += countWords(block, unit);
  return { total, model, writer };
}

export function provenanceCounts(markdown: string, unit: CountUnit = "words"): ProvenanceCounts {
  return provenanceCountsOfDoc(parseMarkdown(markdown), unit);
}

/** Words inside the provenance mark. */
export function modelWrittenWords(markdown: string, unit: CountUnit = "words"): number {
  return provenanceCounts(markdown, unit).model;
}

/** Words outside the provenance mark: what the writer typed. */
export function writerWords(markdown: string, unit: CountUnit = "words"): number {
  return provenanceCounts(markdown, unit).writer;
}

/**
 * The same block text from a live ProseMirror textblock (the editor's per-block count cache):
 * a hard break is "\n", a footnote reference nothing.
 */
export function textOfBlockNode(node: { content: { size: number }; textBetween(from: number, to: number, blockSeparator?: string, leafText?: (leaf: { type: { name: string } }) => string): string }): string {
  return node.textBetween(0, node.content.size, "\n", (leaf) => (leaf.type.name === "hardBreak" ? "\n" : ""));
}
