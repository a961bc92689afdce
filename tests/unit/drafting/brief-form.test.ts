import { describe, expect, it } from "vitest";
import { briefForm } from "../../../electron/shared/contract/drafting";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { briefToForm, formToBriefMarkdown } from "../../../electron/node/backend/drafting/brief-form";
import { draftToMarkdown, sameWords, wordsOfBody } from "../../../electron/node/backend/drafting/landing";

const prose = [
  "# The Island",
  "A novel of 20 chapters and 10,000 words. Anna returns to the island.",
  "",
  "In chapter 3, Anna finds the letter hidden in the piano.",
  "In chapters 5-7, it rains.",
].join("\n");

describe("the brief form", () => {
  it("reads a natural-language brief into a form the contract accepts", () => {
    const form = briefToForm(parseBrief(prose, "brief.md"));
    expect(briefForm.safeParse(form).success).toBe(true);
    expect(form.structure).toEqual([{ name: "Chapter", count: 20 }]);
    expect(form.length.total).toBe(10_000);
    expect(form.requirements.map((r) => r.placement)).toEqual([
      { kind: "once", level: "Chapter", index: 3 },
      { kind: "range", level: "Chapter", from: 5, to: 7 },
    ]);
  });

  it("saves what the writer confirmed so the engine reads back the same brief, with no requirement doubled", () => {
    const form = briefToForm(parseBrief(prose, "brief.md"));
    form.requirements[1]!.placement = { kind: "periodic", level: "Chapter", every: 4, start: 2 };
    form.style.pov = "first person";
    form.length.tolerance = 0.05;
    const again = briefToForm(parseBrief(formToBriefMarkdown(form), "brief.md"));
    expect(again).toEqual(form);
  });
});

describe("a calendar brief", () => {
  it("keeps the calendar and a date placement through the form", () => {
    const form = briefToForm(parseBrief("A diary of 52 weeks, 26,000 words, one entry per week starting 1 January 2025.\n\nOn 13 May, Anna celebrates her birthday.", "diary.md"));
    expect(form.calendar).toMatchObject({ start: "2025-01-01", period: "week" });
    expect(form.requirements[0]!.placement.kind).toBe("date");
    expect(briefToForm(parseBrief(formToBriefMarkdown(form), "diary.md"))).toEqual(form);
  });
});

describe("landing drafts", () => {
  it("marks every paragraph as model text and compares on words, not markup", () => {
    const md = draftToMarkdown("First paragraph *here*.\n\nSecond\nline.");
    expect(md.match(/<span data-quire="ai">/g)).toHaveLength(2);
    expect(wordsOfBody(md)).toBe("First paragraph *here*. Second line.");
    expect(sameWords(md, draftToMarkdown("First paragraph *here*.\n\nSecond line.", "writer"))).toBe(true);
    expect(sameWords(md, draftToMarkdown("First paragraph."))).toBe(false);
  });
});
