import { describe, expect, it } from "vitest";
import { editedToMarkdown } from "../../../electron/node/backend/drafting/landing";
import { provenanceCounts } from "../../../electron/shared/markdown/plain-text";

const ai = (t: string) => `<span data-quire="ai">${t}</span>`;

describe("an edited proposal's provenance", () => {
  it("keeps the model's mark on untouched words; changed, added and moved words are the writer's", () => {
    const after = `${ai("The ferry left at dawn and the harbour was quiet.")}\n\nI wrote this line myself. ${ai("Then the bells rang.")}\n`;
    const edited = "The ferry left at noon and the harbour was quiet.\n\nI wrote this line myself. Then the bells rang twice.\n\nA new ending of mine.";
    const body = editedToMarkdown(edited, after);
    expect(body).toContain(ai("The ferry left at "));
    expect(body).toMatch(/noon/);
    expect(body).not.toMatch(/data-quire="ai">[^<]*noon/);
    expect(body).toContain("I wrote this line myself.");
    expect(body).not.toMatch(/data-quire="ai">[^<]*I wrote/);
    expect(body).toMatch(/A new ending of mine\.\n?$/);
    const c = provenanceCounts(body);
    // noon, twice and the four words of the new ending are the writer's, with the five they wrote before
    expect(c.writer).toBe(1 + 1 + 5 + 5);
    expect(c.model).toBe(c.total - c.writer);
  });

  it("an edit that changes nothing keeps every mark; one that rewrites everything keeps none", () => {
    const after = `${ai("Snow fell on the square.")}\n`;
    expect(provenanceCounts(editedToMarkdown("Snow fell on the square.", after))).toMatchObject({ model: 5, writer: 0 });
    expect(provenanceCounts(editedToMarkdown("Rain came down hard instead.", after))).toMatchObject({ model: 0, writer: 5 });
  });
});
