/** The stable JSON that `quire plan --json` and `quire draft` print; scripts rely on its exact shape. */
import { leaves, type Plan } from "./types";

export interface PlanJsonUnit {
  index: number;
  path: string[];
  heading: string;
  targetWords: number;
  obligations: string[];
}

export interface PlanJson {
  schemaVersion: 1;
  countUnit: "words" | "characters";
  targetWords: number;
  units: PlanJsonUnit[];
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
    })),
  };
}
