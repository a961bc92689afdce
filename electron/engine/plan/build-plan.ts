/**
 * The deterministic planner: structure → unit tree, budgets that sum exactly to the total,
 * every requirement placed on its units. No model involved.
 */
import type { Brief, CalendarSpec, Placement, Requirement, StructureLevel } from "../brief/types";
import { toRoman } from "../base/numbers";
import { assignBudgets, type BudgetNode } from "./budgets";
import { formatDay, periodOf, unitIndexForDate } from "./calendar";
import { PLAN_SCHEMA_VERSION, type Plan, type PlanObligation, type PlanUnit } from "./types";

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

export function buildPlan(brief: Brief): Plan {
  const levels = brief.structure;
  const units: PlanUnit[] = [];
  const ordinals = levels.map(() => 0);
  const calendarDepth = brief.calendar ? calendarLevelDepth(levels, brief.calendar) : -1;

  const grow = (depth: number, parent: PlanUnit | null, parentPath: string[], idPrefix: string) => {
    const level = levels[depth]!;
    for (let i = 1; i <= level.count; i++) {
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
  for (const r of brief.requirements) placeRequirement(plan, r, brief.calendar);
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

/** The units a placement names, at its own level (not yet pushed down to leaves). */
export function unitsForPlacement(plan: Plan, p: Placement, cal?: CalendarSpec): PlanUnit[] {
  const atLevel = (name: string) => {
    const found = plan.units.filter((u) => u.levelName.toLowerCase() === name.toLowerCase());
    if (found.length === 0) throw new PlanError(`no level named "${name}" in the structure (${plan.levels.join(", ")})`);
    return found;
  };
  switch (p.kind) {
    case "once": {
      const u = atLevel(p.level).find((x) => x.ordinal === p.index);
      if (!u) throw new PlanError(`${p.level} ${p.index} does not exist (the structure has ${atLevel(p.level).length})`);
      return [u];
    }
    case "last": {
      const all = atLevel(p.level);
      return [all[all.length - 1]!];
    }
    case "range": {
      const all = atLevel(p.level);
      if (p.to > all.length) throw new PlanError(`${p.level}s ${p.from}-${p.to}: the structure has only ${all.length}`);
      return all.filter((x) => x.ordinal >= p.from && x.ordinal <= p.to);
    }
    case "periodic": {
      const all = atLevel(p.level);
      if (p.start > all.length) throw new PlanError(`every ${p.every} ${p.level} from ${p.start}: the structure has only ${all.length}`);
      return all.filter((x) => x.ordinal >= p.start && (x.ordinal - p.start) % p.every === 0);
    }
    case "date": {
      if (!cal) throw new PlanError(`a date placement ("${p.date}") needs calendar units (e.g. "a weekly diary starting 1 January")`);
      const depthUnits = plan.units.filter((u) => u.period);
      const n = unitIndexForDate(cal, p.date);
      const u = n === null ? undefined : depthUnits.find((x) => x.ordinal === n);
      if (!u) throw new PlanError(`date ${p.date} falls outside the calendar (${depthUnits[0]?.period?.start} to ${depthUnits[depthUnits.length - 1]?.period?.end})`);
      return [u];
    }
    case "anywhere":
      return [];
  }
}

function leavesUnder(plan: Plan, unit: PlanUnit): PlanUnit[] {
  if (unit.isLeaf) return [unit];
  const prefix = `${unit.id}.`;
  return plan.units.filter((u) => u.isLeaf && u.id.startsWith(prefix));
}

/** The leaf with the fewest obligations (earliest on ties): where "anywhere" and whole-part content go. */
function leastLoaded(candidates: PlanUnit[]): PlanUnit {
  return candidates.reduce((best, u) => (u.obligations.length < best.obligations.length ? u : best));
}

export function placeRequirement(plan: Plan, r: Requirement, cal?: CalendarSpec): PlanObligation {
  const named = unitsForPlacement(plan, r.placement, cal);
  const targets: PlanUnit[] = [];
  if (r.placement.kind === "anywhere") targets.push(leastLoaded(plan.units.filter((u) => u.isLeaf)));
  for (const u of named) targets.push(u.isLeaf ? u : leastLoaded(leavesUnder(plan, u)));
  const ob: PlanObligation = {
    id: `o${plan.obligations.length + 1}`,
    requirementId: r.id,
    text: r.text,
    content: r.content,
    placement: r.placement,
    unitIds: targets.map((u) => u.id),
  };
  for (const u of targets) u.obligations.push(ob.id);
  plan.obligations.push(ob);
  return ob;
}
