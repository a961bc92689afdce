/**
 * The monitors on any unit's text, the writer's own included: length against target, required
 * content (the cheap lexical pass: no model call while someone types), consistency against the
 * bible and the facts the run found, and degeneration. Deterministic and fast.
 */
import { countWords, type CountUnit } from "../../../shared/text/count-words";
import { checkConsistency, factsFromBible, type Fact } from "../../../engine/monitors/consistency";
import { checkDegeneration } from "../../../engine/monitors/degeneration";
import { checkLength } from "../../../engine/monitors/length-monitor";
import { checkObligations } from "../../../engine/monitors/obligations";
import type { Finding } from "../../../engine/monitors/types";
import { unitRefResolver } from "../../../engine/run/runner";
import type { StoredPlan } from "./plan-view";

export interface UnitChecksInput {
  text: string;
  countUnit: CountUnit;
  language: string;
  /** the unit's own target (binder), used when the plan has none for it */
  targetWords: number | null;
  plan: StoredPlan | null;
  /** plan unit id of this binder unit, when the plan made it */
  planId: string | null;
  bible: { name: string; aliases: string[]; kind: string; attributes: Record<string, string> }[];
  facts: Fact[];
}

export async function unitChecks(i: UnitChecksInput) {
  const words = countWords(i.text, i.countUnit);
  const planUnit = i.planId ? i.plan?.units.find((u) => u.id === i.planId) : undefined;
  const target = planUnit?.targetWords ?? i.targetWords;
  const tolerance = Math.min(i.plan?.tolerance ?? 0.1, 0.1);
  const findings: Finding[] = [];
  if (target && i.text.trim()) findings.push(...checkLength(i.text, i.countUnit, target, tolerance));
  const obs = (planUnit?.obligations ?? []).map((id) => i.plan!.obligations.find((o) => o.id === id)).filter((o) => o !== undefined);
  const lexical = obs.map((o) => ({ id: o.id, text: o.text, content: o.content }));
  const checks = i.text.trim() ? (await checkObligations(i.text, lexical, null)).checks : [];
  if (i.text.trim()) {
    const leaves = i.plan?.units.filter((u) => u.isLeaf) ?? [];
    const n = planUnit ? leaves.findIndex((u) => u.id === planUnit.id) + 1 : leaves.length + 1;
    const table = factsFromBible(i.bible, i.plan ? unitRefResolver(i.plan) : () => null);
    // facts this unit's own text gave would only agree with it; facts from the others (a death in
    // the unit before, holding from this one) are what the writer's text is checked against
    for (const f of i.facts) if (f.source !== `unit ${n}`) table.add(f);
    findings.push(...checkConsistency(i.text, n, table));
    findings.push(...checkDegeneration(i.text, i.language));
  }
  return {
    words,
    targetWords: target ?? null,
    tolerance,
    obligations: obs.map((o) => {
      const c = checks.find((x) => x.obligationId === o.id);
      if (!c) return { id: o.id, text: o.text, met: null, by: "none" as const };
      // without the judge (never called while the writer types): clearly absent reads as unmet, half-there as unsure
      if (c.met === null) return { id: o.id, text: o.text, met: c.coverage < 0.3 ? false : null, by: "lexical" as const };
      return { id: o.id, text: o.text, met: c.met, by: c.by };
    }),
    findings: findings
      .filter((f) => f.severity !== "info")
      .map((f) => ({ monitor: f.monitor, severity: f.severity, code: f.code, message: f.message, ...(f.excerpt ? { excerpt: f.excerpt.slice(0, 400) } : {}) })),
  };
}
