/**
 * Deterministic plan review: budgets, placements, summaries, states, and what the planner could
 * not repair (plan.problems, while the writer has not changed the unit since). Model review
 * lives in plan-reviewer.ts.
 */
import type { Brief } from "../brief/types";
import { unitsForPlacement } from "./build-plan";
import { startOf, unitDigest } from "./plan-states";
import { gridsOf } from "../units/grids";
import { leaves, type Plan, type PlanIssue } from "./types";

export function reviewPlan(plan: Plan, brief?: Brief): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const ls = leaves(plan);
  const sum = ls.reduce((a, u) => a + u.targetWords, 0);
  if (sum !== plan.targetWords) {
    issues.push({ severity: "error", code: "budget-sum", message: `unit budgets sum to ${sum}, not the total ${plan.targetWords}` });
  }
  for (const u of plan.units) {
    if (u.targetWords <= 0) issues.push({ severity: "error", code: "no-budget", message: `${u.heading} has no budget`, unitId: u.id });
    if (!u.isLeaf) {
      const childSum = plan.units.filter((c) => c.parentId === u.id).reduce((a, c) => a + c.targetWords, 0);
      if (childSum !== u.targetWords) issues.push({ severity: "error", code: "budget-children", message: `${u.heading}: children sum to ${childSum}, not ${u.targetWords}`, unitId: u.id });
    }
    if (!u.summary.trim()) {
      // a plan the model filled has asked for every summary, more than once: a leaf without one is not drafted from
      const drafted = plan.filledBy === "model" && u.isLeaf;
      issues.push({ severity: drafted ? "error" : "warning", code: "no-summary", message: drafted ? `${u.heading} has no summary: the model gave none; write one` : `${u.heading} has no summary yet`, unitId: u.id });
    }
    const start = u.isLeaf ? startOf(plan, u) : null;
    if (plan.filledBy === "model" && u.isLeaf && (!start || !u.end)) {
      issues.push({ severity: "warning", code: "no-states", message: `${u.heading} has no ${!start && !u.end ? "states" : !start ? "start state" : "end state"} (where it begins and ends, who is there)`, unitId: u.id });
    }
  }
  for (const p of plan.problems ?? []) {
    const u = plan.units.find((x) => x.id === p.unitId);
    // the writer has changed what the problem was about: it is theirs to judge now
    if (!u || unitDigest(plan, u) !== p.about) continue;
    issues.push({ severity: p.code === "contradiction" ? "error" : "warning", code: p.code, message: p.message, unitId: u.id });
  }
  if (brief) {
    const fixed = brief.structure.flatMap((l) => Object.entries(l.targets ?? {}).map(([k, v]) => ({ level: l.name, n: Number(k), v })));
    for (const f of fixed) {
      const u = plan.units.find((x) => x.levelName === f.level && x.ordinal === f.n);
      if (u && u.targetWords !== f.v) issues.push({ severity: "warning", code: "target-changed", message: `${u.heading}: the brief asks for ${f.v}, the budget is ${u.targetWords} (targets and total disagree)`, unitId: u.id });
    }
  }
  const calendar = brief?.calendar;
  for (const ob of plan.obligations) {
    if (ob.unitIds.length === 0) {
      // kept, not dropped: the writer settles where it goes (or lets the drafting put it anywhere)
      issues.push({ severity: "warning", code: "unplaced", message: `"${ob.text}" is ${ob.notPlaced ?? "not placed on any unit"}`, obligationId: ob.id });
      continue;
    }
    for (const id of ob.unitIds) {
      const u = plan.units.find((x) => x.id === id);
      if (!u?.isLeaf) issues.push({ severity: "error", code: "placed-off-leaf", message: `"${ob.text}" is placed on ${id}, which receives no prose`, obligationId: ob.id });
      else if (!u.obligations.includes(ob.id)) issues.push({ severity: "error", code: "placement-mismatch", message: `${u.heading} does not list "${ob.text}"`, obligationId: ob.id });
    }
    if (ob.placement.kind !== "anywhere") {
      try {
        const named = unitsForPlacement(plan, ob.placement, calendar, brief ? gridsOf(brief) : undefined);
        for (const id of ob.unitIds) {
          const inside = named.some((n) => id === n.id || id.startsWith(`${n.id}.`));
          if (!inside) issues.push({ severity: "error", code: "misplaced", message: `"${ob.text}" sits on ${id}, outside where the brief puts it`, obligationId: ob.id });
        }
      } catch (error) {
        issues.push({ severity: "error", code: "bad-placement", message: String(error instanceof Error ? error.message : error), obligationId: ob.id });
      }
    }
  }
  return issues;
}

/**
 * The units no draft may start from: in a plan the model filled, a leaf with no summary, and one
 * whose summary or states contradict what it must include (while the writer has not changed it).
 */
export function undraftable(plan: Plan): PlanIssue[] {
  return reviewPlan(plan).filter((i) => i.severity === "error" && (i.code === "no-summary" || i.code === "contradiction"));
}
