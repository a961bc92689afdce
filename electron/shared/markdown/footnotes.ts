/**
 * Footnotes, Markdown `[^label]` (reference) and `[^label]: text` (definition), as pandoc and
 * most Markdown tools write them. In the document a reference is an inline atom; definitions
 * live in one `footnotes` block at the end of the document, wherever they stood in the source
 * (the codec moves them there), which is where a writer expects to find and edit them.
 */
import { Node, mergeAttributes } from "@tiptap/core";

/** Labels are kept as written; only characters that would break the `[^label]` syntax are dropped. */
export function cleanFootnoteLabel(label: unknown): string {
  const cleaned = String(label ?? "").replace(/[\s[\]\\^]/g, "");
  return cleaned.length > 0 ? cleaned : "note";
}

const DEFINITION_START = /^ {0,3}\[\^([^\]\s]+)\]:(?:[ \t]+|(?=\n)|$)/;
// Lines that start another block and so end a lazy continuation of the definition's paragraph.
const BLOCK_START = /^ {0,3}(?:\[\^[^\]\s]+\]:|#|>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|```|~~~|<|(?:[-*_][ \t]*){3,}$)/;

/** Splits a definition off the source: the first line, then lazily continued or 4-space-indented lines. */
function takeDefinition(src: string): { raw: string; label: string; content: string } | undefined {
  const m = DEFINITION_START.exec(src);
  if (!m) return undefined;
  const lines = src.split("\n");
  const first = (lines[0] ?? "").slice(m[0].length);
  const body: string[] = [first];
  let consumed = 1;
  let previousBlank = first.trim() === "";
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") {
      // a blank line belongs to the definition only if an indented line follows
      let j = i + 1;
      while (j < lines.length && (lines[j] ?? "").trim() === "") j++;
      if (j < lines.length && /^(?: {4}|\t)/.test(lines[j] ?? "")) {
        for (let k = i; k < j; k++) body.push("");
        consumed = j;
        i = j - 1;
        previousBlank = true;
        continue;
      }
      break;
    }
    if (/^(?: {4}|\t)/.test(line)) {
      body.push(line.replace(/^(?: {4}|\t)/, ""));
    } else if (!previousBlank && !BLOCK_START.test(line)) {
      body.push(line);
    } else break;
    consumed = i + 1;
    previousBlank = false;
  }
  let raw = lines.slice(0, consumed).join("\n");
  if (consumed < lines.length) raw += "\n";
  // only spaces and newlines: a non-breaking space the writer put first is text
  return { raw, label: m[1] ?? "", content: body.join("\n").replace(/^[ \t\n]+|[ \t\n]+$/g, "") };
}

export const FootnoteReference = Node.create({
  name: "footnoteReference",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      label: {
        default: "1",
        parseHTML: (el) => el.getAttribute("data-footnote-ref") ?? "1",
        renderHTML: (attrs) => ({ "data-footnote-ref": attrs.label }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "sup[data-footnote-ref]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ["sup", mergeAttributes(HTMLAttributes, { class: "footnote-ref" }), String(node.attrs.label)];
  },
  renderText({ node }) {
    return `[${String(node.attrs.label)}]`;
  },
  markdownTokenName: "footnoteReference",
  markdownTokenizer: {
    name: "footnoteReference",
    level: "inline",
    start: (src: string) => src.indexOf("[^"),
    tokenize: (src: string) => {
      const m = /^\[\^([^\]\s]+)\]/.exec(src);
      if (!m) return undefined;
      return { type: "footnoteReference", raw: m[0], label: m[1] };
    },
  },
  parseMarkdown: (token, helpers) => helpers.createNode("footnoteReference", { label: cleanFootnoteLabel(token.label) }),
  renderMarkdown: (node) => `[^${cleanFootnoteLabel(node.attrs?.label)}]`,
});

export const FootnoteDefinition = Node.create({
  name: "footnoteDefinition",
  content: "paragraph+",
  defining: true,
  addAttributes() {
    return {
      label: {
        default: "1",
        parseHTML: (el) => el.getAttribute("data-footnote-def") ?? "1",
        renderHTML: (attrs) => ({ "data-footnote-def": attrs.label }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "div[data-footnote-def]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { class: "footnote-def" }), 0];
  },
  markdownTokenName: "footnoteDefinition",
  markdownTokenizer: {
    name: "footnoteDefinition",
    level: "block",
    // A definition starts a block; it never interrupts a paragraph (marked calls `start` only to cut
    // paragraphs short), so a reference that happens to begin a line stays a reference.
    start: () => -1,
    tokenize: (src, _tokens, helpers) => {
      const def = takeDefinition(src);
      if (!def) return undefined;
      return { type: "footnoteDefinition", raw: def.raw, label: def.label, tokens: helpers.blockTokens(def.content) };
    },
  },
  parseMarkdown: (token, helpers) =>
    helpers.createNode("footnoteDefinition", { label: cleanFootnoteLabel(token.label) }, helpers.parseChildren(token.tokens ?? [])),
});

/** The block holding every definition, last in the document. */
export const Footnotes = Node.create({
  name: "footnotes",
  content: "footnoteDefinition+",
  isolating: true,
  parseHTML() {
    return [{ tag: "section[data-footnotes]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["section", mergeAttributes(HTMLAttributes, { "data-footnotes": "", class: "footnotes" }), 0];
  },
});
