/**
 * Markdown ⇄ Tiptap JSON for Quire documents, without an editor and without a DOM.
 *
 *   parseMarkdown(md)        any Markdown → normalised JSONContent (see ./normalize)
 *   serializeMarkdown(doc)   JSONContent (e.g. editor.getJSON()) → canonical Markdown
 *
 * Guarantees (tests/unit/markdown/roundtrip.property.test.ts):
 *   serializeMarkdown(parseMarkdown(serializeMarkdown(d))) === serializeMarkdown(d)   (byte-identical)
 *   parseMarkdown(serializeMarkdown(d)) deep-equals normalizeDoc(d)
 * and any external Markdown reaches that fixed point after one load.
 *
 * Parsing is @tiptap/markdown's MarkdownManager over the same extensions the editor uses, with a
 * private `marked` instance (custom tokenizers are registered on the instance; the global one stays
 * untouched) and GFM off: bare URLs and `~~` stay text, as the writer typed them.
 * Writing is Quire's own (./serialize) so that escaping and emphasis are exact.
 */
import type { JSONContent } from "@tiptap/core";
import { MarkdownManager } from "@tiptap/markdown";
import { Marked, type marked } from "marked";
import { documentExtensions } from "./editor-extensions";
import { TOGGLE } from "./inline-html";

const IS_TOGGLE = /^[\uFDD0-\uFDEF]$/;
import { normalizeDoc } from "./normalize";
import { MODEL_TEXT_MARK } from "./provenance";
import { type EmphasisStyle, renderBlocks, renderInline } from "./serialize";

let manager: MarkdownManager | undefined;

function getManager(): MarkdownManager {
  manager ??= new MarkdownManager({
    // a private instance: MarkdownManager registers its tokenizers with `use`, which mutates the instance
    marked: new Marked() as unknown as typeof marked,
    markedOptions: { gfm: false, breaks: false, pedantic: false },
    extensions: documentExtensions(),
  });
  return manager;
}

type MarkJSON = { type: string; attrs?: Record<string, unknown> };
const TEXTBLOCKS = new Set(["paragraph", "heading"]);

/** Turns the inline-HTML sentinels (./inline-html) of one textblock into marks and hard breaks. */
function applyToggles(content: JSONContent[]): JSONContent[] {
  const out: JSONContent[] = [];
  const spans: ("ai" | "other")[] = [];
  let em = 0;
  let strong = 0;
  for (const node of content) {
    if (node.type !== "text") {
      out.push(node);
      continue;
    }
    const base = (node.marks ?? []) as MarkJSON[];
    for (const piece of (node.text ?? "").split(/([\uFDD0-\uFDEF])/)) {
      switch (piece) {
        case "":
          break;
        case TOGGLE.modelOpen:
          spans.push("ai");
          break;
        case TOGGLE.spanOpen:
          spans.push("other");
          break;
        case TOGGLE.spanClose:
          spans.pop();
          break;
        case TOGGLE.emOpen:
          em++;
          break;
        case TOGGLE.emClose:
          em = Math.max(0, em - 1);
          break;
        case TOGGLE.strongOpen:
          strong++;
          break;
        case TOGGLE.strongClose:
          strong = Math.max(0, strong - 1);
          break;
        case TOGGLE.hardBreak:
          out.push({ type: "hardBreak" });
          break;
        default: {
          if (IS_TOGGLE.test(piece)) break;
          const marks: MarkJSON[] = [...base];
          if (spans.includes("ai")) marks.push({ type: "modelText" });
          if (em > 0) marks.push({ type: "italic" });
          if (strong > 0) marks.push({ type: "bold" });
          out.push(marks.length ? { type: "text", text: piece, marks } : { type: "text", text: piece });
        }
      }
    }
  }
  return out;
}

function resolveToggles(node: JSONContent): JSONContent {
  if (!node.content) return node;
  if (TEXTBLOCKS.has(node.type ?? "")) return { ...node, content: applyToggles(node.content) };
  return { ...node, content: node.content.map(resolveToggles) };
}

export interface ParseOptions {
  /** remove provenance marks while parsing (export) */
  dropProvenance?: boolean;
}

/** Parses any Markdown into a normalised Quire document. Never throws on odd input. */
export function parseMarkdown(markdown: string, options: ParseOptions = {}): JSONContent {
  const source = markdown
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\uFDD0-\uFDEF]/g, "");
  const raw = getManager().parse(source);
  return normalizeDoc(resolveToggles(raw), options.dropProvenance ? { dropMarks: [MODEL_TEXT_MARK] } : {});
}

function hasEmphasis(content: JSONContent[] | undefined): boolean {
  return (content ?? []).some((n) => (n.marks ?? []).some((m) => m.type === "bold" || m.type === "italic"));
}

const ALNUM = /^[\p{L}\p{N}]$/u;
const OPEN_AFTER = /^[\s(“‘"'—–-]$/u;
const CLOSE_BEFORE = /^[\s.,;:!?)”’"'—–-]$/u;
const isEmph = (n: JSONContent | undefined, type: string) => n?.type === "text" && (n.marks ?? []).some((m) => m.type === type);

/**
 * The common case, decided without a parse: every bold/italic run starts and ends with a letter
 * or digit, never overlaps the other emphasis, and has a space, an opening quote, a dash or a
 * line edge before it and a space, punctuation or line edge after it. Such `*…*` and `**…**`
 * always read back (CommonMark flanking rules); anything else is checked by parsing.
 */
function emphasisObviouslySafe(content: JSONContent[]): boolean {
  for (let i = 0; i < content.length; i++) {
    const n = content[i]!;
    const bold = isEmph(n, "bold");
    const italic = isEmph(n, "italic");
    if (!bold && !italic) continue;
    if (bold && italic) return false;
    const type = bold ? "bold" : "italic";
    let j = i;
    while (j + 1 < content.length && isEmph(content[j + 1], type)) j++;
    for (let k = i; k <= j; k++) if (isEmph(content[k], bold ? "italic" : "bold") || content[k]!.type !== "text") return false;
    const first = Array.from(n.text ?? "")[0] ?? "";
    const lastText = Array.from(content[j]!.text ?? "");
    const last = lastText[lastText.length - 1] ?? "";
    if (!ALNUM.test(first) || !ALNUM.test(last)) return false;
    const prev = content[i - 1];
    const next = content[j + 1];
    if (prev) {
      if (prev.type !== "text") return false;
      const p = Array.from(prev.text ?? "");
      if (!OPEN_AFTER.test(p[p.length - 1] ?? "")) return false;
    }
    if (next && next.type === "text") {
      if (!CLOSE_BEFORE.test(Array.from(next.text ?? "")[0] ?? "")) return false;
    } else if (next && next.type !== "hardBreak") return false;
    i = j;
  }
  return true;
}

/**
 * Picks the emphasis style for one textblock: Markdown delimiters when they read back as the
 * same marks, HTML tags otherwise (see ./serialize).
 */
function inlineFor(content: JSONContent[] | undefined, inHeading: boolean): string {
  const md = renderInline(content, inHeading, "markdown");
  if (!hasEmphasis(content) || emphasisObviouslySafe(content ?? [])) return md;
  if (readsBackAs(md, content)) return md;
  const style: EmphasisStyle = "html";
  return renderInline(content, inHeading, style);
}

function readsBackAs(inlineMarkdown: string, content: JSONContent[] | undefined): boolean {
  const doc = parseMarkdown(inlineMarkdown);
  const first = doc.content?.[0];
  if (!first || first.type !== "paragraph" || (doc.content?.length ?? 0) !== 1) return false;
  return JSON.stringify(first.content ?? []) === JSON.stringify(content ?? []);
}

export interface SerializeOptions {
  /**
   * The document already is in normal form (it came from parseMarkdown or normalizeDoc and was
   * only rearranged at block level): skip normalising it again. Wrong use gives wrong Markdown.
   */
  normalized?: boolean;
}

/** Writes a document (editor JSON or parsed) as Quire's canonical Markdown; "" for an empty document. */
export function serializeMarkdown(doc: JSONContent, options: SerializeOptions = {}): string {
  const normal = options.normalized ? doc : normalizeDoc(doc);
  const text = renderBlocks(normal.content ?? [], { inline: inlineFor });
  return text.trim() === "" ? "" : `${text}\n`;
}

/** Load → save: the canonical form of any Markdown. */
export function canonicalMarkdown(markdown: string): string {
  return serializeMarkdown(parseMarkdown(markdown));
}

export { normalizeDoc } from "./normalize";
