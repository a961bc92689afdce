/**
 * The monitors on the writer's own text (no drafting involved): length against the unit's
 * budget, obligations (lexically; the judge only when a model is given), consistency against
 * the bible, degeneration. Facts the text states are added to the table it is given; with a
 * model, also those it reads in the sentences that state something about a known entity.
 */
import type { CountUnit } from "../../shared/text/count-words";
import type { LlmPort } from "../../shared/llm/llm-port";
import type { LedgerEntry } from "../base/ledger";
import type { FactTable } from "../base/facts";
import { checkConsistency } from "./consistency";
import { checkDegeneration } from "./degeneration";
import { extractFactsWithModel } from "./extract-facts";
import { checkLength } from "./length-monitor";
import { checkObligations, type ObligationCheck } from "./obligations";
import type { Finding } from "./types";

export interface WritersText {
  unitId: string;
  /** 1-based position among the units that receive prose */
  unitNumber: number;
  text: string;
  targetWords: number | null;
  obligations: { id: string; text: string; content: string }[];
}

export async function checkWritersText(
  t: WritersText,
  o: {
    countUnit: CountUnit; language: string; tolerance: number; facts: FactTable; llm?: LlmPort;
    /** "rules" keeps the model out of fact-finding even when one is given (default "model"). */
    factExtraction?: "model" | "rules";
    onLedger?: (e: LedgerEntry) => void;
  },
): Promise<{ findings: Finding[]; obligations: ObligationCheck[] }> {
  const findings: Finding[] = [];
  if (t.targetWords) findings.push(...checkLength(t.text, o.countUnit, t.targetWords, o.tolerance, t.unitId));
  const ob = await checkObligations(t.text, t.obligations, o.llm ? { llm: o.llm } : null, t.unitId);
  const consistency = checkConsistency(t.text, t.unitNumber, o.facts, t.unitId);
  findings.push(...ob.findings, ...consistency);
  if (o.llm && (o.factExtraction ?? "model") === "model") {
    const read = await extractFactsWithModel(t.text, t.unitNumber, o.facts, { llm: o.llm, unitId: t.unitId, onLedger: o.onLedger, raised: consistency });
    findings.push(...read.findings);
  }
  findings.push(...checkDegeneration(t.text, o.language, t.unitId));
  return { findings, obligations: ob.checks };
}
