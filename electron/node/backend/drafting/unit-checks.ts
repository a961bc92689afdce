/**
 * The monitors on any unit's text, the writer's own included: length against target, required
 * content, consistency against the bible and the facts the run found, and degeneration. While
 * the writer types they are deterministic and fast (the lexical pass, the regex facts); asked
 * for on demand, the model also judges what the lexical pass could not settle and reads facts.
 */
import { countWords, type CountUnit } from "../../../shared/text/count-words";
import type { LlmPort } from "../../../shared/llm/llm-port";
import { checkWritersText, factsFromBible, unitRefResolver, type Fact, type Finding, type ObligationCheck, type Plan } from "../../../engine/index";
import { languageLexicon } from "../../lexicon/language-lexicon";
import { HeavyWorkError, runHeavy } from "../../worker/run-heavy";
import { QuireError } from "../../../shared/contract/errors";

export interface UnitChecksInput {
  text: string;
  countUnit: CountUnit;
  language: string;
  /** the unit's own target (its front matter: the owner once the plan is accepted) */
  targetWords: number | null;
  plan: Plan | null;
  /** plan unit id of this binder unit, when the plan made it */
  planId: string | null;
  bible: { name: string; aliases: string[]; kind: string; attributes: Record<string, string> }[];
  facts: Fact[];
}

// Past this length the lexical pass runs in a worker thread (its cost grows with the text and the
// bible: 300,000 characters against 300 entries take seconds), so no tab waits on it.
const IN_THREAD_CHARS = 20_000;
const WORKER_LIMITS = { deadlineMs: 2 * 60_000, resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 } };

export async function unitChecks(i: UnitChecksInput, llm?: LlmPort): Promise<Awaited<ReturnType<typeof unitChecksHere>>> {
  // with the model, the judge's and fact reader's waits are the long part, and the port stays here
  if (llm || i.text.length <= IN_THREAD_CHARS) return unitChecksHere(i, llm);
  return runHeavy("unit.checks", i, WORKER_LIMITS).catch((error: unknown) => {
    if (error instanceof HeavyWorkError && error.kind !== "failed") {
      throw new QuireError("unavailable", `The checks on this unit could not finish (${error.kind === "deadline" ? "they took over two minutes" : "they ran out of memory"}); split the unit into smaller ones.`);
    }
    throw error;
  });
}

/** The checks themselves, in whichever thread calls them. */
export async function unitChecksHere(i: UnitChecksInput, llm?: LlmPort) {
  const words = countWords(i.text, i.countUnit);
  const planUnit = i.planId ? i.plan?.units.find((u) => u.id === i.planId) : undefined;
  const target = i.targetWords ?? planUnit?.targetWords;
  const tolerance = Math.min(i.plan?.tolerance ?? 0.1, 0.1);
  const obs = (planUnit?.obligations ?? []).map((id) => i.plan!.obligations.find((o) => o.id === id)).filter((o) => o !== undefined);
  let checks: ObligationCheck[] = [];
  let findings: Finding[] = [];
  if (i.text.trim()) {
    const leaves = i.plan?.units.filter((u) => u.isLeaf) ?? [];
    const n = planUnit ? leaves.findIndex((u) => u.id === planUnit.id) + 1 : leaves.length + 1;
    const table = factsFromBible(i.bible, i.plan ? unitRefResolver(i.plan) : () => null, await languageLexicon(i.language));
    // facts this unit's own text gave would only agree with it; facts from the others (a death in
    // the unit before, holding from this one) are what the writer's text is checked against
    for (const f of i.facts) if (f.source !== `unit ${n}`) table.add(f);
    const r = await checkWritersText(
      { unitId: planUnit?.id ?? "", unitNumber: n, text: i.text, targetWords: target ?? null, obligations: obs.map((o) => ({ id: o.id, text: o.text, content: o.content })) },
      { countUnit: i.countUnit, language: i.language, tolerance, facts: table, ...(llm ? { llm } : {}) },
    );
    checks = r.obligations;
    // obligations are listed on their own below; the findings are everything else
    findings = r.findings.filter((f) => f.monitor !== "obligation");
  }
  return {
    words,
    targetWords: target ?? null,
    tolerance,
    obligations: obs.map((o) => ({ id: o.id, text: o.text, ...checkShown(checks.find((x) => x.obligationId === o.id)) })),
    findings: findings
      .filter((f) => f.severity !== "info")
      .map(findingView),
  };
}

/**
 * A required item's check as the studio shows it: without the judge (asked for on demand, or a
 * recheck after an accept), clearly absent reads as unmet and half-there as unsure; no check at all is unjudged.
 */
export function checkShown(c: ObligationCheck | undefined): { met: boolean | null; by: ObligationCheck["by"] } {
  if (!c) return { met: null, by: "none" };
  if (c.met === null && c.by === "none") return { met: c.coverage < 0.3 ? false : null, by: "lexical" };
  return { met: c.met, by: c.by };
}

/** A finding as the contract carries it: the excerpt bounded, a suggestion (a name fix) with its confidence. */
export function findingView(f: Finding) {
  return {
    monitor: f.monitor, severity: f.severity, code: f.code, message: f.message,
    ...(f.excerpt ? { excerpt: f.excerpt.slice(0, 400) } : {}),
    ...(f.suggestion ? { suggestion: f.suggestion } : {}),
  };
}
