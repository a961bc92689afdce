import { describe, expect, it } from "vitest";
import { getSchema } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import {
  canonicalMarkdown,
  countWordsInMarkdown,
  createEditorExtensions,
  documentExtensions,
  hasProvenance,
  modelWrittenWords,
  parseMarkdown,
  plainTextOf,
  provenanceCounts,
  serializeMarkdown,
  stripProvenanceFromDoc,
} from "../../../electron/shared/markdown";
import { countWords } from "../../../electron/shared/text/count-words";

describe("Markdown codec", () => {
  it("loads without a DOM", () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe("undefined");
    expect(parseMarkdown("*a*").content?.[0]?.content?.[0]?.marks).toEqual([{ type: "italic" }]);
  });

  it("produces documents valid for the editor's schema", () => {
    const schema = getSchema(createEditorExtensions());
    const doc = parseMarkdown(
      "# One\n\nText *it* **b** [l](https://x.y) <span data-quire=\"ai\">model</span>[^1]\\\nnext\n\n> quote\n\n- a\n- b\n\n3. c\n\n* * *\n\n[^1]: A note.\n",
    );
    expect(() => PMNode.fromJSON(schema, doc).check()).not.toThrow();
  });

  it("writes scene breaks as *** and reads every thematic break as one", () => {
    const doc = parseMarkdown("a\n\n***\n\nb\n\n---\n\nc\n\n_ _ _\n\nd");
    expect(doc.content?.filter((n) => n.type === "horizontalRule")).toHaveLength(3);
    expect(serializeMarkdown(doc)).toBe("a\n\n***\n\nb\n\n***\n\nc\n\n***\n\nd\n");
  });

  it("keeps footnotes: references inline, definitions gathered at the end", () => {
    const md = "[^a]: First, defined early.\n\nText[^a] and more[^2].\n\n[^2]: Second\n    continues.\n\n    And a second paragraph.\n";
    const doc = parseMarkdown(md);
    const out = serializeMarkdown(doc);
    expect(out).toBe("Text[^a] and more[^2].\n\n[^a]: First, defined early.\n\n[^2]: Second continues.\n\n    And a second paragraph.\n");
    expect(canonicalMarkdown(out)).toBe(out);
  });

  it("marks model text with an invisible span that survives emphasis inside and across it", () => {
    const md = 'I wrote this. <span data-quire="ai">The model wrote *this* part</span> and **I <span data-quire="ai">ended</span>** it.\n';
    const doc = parseMarkdown(md);
    const saved = serializeMarkdown(doc);
    expect(saved).toBe('I wrote this. <span data-quire="ai">The model wrote *this* part</span> and **I <span data-quire="ai">ended**</span> it.\n');
    expect(serializeMarkdown(parseMarkdown(saved))).toBe(saved);
    const model = (doc.content?.[0]?.content ?? []).filter((n) => n.marks?.some((m) => m.type === "modelText")).map((n) => n.text).join("|");
    expect(model).toBe("The model wrote |this| part|ended");
    expect(hasProvenance(md)).toBe(true);
    expect(serializeMarkdown(stripProvenanceFromDoc(doc))).toBe("I wrote this. The model wrote *this* part and **I ended** it.\n");
  });

  it("counts the writer's words apart from the model's", () => {
    const md = 'One two three. <span data-quire="ai">Four five.</span> Six.\n\n[^1]: Seven eight.\n';
    expect(provenanceCounts(md)).toEqual({ total: 8, model: 2, writer: 6 });
    expect(modelWrittenWords(md)).toBe(2);
    expect(countWordsInMarkdown("# Title\n\nHello *brave* new\\\nworld[^1].\n\n[^1]: Note.\n")).toBe(6);
    expect(countWordsInMarkdown("中文字\n", "characters")).toBe(3);
  });

  it("joins soft-wrapped lines of external Markdown and reaches a fixed point in one load", () => {
    const external = "A paragraph that was\nwrapped at seventy\ncolumns by another tool.\n\n*   loose item\n\n*   another\n\nSetext\n------\n";
    const once = canonicalMarkdown(external);
    expect(once).toBe("A paragraph that was wrapped at seventy columns by another tool.\n\n- loose item\n- another\n\n## Setext\n");
    expect(canonicalMarkdown(once)).toBe(once);
  });

  it("escapes what would otherwise become Markdown syntax", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "# not a heading" }, { type: "hardBreak" }, { type: "text", text: "1. not a list *or* [link](x) <b>" }] },
        { type: "paragraph", content: [{ type: "text", text: "> not a quote & &amp; \\ `tick` _u_" }] },
      ],
    };
    const md = serializeMarkdown(doc);
    expect(md).toBe("\\# not a heading\\\n1\\. not a list \\*or\\* \\[link\\](x) \\<b>\n\n\\> not a quote & \\&amp; \\\\ \\`tick\\` \\_u\\_\n");
    expect(plainTextOf(parseMarkdown(md))).toBe("# not a heading\n1. not a list *or* [link](x) <b>\n\n> not a quote & &amp; \\ `tick` _u_");
  });

  it("falls back to HTML emphasis where Markdown delimiters would not read back", () => {
    const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x" }, { type: "text", text: '"y"', marks: [{ type: "italic" }] }, { type: "text", text: "z" }] }] };
    const md = serializeMarkdown(doc);
    expect(md).toBe('x<em>"y"</em>z\n');
    expect(parseMarkdown(md)).toEqual(parseMarkdown(serializeMarkdown(parseMarkdown(md))));
  });

  it("keeps the words of Markdown it has no node for", () => {
    const doc = parseMarkdown("Use `code` here.\n\n    indented code\n\n![alt text](x.png)\n\n<div>raw html</div>\n\n<!-- a comment -->\n");
    expect(plainTextOf(doc)).toBe("Use code here.\n\nindented code\n\nalt text\n\n<div>raw html</div>");
  });

  it("agrees with countWords on plain prose", () => {
    const prose = "It was the best of times, it was the worst of times.";
    expect(countWordsInMarkdown(prose)).toBe(countWords(prose));
    expect(documentExtensions().length).toBeGreaterThan(5);
  });
});
