/**
 * The monitors on the writer's own text (no drafting involved): length against the unit's
 * budget, obligations (lexically; the judge only when a model is given), consistency against
 * the bible, degeneration. Facts the text states are added to the table it is given.
 */
import type { CountUnit } from "../../shared/text/count-words";
import type { LlmPort } from "../../shared/llm/llm-port";
import { checkConsistency, type FactTable } from "./consistency";
import { checkDegeneration } from "./degeneration";
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
  o: { countUnit: CountUnit; language: string; tolerance: number; facts: FactTable; llm?: LlmPort },
): Promise<{ findings: Finding[]; obligations: ObligationCheck[] }> {
  const findings: Finding[] = [];
  if (t.targetWords) findings.push(...checkLength(t.text, o.countUnit, t.targetWords, o.tolerance, t.unitId));
  const ob = await checkObligations(t.text, t.obligations, o.llm ? { llm: o.llm } : null, t.unitId);
  findings.push(...ob.findings, ...checkConsistency(t.text, t.unitNumber, o.facts, t.unitId), ...checkDegeneration(t.text, o.language, t.unitId));
  return { findings, obligations: ob.checks };
}
