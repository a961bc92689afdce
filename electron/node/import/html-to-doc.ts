/**
 * The small, regular HTML mammoth writes (p, h1-h6, strong, em, a, ul/ol/li, blockquote, br,
 * sup footnote references, the footnote list) → a Quire document. No DOM: a tag tokenizer and a
 * tree are enough for this HTML, which mammoth escapes fully.
 */
import type { JSONContent } from "@tiptap/core";
import { IMPORT_LIMITS } from "./import-limits";

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

const VOID = new Set(["br", "img", "hr", "col", "input", "meta", "link"]);
const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITY[e.toLowerCase()] ?? m),
  );

/** Tables, lists and quotes nest deeper than `limit`: the tree is not built (every walk over it recurses). */
export class NestingError extends Error {
  constructor(readonly depth: number) {
    super(`nested ${depth} levels deep`);
  }
}

const CONTAINERS = new Set(["blockquote", "ul", "ol", "table"]);

export function parseHtml(html: string, limit = IMPORT_LIMITS.nesting): El {
  const root: El = { tag: "root", attrs: {}, children: [] };
  const stack: El[] = [root];
  let containers = 0;
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|<!--[\s\S]*?-->|([^<]+)|</g;
  for (const m of html.matchAll(re)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.children.push(decode(m[5]));
      continue;
    }
    if (m[2] === undefined) {
      if (m[0] === "<") top.children.push("<");
      continue;
    }
    const tag = m[2].toLowerCase();
    if (m[1] === "/") {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) {
        for (let k = at; k < stack.length; k++) if (CONTAINERS.has(stack[k]!.tag)) containers--;
        stack.length = at;
      }
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? "").matchAll(/([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) attrs[a[1]!.toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? "");
    const el: El = { tag, attrs, children: [] };
    top.children.push(el);
    if (!VOID.has(tag) && m[4] !== "/") {
      stack.push(el);
      if (CONTAINERS.has(tag) && ++containers > limit) throw new NestingError(containers);
      // any other element this deep (mammoth writes none) is as much a danger to the walks
      if (stack.length > limit * 4) throw new NestingError(stack.length);
    }
  }
  return root;
}

const textOf = (e: El | string): string => (typeof e === "string" ? e : e.children.map(textOf).join(""));

type Mark = JSONContent["marks"] extends (infer M)[] | undefined ? M : never;

function inline(children: (El | string)[], marks: Mark[], out: JSONContent[]): JSONContent[] {
  for (const c of children) {
    if (typeof c === "string") {
      const text = c.replace(/\s+/g, " ");
      if (text) out.push(marks.length ? { type: "text", text, marks } : { type: "text", text });
      continue;
    }
    switch (c.tag) {
      case "strong":
      case "b":
        inline(c.children, [...marks, { type: "bold" }], out);
        break;
      case "em":
      case "i":
        inline(c.children, [...marks, { type: "italic" }], out);
        break;
      case "br":
        out.push({ type: "hardBreak" });
        break;
      case "a": {
        const href = c.attrs.href ?? "";
        const note = /^#footnote-(\d+)$/.exec(href) ?? /^#endnote-(\d+)$/.exec(href);
        if (note) out.push({ type: "footnoteReference", attrs: { label: (href.includes("endnote") ? "e" : "") + note[1]! } });
        else if (href && !href.startsWith("#")) inline(c.children, [...marks, { type: "link", attrs: { href, title: null } }], out);
        else inline(c.children, marks, out);
        break;
      }
      case "sup": {
        // mammoth: <sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>
        const a = c.children.find((x): x is El => typeof x !== "string" && x.tag === "a" && /^#(foot|end)note-\d+$/.test(x.attrs.href ?? ""));
        if (a) inline([a], marks, out);
        else inline(c.children, marks, out);
        break;
      }
      case "img":
        if (c.attrs.alt) out.push({ type: "text", text: c.attrs.alt });
        break;
      default:
        inline(c.children, marks, out);
    }
  }
  return out;
}

/**
 * A paragraph of nothing but ornaments is a scene break: `* * *`, `#`, `~`, `⁂`, a fleuron, a row
 * of dashes or of asterisks as long as the writer liked.
 */
const SCENE_BREAK_TEXT = /^\s*(?:[*#~§•·⁂❦❧☙✻✼✽✦✧◆◇♦◊†‡=_\-–—]\s*){1,24}$/u;

function blocks(children: (El | string)[], out: JSONContent[], notes: JSONContent[], meta: DocxMeta): JSONContent[] {
  let loose: (El | string)[] = [];
  const flush = () => {
    const content = inline(loose, [], []);
    if (content.some((n) => n.type !== "text" || (n.text ?? "").trim())) out.push({ type: "paragraph", content });
    loose = [];
  };
  for (const c of children) {
    if (typeof c === "string" || !["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "table", "tr", "td", "th", "tbody", "thead", "div", "hr"].includes(c.tag)) {
      loose.push(c);
      continue;
    }
    flush();
    const cls = c.attrs.class ?? "";
    switch (c.tag) {
      case "p": {
        const text = textOf(c);
        if (cls.includes("doc-title")) meta.title ||= text.trim();
        else if (cls.includes("title-info")) meta.titleInfo.push(text.trim());
        else if (cls.includes("scene-break") || SCENE_BREAK_TEXT.test(text)) out.push({ type: "horizontalRule" });
        // Quire's own exports: a unit's synopsis and notes go back to the unit, not its text
        else if (cls.includes("synopsis")) out.push({ type: UNIT_FIELD, attrs: { field: "synopsis", text: text.trim() } });
        else if (cls.includes("unit-note")) out.push({ type: UNIT_FIELD, attrs: { field: "notes", text: text.trim() } });
        else out.push({ type: "paragraph", content: inline(c.children, [], []) });
        break;
      }
      case "hr":
        out.push({ type: "horizontalRule" });
        break;
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
        out.push({ type: "heading", attrs: { level: Number(c.tag[1]) }, content: inline(c.children, [], []) });
        break;
      case "blockquote":
        out.push({ type: "blockquote", content: blocks(c.children, [], notes, meta) });
        break;
      case "ul":
      case "ol": {
        const items = c.children.filter((x): x is El => typeof x !== "string" && x.tag === "li");
        // mammoth's footnotes: <ol><li id="footnote-1"><p>text <a href="#footnote-ref-1">↑</a></p></li></ol>
        if (items.length > 0 && items.every((li) => /^(foot|end)note-\d+$/.test(li.attrs.id ?? ""))) {
          for (const li of items) {
            const id = li.attrs.id!;
            const label = (id.startsWith("endnote") ? "e" : "") + id.replace(/^\w+-/, "");
            const stripBack = (e: El | string): El | string | null =>
              typeof e === "string" ? e : e.tag === "a" && /^#(foot|end)note-ref-/.test(e.attrs.href ?? "") ? null : { ...e, children: e.children.map(stripBack).filter((x): x is El | string => x !== null) };
            const content = blocks(li.children.map(stripBack).filter((x): x is El | string => x !== null), [], notes, meta);
            notes.push({ type: "footnoteDefinition", attrs: { label }, content });
          }
          break;
        }
        out.push({
          type: c.tag === "ul" ? "bulletList" : "orderedList",
          attrs: c.tag === "ol" ? { start: Number(c.attrs.start ?? 1) || 1 } : undefined,
          content: items.map((li) => ({ type: "listItem", content: blocks(li.children, [], notes, meta) })),
        });
        break;
      }
      default:
        // tables, divs, stray list items: keep their text as paragraphs
        blocks(c.children, out, notes, meta);
    }
  }
  flush();
  return out;
}

export interface DocxMeta {
  title: string;
  titleInfo: string[];
}

/** A block that carries a unit's synopsis or notes (from a Quire export); split-units lifts it out. */
export const UNIT_FIELD = "quireUnitField";

/** Not normalised: the caller splits first (lifting UNIT_FIELD blocks out) and the codec normalises each unit. */
export function htmlToDoc(html: string): { doc: JSONContent; meta: DocxMeta } {
  const meta: DocxMeta = { title: "", titleInfo: [] };
  const notes: JSONContent[] = [];
  const content = blocks(parseHtml(html).children, [], notes, meta);
  return { doc: { type: "doc", content: notes.length ? [...content, { type: "footnotes", content: notes }] : content }, meta };
}
