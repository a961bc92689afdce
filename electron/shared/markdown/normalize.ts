/**
 * The canonical form of a Quire document. Markdown cannot say everything a ProseMirror document
 * can (bold on a trailing space, a hard break at the end of a paragraph, an empty paragraph), so
 * both the codec's output and its input pass through here: what survives is exactly what a save
 * and reload reproduce. Idempotent: normalizeDoc(normalizeDoc(d)) equals normalizeDoc(d).
 *
 * Rules, each the smallest change that Markdown forces:
 * - text: control characters, U+FEFF (a byte-order mark; marked trims it) and Unicode noncharacters dropped; line breaks and tabs inside text become spaces;
 *   spaces at the start and end of every line (paragraph edges, around hard breaks) dropped,
 *   as CommonMark drops them; hard breaks at the start or end of a block dropped; in headings a hard break
 *   becomes a space.
 * - bold and italic never start or end on whitespace (the whitespace stays, unmarked); marks on
 *   hard breaks and footnote references are dropped; marks are sorted; equal neighbours merge.
 * - empty paragraphs vanish (a document keeps one; a list item keeps a leading one before other
 *   blocks); empty lists, list items and quotes vanish.
 * - footnote definitions move into one `footnotes` block at the end, in order of appearance.
 * - attributes are reduced to what the Markdown carries: heading level, list start, link href/title,
 *   footnote label; lists start at 1 or later.
 */
import type { JSONContent } from "@tiptap/core";
import { cleanFootnoteLabel } from "./footnotes";

export type CanonMark =
  | { type: "link"; attrs: { href: string; title: string | null } }
  | { type: "bold" }
  | { type: "italic" }
  | { type: "modelText" };

const MARK_ORDER = ["link", "bold", "italic", "modelText"] as const;
export const markRank = (type: string): number => MARK_ORDER.indexOf(type as (typeof MARK_ORDER)[number]);

// eslint-disable-next-line no-control-regex
const DROPPED_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFDD0-\uFDEF\uFEFF\uFFFE\uFFFF]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

export function cleanText(text: string): string {
  // tabs too: Markdown gives them no meaning in prose, and list items expand them
  return text.replace(LINE_BREAKS, " ").replace(/\t/g, " ").replace(DROPPED_CHARS, "");
}

/** Mark types the current normalizeDoc call removes (export drops provenance this way). */
let droppedMarks: ReadonlySet<string> = new Set();

function canonMark(mark: unknown): CanonMark | null {
  if (!mark || typeof mark !== "object") return null;
  const m = mark as { type?: unknown; attrs?: Record<string, unknown> };
  if (droppedMarks.has(String(m.type))) return null;
  switch (m.type) {
    case "bold":
    case "italic":
    case "modelText":
      return { type: m.type };
    case "link": {
      const href = cleanText(String(m.attrs?.href ?? "")).trim();
      // a link to nowhere is not a link (and `[a](<>)` does not read back as one)
      if (href === "") return null;
      const rawTitle = m.attrs?.title;
      const title = typeof rawTitle === "string" && cleanText(rawTitle).length > 0 ? cleanText(rawTitle) : null;
      return { type: "link", attrs: { href, title } };
    }
    default:
      return null;
  }
}

export function sameMark(a: CanonMark, b: CanonMark): boolean {
  if (a.type !== b.type) return false;
  if (a.type === "link" && b.type === "link") return a.attrs.href === b.attrs.href && a.attrs.title === b.attrs.title;
  return true;
}

function sameMarks(a: CanonMark[], b: CanonMark[]): boolean {
  return a.length === b.length && a.every((m, i) => sameMark(m, b[i]!));
}

function canonMarks(marks: unknown): CanonMark[] {
  if (!Array.isArray(marks)) return [];
  const out: CanonMark[] = [];
  for (const raw of marks) {
    const m = canonMark(raw);
    if (m && !out.some((o) => o.type === m.type)) out.push(m);
  }
  return out.sort((a, b) => markRank(a.type) - markRank(b.type));
}

type Item = { kind: "text"; text: string; marks: CanonMark[] } | { kind: "break" } | { kind: "ref"; label: string };

function flattenInline(nodes: JSONContent[] | undefined, inHeading: boolean, out: Item[], inherited: CanonMark[] = []): Item[] {
  for (const node of nodes ?? []) {
    if (!node || typeof node !== "object") continue;
    switch (node.type) {
      case "text": {
        const text = cleanText(String(node.text ?? ""));
        if (text) out.push({ kind: "text", text, marks: canonMarks([...inherited, ...(node.marks ?? [])]) });
        break;
      }
      case "hardBreak":
        out.push(inHeading ? { kind: "text", text: " ", marks: [] } : { kind: "break" });
        break;
      case "footnoteReference":
        out.push({ kind: "ref", label: cleanFootnoteLabel(node.attrs?.label) });
        break;
      default:
        // unknown inline content keeps its words
        if (node.content) flattenInline(node.content, inHeading, out, [...inherited, ...((node.marks as unknown[]) ?? [])] as never);
        else if (typeof node.text === "string") flattenInline([{ type: "text", text: node.text, marks: node.marks }], inHeading, out);
    }
  }
  return out;
}

function mergeText(items: Item[]): Item[] {
  const out: Item[] = [];
  for (const item of items) {
    if (item.kind === "text" && item.text === "") continue;
    const prev = out[out.length - 1];
    if (item.kind === "text" && prev?.kind === "text" && sameMarks(prev.marks, item.marks)) {
      out[out.length - 1] = { ...prev, text: prev.text + item.text };
    } else out.push(item);
  }
  return out;
}

/** Drops spaces/tabs at line edges and hard breaks at block edges. */
function trimLines(items: Item[], lineStartSpace: RegExp): Item[] {
  let list = mergeText(items);
  // each pass can expose a new edge (a line of only spaces vanishes, its break becomes the block's end)
  for (;;) {
    let changed = false;
    while (list[0]?.kind === "break") (list.shift(), (changed = true));
    while (list[list.length - 1]?.kind === "break") (list.pop(), (changed = true));
    const out: Item[] = [];
    const trimEnd = (re: RegExp) => {
      for (let k = out.length - 1; k >= 0; k--) {
        const prev = out[k]!;
        if (prev.kind !== "text") break;
        const t = prev.text.replace(re, "");
        if (t === prev.text) break;
        changed = true;
        if (t === "") {
          out.splice(k, 1);
          continue;
        }
        out[k] = { ...prev, text: t };
        break;
      }
    };
    let lineStart = true;
    for (const item of list) {
      if (item.kind === "break") {
        trimEnd(/[ \t]+$/);
        out.push(item);
        lineStart = true;
        continue;
      }
      if (lineStart && item.kind === "text") {
        const t = item.text.replace(lineStartSpace, "");
        if (t !== item.text) changed = true;
        if (t === "") continue;
        out.push(t === item.text ? item : { ...item, text: t });
        lineStart = false;
        continue;
      }
      out.push(item);
      lineStart = false;
    }
    // the block's end: marked trims every kind of whitespace there, not only spaces
    trimEnd(/\s+$/u);
    list = changed ? mergeText(out) : out;
    if (!changed) return list;
  }
}

const WS = /\s/u;

/** Moves whitespace at the edges of bold/italic runs out of the mark. */
function tightenEmphasis(items: Item[], type: "bold" | "italic"): Item[] {
  const has = (it: Item | undefined) => it?.kind === "text" && it.marks.some((m) => m.type === type);
  const without = (marks: CanonMark[]) => marks.filter((m) => m.type !== type);
  const out: Item[] = [];
  let i = 0;
  while (i < items.length) {
    if (!has(items[i])) {
      out.push(items[i]!);
      i++;
      continue;
    }
    let j = i;
    while (j < items.length && has(items[j])) j++;
    const run = items.slice(i, j) as Extract<Item, { kind: "text" }>[];
    const text = run.map((r) => r.text).join("");
    const chars = Array.from(text);
    let lead = 0;
    while (lead < chars.length && WS.test(chars[lead]!)) lead++;
    let trail = 0;
    while (trail < chars.length - lead && WS.test(chars[chars.length - 1 - trail]!)) trail++;
    const leadLen = chars.slice(0, lead).join("").length;
    const coreEnd = text.length - chars.slice(chars.length - trail).join("").length;
    let pos = 0;
    for (const r of run) {
      const start = pos;
      const end = pos + r.text.length;
      pos = end;
      // split r into [start,leadLen) unmarked, [leadLen, coreEnd) marked, [coreEnd, end) unmarked
      const cuts = [start, Math.min(Math.max(leadLen, start), end), Math.min(Math.max(coreEnd, start), end), end];
      for (let c = 0; c < 3; c++) {
        const a = cuts[c]!;
        const b = cuts[c + 1]!;
        if (b <= a) continue;
        const piece = r.text.slice(a - start, b - start);
        out.push({ kind: "text", text: piece, marks: c === 1 ? r.marks : without(r.marks) });
      }
    }
    i = j;
  }
  return mergeText(out);
}

function itemsToJSON(items: Item[]): JSONContent[] {
  return items.map((it) => {
    if (it.kind === "break") return { type: "hardBreak" };
    if (it.kind === "ref") return { type: "footnoteReference", attrs: { label: it.label } };
    return it.marks.length > 0 ? { type: "text", text: it.text, marks: it.marks.map((m) => ({ ...m })) } : { type: "text", text: it.text };
  });
}

export function normalizeInline(nodes: JSONContent[] | undefined, inHeading = false): JSONContent[] {
  // ATX headings lose every kind of leading whitespace (marked trims them); paragraph lines only spaces
  let items = trimLines(flattenInline(nodes, inHeading, []), inHeading ? /^\s+/u : /^[ \t]+/);
  // a block of nothing but (non-breaking, ideographic…) spaces reads back as a blank line
  if (items.every((it) => it.kind === "text" && /^\s*$/u.test(it.text))) return [];
  items = tightenEmphasis(items, "bold");
  items = tightenEmphasis(items, "italic");
  return itemsToJSON(items);
}

const paragraph = (content: JSONContent[]): JSONContent => (content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" });
const isEmptyParagraph = (n: JSONContent) => n.type === "paragraph" && !(n.content && n.content.length > 0);
const INLINE_TYPES = new Set(["text", "hardBreak", "footnoteReference"]);

interface Ctx {
  footnotes: JSONContent[];
}

function normalizeBlocks(nodes: JSONContent[] | undefined, ctx: Ctx): JSONContent[] {
  const out: JSONContent[] = [];
  let pendingInline: JSONContent[] = [];
  const flushInline = () => {
    if (pendingInline.length) out.push(paragraph(normalizeInline(pendingInline)));
    pendingInline = [];
  };
  for (const node of nodes ?? []) {
    if (!node || typeof node !== "object") continue;
    if (INLINE_TYPES.has(node.type ?? "")) {
      pendingInline.push(node);
      continue;
    }
    flushInline();
    out.push(...normalizeBlock(node, ctx));
  }
  flushInline();
  return out.filter((n) => !isEmptyParagraph(n));
}

function normalizeListItem(node: JSONContent, ctx: Ctx): JSONContent | null {
  let blocks = normalizeBlocks(node.type === "listItem" ? node.content : [node], ctx);
  // `- # Title` reads back as a paragraph (@tiptap/markdown's list item), so a heading cannot lead an item
  if (blocks[0]?.type === "heading") blocks[0] = paragraph(blocks[0].content ?? []);
  blocks = blocks.filter((n) => !isEmptyParagraph(n));
  if (blocks.length === 0) return null;
  if (blocks[0]!.type !== "paragraph") blocks.unshift({ type: "paragraph" });
  return { type: "listItem", content: blocks };
}

function normalizeBlock(node: JSONContent, ctx: Ctx): JSONContent[] {
  switch (node.type) {
    case "paragraph":
      return [paragraph(normalizeInline(node.content))];
    case "heading": {
      const raw = Number(node.attrs?.level);
      const level = Number.isInteger(raw) ? Math.min(6, Math.max(1, raw)) : 1;
      const content = normalizeInline(node.content, true);
      return [content.length > 0 ? { type: "heading", attrs: { level }, content } : { type: "heading", attrs: { level } }];
    }
    case "blockquote": {
      const content = normalizeBlocks(node.content, ctx);
      return content.length > 0 ? [{ type: "blockquote", content }] : [];
    }
    case "bulletList":
    case "orderedList": {
      const items = (node.content ?? []).map((c) => normalizeListItem(c, ctx)).filter((c): c is JSONContent => c !== null);
      if (items.length === 0) return [];
      if (node.type === "bulletList") return [{ type: "bulletList", content: items }];
      const rawStart = Number(node.attrs?.start ?? 1);
      // 0 too becomes 1: @tiptap/markdown reads a list starting at 0 as starting at 1
      const start = Number.isInteger(rawStart) && rawStart >= 1 && rawStart <= 999_999_999 ? rawStart : 1;
      return [{ type: "orderedList", attrs: { start }, content: items }];
    }
    case "listItem": {
      const item = normalizeListItem(node, ctx);
      return item ? [{ type: "bulletList", content: [item] }] : [];
    }
    case "horizontalRule":
      return [{ type: "horizontalRule" }];
    case "footnotes":
      for (const def of node.content ?? []) normalizeBlock(def, ctx);
      return [];
    case "footnoteDefinition": {
      const inner = { footnotes: ctx.footnotes };
      const paragraphs = toParagraphs(normalizeBlocks(node.content, inner));
      ctx.footnotes.push({
        type: "footnoteDefinition",
        attrs: { label: cleanFootnoteLabel(node.attrs?.label) },
        content: paragraphs.length > 0 ? paragraphs : [{ type: "paragraph" }],
      });
      return [];
    }
    default:
      // unknown block: keep its words
      if (node.content) return normalizeBlocks(node.content, ctx);
      return [];
  }
}

/** Footnotes hold paragraphs only: other blocks give up their paragraphs. */
function toParagraphs(blocks: JSONContent[]): JSONContent[] {
  const out: JSONContent[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph") out.push(b);
    else if (b.type === "heading") out.push(paragraph(b.content ?? []));
    else if (b.content) out.push(...toParagraphs(b.content));
  }
  return out.filter((n) => !isEmptyParagraph(n));
}

export interface NormalizeOptions {
  /** mark types to remove, e.g. ["modelText"] for export */
  dropMarks?: readonly string[];
}

export function normalizeDoc(doc: JSONContent | null | undefined, options: NormalizeOptions = {}): JSONContent {
  const previous = droppedMarks;
  droppedMarks = new Set(options.dropMarks ?? []);
  try {
    return normalizeDocNow(doc);
  } finally {
    droppedMarks = previous;
  }
}

function normalizeDocNow(doc: JSONContent | null | undefined): JSONContent {
  const ctx: Ctx = { footnotes: [] };
  const source = doc && typeof doc === "object" ? (doc.type === "doc" ? doc.content : [doc]) : [];
  const blocks = normalizeBlocks(source, ctx);
  if (blocks.length === 0) blocks.push({ type: "paragraph" });
  if (ctx.footnotes.length > 0) blocks.push({ type: "footnotes", content: ctx.footnotes });
  return { type: "doc", content: blocks };
}
