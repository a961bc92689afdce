/** One unit's drafting job: what the run hands to draftUnit, and what it gets back. */
import type { CancelSignal, LlmPort, SequenceLease } from "../../shared/llm/llm-port";
import type { FactTable } from "../base/facts";
import type { UnitReplies } from "../draft/unit-replies";
import type { PlanUnit } from "../plan/types";
import type { FailedUnit, RunEvent, RunState, UnitRecord } from "./types";

export interface UnitJob {
  state: RunState;
  unit: PlanUnit;
  /** 1-based position among the leaves: the unit number facts are keyed by. */
  leafIndex: number;
  previousTail?: string;
  storySoFar?: string[];
  llm: LlmPort;
  lease?: SequenceLease;
  signal?: CancelSignal;
  ratio: { tokensPerWord: number };
  /** How far the units finished so far are over (+) or under (−) their budgets, all told. */
  drift?: number;
  facts: FactTable;
  contextSize: number;
  emit: (e: RunEvent) => void;
  now: () => number;
  /** The filter for the unit's replies (see draft/reply-stream); the reply cleaner by default. */
  replies?: UnitReplies;
}

export type UnitOutcome =
  /** written, checked and revised: save it */
  | { kind: "done"; record: UnitRecord; text: string }
  /** the run was cancelled while it was written: nothing to save */
  | { kind: "cancelled" }
  /** no prose after its retries: never saved as done */
  | { kind: "failed"; failure: FailedUnit };
