/**
 * Inline HTML, handled the same way in Node and in the browser.
 *
 * @tiptap/markdown hands inline HTML to the DOM when there is one and keeps it as literal text when
 * there is not, so the same file would load differently in the editor and in export. Quire instead
 * tokenises every inline tag itself. The few tags Quire writes or understands become zero-width
 * "toggle" sentinels inside the text; `applyInlineToggles` (markdown-codec) later turns them into
 * marks and hard breaks. Toggles work across emphasis boundaries, which nested Markdown syntax cannot.
 * Comments disappear; any other tag stays as the literal text it was.
 */
import { Extension } from "@tiptap/core";
import { MODEL_SPAN_OPEN_PATTERN } from "./provenance";

/** Unicode noncharacters: never valid in interchange text, so they cannot clash with a writer's text. */
export const TOGGLE = {
  modelOpen: "\uFDD0",
  spanOpen: "\uFDD1",
  spanClose: "\uFDD2",
  emOpen: "\uFDD3",
  emClose: "\uFDD4",
  strongOpen: "\uFDD5",
  strongClose: "\uFDD6",
  hardBreak: "\uFDD7",
} as const;


const TAG = /^(?:<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>)/;

export function toggleForTag(tag: string): string {
  if (tag.startsWith("<!--")) return "";
  if (MODEL_SPAN_OPEN_PATTERN.test(tag)) return TOGGLE.modelOpen;
  const m = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(tag);
  const closing = m?.[1] === "/";
  const name = (m?.[2] ?? "").toLowerCase();
  switch (name) {
    case "span":
      return closing ? TOGGLE.spanClose : TOGGLE.spanOpen;
    case "em":
    case "i":
      return closing ? TOGGLE.emClose : TOGGLE.emOpen;
    case "strong":
    case "b":
      return closing ? TOGGLE.strongClose : TOGGLE.strongOpen;
    case "br":
      return TOGGLE.hardBreak;
    default:
      return tag;
  }
}

export const InlineHtml = Extension.create({
  name: "quireInlineHtml",
  markdownTokenName: "quireInlineHtml",
  markdownTokenizer: {
    name: "quireInlineHtml",
    level: "inline",
    start: (src: string) => src.indexOf("<"),
    tokenize: (src: string) => {
      const m = TAG.exec(src);
      if (!m) return undefined;
      return { type: "quireInlineHtml", raw: m[0], text: m[0] };
    },
  },
  parseMarkdown: (token, helpers) => {
    const text = toggleForTag(String(token.raw ?? ""));
    return text ? helpers.createTextNode(text) : [];
  },
});
