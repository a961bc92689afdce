/**
 * The engine's plan as the studio sees it, the writer's edits applied back to it, and the plan
 * as it stands once accepted: from then on each unit's target is its front matter's (a pin beside
 * it), the total is quire.json's and so is the language; plan.json keeps what was planned.
 */
import type { z } from "zod";
import type { planView } from "../../../shared/contract/drafting";
import type { ProjectMeta, UnitMeta } from "../../../shared/domain/project";
import { setEnd, setOwnStart, startOf, type EndState, type Plan, type StartState } from "../../../engine/index";
import { describePlacement } from "../../../shared/drafting/describe-placement";
import type { Binder } from "./files/binder-file";

/** One description of a placement for the CLI, the studio and the notes: the engine's. */
export { describePlacement };

/**
 * The plan with the project's facts where the project owns them: each bound unit's target and
 * pin from its front matter (a unit with no target keeps the planned one), the total and the
 * language from quire.json. A copy; the stored plan is not changed.
 */
export function planAsAccepted(plan: Plan, binder: Binder, units: UnitMeta[], meta: Pick<ProjectMeta, "targetWords" | "language">): Plan {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: Plan = structuredClone(plan);
  for (const u of out.units) {
    const unit = byId.get(binder[u.id] ?? "");
    if (!unit) continue;
    if (unit.targetWords !== null) u.targetWords = unit.targetWords;
    u.fixedTarget = unit.targetPinned === true;
  }
  out.language = meta.language;
  if (meta.targetWords !== null) out.targetWords = meta.targetWords;
  return out;
}

export function toPlanView(plan: Plan, binder: Binder): z.infer<typeof planView> {
  return {
    title: plan.title,
    countUnit: plan.countUnit,
    targetWords: plan.targetWords,
    tolerance: plan.tolerance,
    levels: plan.levels,
    units: plan.units.map((u) => ({
      id: u.id,
      parentId: u.parentId,
      depth: u.depth,
      levelName: u.levelName,
      heading: u.heading,
      title: u.title,
      summary: u.summary,
      beats: u.beats,
      targetWords: u.targetWords,
      fixedTarget: u.fixedTarget,
      obligations: u.obligations,
      isLeaf: u.isLeaf,
      // as it reads: its own, or where the unit before ends
      start: startOf(plan, u),
      end: u.end ?? null,
      startFollows: u.isLeaf && !u.start && startOf(plan, u) !== null,
      unitId: binder[u.id] ?? null,
    })),
    obligations: plan.obligations.map((o) => ({ id: o.id, text: o.text, placement: describePlacement(o.placement), unitIds: o.unitIds })),
    filledBy: plan.filledBy,
    accepted: Object.keys(binder).length > 0,
  };
}

/** `pinned`: the writer's budget, which rebalancing leaves alone (the plan's fixedTarget, a unit's targetPinned). */
export type PlanEdit = { id: string; title?: string; summary?: string; targetWords?: number; pinned?: boolean; start?: StartState | null; end?: EndState | null };

/** Applies edits, then makes every parent's budget the sum of its children (the writer edits leaves). */
export function applyPlanEdits(plan: Plan, edits: PlanEdit[]): Plan {
  const byId = new Map(plan.units.map((u) => [u.id, u]));
  for (const e of edits) {
    const u = byId.get(e.id);
    if (!u) continue;
    if (e.title !== undefined) u.title = e.title;
    if (e.summary !== undefined) u.summary = e.summary;
    if (e.targetWords !== undefined && u.isLeaf) u.targetWords = e.targetWords;
    if (e.pinned !== undefined && u.isLeaf) u.fixedTarget = e.pinned;
    // the states are a leaf's; an empty where is no state. A start cleared (or the same as the end
    // before it) follows that end; an end edited carries to the start after it unless that is its own
    if (e.start !== undefined && u.isLeaf) setOwnStart(plan, u, e.start && e.start.where.trim() ? tidyState(e.start) : null);
    if (e.end !== undefined && u.isLeaf) {
      setEnd(plan, u, e.end && e.end.where.trim() ? { ...tidyState(e.end), happened: e.end.happened.trim(), open: e.end.open.map((t) => t.trim()).filter(Boolean) } : null);
    }
  }
  for (const u of [...plan.units].reverse()) {
    if (u.isLeaf) continue;
    u.targetWords = plan.units.filter((c) => c.parentId === u.id).reduce((a, c) => a + c.targetWords, 0);
  }
  return plan;
}

function tidyState(s: StartState): StartState {
  return { where: s.where.trim(), present: s.present.map((p) => p.trim()).filter(Boolean) };
}
