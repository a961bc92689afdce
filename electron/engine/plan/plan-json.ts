/** The stable JSON that `quire plan --json` prints; scripts rely on its exact shape (README). */
import type { Brief } from "../brief/types";
import { leaves, type Plan } from "./types";

/** 2: adds `unplaced`, `unresolved` and `assumed`. */
export const PLAN_JSON_VERSION = 2;

export interface PlanJsonUnit {
  index: number;
  path: string[];
  heading: string;
  targetWords: number;
  obligations: string[];
}

export interface PlanJsonNote {
  text: string;
  why: string;
}

export interface PlanJson {
  schemaVersion: typeof PLAN_JSON_VERSION;
  countUnit: "words" | "characters";
  targetWords: number;
  units: PlanJsonUnit[];
  /** Required items kept in the plan without a unit ("anywhere (not placed)"), with why. */
  unplaced: PlanJsonNote[];
  /** Sentences of the brief Quire could not place, one by one. */
  unresolved: PlanJsonNote[];
  /** Structure, lengths and readings Quire had to assume. */
  assumed: PlanJsonNote[];
}

export function planToJson(plan: Plan, brief?: Pick<Brief, "unresolved" | "assumed">): PlanJson {
  const byId = new Map(plan.obligations.map((o) => [o.id, o]));
  const note = (n: { text: string; why: string }): PlanJsonNote => ({ text: n.text, why: n.why });
  return {
    schemaVersion: PLAN_JSON_VERSION,
    countUnit: plan.countUnit,
    targetWords: plan.targetWords,
    units: leaves(plan).map((u, i) => ({
      index: i + 1,
      path: u.path,
      heading: u.heading,
      targetWords: u.targetWords,
      obligations: u.obligations.map((id) => byId.get(id)?.text ?? id),
    })),
    unplaced: plan.obligations.filter((o) => o.unitIds.length === 0).map((o) => ({ text: o.text, why: o.notPlaced ?? "anywhere (not placed)" })),
    unresolved: (brief?.unresolved ?? []).map(note),
    assumed: [...(brief?.assumed ?? []).map(note), ...plan.obligations.flatMap((o) => (o.notes ?? []).map((why) => ({ text: o.text, why })))].filter(
      (n, i, all) => all.findIndex((m) => m.text === n.text && m.why === n.why) === i,
    ),
  };
}
