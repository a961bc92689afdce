/**
 * The drafting engine's public surface, for the backend, the UI bridge and the CLI.
 * Pure TypeScript: it reaches the model only through LlmPort and storage only through RunStore.
 */
export type { Brief, BriefBibleEntry, CalendarSpec, Placement, Requirement, StructureLevel, StyleSpec } from "./brief/types";
export { BriefError } from "./brief/types";
export { parseBrief } from "./brief/parse-brief";
export { frontMatterSchema } from "./brief/front-matter";
export { extractRequirementsWithModel } from "./brief/model-extract";

export type { Plan, PlanUnit, PlanObligation, PlanIssue } from "./plan/types";
export { PLAN_SCHEMA_VERSION, leaves, unitById } from "./plan/types";
export { buildPlan, placeRequirement, PlanError } from "./plan/build-plan";
export { reviewPlan } from "./plan/review-plan";
export { fillPlanWithModel, type ModelPlanOptions } from "./plan/model-planner";
export { planToJson, type PlanJson, type PlanJsonUnit } from "./plan/plan-json";

export { DraftRun, scheduleGroups, type RunDeps, type NewRun, type RunListener } from "./run/runner";
export { MemoryRunStore } from "./run/memory-run-store";
export type { RunEvent, RunOptions, RunState, RunStatus, RunStore, Strategy, UnitRecord } from "./run/types";
export { DEFAULT_RUN_OPTIONS, RUN_SCHEMA_VERSION } from "./run/types";

export type { LedgerEntry, LedgerKind } from "./draft/ledger";
export { ledgerTotals } from "./draft/ledger";
export { buildUnitPrompt } from "./draft/prompt-builder";
export { writeToLength } from "./draft/write-to-length";

export type { Finding, Fix, MonitorName } from "./monitors/types";
export { checkLength, lengthWindow } from "./monitors/length-monitor";
export { checkObligations, lexicalCoverage } from "./monitors/obligations";
export { checkConsistency, factsFromBible, FactTable, type Fact } from "./monitors/consistency";
export { extractFactsWithModel, factCueSentences } from "./monitors/extract-facts";
export { checkTimeline, TIMELINE } from "./monitors/timeline";
export { checkDegeneration, repetitionRate } from "./monitors/degeneration";
export { checkWritersText } from "./monitors/check-text";

export type { Proposal } from "./review/proposal";
export { applyProposal, makeProposal } from "./review/proposal";

export { lengthScore } from "./eval/metrics";
