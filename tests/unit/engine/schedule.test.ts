/** The run's schedule (issue 15): chains of consecutive units side by side, balanced by budget, cut at parents' boundaries, and a free worker's head start on the longest chain left. */
import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import { Schedule } from "../../../electron/engine/run/schedule";

const leavesOf = (brief: string) => buildPlan(parseBrief(brief)).units.filter((u) => u.isLeaf);
const sizes = (s: Schedule) => s.chainIds().map((c) => c.length);

describe("the default schedule (chapters)", () => {
  it("cuts a flat book into as many chains of consecutive chapters as workers, balanced by budget", () => {
    const twenty = leavesOf("A novel of 20 chapters, 10,000 words in total.");
    expect(sizes(Schedule.of(twenty, "chapters", 4))).toEqual([5, 5, 5, 5]);
    const three = sizes(Schedule.of(twenty, "chapters", 3));
    expect(three.reduce((a, b) => a + b)).toBe(20);
    expect(Math.max(...three) - Math.min(...three)).toBeLessThanOrEqual(1);
    expect(Schedule.of(twenty, "chapters", 4).chainIds().flat()).toEqual(twenty.map((u) => u.id));
    // budgets, not counts: a long first chapter is a chain's worth on its own
    const uneven = leavesOf("A novel of 5 chapters, 4,000 words in total.");
    uneven[0]!.targetWords = 2000;
    for (const u of uneven.slice(1)) u.targetWords = 500;
    expect(sizes(Schedule.of(uneven, "chapters", 2))).toEqual([1, 4]);
  });

  it("cuts at a chapter's boundary when one is near, so its scenes stay in one chain", () => {
    const scenes = leavesOf("A novel of 4 chapters with 3 scenes each, 12,000 words in total.");
    for (const workers of [2, 3, 4]) {
      const chains = Schedule.of(scenes, "chapters", workers).chainIds();
      expect(chains).toHaveLength(workers);
      // every chapter's scenes in one chain
      const chainOf = (chapter: string) => new Set(chains.flatMap((c, i) => (c.some((id) => id.startsWith(`${chapter}.`)) ? [i] : [])));
      for (const chapter of ["u1", "u2", "u3", "u4"]) expect(chainOf(chapter).size, `${workers}: ${chains.join(" | ")}`).toBe(1);
    }
  });

  it("a resumed run starts its chains after what is written (the next unit sees that text)", () => {
    const ten = leavesOf("A novel of 10 chapters, 5,000 words in total.");
    const s = Schedule.of(ten, "chapters", 2, new Set(["u3", "u4"]));
    expect(s.chainIds()).toEqual([["u1", "u2"], ["u5", "u6", "u7", "u8", "u9", "u10"]]);
  });

  it("a worker with nothing left takes the second half of the longest chain still to draft", () => {
    const ten = leavesOf("A novel of 10 chapters, 5,000 words in total.");
    const s = Schedule.of(ten, "chapters", 2);
    const w0 = [s.next(0), s.next(0), s.next(0), s.next(0), s.next(0)].map((u) => u!.id);
    expect(w0).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    expect(s.next(1)!.id).toBe("u6");
    // worker 0 is done with its chain while worker 1 is still on u6: it takes u9 and u10
    expect(s.next(0)!.id).toBe("u9");
    expect(s.next(1)!.id).toBe("u7");
    expect(s.next(1)!.id).toBe("u8");
    expect(s.next(0)!.id).toBe("u10");
    // a chain with one unit left to start is not split: that unit follows its predecessor
    expect(s.next(1)).toBeNull();
    expect(s.next(0)).toBeNull();
  });
});

describe("the other strategies", () => {
  it("sequential is one chain; parallel is every unit on its own", () => {
    const six = leavesOf("A novel of 6 chapters, 3,000 words in total.");
    expect(sizes(Schedule.of(six, "sequential", 4))).toEqual([6]);
    expect(sizes(Schedule.of(six, "parallel", 4))).toEqual([1, 1, 1, 1, 1, 1]);
    const seq = Schedule.of(six, "sequential", 4);
    expect(seq.next(0)!.id).toBe("u1");
    expect(seq.next(1)).toBeNull();
  });
});
