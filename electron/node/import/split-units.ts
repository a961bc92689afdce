/**
 * Splits one document into units at headings: a heading of level <= splitLevel starts a unit,
 * its level in the tree is its heading level counted from the highest level present. Text before
 * the first such heading becomes an opening unit. Footnotes go with the unit that refers to them.
 */
import type { JSONContent } from "@tiptap/core";
import { countUnitForLanguage } from "../../shared/text/count-words";
import { countWordsInDoc } from "../../shared/markdown/plain-text";
import { serializeMarkdown } from "../../shared/markdown/markdown-codec";
import type { PreviewUnit } from "./import-types";

const headingText = (h: JSONContent): string =>
  (h.content ?? [])
    .map((n) => (n.type === "text" ? (n.text ?? "") : n.type === "hardBreak" ? " " : ""))
    .join("")
    .replace(/\s+/g, " ")
    .trim();

function refsIn(blocks: JSONContent[]): Set<string> {
  const out = new Set<string>();
  const walk = (n: JSONContent) => {
    if (n.type === "footnoteReference") out.add(String(n.attrs?.label ?? ""));
    n.content?.forEach(walk);
  };
  blocks.forEach(walk);
  return out;
}

export interface UnitDraft {
  title: string;
  level: number;
  blocks: JSONContent[];
  synopsis?: string;
  notes?: string;
}

/** Drafts → preview units with canonical Markdown bodies and counts. */
export function finishUnits(drafts: UnitDraft[], footnotes: JSONContent[], language: string): PreviewUnit[] {
  const unit = countUnitForLanguage(language);
  for (const d of drafts) {
    // synopsis/notes blocks (DOCX from a Quire export) belong to the unit, not its text
    for (const b of d.blocks.filter((x) => x.type === "quireUnitField")) {
      const text = String(b.attrs?.text ?? "");
      if (b.attrs?.field === "synopsis") d.synopsis = [d.synopsis, text].filter(Boolean).join("\n");
      else d.notes = [d.notes, text].filter(Boolean).join("\n");
    }
    d.blocks = d.blocks.filter((x) => x.type !== "quireUnitField");
  }
  const defs = new Map(footnotes.map((d) => [String(d.attrs?.label ?? ""), d]));
  return drafts.map((d) => {
    const { blocks, notes } = renumberNotes(d.blocks, defs);
    const doc: JSONContent = { type: "doc", content: notes.length ? [...blocks, { type: "footnotes", content: notes }] : blocks };
    return {
      title: d.title,
      level: d.level,
      body: serializeMarkdown(doc),
      synopsis: d.synopsis ?? "",
      notes: d.notes ?? "",
      words: countWordsInDoc({ type: "doc", content: d.blocks }, unit),
    };
  });
}

/**
 * A unit's footnotes numbered 1, 2, 3… in the order the text refers to them. A document numbers
 * its notes across the whole book (and pandoc starts at 20), but each unit is a page of its own:
 * its first note is 1, not the 21 it was in the whole document.
 */
function renumberNotes(blocks: JSONContent[], defs: Map<string, JSONContent>): { blocks: JSONContent[]; notes: JSONContent[] } {
  const labels = new Map<string, string>();
  // numbers (and mammoth's endnotes, e1…) are renumbered; a note the writer named ([^source]) keeps its name
  for (const old of refsIn(blocks)) if (defs.has(old)) labels.set(old, /^e?\d+$/.test(old) ? String([...labels.values()].filter((l) => /^\d+$/.test(l)).length + 1) : old);
  const relabel = (n: JSONContent): JSONContent => {
    const label = n.type === "footnoteReference" ? labels.get(String(n.attrs?.label ?? "")) : undefined;
    const out = label ? { ...n, attrs: { ...n.attrs, label } } : n;
    return out.content ? { ...out, content: out.content.map(relabel) } : out;
  };
  const notes = [...labels].map(([old, label]) => ({ ...relabel(defs.get(old)!), attrs: { ...defs.get(old)!.attrs, label } }));
  return { blocks: blocks.map(relabel), notes };
}

/**
 * A manuscript that opens with its one top-level heading, straight followed by deeper headings
 * (`# Book` then `## Chapter 1`…), names the book: that heading is the title, not an empty unit.
 */
export function takeBookTitle(blocks: JSONContent[], splitLevel: number): { title: string | null; rest: JSONContent[] } {
  const [first, second] = blocks;
  const level = (b: JSONContent | undefined) => (b?.type === "heading" ? Number(b.attrs?.level) : Number.POSITIVE_INFINITY);
  const topLevel = level(first);
  const sameLevel = blocks.filter((b) => level(b) === topLevel).length;
  if (first?.type !== "heading" || sameLevel !== 1 || !(level(second) > topLevel && level(second) <= splitLevel)) {
    return { title: null, rest: blocks };
  }
  return { title: headingText(first) || null, rest: blocks.slice(1) };
}

export function splitAtHeadings(
  doc: JSONContent,
  splitLevel: number,
  fallbackTitle: string,
): { drafts: UnitDraft[]; footnotes: JSONContent[]; splitFound: boolean; bookTitle: string | null } {
  const book = takeBookTitle((doc.content ?? []).filter((b) => b.type !== "footnotes"), splitLevel);
  const blocks = book.rest;
  const bookTitle = book.title;
  const footnotes = (doc.content ?? []).find((b) => b.type === "footnotes")?.content ?? [];
  const splitting = blocks.filter((b) => b.type === "heading" && Number(b.attrs?.level) <= splitLevel);
  if (splitting.length === 0) {
    return { drafts: [{ title: bookTitle ?? fallbackTitle, level: 0, blocks }], footnotes, splitFound: false, bookTitle };
  }
  // a loop, not Math.min(...levels): a spread of 200,000 arguments overflows the stack
  let top = Number.POSITIVE_INFINITY;
  for (const h of splitting) top = Math.min(top, Number(h.attrs?.level));
  const drafts: UnitDraft[] = [];
  let current: UnitDraft | null = null;
  for (const b of blocks) {
    if (b.type === "heading" && Number(b.attrs?.level) <= splitLevel) {
      current = { title: headingText(b) || "Untitled", level: Number(b.attrs?.level) - top, blocks: [] };
      drafts.push(current);
      continue;
    }
    if (!current) {
      const hasWords = b.type !== "paragraph" || (b.content?.length ?? 0) > 0;
      if (!hasWords) continue;
      current = { title: "Opening", level: 0, blocks: [] };
      drafts.push(current);
    }
    current.blocks.push(b);
  }
  // a unit can only be one level deeper than the one before it (## after # …, not #### after #)
  let previous = -1;
  for (const d of drafts) {
    d.level = Math.min(d.level, previous + 1);
    previous = d.level;
  }
  return { drafts, footnotes, splitFound: true, bookTitle };
}

/** Levels the units use (at least one), for levelNamesFor. */
export function depthOf(units: { level: number }[]): number {
  let depth = 1;
  for (const u of units) depth = Math.max(depth, u.level + 1);
  return depth;
}

export function levelNamesFor(depth: number): string[] {
  const names = [["Chapter"], ["Part", "Chapter"], ["Part", "Chapter", "Scene"]][depth - 1];
  if (names) return names;
  return ["Part", "Chapter", "Scene", ...Array.from({ length: depth - 3 }, (_, i) => `Level ${i + 4}`)];
}
