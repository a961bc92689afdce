/** fast-check arbitraries for Quire documents: every node and mark, hostile text. */
import type { JSONContent } from "@tiptap/core";
import fc from "fast-check";

const FRAGMENTS = [
  "a", "b", "word", "Ünïcödé", "naïve", " ", "  ", "\t", "\u00a0", "\u2003", "\ufeff",
  "*", "**", "_", "__", "[", "]", "#", "# ", ">", "> ", "`", "``", "\\", "!", "<", ">", "&", ";", "-", "- ", "+ ", "=",
  "===", "---", "~", "~~~", "```", ".", ")", "(", "|", ":", "\"", "'", "’", "“", "”", "—", "…", "1.", "1. ", "2)", "10. ",
  "* * *", "[^1]", "[^x]: y", "&amp;", "&#169;", "&copy;", "&#x41;", "<span data-quire=\"ai\">", "</span>", "<em>", "<b>",
  "<!-- c -->", "<br>", "http://example.com", "www.example.com", "[a](b)", "![i](x)", "\\*", "\\\\",
  "中文", "日本語のテキスト", "한국어", "「引用」", "。", "，", "😀", "👩‍💻", "🇬🇧", "e\u0301", "\u05e9\u05dc\u05d5\u05dd",
];

const textString = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(""));

const HREFS = ["https://example.com", "https://example.com/a_b*c", "https://example.com/(x)", "mailto:a@b.c", "https://ex.com/a b", "https://ex.com/?q=1&amp;r=2", "relative/path", "https://ex.com/<x>", ""];

const markArb = fc.oneof(
  fc.constant({ type: "bold" }),
  fc.constant({ type: "italic" }),
  fc.constant({ type: "modelText" }),
  fc.record({
    type: fc.constant("link"),
    attrs: fc.record({ href: fc.constantFrom(...HREFS), title: fc.option(fc.constantFrom("t", "a \"q\" b", "x\\y"), { nil: null }) }),
  }),
);

const textNode: fc.Arbitrary<JSONContent> = fc
  .record({ text: textString, marks: fc.uniqueArray(markArb, { maxLength: 4, selector: (m) => m.type }) })
  .map(({ text, marks }) => (marks.length ? { type: "text", text, marks } : { type: "text", text }));

const LABELS = ["1", "2", "n3", "note-a", "x_y", "12"];
const inlineNode: fc.Arbitrary<JSONContent> = fc.oneof(
  { weight: 10, arbitrary: textNode },
  { weight: 1, arbitrary: fc.constant({ type: "hardBreak" }) },
  { weight: 1, arbitrary: fc.constantFrom(...LABELS).map((label) => ({ type: "footnoteReference", attrs: { label } })) },
);
const inlineContent = fc.array(inlineNode, { minLength: 0, maxLength: 10 });

/** A long paragraph: hundreds of words with marks sprinkled in. */
const longParagraph: fc.Arbitrary<JSONContent> = fc
  .array(fc.tuple(fc.constantFrom("The", "river", "ran", "中文", "naïve", "*star*", "😀", "said,", "“Yes.”", "x_y"), fc.option(markArb, { nil: null, freq: 6 })), {
    minLength: 200,
    maxLength: 400,
  })
  .map((words) => ({
    type: "paragraph",
    content: words.map(([w, m], i) => (m ? { type: "text", text: (i ? " " : "") + w, marks: [m] } : { type: "text", text: (i ? " " : "") + w })),
  }));

const { block } = fc.letrec<{ block: JSONContent; listItem: JSONContent }>((tie) => ({
  block: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 8, arbitrary: inlineContent.map((content) => ({ type: "paragraph", content })) },
    { weight: 2, arbitrary: fc.record({ level: fc.integer({ min: 1, max: 6 }), content: inlineContent }).map(({ level, content }) => ({ type: "heading", attrs: { level }, content })) },
    { weight: 1, arbitrary: fc.constant({ type: "horizontalRule" }) },
    { weight: 1, arbitrary: longParagraph },
    { weight: 2, arbitrary: fc.array(tie("block"), { minLength: 1, maxLength: 3 }).map((content) => ({ type: "blockquote", content })) },
    { weight: 2, arbitrary: fc.array(tie("listItem"), { minLength: 1, maxLength: 3 }).map((content) => ({ type: "bulletList", content })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ start: fc.integer({ min: 0, max: 120 }), content: fc.array(tie("listItem"), { minLength: 1, maxLength: 3 }) })
        .map(({ start, content }) => ({ type: "orderedList", attrs: { start, type: null }, content })),
    },
  ),
  listItem: fc
    .tuple(inlineContent, fc.array(tie("block"), { maxLength: 2 }))
    .map(([first, rest]) => ({ type: "listItem", content: [{ type: "paragraph", content: first }, ...rest] })),
}));

const footnotes: fc.Arbitrary<JSONContent> = fc
  .array(fc.record({ label: fc.constantFrom(...LABELS), paras: fc.array(inlineContent, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 3 })
  .map((defs) => ({
    type: "footnotes",
    content: defs.map((d) => ({ type: "footnoteDefinition", attrs: { label: d.label }, content: d.paras.map((content) => ({ type: "paragraph", content })) })),
  }));

export const docArb: fc.Arbitrary<JSONContent> = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 6 }), fc.option(footnotes, { nil: null }))
  .map(([blocks, notes]) => ({ type: "doc", content: notes ? [...blocks, notes] : blocks }));

/** Markdown-ish source text as a writer or another tool might produce it, soft wraps included. */
export const externalMarkdownArb: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS, "\n", "\n", "\n\n", "\n  ", "\n    ", "\n> ", "\n- ", "\n1. ", "\n# ", "\n[^1]: "), textString), { maxLength: 40 })
  .map((parts) => parts.join(""));
