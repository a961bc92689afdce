import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rebalanceBudgets, splitProportionally } from "../../../electron/shared/drafting/rebalance";

const items = (ns: number[], locked: number[] = []) => ns.map((n, i) => ({ id: `u${i + 1}`, targetWords: n, locked: locked.includes(i) }));
const sum = (bs: { targetWords: number }[]) => bs.reduce((a, b) => a + b.targetWords, 0);

describe("budget rebalancing", () => {
  it("gives the difference to the others in proportion to their size, so the total holds", () => {
    const r = rebalanceBudgets(items([500, 500, 1000]), "u1", 800, 2000);
    expect(r.holds).toBe(true);
    expect(r.budgets.map((b) => b.targetWords)).toEqual([800, 400, 800]);
  });

  it("leaves locked budgets alone", () => {
    const r = rebalanceBudgets(items([500, 500, 1000], [2]), "u1", 300, 2000);
    expect(r.budgets.map((b) => b.targetWords)).toEqual([300, 700, 1000]);
    expect(r.holds).toBe(true);
  });

  it("says the total no longer holds when the others cannot absorb the change", () => {
    const r = rebalanceBudgets(items([500, 500]), "u1", 1200, 1000);
    expect(r.holds).toBe(false);
    expect(r.sum).toBe(1201);
    expect(r.budgets[1]!.targetWords).toBe(1);
  });

  it("refuses an unknown unit", () => {
    expect(() => rebalanceBudgets(items([1, 2]), "nope", 3, 3)).toThrow(/nope/);
  });

  it("holds the total exactly for any edit the others can absorb", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 2, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 5000 }),
        (ns, pick, value) => {
          const total = ns.reduce((a, b) => a + b, 0);
          const id = `u${(pick % ns.length) + 1}`;
          const r = rebalanceBudgets(items(ns), id, value, total);
          const edited = r.budgets.find((b) => b.id === id)!;
          expect(edited.targetWords).toBe(value);
          expect(r.budgets.every((b) => b.targetWords >= 1)).toBe(true);
          if (total - value >= ns.length - 1) {
            expect(r.holds).toBe(true);
            expect(sum(r.budgets)).toBe(total);
          } else expect(r.holds).toBe(false);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it("splits proportionally into integers that sum exactly", () => {
    expect(splitProportionally(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitProportionally(7, [0, 0])).toEqual([4, 3]);
    expect(splitProportionally(5, [])).toEqual([]);
  });
});
