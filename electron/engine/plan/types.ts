/** The plan: a tree of units with budgets and placed obligations. Plain data, saved as plan.json. */
import type { CountUnit } from "../../shared/text/count-words";
import type { Placement } from "../brief/types";

/**
 * 2: leaves carry their states at the joins (start, end) and the plan the problems the planner could not repair.
 * 3: a leaf's `start` is kept only where it differs from the end of the leaf before (absent: it starts
 * there); an older Quire would read the absent starts as none. Version 2 plans read as they are.
 */
export const PLAN_SCHEMA_VERSION = 3;

/**
 * Where a leaf unit begins: where the point-of-view character is and who is there. What has just
 * happened and what is still open at its start are the previous unit's end (see plan-states.ts),
 * not kept twice; so are where and who, unless the leaf has a start of its own.
 */
export interface StartState {
  where: string;
  present: string[];
}

/** Where a leaf unit ends: where the point-of-view character is, who is there, what has just happened, what is left open. */
export interface EndState extends StartState {
  happened: string;
  open: string[];
}

/**
 * Something the planner found and could not repair within its limits: a summary or state that
 * contradicts what the unit must include or the bible ("contradiction"), or anything else the
 * plan reviewer said ("plan-review"). Kept in the plan and listed for the writer, never dropped.
 * (An empty summary needs no record: the deterministic review sees it.) `about` is the digest of
 * the unit's plan text when it was found: once the writer changes that text, the problem is
 * theirs to judge and is no longer shown.
 */
export interface PlanProblem {
  unitId: string;
  code: "contradiction" | "plan-review";
  message: string;
  about: string;
}

export interface PlanUnit {
  /** Stable within a plan: "u" + 1-based positions from the top, e.g. "u2.3". */
  id: string;
  parentId: string | null;
  /** 0 for the top level. */
  depth: number;
  levelName: string;
  /** 1-based index among all units of this level, in document order ("Chapter 7" of the book). */
  ordinal: number;
  /** 1-based index among its siblings. */
  indexInParent: number;
  /** e.g. ["Part 1", "Chapter 3"] */
  path: string[];
  heading: string;
  title: string;
  summary: string;
  beats: string[];
  /** Names of bible entries (or new entities) the unit involves. */
  entities: string[];
  targetWords: number;
  /** The brief fixed this unit's target; budgets elsewhere absorb the rest. */
  fixedTarget: boolean;
  /** Ids of obligations placed on this unit. */
  obligations: string[];
  /** For calendar units: first and last ISO day covered. */
  period?: { start: string; end: string };
  isLeaf: boolean;
  /**
   * Leaves only, once planned by the model (or written by the writer): the states at its joins.
   * `start` is the leaf's own start, only where it differs from the end of the leaf before (the
   * first leaf's, a repaired one, the writer's); absent, the leaf starts where that end says
   * (plan-states.ts `startOf`).
   */
  start?: StartState;
  end?: EndState;
}

export interface PlanObligation {
  id: string;
  requirementId: string;
  /** The brief's own wording. */
  text: string;
  /** What to ask for and check. */
  content: string;
  placement: Placement;
  /** The leaves it goes in; empty when it could not be placed ("anywhere (not placed)"). */
  unitIds: string[];
  /** Why it is not placed, when it is not: the writer said "anywhere", or its place could not be resolved. */
  notPlaced?: string;
  /** Readings the planner chose while placing it, for the writer to see. */
  notes?: string[];
}

export interface Plan {
  schemaVersion: number;
  title: string;
  language: string;
  countUnit: CountUnit;
  targetWords: number;
  tolerance: number;
  levels: string[];
  /** Depth-first document order: a parent precedes its children. */
  units: PlanUnit[];
  obligations: PlanObligation[];
  /** Who filled titles/summaries: "deterministic" or "model". */
  filledBy: "deterministic" | "model";
  /** What the planner could not repair (absent: nothing). */
  problems?: PlanProblem[];
}

export interface PlanIssue {
  severity: "error" | "warning";
  code: string;
  message: string;
  unitId?: string;
  obligationId?: string;
}

export function leaves(plan: Plan): PlanUnit[] {
  return plan.units.filter((u) => u.isLeaf);
}

export function unitById(plan: Plan, id: string): PlanUnit | undefined {
  return plan.units.find((u) => u.id === id);
}
