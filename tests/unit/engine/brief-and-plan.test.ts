import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { BriefError } from "../../../electron/engine/brief/types";
import { splitProportionally } from "../../../electron/shared/drafting/rebalance";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import { reviewPlan } from "../../../electron/engine/plan/review-plan";
import { planToJson } from "../../../electron/engine/plan/plan-json";

const placed = (brief: string) => {
  const b = parseBrief(brief);
  const plan = buildPlan(b);
  const json = planToJson(plan);
  const where = (needle: string) => json.units.filter((u) => u.obligations.some((o) => o.includes(needle))).map((u) => u.index);
  return { b, plan, json, where };
};

describe("brief parsing", () => {
  it("reads structure, length and every explicit placement from plain prose, keeping the writer's wording", () => {
    const { b, where, json } = placed(`# The Lighthouse
A novel of 20 chapters of about 500 words.

In chapter 3, Anna finds the letter hidden in the piano.
In chapters 4-6 a storm cuts the island off.
Every 3rd chapter starting from chapter 2 ends with an entry from the keeper's log.
In the last chapter the lighthouse is lit again.
`);
    expect(b.title).toBe("The Lighthouse");
    expect(b.length).toMatchObject({ total: 10_000, unit: "words" });
    expect(json.units).toHaveLength(20);
    expect(where("piano")).toEqual([3]);
    expect(where("storm")).toEqual([4, 5, 6]);
    expect(where("keeper's log")).toEqual([2, 5, 8, 11, 14, 17, 20]);
    expect(where("lit again")).toEqual([20]);
    expect(json.units[2]!.obligations).toContain("In chapter 3, Anna finds the letter hidden in the piano.");
    expect(b.requirements[0]!.content).toBe("Anna finds the letter hidden in the piano.");
  });

  it("places a date on the weekly diary entry that contains it", () => {
    const { where, b } = placed("A weekly diary of 52 entries, about 200 words each, starting 1 January 2025. On 13 May, Maya celebrates her birthday.");
    expect(b.calendar).toMatchObject({ start: "2025-01-01", period: "week" });
    // 1 Jan 2025 + 18 weeks = 7 May; the entry for 7–13 May is the 19th
    expect(where("birthday")).toEqual([19]);
  });

  it("takes structured fields from YAML front matter over prose", () => {
    const { b, json } = placed(`---
title: Floors
language: en-GB
length: { total: 3000, tolerance: 5 }
structure:
  - { level: Floor, count: 6, heading: "Floor {n}", targets: { "1": 1000 } }
required:
  - { text: "The lift is out of order", where: "floors 2-3" }
style: { pov: first person, avoid: [suddenly] }
---
A walk through a building.`);
    expect(b.length.tolerance).toBeCloseTo(0.05);
    expect(json.units.map((u) => u.targetWords)).toEqual([1000, 400, 400, 400, 400, 400]);
    expect(json.units.filter((u) => u.obligations.length).map((u) => u.index)).toEqual([2, 3]);
    expect(b.style.avoid).toEqual(["suddenly"]);
  });

  it("names the file and the field when the front matter is wrong", () => {
    expect(() => parseBrief("---\nlength: -5\n---\nx", "my-brief.md")).toThrow(BriefError);
    expect(() => parseBrief("---\nlength: -5\n---\nx", "my-brief.md")).toThrow(/my-brief\.md.*\n.*length/);
    expect(() => parseBrief("---\ntitle: [\n---\n", "b.md")).toThrow(/b\.md: front matter is not valid YAML/);
    expect(() => parseBrief("Just a story.", "c.md")).toThrow(/c\.md: the brief gives neither a length nor its units/);
  });

  it("reports a placement outside the structure instead of dropping it", () => {
    const brief = parseBrief("A novel of 10 chapters of about 300 words. In chapter 12 the ship sinks.");
    expect(brief.unresolved).toEqual([expect.objectContaining({ text: "In chapter 12 the ship sinks.", why: expect.stringMatching(/chapter 12 does not exist/) })]);
    const plan = buildPlan(brief);
    const ob = plan.obligations.find((o) => o.text === "In chapter 12 the ship sinks.")!;
    expect(ob.unitIds).toEqual([]);
    expect(ob.notPlaced).toMatch(/^anywhere \(not placed\)/);
    expect(reviewPlan(plan, brief).find((i) => i.obligationId === ob.id)?.code).toBe("unplaced");
  });
});

describe("budgets", () => {
  it("largest remainder always sums exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 60 }), (total, w) => {
        const out = splitProportionally(total, w);
        expect(out.reduce((a, b) => a + b, 0)).toBe(total);
        expect(out.every((x) => x >= 0)).toBe(true);
      }),
    );
  });

  it("nested structures with fixed targets still sum exactly and review clean", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 7 }), fc.integer({ min: 2000, max: 90_000 }), (parts, chapters, total) => {
        const brief = parseBrief(`---
length: ${total}
structure:
  - { level: Part, count: ${parts} }
  - { level: Chapter, count: ${chapters}, targets: { "1": 300 } }
---
x`);
        const plan = buildPlan(brief);
        const json = planToJson(plan);
        expect(json.units.reduce((a, u) => a + u.targetWords, 0)).toBe(total);
        expect(json.units[0]!.targetWords).toBe(300);
        expect(reviewPlan(plan, brief).filter((i) => i.severity === "error")).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe("character-counted languages", () => {
  it("reads a Chinese brief in characters and cuts Chinese text on sentence marks", async () => {
    const b = parseBrief("# 灯塔\n一部小说，共10章，每章约300字。");
    expect(b.language).toBe("zh");
    expect(b.length).toMatchObject({ total: 3000, unit: "characters" });
    const json = planToJson(buildPlan(b));
    expect(json.countUnit).toBe("characters");
    expect(json.units).toHaveLength(10);
    const { cutToRange } = await import("../../../electron/engine/text/boundaries");
    const { countWords } = await import("../../../electron/shared/text/count-words");
    const text = "海风吹过小岛。".repeat(40);
    const cut = cutToRange(text, "characters", 100, 95, 105);
    expect(cut.kind).toBe("sentence");
    expect(countWords(cut.text, "characters")).toBeGreaterThanOrEqual(95);
    expect(countWords(cut.text, "characters")).toBeLessThanOrEqual(105);
    expect(cut.text.endsWith("。")).toBe(true);
  });
});

it("reads \"6 chapters, 3,000 words in total\" as a total, not a length per chapter", () => {
  const b = parseBrief("A novel of 6 chapters, 3,000 words in total.");
  expect(b.length.total).toBe(3000);
  expect(b.structure).toEqual([{ name: "Chapter", count: 6 }]);
  expect(parseBrief("A novel of 6 chapters, 300 words each.").length.total).toBe(1800);
});
