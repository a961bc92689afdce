import { describe, expect, it } from "vitest";
import type { UnitMeta } from "../../../electron/shared/domain/project";
import { documentOrder, keyboardMoveTarget, levelName } from "../../../electron/shared/domain/unit-tree";

const u = (id: string, parentId: string | null, order: number, level = parentId ? 1 : 0): UnitMeta => ({
  id,
  parentId,
  level,
  order,
  title: id,
  synopsis: "",
  targetWords: null,
  status: "todo",
  notes: "",
});

const units = [u("p2", null, 1), u("p1", null, 0), u("c2", "p1", 1), u("c1", "p1", 0), u("s1", "c1", 0, 2), u("c3", "p2", 0)];

describe("unit tree", () => {
  it("orders units depth-first by order, any depth", () => {
    expect(documentOrder(units).map((x) => x.id)).toEqual(["p1", "c1", "s1", "c2", "p2", "c3"]);
  });

  it("puts orphans at the top level instead of losing them", () => {
    expect(documentOrder([u("x", "gone", 0), u("a", null, 1)]).map((x) => x.id)).toEqual(["x", "a"]);
  });

  it("computes keyboard moves", () => {
    expect(keyboardMoveTarget(units, "c2", "up")).toEqual({ parentId: "p1", index: 0 });
    expect(keyboardMoveTarget(units, "c1", "up")).toBeNull();
    expect(keyboardMoveTarget(units, "c2", "indent")).toEqual({ parentId: "c1", index: 1 });
    expect(keyboardMoveTarget(units, "s1", "outdent")).toEqual({ parentId: "p1", index: 1 });
    expect(keyboardMoveTarget(units, "p1", "outdent")).toBeNull();
  });

  it("names deeper levels after the last named level", () => {
    expect(levelName(["Part", "Chapter"], 0)).toBe("Part");
    expect(levelName(["Part", "Chapter"], 5)).toBe("Chapter");
  });
});
