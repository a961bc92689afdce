/**
 * Markdown Quire's document has no node for (code, images, tables, raw HTML blocks) still carries
 * a writer's words. @tiptap/markdown drops tokens nobody handles, so imported text would vanish;
 * these handlers keep the words as plain paragraphs or text instead.
 */
import { Extension, type JSONContent } from "@tiptap/core";

function paragraphsOf(text: string): JSONContent[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p.length > 0)
    .map((p) => ({ type: "paragraph", content: [{ type: "text", text: p }] }));
}

// An empty paragraph tells @tiptap/markdown "handled" (an empty array would send the token to its
// fallback, which keeps HTML comments as text); the codec's normalisation then drops it.
const HANDLED_NOTHING: JSONContent[] = [{ type: "paragraph", content: [] }];
const orNothing = (blocks: JSONContent[]) => (blocks.length > 0 ? blocks : HANDLED_NOTHING);

const keepAsParagraphs = (name: string, tokenName: string) =>
  Extension.create({
    name,
    markdownTokenName: tokenName,
    parseMarkdown: (token) => orNothing(paragraphsOf(String(token.text ?? ""))),
  });

export const ForeignTokens = [
  keepAsParagraphs("quireForeignCode", "code"),
  Extension.create({
    name: "quireForeignHtmlBlock",
    markdownTokenName: "html",
    // comments vanish; other block HTML stays visible as text so nothing is silently lost
    parseMarkdown: (token) => orNothing(paragraphsOf(String(token.text ?? "").replace(/<!--[\s\S]*?-->/g, ""))),
  }),
  Extension.create({
    name: "quireForeignCodespan",
    markdownTokenName: "codespan",
    parseMarkdown: (token, helpers) => helpers.createTextNode(String(token.text ?? "")),
  }),
  Extension.create({
    name: "quireForeignImage",
    markdownTokenName: "image",
    parseMarkdown: (token, helpers) => (token.text ? helpers.createTextNode(String(token.text)) : []),
  }),
  Extension.create({
    name: "quireForeignTable",
    markdownTokenName: "table",
    parseMarkdown: (token) => {
      const rows: string[] = [];
      const cellText = (cell: { text?: string }) => String(cell.text ?? "");
      if (Array.isArray(token.header)) rows.push(token.header.map(cellText).join(" | "));
      if (Array.isArray(token.rows)) for (const r of token.rows) rows.push((r as { text?: string }[]).map(cellText).join(" | "));
      return orNothing(rows.filter((r) => r.trim()).map((r) => ({ type: "paragraph", content: [{ type: "text", text: r }] })));
    },
  }),
];
