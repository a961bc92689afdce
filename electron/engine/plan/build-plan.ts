/**
 * The deterministic planner: structure → unit tree, budgets that sum exactly to the total,
 * every requirement placed on its units. No model involved.
 */
import type { Brief, CalendarSpec, GridSpec, Placement, Requirement, StructureLevel } from "../brief/types";
import { toRoman } from "../base/numbers";
import { assignBudgets, type BudgetNode } from "./budgets";
import { formatDay, periodOf } from "../units/calendar";
import { PlacementError, resolvePlacement } from "../units/resolve-placement";
import { gridsOf } from "../units/grids";
import { PLAN_SCHEMA_VERSION, type Plan, type PlanObligation, type PlanUnit } from "./types";

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

export { PlacementError };

export function buildPlan(brief: Brief): Plan {
  const levels = brief.structure;
  const units: PlanUnit[] = [];
  const ordinals = levels.map(() => 0);
  const calendarDepth = brief.calendar ? calendarLevelDepth(levels, brief.calendar) : -1;

  const grow = (depth: number, parent: PlanUnit | null, parentPath: string[], idPrefix: string) => {
    const level = levels[depth]!;
    // uneven levels ("Part One has three chapters, Part Two five") give each parent its own count
    const count = level.counts?.[(parent?.ordinal ?? 1) - 1] ?? level.count;
    for (let i = 1; i <= count; i++) {
      const ordinal = ++ordinals[depth]!;
      const isLeaf = depth === levels.length - 1;
      const period = depth === calendarDepth && brief.calendar ? periodOf(brief.calendar, ordinal) : undefined;
      const title = level.titles?.[ordinal - 1] ?? "";
      const unit: PlanUnit = {
        id: `${idPrefix}${idPrefix === "u" ? "" : "."}${i}`,
        parentId: parent?.id ?? null,
        depth,
        levelName: level.name,
        ordinal,
        indexInParent: i,
        path: [...parentPath, `${level.name} ${ordinal}`],
        heading: "",
        title,
        summary: "",
        beats: [],
        entities: [],
        targetWords: 0,
        fixedTarget: level.targets?.[ordinal] !== undefined,
        obligations: [],
        period,
        isLeaf,
      };
      unit.heading = formatHeading(level, unit);
      units.push(unit);
      if (!isLeaf) grow(depth + 1, unit, unit.path, unit.id);
    }
  };
  grow(0, null, [], "u");

  // Budgets
  const nodes = new Map<string, BudgetNode>();
  const roots: BudgetNode[] = [];
  for (const u of units) {
    const node: BudgetNode = { fixed: levels[u.depth]!.targets?.[u.ordinal] ?? null, children: [] };
    nodes.set(u.id, node);
    if (u.parentId) nodes.get(u.parentId)!.children.push(node);
    else roots.push(node);
  }
  assignBudgets(roots, brief.length.total);
  for (const u of units) u.targetWords = nodes.get(u.id)!.budget ?? 0;

  const plan: Plan = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    title: brief.title,
    language: brief.language,
    countUnit: brief.length.unit,
    targetWords: brief.length.total,
    tolerance: brief.length.tolerance,
    levels: levels.map((l) => l.name),
    units,
    obligations: [],
    filledBy: "deterministic",
  };
  for (const r of brief.requirements) placeRequirement(plan, r, brief.calendar, gridsOf(brief));
  return plan;
}


function calendarLevelDepth(levels: StructureLevel[], cal: CalendarSpec): number {
  if (cal.level) {
    const i = levels.findIndex((l) => l.name.toLowerCase() === cal.level!.toLowerCase());
    if (i >= 0) return i;
  }
  return levels.length - 1;
}

export function formatHeading(level: StructureLevel, u: Pick<PlanUnit, "ordinal" | "indexInParent" | "title" | "period" | "levelName">): string {
  const pattern = level.heading ?? (u.period ? "{level} {n} ({date})" : u.title ? "{level} {n}: {title}" : "{level} {n}");
  return pattern
    .replaceAll("{level}", u.levelName)
    .replaceAll("{n}", String(u.ordinal))
    .replaceAll("{i}", String(u.indexInParent))
    .replaceAll("{roman}", toRoman(u.ordinal))
    .replaceAll("{title}", u.title)
    .replaceAll("{date}", u.period ? formatDay(u.period.start) : "")
    .replace(/[:\s]+$/, "")
    .trim();
}

/** The units a placement names, at its own level (not yet pushed down to leaves); throws PlacementError when they do not exist. */
export function unitsForPlacement(plan: Plan, p: Placement, cal?: CalendarSpec, grids?: Record<string, GridSpec>): PlanUnit[] {
  return resolvePlacement(plan.units, p, { calendar: cal, grids }).units;
}

function leavesUnder(plan: Plan, unit: PlanUnit): PlanUnit[] {
  if (unit.isLeaf) return [unit];
  const prefix = `${unit.id}.`;
  return plan.units.filter((u) => u.isLeaf && u.id.startsWith(prefix));
}

/**
 * Content the brief names no place for, put where it is drafted: on the leaf with the fewest
 * items (earliest on ties), never silently: the obligation says so in its notes. Used when the
 * plan is for drafting (a model is there to write it); a plan read without a model reports such
 * items as "anywhere (not placed)" and leaves the choice to the writer.
 */
export function placeAnywhereItems(plan: Plan): void {
  const ls = plan.units.filter((u) => u.isLeaf);
  if (ls.length === 0) return;
  for (const ob of plan.obligations) {
    if (ob.unitIds.length > 0 || ob.placement.kind !== "anywhere") continue;
    const leaf = ls.reduce((best, u) => (u.obligations.length < best.obligations.length ? u : best));
    ob.unitIds = [leaf.id];
    leaf.obligations.push(ob.id);
    delete ob.notPlaced;
    ob.notes = [...(ob.notes ?? []), `placed on ${leaf.heading}: the brief names no place for it, and that unit had the fewest items`];
  }
}

/**
 * Places one requirement on its leaves (content placed on a part goes in every chapter of it). A
 * requirement is never dropped: when its place is "anywhere" or cannot be resolved, it stays in
 * the plan with no units and says why.
 */
export function placeRequirement(plan: Plan, r: Requirement, cal?: CalendarSpec, grids?: Record<string, GridSpec>): PlanObligation {
  const ob: PlanObligation = {
    id: `o${plan.obligations.length + 1}`,
    requirementId: r.id,
    text: r.text,
    content: r.content,
    placement: r.placement,
    unitIds: [],
  };
  if (r.placement.kind === "anywhere") ob.notPlaced = "anywhere (not placed)";
  else {
    try {
      const resolved = resolvePlacement(plan.units, r.placement, { calendar: cal, grids });
      const leaves = resolved.units.flatMap((u) => leavesUnder(plan, u));
      ob.unitIds = [...new Set(leaves.map((u) => u.id))];
      if (resolved.notes.length > 0) ob.notes = resolved.notes;
      if (ob.unitIds.length === 0) ob.notPlaced = "anywhere (not placed): its place names no units";
    } catch (error) {
      if (!(error instanceof PlacementError)) throw error;
      ob.notPlaced = `anywhere (not placed): ${error.message}`;
    }
  }
  for (const id of ob.unitIds) plan.units.find((u) => u.id === id)!.obligations.push(ob.id);
  plan.obligations.push(ob);
  return ob;
}
