/** The plan: a tree of units with budgets and placed obligations. Plain data, saved as plan.json. */
import type { CountUnit } from "../../shared/text/count-words";
import type { Placement } from "../brief/types";

export const PLAN_SCHEMA_VERSION = 1;

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
