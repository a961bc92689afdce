/** One unit from prompt to accepted text: write to length, monitor, revise within the limit, record. */
import { countWords } from "../../shared/text/count-words";
import type { CancelSignal, LlmPort, SequenceLease } from "../../shared/llm/llm-port";
import { buildUnitPrompt, fitPrompt } from "../draft/prompt-builder";
import type { LedgerEntry } from "../draft/ledger";
import { writeToLength } from "../draft/write-to-length";
import { LiveText, type ReplyFilter } from "../draft/reply-stream";
import { checkConsistency, type Fact, type FactTable } from "../monitors/consistency";
import { checkDegeneration } from "../monitors/degeneration";
import { extractFactsWithModel, newFactMemo, type FactMemo } from "../monitors/extract-facts";
import { checkLength, lengthWindow } from "../monitors/length-monitor";
import { checkObligations, type ObligationCheck } from "../monitors/obligations";
import type { Finding } from "../monitors/types";
import type { PlanUnit } from "../plan/types";
import { makeProposal, type Proposal } from "../review/proposal";
import { revise } from "../review/revise";
import { contentHash } from "../text/hash";
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

/** The tolerance a unit is held to: the brief's, but never looser than ±10 %. */
export function unitTolerance(state: RunState): number {
  return Math.min(state.plan.tolerance, 0.1);
}

/**
 * The monitors on one version of a unit's text. Facts the model reads are returned, not added:
 * the caller adds the ones of the text it keeps. Pass one memo for all versions of a unit, so a
 * revision's recheck reads only the sentences it changed.
 */
export async function monitorUnit(
  text: string,
  job: Pick<UnitJob, "state" | "unit" | "leafIndex" | "llm" | "lease" | "facts"> & { signal?: CancelSignal },
  onLedger: (e: LedgerEntry) => void,
  memo: FactMemo = newFactMemo(),
): Promise<{ findings: Finding[]; checks: ObligationCheck[]; facts: Fact[] }> {
  const { state, unit } = job;
  const plan = state.plan;
  const findings: Finding[] = [];
  findings.push(...checkLength(text, plan.countUnit, unit.targetWords, unitTolerance(state), unit.id));
  const obligations = unit.obligations.map((id) => plan.obligations.find((o) => o.id === id)).filter((o) => o !== undefined);
  const judge = state.options.judge
    ? { llm: job.llm, lease: job.lease, onCall: (c: { promptTokens: number; completionTokens: number; millis: number }) => onLedger({ unitId: unit.id, kind: "judge", ...c }) }
    : null;
  const ob = await checkObligations(text, obligations, judge, unit.id);
  findings.push(...ob.findings);
  const consistency = checkConsistency(text, job.leafIndex, job.facts, unit.id);
  findings.push(...consistency);
  let facts: Fact[] = [];
  if ((state.options.factExtraction ?? "model") === "model") {
    const read = await extractFactsWithModel(text, job.leafIndex, job.facts, {
      llm: job.llm, lease: job.lease, signal: job.signal, unitId: unit.id, heading: unit.heading, onLedger, memo, raised: consistency, deferAdd: true,
    });
    findings.push(...read.findings);
    facts = read.facts;
  }
  findings.push(...checkDegeneration(text, plan.language, unit.id));
  return { findings, checks: ob.checks, facts };
}

const errors = (fs: Finding[]) => fs.filter((f) => f.severity === "error").length;

export async function draftUnit(job: UnitJob): Promise<UnitOutcome> {
  const { state, unit, llm } = job;
  const plan = state.plan;
  const started = job.now();
  const ledger: LedgerEntry[] = [];
  const onLedger = (e: LedgerEntry) => ledger.push(e);
  const factsBefore = job.facts.facts.length;
  const window = lengthWindow(unit.targetWords, state.options.slack);

  let prompt = buildUnitPrompt({ brief: state.brief, plan, unit, bible: state.bible, previousTail: job.previousTail, storySoFar: job.storySoFar });
  if (job.contextSize > 0) prompt = await fitPrompt(prompt, Math.floor(job.contextSize * state.options.promptShare), (t) => llm.countTokens(t));
  const sampling = { temperature: state.options.temperature ?? 0.8, // one seed per unit: the same seed everywhere would start every unit alike
    seed: state.options.seed !== undefined ? state.options.seed + job.leafIndex : undefined, repeatPenalty: { penalty: 1.1, lastTokens: 128 } };

  job.emit({ type: "unit-started", unitId: unit.id, heading: unit.heading, targetWords: unit.targetWords });
  let lastEmit = 0;
  // the unit's text as it is written goes out as deltas, and again whole after a cut or a revision
  const live = new LiveText((d) => job.emit({ type: "unit-text", unitId: unit.id, text: d.text, reset: d.reset }));
  // the ledger shows the writer what each part of the prompt cost, in the model's own tokens
  const sections = await Promise.all(
    prompt.sections.map(async (s) => ({ name: s.name, chars: s.text.length, tokens: await llm.countTokens(s.text).catch(() => undefined) })),
  );
  const written = await writeToLength({
    llm, lease: job.lease, messages: prompt.messages, sections,
    window, countUnit: plan.countUnit, unitId: unit.id, signal: job.signal, sampling, ratio: job.ratio, onLedger,
    continueContextWords: 250, replies: job.replies,
    onText: (t, words) => {
      live.show(t);
      if (words - lastEmit >= 50) {
        lastEmit = words;
        job.emit({ type: "unit-progress", unitId: unit.id, words, targetWords: unit.targetWords });
      }
    },
  });
  let text = written.text;
  const empty = (cancelled: boolean): UnitOutcome => ({ cancelled, text, record: undefined as unknown as UnitRecord });
  if (written.cancelled) return empty(true);

  const memo = newFactMemo();
  let { findings, checks, facts } = await monitorUnit(text, job, onLedger, memo);
  const proposals: Proposal[] = [];
  const system = prompt.messages[0]?.content ?? "";
  for (let round = 1; round <= state.options.maxRevisions && errors(findings) > 0 && findings.some((f) => f.severity === "error" && f.fix); round++) {
    if (job.signal?.aborted) return empty(true);
    const after = await revise(text, findings, {
      llm, lease: job.lease, signal: job.signal, unitId: unit.id, heading: unit.heading, countUnit: plan.countUnit, window,
      messages: prompt.messages, systemPrompt: system, ratio: job.ratio, onLedger,
    });
    const recheck = await monitorUnit(after, job, onLedger, memo);
    const p = makeProposal(unit.id, round, findings.filter((f) => f.severity === "error").map((f) => f.message), text, after, errors(findings), errors(recheck.findings));
    if (state.options.autopilot) {
      const better = p.errorsAfter < p.errorsBefore;
      p.status = better ? "accepted" : "rejected";
      p.decidedBy = "autopilot";
      proposals.push(p);
      job.emit({ type: "proposal", unitId: unit.id, proposalId: p.id, status: p.status, reasons: p.reasons });
      if (!better) break;
      text = after;
      live.show(text);
      findings = recheck.findings;
      checks = recheck.checks;
      facts = recheck.facts;
    } else {
      proposals.push(p);
      job.emit({ type: "proposal", unitId: unit.id, proposalId: p.id, status: p.status, reasons: p.reasons });
      break;
    }
  }
  if (job.signal?.aborted) return empty(true);
  for (const f of facts) job.facts.add(f);
  for (const f of findings) if (f.severity !== "info") job.emit({ type: "finding", unitId: unit.id, finding: f });
  const record: UnitRecord = {
    unitId: unit.id,
    status: "done",
    words: countWords(text, plan.countUnit),
    targetWords: unit.targetWords,
    textHash: contentHash(text),
    findings,
    obligations: checks,
    proposals,
    ledger,
    facts: job.facts.facts.slice(factsBefore).filter((f) => f.source === `unit ${job.leafIndex}`),
    millis: job.now() - started,
  };
  return { record, text, cancelled: false };
}
