import { getSchema } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEditorExtensions } from "../../../electron/shared/markdown/editor-extensions";
import { normalizeDoc, parseMarkdown, serializeMarkdown } from "../../../electron/shared/markdown/markdown-codec";
import { docArb, externalMarkdownArb } from "./arbitraries";

const SEED = 20261129;
const schema = getSchema(createEditorExtensions());

describe("Markdown round trip (property)", () => {
  it("what the editor can hold survives save and reload: byte-identical Markdown, equal document", () => {
    const seen = new Set<string>();
    const FEATURES: [string, RegExp][] = [
      ["heading", /^#{1,6}( |$)/m], ["blockquote", /^> /m], ["bullet list", /^ *- /m], ["ordered list", /^ *\d+\. /m],
      ["scene break", /^\*\*\*$/m], ["hard break", /\\\n/], ["footnote reference", /[^\\]\[\^[^\]]+\][^:]/],
      ["footnote definition", /^\[\^[^\]]+\]:/m], ["bold", /\*\*\S/], ["italic", /(^|[^*\\])\*[^*\s]/m], ["link", /\]\(/],
      ["model span", /<span data-quire="ai">/], ["html emphasis fallback", /<(em|strong)>/], ["escaped line start", /^\\[#>+=~-]/m],
      ["CJK", /[\u4e00-\u9fff]/], ["emoji", /\p{Extended_Pictographic}/u], ["long paragraph", /[^\n]{1500}/],
    ];
    fc.assert(
      fc.property(docArb, (doc) => {
        const md = serializeMarkdown(doc);
        for (const [name, re] of FEATURES) if (re.test(md)) seen.add(name);
        const reloaded = parseMarkdown(md);
        expect(reloaded).toEqual(normalizeDoc(doc));
        expect(serializeMarkdown(reloaded)).toBe(md);
        // and what the codec reads is a valid document for the editor's schema
        PMNode.fromJSON(schema, reloaded).check();
      }),
      { numRuns: 1000, seed: SEED },
    );
    // the generator really did exercise every node, mark and escape
    expect([...seen].sort()).toEqual(FEATURES.map(([n]) => n).sort());
  }, 180_000);

  it("external Markdown (soft wraps, stray syntax) reaches a fixed point after one load", () => {
    fc.assert(
      fc.property(externalMarkdownArb, (source) => {
        const loaded = parseMarkdown(source);
        PMNode.fromJSON(schema, loaded).check();
        const once = serializeMarkdown(loaded);
        const twice = serializeMarkdown(parseMarkdown(once));
        expect(twice).toBe(once);
      }),
      { numRuns: 1000, seed: SEED },
    );
  }, 60_000);

  it("normalisation is idempotent", () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const n = normalizeDoc(doc);
        expect(normalizeDoc(n)).toEqual(n);
      }),
      { numRuns: 300, seed: SEED },
    );
  }, 60_000);
});
