/**
 * The plan as stored (plan.json, and inside every run.json): its zod schema and the one reader
 * that checks its version. Version 2 added the states at the joins and the planner's unrepaired
 * problems, both optional, so a version 1 plan reads as it is (no states, no problems). Version 3
 * keeps a leaf's start only where it differs from the end before it; a version 2 plan's start on
 * every leaf reads as each leaf's own. A
 * plan.json of the studio before issue 12 also carried the binder (plan unit → project unit)
 * under "binder": that key is not part of the plan and is dropped here (the studio moves it to its
 * own file first).
 */
import { z } from "zod";
import { checkVersion, DataError, parseWith } from "../base/parse";
import type { Placement } from "../brief/types";
import { PLAN_SCHEMA_VERSION, type EndState, type Plan, type PlanObligation, type PlanProblem, type PlanUnit, type StartState } from "./types";

const int = z.number().int();

const cell = z.tuple([int, int]);

/** Every placement the brief grammar can write (plans and runs carry them); nested ones recurse. */
export const placementSchema: z.ZodType<Placement> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("once"), level: z.string(), index: int }),
    z.object({ kind: z.literal("range"), level: z.string(), from: int, to: int }),
    z.object({ kind: z.literal("periodic"), level: z.string(), every: int, start: int, end: int.optional() }),
    z.object({ kind: z.literal("last"), level: z.string(), count: int.optional() }),
    z.object({ kind: z.literal("set"), level: z.string(), indices: z.array(int) }),
    z.object({ kind: z.literal("fraction"), level: z.string(), at: z.number() }),
    z.object({ kind: z.literal("name"), level: z.string().optional(), name: z.string() }),
    z.object({ kind: z.literal("date"), date: z.string(), to: z.string().optional(), every: int.optional() }),
    z.object({
      kind: z.literal("cells"), level: z.string(), from: cell, to: cell.optional(), every: int.optional(),
      along: z.enum(["column", "row"]).optional(), diagonal: z.boolean().optional(),
    }),
    z.object({ kind: z.literal("corners"), level: z.string() }),
    z.object({ kind: z.literal("line"), level: z.string(), axis: z.enum(["row", "column"]), index: int }),
    z.object({ kind: z.literal("within"), outer: placementSchema, inner: placementSchema }),
    z.object({ kind: z.literal("union"), of: z.array(placementSchema) }),
    z.object({ kind: z.literal("anywhere") }),
  ]),
);

export const startStateSchema: z.ZodType<StartState> = z.object({ where: z.string(), present: z.array(z.string()) });
export const endStateSchema: z.ZodType<EndState> = z.object({ where: z.string(), present: z.array(z.string()), happened: z.string(), open: z.array(z.string()) });

const planProblemSchema: z.ZodType<PlanProblem> = z.object({
  unitId: z.string(),
  code: z.enum(["contradiction", "plan-review"]),
  message: z.string(),
  about: z.string(),
});

const planUnitSchema: z.ZodType<PlanUnit> = z.object({
  id: z.string().min(1),
  parentId: z.string().nullable(),
  depth: int.nonnegative(),
  levelName: z.string(),
  ordinal: int,
  indexInParent: int,
  path: z.array(z.string()),
  heading: z.string(),
  title: z.string(),
  summary: z.string(),
  beats: z.array(z.string()),
  entities: z.array(z.string()),
  targetWords: int.nonnegative(),
  fixedTarget: z.boolean(),
  obligations: z.array(z.string()),
  period: z.object({ start: z.string(), end: z.string() }).optional(),
  isLeaf: z.boolean(),
  start: startStateSchema.optional(),
  end: endStateSchema.optional(),
});

const planObligationSchema: z.ZodType<PlanObligation> = z.object({
  id: z.string(),
  requirementId: z.string(),
  text: z.string(),
  content: z.string(),
  placement: placementSchema,
  unitIds: z.array(z.string()),
});

export const planSchema: z.ZodType<Plan> = z.object({
  schemaVersion: int.positive(),
  title: z.string(),
  language: z.string(),
  countUnit: z.enum(["words", "characters"]),
  targetWords: int.nonnegative(),
  tolerance: z.number().min(0),
  levels: z.array(z.string()),
  units: z.array(planUnitSchema),
  obligations: z.array(planObligationSchema),
  filledBy: z.enum(["deterministic", "model"]),
  problems: z.array(planProblemSchema).optional(),
});

/** A stored plan, checked: refused when newer than this Quire, a DataError naming `where` when it is not a plan. */
export function parsePlan(value: unknown, where: string): Plan {
  checkVersion(value, PLAN_SCHEMA_VERSION, where, "plan");
  const plan = parseWith(planSchema, value, where, "a Quire plan");
  // every id the plan refers to is one of its own
  const ids = new Set(plan.units.map((u) => u.id));
  for (const u of plan.units) {
    if (u.parentId !== null && !ids.has(u.parentId)) throw new DataError(where, `is not a Quire plan (unit ${u.id}'s parent ${u.parentId} is not in it)`);
  }
  return plan;
}
