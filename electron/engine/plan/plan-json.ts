/** The stable JSON that `quire plan --json` and `quire draft` print; scripts rely on its exact shape (README). */
import type { Brief } from "../brief/types";
import { startOf } from "./plan-states";
import { reviewPlan } from "./review-plan";
import { leaves, type EndState, type Plan, type StartState } from "./types";

/** 2: adds `unplaced`, `unresolved` and `assumed`; and per unit `title`, `summary`, `start`, `end`, and `issues` (issue 15). */
export const PLAN_JSON_VERSION = 2;

export interface PlanJsonUnit {
  index: number;
  path: string[];
  heading: string;
  targetWords: number;
  obligations: string[];
  /** Added with the states at the joins: the unit's plan as the model (or the writer) gave it; `start` as it reads (its own, or the end of the unit before). */
  title: string;
  summary: string;
  start: StartState | null;
  end: EndState | null;
}

/** Something the plan does not hold yet, or that its planner could not repair; `unit` is the index of the unit it is about. */
export interface PlanJsonIssue {
  severity: "error" | "warning";
  code: string;
  message: string;
  unit: number | null;
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
  /** What the plan does not hold, what the planner could not repair among it (none: []). */
  issues: PlanJsonIssue[];
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
      title: u.title,
      summary: u.summary,
      start: startOf(plan, u),
      end: u.end ?? null,
    })),
    issues: planIssues(plan),
    unplaced: plan.obligations.filter((o) => o.unitIds.length === 0).map((o) => ({ text: o.text, why: o.notPlaced ?? "anywhere (not placed)" })),
    unresolved: (brief?.unresolved ?? []).map(note),
    assumed: [...(brief?.assumed ?? []).map(note), ...plan.obligations.flatMap((o) => (o.notes ?? []).map((why) => ({ text: o.text, why })))].filter(
      (n, i, all) => all.findIndex((m) => m.text === n.text && m.why === n.why) === i,
    ),
  };
}

/** The plan's issues as scripts read them; a plan no model filled has no summaries to miss. */
function planIssues(plan: Plan): PlanJsonIssue[] {
  const index = new Map(leaves(plan).map((u, i) => [u.id, i + 1]));
  return reviewPlan(plan)
    .filter((i) => plan.filledBy === "model" || i.code !== "no-summary")
    .map((i) => ({ severity: i.severity, code: i.code, message: i.message, unit: i.unitId ? (index.get(i.unitId) ?? null) : null }));
}
