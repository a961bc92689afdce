/**
 * The one revision loop: monitor findings → a targeted revision → the monitors again on the
 * revised text → a proposal saying what changed and whether it fixed anything. Drafting runs it
 * after each unit (autopilot applies a revision that leaves fewer errors and goes round again);
 * the studio runs it on the writer's current text to draft a stale revision again.
 */
import type { ChatMessage } from "../../shared/llm/llm-port";
import type { LedgerEntry } from "../base/ledger";
import { followUps as unitFollowUps, obligationLines, unitLabel, type FollowUps } from "../draft/prompt-builder";
import type { ReplyFilter } from "../draft/reply-stream";
import { unitReplies } from "../draft/unit-replies";
import type { Fact } from "../base/facts";
import { newFactMemo, type FactMemo } from "../monitors/extract-facts";
import { lengthWindow } from "../monitors/length-monitor";
import type { ObligationCheck } from "../monitors/obligations";
import type { Finding } from "../monitors/types";
import { makeProposal, type Proposal } from "../review/proposal";
import { revise } from "../review/revise";
import { monitorUnit } from "./monitor-unit";
import type { UnitJob } from "./unit-job";

/** What the monitors said about one version of a unit's text. */
export interface Checked {
  findings: Finding[];
  checks: ObligationCheck[];
  /** facts the model read in it (not yet in the table) */
  facts: Fact[];
}

export type RevisionJob = Pick<UnitJob, "state" | "unit" | "leafIndex" | "llm" | "lease" | "signal" | "facts" | "ratio"> & {
  /** the model's context, in tokens per sequence (sizes the judge's window; unknown: a default) */
  contextSize?: number;
  /** the unit's drafting prompt, reused to expand a revision that came out short */
  messages: ChatMessage[];
  onLedger: (e: LedgerEntry) => void;
  /** one memo for every version of the unit, so a recheck reads only the sentences a revision changed */
  memo?: FactMemo;
  /** the unit's reply filter (default: the reply cleaner for the unit) */
  replies?: () => ReplyFilter;
  /** the unit's ending and retry instructions (default: the unit's own) */
  followUps?: FollowUps;
  /** the unit's required items (default: the plan's for the unit) */
  mustInclude?: readonly string[];
};

export interface RevisionOptions {
  /** most rounds (each makes one proposal) */
  rounds: number;
  /**
   * Autopilot applies a revision that leaves fewer errors and goes round again from it, and
   * declines one that does not (ending the loop); without it the first proposal is left for the
   * writer and the loop ends.
   */
  autopilot: boolean;
  onProposal?: (p: Proposal) => void;
}

export interface RevisionOutcome {
  /** the text after the proposals applied (the input when none was) */
  text: string;
  checked: Checked;
  proposals: Proposal[];
  cancelled: boolean;
}

const errors = (fs: Finding[]) => fs.filter((f) => f.severity === "error");
/** A revision is worth drafting while an error has a fix the reviser knows. */
export const fixable = (fs: Finding[]) => fs.some((f) => f.severity === "error" && f.fix);

/** The monitors on a text, for the loop's first round. */
export function checkUnitText(text: string, job: RevisionJob): Promise<Checked> {
  return monitorUnit(text, job, job.onLedger, job.memo);
}

export async function reviseUntilClean(text: string, checked: Checked, job: RevisionJob, o: RevisionOptions): Promise<RevisionOutcome> {
  const { state, unit } = job;
  const memo = job.memo ?? newFactMemo();
  const window = lengthWindow(unit.targetWords, state.options.slack);
  const system = job.messages[0]?.content ?? "";
  const proposals: Proposal[] = [];
  let current = { text, checked };
  for (let round = 1; round <= o.rounds && errors(current.checked.findings).length > 0 && fixable(current.checked.findings); round++) {
    if (job.signal?.aborted) return { ...current, proposals, cancelled: true };
    const after = await revise(current.text, current.checked.findings, {
      llm: job.llm, lease: job.lease, signal: job.signal, unitId: unit.id, heading: unit.heading, countUnit: state.plan.countUnit, window,
      messages: job.messages, systemPrompt: system, ratio: job.ratio, onLedger: job.onLedger,
      replies: job.replies ?? (() => unitReplies(unit, state.plan, state.brief.language)),
      followUps: job.followUps ?? unitFollowUps({ label: unitLabel(unit), language: state.brief.language, countUnit: state.plan.countUnit }),
      mustInclude: job.mustInclude ?? obligationLines(state.plan, unit),
    });
    const recheck = await monitorUnit(after, job, job.onLedger, memo);
    const p = makeProposal(unit.id, round, errors(current.checked.findings).map((f) => f.message), current.text, after, errors(current.checked.findings).length, errors(recheck.findings).length);
    if (o.autopilot) p.autopilot = p.errorsAfter < p.errorsBefore ? "applied" : "declined";
    proposals.push(p);
    o.onProposal?.(p);
    if (p.autopilot !== "applied") break;
    current = { text: after, checked: recheck };
  }
  return { ...current, proposals, cancelled: job.signal?.aborted ?? false };
}
