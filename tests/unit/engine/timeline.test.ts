import { describe, expect, it } from "vitest";
import { FactTable } from "../../../electron/engine/base/facts";
import { checkConsistency } from "../../../electron/engine/monitors/consistency";
import { datesIn } from "../../../electron/engine/monitors/timeline";

const timelineFindings = (texts: string[]) => {
  const table = new FactTable([{ name: "Anna Berg", aliases: [], kind: "character" }]);
  return texts.map((t, i) => checkConsistency(t, i + 1, table, `u${i + 1}`).filter((f) => f.code === "timeline"));
};

describe("timeline monitor", () => {
  it("reads full dates, month-years and years in running text", () => {
    expect(datesIn("On 13 May 1901 the storm came, and by June 1901 it was over.").map((d) => d.key)).toEqual([19010513, 19010600]);
    expect(datesIn("It was May 13, 1901.").map((d) => d.key)).toEqual([19010513]);
    expect(datesIn("In 1902 they left; 300 people stayed.").map((d) => d.key)).toEqual([19020000]);
  });

  it("flags a later unit set before a date an earlier unit reached", () => {
    const [first, second] = timelineFindings(["In 1902 the lamp was lit for the first time.", "In 1899 Anna Berg arrived at the harbour."]);
    expect(first).toEqual([]);
    expect(second).toHaveLength(1);
    expect(second![0]!.message).toMatch(/1899.*unit 1.*1902/);
    expect(second![0]!.fix?.kind).toBe("rewrite-passage");
  });

  it("lets flashbacks and the same period pass", () => {
    const found = timelineFindings([
      "On 13 May 1902 the lamp was lit.",
      "Anna Berg remembered the winter of 1899. In May 1902 the gulls came back.",
      "On 20 May 1902 the keeper wrote in his log.",
    ]);
    expect(found.flat()).toEqual([]);
  });

  it("orders by day within a month", () => {
    const found = timelineFindings(["On 20 May 1902 the boat sank.", "On 3 May 1902 the boat left port."]);
    expect(found[1]).toHaveLength(1);
  });
});
