/**
 * The seams of a run: every join is checked once, by whichever of its two units is finished
 * second, before that unit is saved, so a bridge rewrites the side that is not saved yet (the
 * opening of the later unit, or the ending of the earlier one when the later was drafted first
 * from the plan). Which side is second is settled at the moment a unit's text is ready, in one
 * turn of the event loop, so two units finishing together never both or neither check their join.
 */
import type { LedgerEntry } from "../base/ledger";
import type { FactTable } from "../base/facts";
import type { Brief } from "../brief/types";
import { checkLength } from "../monitors/length-monitor";
import { LEXICAL_MET, lexicalCoverage } from "../monitors/obligations";
import type { Finding } from "../monitors/types";
import type { Plan, PlanUnit } from "../plan/types";
import type { ReplyFilter } from "../draft/reply-stream";
import type { Proposal } from "../review/proposal";
import { bridgeSeam, checkSeam, seamProposal, type SeamContext, type SeamSide } from "../review/seam-check";
import type { CancelSignal, LlmPort, SequenceLease } from "../../shared/llm/llm-port";
import { countWords } from "../../shared/text/count-words";
import type { RunEvent } from "./types";

export interface SettleJob {
  llm: LlmPort;
  lease?: SequenceLease;
  signal?: CancelSignal;
  brief: Pick<Brief, "title" | "kind" | "language">;
  plan: Plan;
  facts: FactTable;
  /** the unit's drafting system prompt (the book, its style), for a bridge's prose */
  systemPrompt: string;
  /** the unit's reply filter (its reply cleaner), for a bridge's reply */
  replies?: () => ReplyFilter;
  /** autopilot applies a bridge after which the join holds; otherwise it waits for the writer */
  autopilot: boolean;
  /** the unit's required items and whether its text met them, so a bridge that loses one is not applied */
  items: { content: string; met: boolean | null }[];
  /** the unit's proposals so far (a bridge is numbered after them) */
  rounds: number;
  onLedger: (e: LedgerEntry) => void;
  emit: (e: RunEvent) => void;
}

export interface Settled {
  text: string;
  proposals: Proposal[];
  findings: Finding[];
}

export class Seams {
  /** each unit's final text once it is ready (null: the unit failed and has none) */
  private readonly finals = new Map<string, Promise<string | null>>();
  private readonly index: Map<string, number>;

  constructor(private readonly leaves: PlanUnit[]) {
    this.index = new Map(leaves.map((u, i) => [u.id, i]));
  }

  /** A unit written before this session: its joins were checked when it was saved. */
  written(unitId: string, text: string): void {
    this.finals.set(unitId, Promise.resolve(text));
  }

  /**
   * `text` is the unit's text, checked and revised, not yet saved. Checks its joins with the
   * neighbours already written and bridges its own side where one does not join.
   */
  async settle(unit: PlanUnit, text: string, job: SettleJob): Promise<Settled> {
    let done!: (t: string | null) => void;
    const i = this.index.get(unit.id)!;
    const prev = this.leaves[i - 1];
    const next = this.leaves[i + 1];
    // who is second is settled here, synchronously: a neighbour registered before this line was written first
    const prevText = prev ? this.finals.get(prev.id) : undefined;
    const nextText = next ? this.finals.get(next.id) : undefined;
    this.finals.set(unit.id, new Promise((r) => (done = r)));
    const out: Settled = { text, proposals: [], findings: [] };
    try {
      const p = prevText && (await prevText);
      if (prev && typeof p === "string") await this.join({ unit: prev, text: p }, unit, "start", out, job);
      const n = nextText && (await nextText);
      if (next && typeof n === "string") await this.join({ unit: next, text: n }, unit, "end", out, job);
    } finally {
      done(out.text);
    }
    return out;
  }

  /** One join: check it; where it does not hold, bridge this unit's side, check again, propose. */
  private async join(neighbour: SeamSide, unit: PlanUnit, side: "start" | "end", out: Settled, job: SettleJob): Promise<void> {
    const mine = (): SeamSide => ({ unit, text: out.text });
    const pair = (own: SeamSide): [SeamSide, SeamSide] => (side === "start" ? [neighbour, own] : [own, neighbour]);
    const [before, after] = pair(mine());
    const ctx: SeamContext = {
      llm: job.llm, lease: job.lease, signal: job.signal, brief: job.brief, plan: job.plan, facts: job.facts, systemPrompt: job.systemPrompt,
      leafIndex: this.index.get(after.unit.id)! + 1, onLedger: job.onLedger, ...(job.replies ? { replies: job.replies } : {}),
    };
    const verdict = await checkSeam(before, after, ctx);
    if (verdict.joins || job.signal?.aborted) {
      job.emit({ type: "seam", beforeId: before.unit.id, afterId: after.unit.id, joins: true });
      return;
    }
    const problem = verdict.problem ?? "they do not join";
    const bridged = (await bridgeSeam(before, after, side, problem, ctx))?.text ?? null;
    let proposal: Proposal | undefined;
    if (bridged !== null && !job.signal?.aborted) {
      const [b2, a2] = pair({ unit, text: bridged });
      const again = await checkSeam(b2, a2, ctx);
      proposal = seamProposal(unit.id, job.rounds + out.proposals.length + 1, problem, neighbour.unit, out.text, bridged, again.joins);
      // a bridge that holds the join and keeps what the text met, and its length, is applied on autopilot
      if (job.autopilot) proposal.autopilot = again.joins && keepsItems(out.text, bridged, job.items) && keepsLength(unit, out.text, bridged, job.plan) ? "applied" : "declined";
      out.proposals.push(proposal);
      job.emit({ type: "proposal", unitId: unit.id, proposalId: proposal.id, autopilot: proposal.autopilot ?? null, reasons: proposal.reasons });
      if (proposal.autopilot === "applied") {
        out.text = bridged;
        job.emit({ type: "unit-text", unitId: unit.id, text: bridged, reset: true });
      }
    }
    if (proposal?.autopilot !== "applied") {
      const finding: Finding = {
        monitor: "consistency", severity: "warning", code: "seam", unitId: unit.id,
        message: `${side === "start" ? `does not follow on from ${neighbour.unit.heading}` : `does not lead into ${neighbour.unit.heading}`}: ${problem}${proposal ? " (a bridge is proposed)" : ""}`,
      };
      out.findings.push(finding);
      job.emit({ type: "finding", unitId: unit.id, finding });
    }
    job.emit({ type: "seam", beforeId: before.unit.id, afterId: after.unit.id, joins: false, problem, ...(proposal ? { proposalId: proposal.id, autopilot: proposal.autopilot ?? null } : {}) });
  }
}

/** The bridged text is within the unit's length tolerance, or no further from its budget than before. */
function keepsLength(unit: PlanUnit, before: string, after: string, plan: Plan): boolean {
  if (checkLength(after, plan.countUnit, unit.targetWords, plan.tolerance).length === 0) return true;
  const off = (t: string) => Math.abs(countWords(t, plan.countUnit) - unit.targetWords);
  return off(after) <= off(before);
}

/** Every item the text met in its words is still there in the bridged text. */
function keepsItems(before: string, after: string, items: SettleJob["items"]): boolean {
  return items.every((c) => c.met !== true || lexicalCoverage(c.content, before) < LEXICAL_MET || lexicalCoverage(c.content, after) >= LEXICAL_MET);
}
