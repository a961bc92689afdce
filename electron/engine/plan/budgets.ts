/** Word budgets that add up exactly to the total: fixed targets kept, the rest shared by largest remainder. */
import { splitProportionally } from "../../shared/drafting/rebalance";

export interface BudgetNode {
  fixed: number | null;
  children: BudgetNode[];
  /** filled in */
  budget?: number;
}

interface Tally {
  fixedInside: number;
  freeLeaves: number;
}

function tally(node: BudgetNode): Tally {
  if (node.fixed !== null) return { fixedInside: node.fixed, freeLeaves: 0 };
  if (node.children.length === 0) return { fixedInside: 0, freeLeaves: 1 };
  return node.children.map(tally).reduce((a, b) => ({ fixedInside: a.fixedInside + b.fixedInside, freeLeaves: a.freeLeaves + b.freeLeaves }));
}

/**
 * Assign budgets top-down. A node with a fixed target keeps it; its children share it. Returns the
 * shortfall when fixed targets cannot fit (positive: fixed targets exceed the budget).
 */
export function assignBudgets(roots: BudgetNode[], total: number): { overflow: number } {
  let overflow = 0;
  const share = (nodes: BudgetNode[], budget: number) => {
    const tallies = nodes.map(tally);
    const fixed = tallies.reduce((a, t) => a + t.fixedInside, 0);
    const free = Math.max(0, budget - fixed);
    if (fixed > budget) overflow += fixed - budget;
    const freeWeights = tallies.map((t) => t.freeLeaves);
    const anyFree = freeWeights.some((w) => w > 0);
    // All fixed but budget left over: spread it by fixed size rather than lose it.
    const extra = anyFree ? splitProportionally(free, freeWeights) : splitProportionally(free, tallies.map((t) => t.fixedInside));
    nodes.forEach((node, i) => {
      node.budget = tallies[i]!.fixedInside + extra[i]!;
      if (node.fixed !== null && node.children.length === 0) return;
      if (node.children.length > 0) share(node.children, node.budget);
    });
  };
  share(roots, total);
  return { overflow };
}
