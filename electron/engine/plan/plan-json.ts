/** The stable JSON that `quire plan --json` and `quire draft` print; scripts rely on its exact shape. */
import { reviewPlan } from "./review-plan";
import { leaves, type EndState, type Plan, type StartState } from "./types";

export interface PlanJsonUnit {
  index: number;
  path: string[];
  heading: string;
  targetWords: number;
  obligations: string[];
  /** Added with the states at the joins: the unit's plan as the model (or the writer) gave it. */
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

export interface PlanJson {
  schemaVersion: 1;
  countUnit: "words" | "characters";
  targetWords: number;
  units: PlanJsonUnit[];
  /** What the plan does not hold, what the planner could not repair among it (none: []). */
  issues: PlanJsonIssue[];
}

export function planToJson(plan: Plan): PlanJson {
  const byId = new Map(plan.obligations.map((o) => [o.id, o]));
  return {
    schemaVersion: 1,
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
      start: u.start ?? null,
      end: u.end ?? null,
    })),
    issues: planIssues(plan),
  };
}

/** The plan's issues as scripts read them; a plan no model filled has no summaries to miss. */
function planIssues(plan: Plan): PlanJsonIssue[] {
  const index = new Map(leaves(plan).map((u, i) => [u.id, i + 1]));
  return reviewPlan(plan)
    .filter((i) => plan.filledBy === "model" || i.code !== "no-summary")
    .map((i) => ({ severity: i.severity, code: i.code, message: i.message, unit: i.unitId ? (index.get(i.unitId) ?? null) : null }));
}
