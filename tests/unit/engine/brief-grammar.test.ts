/** Phrasings that once misread, each the smallest brief that shows it. */
import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { buildPlan } from "../../../electron/engine/plan/build-plan";

const items = (brief: string) => {
  const b = parseBrief(brief);
  const plan = buildPlan(b);
  const leaves = plan.units.filter((u) => u.isLeaf);
  return { b, plan, on: Object.fromEntries(plan.obligations.map((o) => [o.text, o.unitIds.map((id) => leaves.findIndex((l) => l.id === id) + 1)])) };
};

describe("brief grammar", () => {
  it("reads a sentence that restates where the calendar starts as no content", () => {
    const { on, b } = items("Generate a weekly diary from 1 January 2018 to 30 December 2018. Start from January 1st, a Monday, marking the first week, and continue through to December 31st, the end of the 52nd week. Ensure that the diary consists of 52 entries, one for each week. Each entry should be at least 200 words. On 13 May she turns forty.");
    expect(Object.keys(on)).toEqual(["On 13 May she turns forty."]);
    expect(on["On 13 May she turns forty."]).toEqual([19]);
    expect(b.length.total).toBe(10_400);
    expect(b.unresolved).toEqual([]);
  });

  it("takes a date in a quoted name as part of the name, apostrophes and all", () => {
    const { on } = items("A weekly menu for 2018, 52 menus, about 200 words each. Celebrate 'Valentine's Day Special' on 03-02 with a special dish: red velvet cake.");
    expect(on).toEqual({ "Celebrate 'Valentine's Day Special' on 03-02 with a special dish: red velvet cake.": [9] });
  });

  it("reads grid cells, along-the-column steps and ranges against the grid's numbering", () => {
    const { on } = items("Design a city on a 10x10 block grid, numbered from 1 to 100, left to right and top to bottom. Designate Block at (1, 3) for the university. Allocate a market along the row from (7, 2) to (7, 4). Include a bus station starting from Block at (0, 5) with an interval of every 4 blocks along the column. About 150 words per block.");
    expect(Object.values(on)).toEqual([[32], [28, 38, 48], [51, 55, 59]]);
  });

  it("keeps one item whole when its second reference only narrows the first", () => {
    const { on } = items("Letters from Genoa, one on the first day of each month from 1 January 1912 to 1 December 1913, about 700 words a letter. Every letter written in 1913 mentions her engagement.");
    expect(on["Every letter written in 1913 mentions her engagement."]).toEqual([13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
  });

  it("puts content at the end of a larger unit in its last unit", () => {
    const { on } = items("5 modules, 4 lessons each, about 1,000 words per lesson. Every module after the first ends with a case study.");
    expect(on["Every module after the first ends with a case study."]).toEqual([8, 12, 16, 20]);
  });

  it("lists a count whose reading per unit would be absurd instead of taking it", () => {
    const b = parseBrief("A December journal, one entry a day from 1 to 31 December 2025, about 200 words. Christmas Eve is the carol service.");
    expect(b.length.total).toBe(6200);
    expect(b.assumed.map((a) => a.why).join(" ")).toMatch(/200 words.*each of the 31 units/);
  });
});
