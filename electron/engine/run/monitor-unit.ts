/**
 * The monitors on one version of a unit's text: length, required content (with the judge when
 * the run allows), consistency against the fact table (and the facts the model reads), and
 * degeneration. Used on a fresh draft and on every revision of it.
 */
import type { CancelSignal } from "../../shared/llm/llm-port";
import type { LedgerEntry } from "../base/ledger";
import type { Fact } from "../base/facts";
import { checkConsistency } from "../monitors/consistency";
import { checkDegeneration } from "../monitors/degeneration";
import { extractFactsWithModel, newFactMemo, type FactMemo } from "../monitors/extract-facts";
import { checkLength } from "../monitors/length-monitor";
import { checkObligations, judgeWindowChars, type ObligationCheck } from "../monitors/obligations";
import type { Finding } from "../monitors/types";
import type { UnitJob } from "./unit-job";
import type { RunState } from "./types";

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
  job: Pick<UnitJob, "state" | "unit" | "leafIndex" | "llm" | "lease" | "facts"> & { signal?: CancelSignal; contextSize?: number },
  onLedger: (e: LedgerEntry) => void,
  memo: FactMemo = newFactMemo(),
): Promise<{ findings: Finding[]; checks: ObligationCheck[]; facts: Fact[] }> {
  const { state, unit } = job;
  const plan = state.plan;
  const findings: Finding[] = [];
  findings.push(...checkLength(text, plan.countUnit, unit.targetWords, unitTolerance(state), unit.id));
  const obligations = unit.obligations.map((id) => plan.obligations.find((o) => o.id === id)).filter((o) => o !== undefined);
  const judge = state.options.judge
    ? {
        llm: job.llm, lease: job.lease, ...(job.contextSize ? { maxChars: judgeWindowChars(job.contextSize) } : {}),
        onCall: (c: { promptTokens: number; completionTokens: number; thoughtTokens?: number; millis: number; note?: string }) => onLedger({ unitId: unit.id, kind: "judge", ...c }),
      }
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
