/**
 * From a brief to a plan, the one way every caller plans (the studio, `quire plan`, `quire
 * draft`, `quire eval`, the benchmark and the GPU check): with a model, the sentences that ask
 * for content without saying where get a place first; then the deterministic planner sets the
 * structure, exact budgets and placements; then the model fills titles, summaries, beats and the
 * states at the joins, and reviews and repairs the plan; last, the deterministic review says what
 * does not hold, the planner's unrepaired problems among it.
 */
import type { CancelSignal, LlmPort } from "../../shared/llm/llm-port";
import type { LedgerEntry } from "../base/ledger";
import { extractRequirementsWithModel } from "../brief/model-extract";
import type { Brief, BriefBibleEntry, Requirement } from "../brief/types";
import { buildPlan, placeAnywhereItems } from "./build-plan";
import { fillPlanWithModel } from "./model-planner";
import { reviewPlan } from "./review-plan";
import type { Plan, PlanIssue } from "./types";

export interface PlanBriefOptions {
  /** The model: places requirements the prose left open, fills and reviews the plan. Without it the plan is deterministic. */
  llm?: LlmPort;
  signal?: CancelSignal;
  onLedger?: (e: LedgerEntry) => void;
  /** The project's language, which wins over the one the brief proposes. */
  language?: string;
  /** The model's review of the plan against the brief, with bounded repair (default true). */
  review?: boolean;
  /** The project's story bible besides the brief's: the states at the joins are written and checked against it. */
  bible?: BriefBibleEntry[];
  /** Plan the states at the joins (default true; off only to measure what they cost, as bench:engine does). */
  states?: boolean;
}

/** An object, so what planning reports can grow without changing its callers. */
export interface PlannedBrief {
  /** The brief as planned: the project's language, and the requirements the model placed added. */
  brief: Brief;
  plan: Plan;
  /**
   * The deterministic review of the plan against the brief, with what the planner could not
   * repair (errors mean the plan does not hold, and no unit is drafted from it).
   */
  issues: PlanIssue[];
  /** Requirements the model placed (also in brief.requirements). */
  placedByModel: Requirement[];
}

/** Throws BriefError or PlanError when the brief cannot be planned at all. */
export async function planBrief(source: Brief, o: PlanBriefOptions = {}): Promise<PlannedBrief> {
  // requirements are copied: the model's gap filling places them in place
  let brief: Brief = { ...source, requirements: source.requirements.map((r) => ({ ...r })), ...(o.language ? { language: o.language } : {}) };
  let placedByModel: Requirement[] = [];
  // the structure must hold before any model call is paid for
  let plan = buildPlan(brief);
  if (o.llm) {
    placedByModel = await extractRequirementsWithModel(brief, o.llm, o.onLedger);
    if (placedByModel.length > 0) {
      brief = { ...brief, requirements: [...brief.requirements, ...placedByModel] };
      plan = buildPlan(brief);
    }
    // planning for drafting: content with no place must still be written somewhere (said in its notes)
    placeAnywhereItems(plan);
    await fillPlanWithModel(plan, brief, { llm: o.llm, signal: o.signal, onLedger: o.onLedger, review: o.review, bible: o.bible, states: o.states });
  }
  return { brief, plan, issues: reviewPlan(plan, brief), placedByModel };
}
