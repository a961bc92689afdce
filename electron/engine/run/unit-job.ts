/** One unit's drafting job: what the run hands to draftUnit, and what it gets back. */
import type { CancelSignal, LlmPort, SequenceLease } from "../../shared/llm/llm-port";
import type { FactTable } from "../base/facts";
import type { ReplyFilter } from "../draft/reply-stream";
import type { PlanUnit } from "../plan/types";
import type { RunEvent, RunState, UnitRecord } from "./types";

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
  facts: FactTable;
  contextSize: number;
  emit: (e: RunEvent) => void;
  now: () => number;
  /** A filter for the drafting replies (see draft/reply-stream); none by default. */
  replies?: () => ReplyFilter;
}

export interface UnitOutcome {
  record: UnitRecord;
  text: string;
  cancelled: boolean;
}
