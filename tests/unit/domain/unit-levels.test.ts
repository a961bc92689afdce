import { describe, expect, it } from "vitest";
import type { UnitMeta } from "../../../electron/shared/domain/project";
import { canHoldChildren, placeUnit } from "../../../electron/shared/domain/unit-tree";

const u = (id: string, parentId: string | null, level: number, title = id): UnitMeta => ({
  id, parentId, level, order: 0, title, synopsis: "", targetWords: null, status: "todo", notes: "",
});
const levels = ["Week", "Day", "Session"];
const units = [u("w1", null, 0), u("d1", "w1", 1), u("s1", "d1", 2), u("d2", "w1", 1), u("w2", null, 0)];

describe("placing units within the project's levels", () => {
  it("only levels above the last hold units", () => {
    expect(canHoldChildren(levels, 0)).toBe(true);
    expect(canHoldChildren(levels, 1)).toBe(true);
    expect(canHoldChildren(levels, 2)).toBe(false);
    expect(canHoldChildren(["Chapter"], 0)).toBe(false);
    expect(canHoldChildren([], 0)).toBe(false);
  });

  it("a unit under a parent takes the parent's level plus one", () => {
    expect(placeUnit(units, levels, "d2", "w2", 1)).toEqual({ level: 1 });
    expect(placeUnit(units, levels, null, "d2", 0)).toEqual({ level: 2 });
  });

  it("refuses what would sit deeper than the last level, naming the units and levels", () => {
    const inside = placeUnit(units, levels, null, "s1", 0);
    expect(inside).toEqual({ problem: expect.stringMatching(/“s1”.*a Session holds no further level.*Week › Day › Session/) });
    // d1 holds a session: under d2 that session would be a fourth level
    expect(placeUnit(units, levels, "d1", "d2", 1)).toEqual({ problem: expect.stringMatching(/what it holds would sit deeper than Session/) });
    // w1 holds days and sessions: it cannot go under w2
    expect("problem" in placeUnit(units, levels, "w1", "w2", 0)).toBe(true);
  });

  it("at the top level a unit keeps its level (a day outside any week)", () => {
    expect(placeUnit(units, levels, "d2", null, 1)).toEqual({ level: 1 });
    expect(placeUnit(units, levels, null, null, 0)).toEqual({ level: 0 });
  });
});

describe("targets up the tree", () => {
  it("a unit without a target shows the sum of its units' targets; its own wins where it has one", async () => {
    const { rolledUpTargets } = await import("../../../electron/shared/domain/unit-tree");
    const t = (id: string, parentId: string | null, level: number, targetWords: number | null) => ({ ...u(id, parentId, level), targetWords });
    const tree = [t("p", null, 0, null), t("c1", "p", 1, null), t("s1", "c1", 2, 1200), t("s2", "c1", 2, 800), t("c2", "p", 1, 5000), t("s3", "c2", 2, 100), t("c3", "p", 1, null)];
    const r = rolledUpTargets(tree);
    expect(r.get("c1")).toBe(2000);
    expect(r.get("c2")).toBe(5000);
    expect(r.get("c3")).toBeNull();
    expect(r.get("p")).toBe(7000);
  });
});
