import { describe, expect, it } from "vitest";
import { lengthScore, summarise, type SystemResult } from "../../../electron/engine/eval/metrics";
import { lengthChartSvg, markdownReport } from "../../../electron/engine/eval/report";

describe("LongBench-Write length score", () => {
  it("follows the published formula on both sides of the target", () => {
    expect(lengthScore(1000, 1000)).toBe(100);
    expect(lengthScore(1000, 1300)).toBeCloseTo(90);
    expect(lengthScore(1000, 4000)).toBe(0);
    expect(lengthScore(1000, 500)).toBeCloseTo(50);
    expect(lengthScore(1000, 0)).toBe(0);
    // the README's bound: within ±10 % gives at least 94.4
    expect(Math.min(lengthScore(1000, 900), lengthScore(1000, 1100))).toBeGreaterThanOrEqual(94.4);
  });

  it("summarises per system and renders a chart with one bar per task and system", () => {
    const sys = (words: number, met: number | null): SystemResult => ({
      words, lengthScore: lengthScore(1000, words), unitsWithin10: words >= 900 && words <= 1100 ? 1 : 0, complete: true,
      obligationsMet: met, repetitionRate: 0.01, tokens: words, seconds: 1, units: [{ target: 1000, words }],
    });
    const tasks = [
      { id: "a", targetWords: 1000, countUnit: "words" as const, quire: sys(1000, 1), baseline: sys(500, 0) },
      { id: "b", targetWords: 1000, countUnit: "words" as const, quire: sys(1100, null), baseline: sys(2000, null) },
    ];
    const s = summarise(tasks);
    expect(s.quire.lengthScore).toBeCloseTo((100 + lengthScore(1000, 1100)) / 2);
    expect(s.baseline.obligationsMet).toBe(0);
    expect(lengthChartSvg(tasks).match(/<rect /g)).toHaveLength(4);
    expect(markdownReport("m.gguf", tasks, s)).toContain("| a | 1000 | 1000 | 100.0 |");
  });
});
