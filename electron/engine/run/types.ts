/** A drafting run as persisted data, the port that persists it, and the events it emits. */
import type { Brief, BriefBibleEntry } from "../brief/types";
import type { LedgerEntry } from "../base/ledger";
import type { Fact } from "../base/facts";
import type { ObligationCheck } from "../monitors/obligations";
import type { Finding } from "../monitors/types";
import type { Plan } from "../plan/types";
import type { Proposal } from "../review/proposal";

/** run.json's version (see run-schema.ts for what changed and how older files are read). */
export const RUN_SCHEMA_VERSION = 3;
/** A unit record's version (units/<id>.json). */
export const UNIT_RECORD_VERSION = 3;

export const STRATEGIES = ["chapters", "parallel", "sequential"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface RunOptions {
  /**
   * parallel (as CogWriter), sequential with memory (as AgentWrite), or chains of consecutive
   * units side by side, each in order (default "chapters"; see run/schedule.ts).
   */
  strategy: Strategy;
  /** Most units drafted at once (also capped by the model's sequences). */
  parallel: number;
  /** Revision rounds per unit (default 2). */
  maxRevisions: number;
  /** Accept revisions that reduce errors without asking; otherwise leave them for the writer. */
  autopilot: boolean;
  /** Use the model as a yes/no judge when the lexical check does not find an obligation. */
  judge: boolean;
  /**
   * Facts from each finished unit: "model" adds one small call for the sentences that state
   * something about a known entity (none when no sentence does); "rules" keeps to the regex
   * rules. Runs saved before this option read as "model".
   */
  factExtraction?: "model" | "rules";
  /** The engine aims inside ±slack of each budget (default 0.05), tighter than the brief's tolerance. */
  slack: number;
  /** Words of the previous unit's ending given to the next unit. */
  tailWords: number;
  /** Share of the model's context a drafting prompt may take. */
  promptShare: number;
  /**
   * The seam check on every join once both sides are written, and a bridge where they do not
   * join (default true; runs saved before this option read as true).
   */
  seams?: boolean;
  /**
   * Replies thrown away and asked for again per unit when they are not the prose asked for (a
   * refusal, a list or a table, another language, nothing); a unit still without prose then fails
   * (default 2; runs saved before this option read as 2).
   */
  retries?: number;
  temperature?: number;
  seed?: number;
}

export const DEFAULT_RUN_OPTIONS: RunOptions = {
  strategy: "chapters",
  parallel: 4,
  maxRevisions: 2,
  autopilot: true,
  judge: true,
  factExtraction: "model",
  slack: 0.05,
  tailWords: 120,
  promptShare: 0.4,
};

/**
 * "finished-with-failures": every unit was tried and the run went to its end, but some units have
 * no prose after their retries (see RunState.failed); resuming tries them again.
 */
export type RunStatus = "running" | "paused" | "cancelled" | "done" | "finished-with-failures" | "failed";

/** A unit the run could not draft: never saved as done; a resumed run tries it again. */
export interface FailedUnit {
  unitId: string;
  heading: string;
  /** Why, in words: "the model declined: "I'm sorry, but I can't help with that."" */
  reason: string;
  /** The findings that say so (the writer sees them on the unit). */
  findings: Finding[];
  /** Every call, strip and retry of its attempts. */
  ledger: LedgerEntry[];
}

/** Everything about a finished unit; written once, before the run state marks the unit done. */
export interface UnitRecord {
  schemaVersion: number;
  unitId: string;
  status: "done";
  words: number;
  targetWords: number;
  textHash: string;
  findings: Finding[];
  obligations: ObligationCheck[];
  proposals: Proposal[];
  ledger: LedgerEntry[];
  /** Facts this unit added to the table (unconfirmed). */
  facts: Fact[];
  millis: number;
}

export interface RunState {
  schemaVersion: number;
  runId: string;
  status: RunStatus;
  error?: string;
  createdAt: string;
  updatedAt: string;
  options: RunOptions;
  brief: Brief;
  plan: Plan;
  bible: BriefBibleEntry[];
  /** Leaf ids that are done, in completion order (a cache: unit records are the truth). */
  done: string[];
  /** Ledger entries outside any unit (planning). */
  ledger: LedgerEntry[];
  /** Running token-per-word estimate, so a resumed run starts calibrated. */
  tokensPerWord: number;
  /** Units without prose after their retries, in the order they failed (absent: none). */
  failed?: FailedUnit[];
}

/**
 * Where runs live. The engine defines it; electron/node/engine-store implements it on the file
 * system (atomic writes), tests may keep it in memory. A unit's text and record are written
 * before the state that lists it as done, so a crash can lose at most work in progress.
 */
export interface RunStore {
  loadState(runId: string): Promise<RunState | null>;
  saveState(state: RunState): Promise<void>;
  saveUnit(runId: string, record: UnitRecord, text: string): Promise<void>;
  loadUnit(runId: string, unitId: string): Promise<{ record: UnitRecord; text: string } | null>;
}

export type RunEvent =
  | { type: "run-started"; runId: string; units: number; targetWords: number; alreadyDone: number }
  | { type: "unit-started"; unitId: string; heading: string; targetWords: number }
  | { type: "unit-progress"; unitId: string; words: number; targetWords: number }
  /**
   * The unit's text while it is written: `text` appended to what was sent, or (reset) the whole
   * text again after anything but growth at the end (a cut to length, a revision). The first
   * event of a draft is a reset.
   */
  | { type: "unit-text"; unitId: string; text: string; reset: boolean }
  /** The unit is finished and saved: its record and its text, for whoever lands it (nobody reads it back). */
  | { type: "unit-done"; unitId: string; heading: string; words: number; targetWords: number; findings: Finding[]; revisions: number; obligationsMet: number; obligations: number; record: UnitRecord; text: string }
  /** The unit has no prose after its retries: nothing was saved; the run goes on with the others. */
  | { type: "unit-failed"; unitId: string; heading: string; reason: string; findings: Finding[] }
  | { type: "finding"; unitId: string; finding: Finding }
  /** A join was checked once both its sides were written: whether it joins, and the bridge proposed where it does not. */
  | { type: "seam"; beforeId: string; afterId: string; joins: boolean; problem?: string; proposalId?: string; autopilot?: Proposal["autopilot"] | null }
  /** A revision was proposed; autopilot applied or declined it, or (null) left it for the writer. */
  | { type: "proposal"; unitId: string; proposalId: string; autopilot: Proposal["autopilot"] | null; reasons: string[] }
  | { type: "progress"; unitsDone: number; unitsTotal: number; words: number; tokens: number; tokensPerSecond: number; etaSeconds: number | null }
  | { type: "run-ended"; status: RunStatus; error?: string };
