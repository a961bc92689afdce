/** The engine's plan as the studio sees it, and the writer's edits applied back to it. */
import type { z } from "zod";
import type { planView } from "../../../shared/contract/drafting";
import { describePlacement } from "../../../engine/brief/describe-placement";
import type { Plan } from "../../../engine/plan/types";

/** plan.json: the engine's plan plus which binder unit each plan unit became. */
export type StoredPlan = Plan & { binder?: Record<string, string> };

/** One description of a placement for the CLI, the studio and the notes: the engine's. */
export { describePlacement };

export function toPlanView(plan: StoredPlan): z.infer<typeof planView> {
  const binder = plan.binder ?? {};
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
      unitId: binder[u.id] ?? null,
    })),
    obligations: plan.obligations.map((o) => ({ id: o.id, text: o.text, placement: describePlacement(o.placement), unitIds: o.unitIds })),
    filledBy: plan.filledBy,
    accepted: Object.keys(binder).length > 0,
  };
}

/** Applies edits, then makes every parent's budget the sum of its children (the writer edits leaves). */
export function applyPlanEdits(plan: StoredPlan, edits: { id: string; title?: string; summary?: string; targetWords?: number }[]): StoredPlan {
  const byId = new Map(plan.units.map((u) => [u.id, u]));
  for (const e of edits) {
    const u = byId.get(e.id);
    if (!u) continue;
    if (e.title !== undefined) u.title = e.title;
    if (e.summary !== undefined) u.summary = e.summary;
    if (e.targetWords !== undefined && u.isLeaf) u.targetWords = e.targetWords;
  }
  for (const u of [...plan.units].reverse()) {
    if (u.isLeaf) continue;
    u.targetWords = plan.units.filter((c) => c.parentId === u.id).reduce((a, c) => a + c.targetWords, 0);
  }
  return plan;
}
