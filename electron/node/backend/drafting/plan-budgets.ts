/**
 * The writer's budgets in the plan. A budget the writer sets is pinned: it shows a pin, it can
 * be released, and rebalancing moves only the budgets that are not pinned. Pins that would come
 * to more than the book's total are refused, with the numbers. Pure: the plan service stores
 * the edits (in plan.json before acceptance, in the units' front matter after).
 */
import { rebalanceBudgets, splitProportionally } from "../../../shared/drafting/rebalance";

export interface BudgetUnit {
  id: string;
  heading: string;
  targetWords: number;
  /** pinned (by the writer, or fixed by the brief) */
  fixedTarget: boolean;
  isLeaf: boolean;
}

export interface BudgetEdit {
  id: string;
  targetWords?: number;
  pinned?: boolean;
}

const n = (x: number) => x.toLocaleString("en-US");

/**
 * The edits that set `id` to `value` and pin it; with `rebalance`, the unpinned others give or
 * take the difference so the total holds. A refusal explains itself in numbers.
 */
export function setBudget(units: readonly BudgetUnit[], total: number, id: string, value: number, rebalance: boolean, countUnit = "words"): { edits: BudgetEdit[] } | { problem: string } {
  const unit = units.find((u) => u.id === id);
  if (!unit) return { problem: "That unit is not in the plan." };
  if (!unit.isLeaf) return { problem: `${unit.heading}'s budget is the sum of what it holds: set the budgets inside it.` };
  const leaves = units.filter((u) => u.isLeaf);
  const pinnedElsewhere = leaves.filter((u) => u.id !== id && u.fixedTarget);
  const pinned = pinnedElsewhere.reduce((a, u) => a + u.targetWords, 0) + value;
  if (pinned > total) {
    return {
      problem: `Pinned budgets would come to ${n(pinned)} ${countUnit} (${n(value)} here and ${n(pinned - value)} in ${pinnedElsewhere.length} other pinned unit${pinnedElsewhere.length === 1 ? "" : "s"}), more than the book's ${n(total)}: release a pin or lower this budget.`,
    };
  }
  if (!rebalance) return { edits: [{ id, targetWords: value, pinned: true }] };
  const free = leaves.filter((u) => u.id !== id && !u.fixedTarget);
  const r = rebalanceBudgets(
    leaves.map((u) => ({ id: u.id, targetWords: u.targetWords, locked: u.fixedTarget })),
    id,
    value,
    total,
  );
  if (!r.holds) {
    return {
      problem:
        free.length === 0
          ? `Every other budget is pinned, so ${unit.heading} at ${n(value)} makes the book ${n(r.sum)} ${countUnit}, not ${n(total)}: release a pin to let the others absorb it.`
          : `${unit.heading} at ${n(value)} leaves ${n(Math.max(0, total - pinned))} ${countUnit} for the ${free.length} unpinned unit${free.length === 1 ? "" : "s"}, too little for them: lower it, or release a pin.`,
    };
  }
  const before = new Map(leaves.map((u) => [u.id, u.targetWords]));
  const edits: BudgetEdit[] = r.budgets.filter((b) => b.id !== id && b.targetWords !== before.get(b.id)).map((b) => ({ id: b.id, targetWords: b.targetWords }));
  return { edits: [{ id, targetWords: value, pinned: true }, ...edits] };
}

/** Pins or releases a budget. Pinning cannot break the total (the budget is already in it); releasing frees it for rebalancing. */
export function pinBudget(units: readonly BudgetUnit[], id: string, pinned: boolean): { edits: BudgetEdit[] } | { problem: string } {
  const unit = units.find((u) => u.id === id);
  if (!unit) return { problem: "That unit is not in the plan." };
  if (!unit.isLeaf) return { problem: `${unit.heading}'s budget is the sum of what it holds: pin the budgets inside it.` };
  return { edits: [{ id, pinned }] };
}

/**
 * Leaves scaled so they come to `total`: pinned budgets stay, the others share what is left in
 * proportion to their size (the project's target kept, the plan's budgets following it).
 */
export function scaleToTotal(units: readonly BudgetUnit[], total: number): { edits: BudgetEdit[] } | { problem: string } {
  const leaves = units.filter((u) => u.isLeaf);
  const pinned = leaves.filter((u) => u.fixedTarget).reduce((a, u) => a + u.targetWords, 0);
  const free = leaves.filter((u) => !u.fixedTarget);
  if (pinned > total || (free.length > 0 && total - pinned < free.length)) {
    return { problem: `The pinned budgets come to ${n(pinned)}, which leaves no room within ${n(total)} for the other ${free.length} units.` };
  }
  const shares = splitProportionally(total - pinned, free.map((u) => u.targetWords));
  return { edits: free.map((u, i) => ({ id: u.id, targetWords: shares[i]! })).filter((e, i) => e.targetWords !== free[i]!.targetWords) };
}
