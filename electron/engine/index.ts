/**
 * The drafting engine's public surface: the only file of the engine that other layers (node,
 * cli, main, server) and scripts import; tests/unit may reach inside. Pure TypeScript: it reaches
 * the model only through LlmPort and storage only through RunStore.
 */

// base: bookkeeping every part shares
export type { LedgerEntry, LedgerKind } from "./base/ledger";
export { DRAFTING_KINDS, ledgerTotals } from "./base/ledger";
export { FactTable, type Fact, type KnownEntity } from "./base/facts";
export { checkVersion, DataError, describeIssues, parseJsonText, parseModelReply, parseWith, type ModelReply } from "./base/parse";

// the brief
export type { Brief, BriefBibleEntry, CalendarSpec, Placement, Requirement, StructureLevel, StyleSpec } from "./brief/types";
export { BriefError } from "./brief/types";
export { parseBrief } from "./brief/parse-brief";
export { isChatter } from "./brief/chatter";
export { frontMatterSchema, splitFrontMatter } from "./brief/front-matter";
export { extractRequirementsWithModel, fillUnresolvedWithModel, type GapFill } from "./brief/model-extract";

// the plan
export type { Plan, PlanUnit, PlanObligation, PlanIssue, PlanProblem, StartState, EndState } from "./plan/types";
export { PLAN_SCHEMA_VERSION, leaves, unitById } from "./plan/types";
export { buildPlan, placeAnywhereItems, placeRequirement, PlanError } from "./plan/build-plan";
export { reviewPlan, undraftable } from "./plan/review-plan";
export { fillPlanWithModel, type ModelPlanOptions } from "./plan/model-planner";
export { planToJson, type PlanJson, type PlanJsonUnit } from "./plan/plan-json";
export { planBrief, type PlanBriefOptions, type PlannedBrief } from "./plan/plan-brief";
export { parsePlan, planSchema, startStateSchema, endStateSchema } from "./plan/plan-schema";
export { startStateOf, startOf, endStateOf, setEnd, setOwnStart, stateLine, unitDigest, type JoinState } from "./plan/plan-states";

// drafting one text to length
export { Canceller } from "./draft/canceller";
export { buildUnitPrompt } from "./draft/prompt-builder";
export { writeToLength, type WriteOptions, type WriteResult } from "./draft/write-to-length";
export { LiveText, passThrough, type ReplyChange, type ReplyClass, type ReplyFilter, type ReplyKind, type ReplyStrip, type TextDelta } from "./draft/reply-stream";
export { cleanReply, ReplyCleaner, type CleanReplyConfig } from "./draft/clean-reply";
export { unitReplies, type UnitReplies } from "./draft/unit-replies";

// the monitors
export type { Finding, Fix, MonitorName, Suggestion } from "./monitors/types";
export type { Lexicon } from "./base/lexicon";
export { checkNames, nameDistance } from "./monitors/name-drift";
export { checkLength, lengthWindow, type LengthWindow } from "./monitors/length-monitor";
export { checkObligations, lexicalCoverage, LEXICAL_MET, type ObligationCheck } from "./monitors/obligations";
export { checkConsistency, factsFromBible } from "./monitors/consistency";
export { extractFactsWithModel, factCueSentences } from "./monitors/extract-facts";
export { checkTimeline, TIMELINE } from "./monitors/timeline";
export { checkDegeneration, repetitionRate } from "./monitors/degeneration";
export { detectLanguage, languageName } from "./monitors/language";
export { checkWritersText } from "./monitors/check-text";

// review
export type { Proposal } from "./review/proposal";
export { makeProposal } from "./review/proposal";
export { revise } from "./review/revise";

// runs
export { DraftRun, unitRefResolver, type RunDeps, type NewRun, type RunListener } from "./run/runner";
export { Schedule } from "./run/schedule";
export { checkSeam, bridgeSeam, seamProposal, type Bridge, type SeamContext, type SeamVerdict, type SeamSide } from "./review/seam-check";
export { monitorUnit } from "./run/monitor-unit";
export { checkUnitText, fixable, reviseUntilClean, type Checked, type RevisionJob, type RevisionOptions, type RevisionOutcome } from "./run/revision-loop";
export { MemoryRunStore } from "./run/memory-run-store";
export type { FailedUnit, RunEvent, RunOptions, RunState, RunStatus, RunStore, Strategy, UnitRecord } from "./run/types";
export { DEFAULT_RUN_OPTIONS, RUN_SCHEMA_VERSION, STRATEGIES, UNIT_RECORD_VERSION } from "./run/types";
export { parseRunState, parseUnitRecord } from "./run/run-schema";

// evaluation
export { lengthScore, summarise, type EvalSummary, type SystemResult, type TaskResult } from "./eval/metrics";
export { htmlReport, markdownReport } from "./eval/report";

export { fromRoman, monthIndex, monthNames, numberWord, ordinalWord, parseNumber, toRoman } from "./base/numbers";
