/**
 * Where an accepted plan's units go in a binder that already holds units. The writer chooses:
 *
 *   replace  the manuscript's units go to the trash (whence they can be restored) and the plan's
 *            tree takes their place, with the plan's levels;
 *   merge    level by level: the plan's first Part is the binder's first Part, its chapters that
 *            Part's chapters, and so on; what the binder lacks is created, what the plan lacks is
 *            left as it is;
 *   under    inside one chosen unit: the plan's units become its children (a plan whose top level
 *            is the chosen unit's own, with one unit there, is that unit).
 *
 * Never a level twice: a plan's Parts never land beside or inside the binder's Parts as Parts
 * of their own; where that is the only way, the choice is refused with the reason. Pure: the
 * plan service carries the steps out.
 */
import { compareSiblings } from "../../../shared/domain/unit-tree";
import type { UnitMeta } from "../../../shared/domain/project";

export type PlacementChoice = { mode: "replace" } | { mode: "merge" } | { mode: "under"; unitId: string };

export interface PlanUnitShape {
  id: string;
  parentId: string | null;
  depth: number;
}

/** One plan unit's place: an existing unit it becomes, or a new one under a parent (a plan unit placed earlier, or a binder unit). */
export type PlacementStep =
  | { planId: string; existing: string }
  | { planId: string; create: { parentPlanId: string | null; parentUnitId: string | null; level: number } };

export interface PlacementResult {
  steps: PlacementStep[];
  /** the project's levels afterwards (extended where the plan goes deeper than they name) */
  levels: string[];
  /** binder units that go to the trash first (replace) */
  trash: string[];
}

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

function childrenOf(units: readonly UnitMeta[], parentId: string | null): UnitMeta[] {
  return units.filter((u) => u.parentId === parentId).sort(compareSiblings);
}

/** Levels from `from` on are the plan's from `planFrom` on, where the project names none. */
function extendLevels(project: readonly string[], from: number, plan: readonly string[], planFrom: number): string[] {
  const out = [...project];
  for (let d = planFrom; d < plan.length; d++) {
    const at = from + (d - planFrom);
    if (out[at] === undefined) out[at] = plan[d]!;
  }
  return out;
}

export function placePlan(
  plan: { levels: readonly string[]; units: readonly PlanUnitShape[] },
  units: readonly UnitMeta[],
  projectLevels: readonly string[],
  choice: PlacementChoice | null,
): PlacementResult | { problem: string } {
  const kids = new Map<string | null, PlanUnitShape[]>();
  for (const u of plan.units) kids.set(u.parentId, [...(kids.get(u.parentId) ?? []), u]);
  const roots = kids.get(null) ?? [];
  const steps: PlacementStep[] = [];
  /** every plan unit under `planParent` created fresh, at `level` and below */
  const createAll = (list: readonly PlanUnitShape[], parentPlanId: string | null, parentUnitId: string | null, level: number) => {
    for (const u of list) {
      steps.push({ planId: u.id, create: { parentPlanId, parentUnitId, level } });
      createAll(kids.get(u.id) ?? [], u.id, null, level + 1);
    }
  };
  /** plan units matched in order with the binder's children of `unitId` (the same level), the rest created */
  const mergeInto = (list: readonly PlanUnitShape[], unitId: string | null, level: number) => {
    const existing = childrenOf(units, unitId).filter((u) => u.level === level);
    list.forEach((u, i) => {
      const match = existing[i];
      if (match) {
        steps.push({ planId: u.id, existing: match.id });
        mergeInto(kids.get(u.id) ?? [], match.id, level + 1);
      } else {
        steps.push({ planId: u.id, create: { parentPlanId: null, parentUnitId: unitId, level } });
        createAll(kids.get(u.id) ?? [], u.id, null, level + 1);
      }
    });
  };

  if (units.length === 0 || choice?.mode === "replace") {
    createAll(roots, null, null, 0);
    return { steps, levels: [...plan.levels], trash: units.length === 0 ? [] : childrenOf(units, null).map((u) => u.id) };
  }
  if (!choice) return { problem: "The binder already holds units: choose where the plan goes (replace them, merge into them, or add under one unit)." };

  if (choice.mode === "merge") {
    // the plan's top level is the project's level of the same name (else its top level)
    const named = projectLevels.findIndex((l) => same(l, plan.levels[0]));
    const top = named >= 0 ? named : 0;
    if (top > 0) {
      const above = projectLevels[top - 1] ?? "unit";
      return {
        problem: `This plan starts at ${plan.levels[0]}, and in this project a ${plan.levels[0]} sits inside a ${above}: choose “add under a chosen unit” to say which ${above} it goes in.`,
      };
    }
    mergeInto(roots, null, 0);
    return { steps, levels: extendLevels(projectLevels, 0, plan.levels, 0), trash: [] };
  }

  const target = units.find((u) => u.id === choice.unitId);
  if (!target) return { problem: "The unit chosen for the plan is no longer in the binder." };
  const ownLevel = projectLevels[target.level] ?? plan.levels[0];
  if (same(plan.levels[0], ownLevel)) {
    // the plan's top level is the chosen unit's own: a single top unit is that unit; more would nest a level in itself
    if (roots.length !== 1) {
      return {
        problem: `The plan has ${roots.length} ${plan.levels[0]}s, and a ${plan.levels[0]} cannot go inside “${target.title}”, itself a ${ownLevel}: choose merge, or a unit one level up.`,
      };
    }
    steps.push({ planId: roots[0]!.id, existing: target.id });
    mergeInto(kids.get(roots[0]!.id) ?? [], target.id, target.level + 1);
    return { steps, levels: extendLevels(projectLevels, target.level, plan.levels, 0), trash: [] };
  }
  const alsoAbove = projectLevels.slice(0, target.level + 1).find((l) => same(l, plan.levels[0]));
  if (alsoAbove) {
    return { problem: `The plan starts at ${plan.levels[0]}, a level above “${target.title}” in this project: choose merge, or a ${plan.levels[0]}'s parent.` };
  }
  createAll(roots, null, target.id, target.level + 1);
  return { steps, levels: extendLevels(projectLevels, target.level + 1, plan.levels, 0), trash: [] };
}
