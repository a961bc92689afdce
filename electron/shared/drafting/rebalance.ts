/**
 * Editing one unit's budget in the plan: the other budgets give or take the difference, in
 * proportion to their size, so the book's total holds. Pure, shared by the studio and tests.
 */

export interface BudgetItem {
  id: string;
  targetWords: number;
  /** a budget the writer or the brief fixed: rebalancing leaves it alone */
  locked?: boolean;
}

export interface Rebalanced {
  budgets: BudgetItem[];
  /** false when the others could not absorb the change (each keeps at least `min`) */
  holds: boolean;
  /** what the budgets now sum to */
  sum: number;
}

/** Integers proportional to weights that sum exactly to total (ties go to the earlier). */
export function splitProportionally(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const wsum = sum > 0 ? sum : weights.length;
  const exact = w.map((x) => (total * x) / wsum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]!.i]!++;
  return out;
}

/**
 * Sets `id` to `value` and spreads the difference over the unlocked others so the sum stays
 * `total`. When they cannot give enough (each keeps `min`), they go down to `min` and `holds`
 * is false: the studio then says the total no longer holds rather than silently changing it.
 */
export function rebalanceBudgets(items: BudgetItem[], id: string, value: number, total: number, min = 1): Rebalanced {
  const out = items.map((b) => ({ ...b }));
  const edited = out.find((b) => b.id === id);
  if (!edited) throw new Error(`no budget "${id}"`);
  edited.targetWords = Math.max(0, Math.round(value));
  const free = out.filter((b) => b !== edited && !b.locked);
  const fixedSum = out.filter((b) => !free.includes(b)).reduce((a, b) => a + b.targetWords, 0);
  const room = total - fixedSum;
  if (free.length === 0) {
    const sum = fixedSum;
    return { budgets: out, holds: sum === total, sum };
  }
  const floor = min * free.length;
  const share = Math.max(room, floor);
  // share what is left over `min` each, in proportion to what each had over `min`
  const extra = splitProportionally(share - floor, free.map((b) => Math.max(0, b.targetWords - min)));
  free.forEach((b, i) => (b.targetWords = min + extra[i]!));
  const sum = out.reduce((a, b) => a + b.targetWords, 0);
  return { budgets: out, holds: sum === total, sum };
}
