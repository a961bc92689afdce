/**
 * One unit from prompt to accepted text: write to length on cleaned replies, monitor, revise
 * within the limit, record. A unit the model gave no prose for (it refused, wrote a list or a
 * table, or reasoned its whole budget away, every time it was asked) is never saved as done: it
 * comes back failed, with why, its findings and its ledger.
 */
import { countWords } from "../../shared/text/count-words";
import { buildUnitPrompt, fitPrompt, followUps, obligationLines, unitLabel } from "../draft/prompt-builder";
import type { LedgerEntry } from "../base/ledger";
import { unitReplies } from "../draft/unit-replies";
import { writeToLength, type WriteResult } from "../draft/write-to-length";
import { LiveText } from "../draft/reply-stream";
import { newFactMemo } from "../monitors/extract-facts";
import { lengthWindow } from "../monitors/length-monitor";
import type { Finding } from "../monitors/types";
import { contentHash } from "../text/hash";
import { checkUnitText, reviseUntilClean, type RevisionJob } from "./revision-loop";
import type { UnitJob, UnitOutcome } from "./unit-job";
import { UNIT_RECORD_VERSION, type UnitRecord } from "./types";

export type { UnitJob, UnitOutcome } from "./unit-job";

/** What a reply was instead of prose, as a finding on the unit. */
function notProseFinding(unitId: string, rejected: NonNullable<WriteResult["rejected"]>, tries: number): Finding {
  const what = { refusal: "The model declined to write it", list: "The model wrote a list where prose was asked", table: "The model wrote a table where prose was asked", "wrong-language": "The model wrote it in another language", empty: "The model wrote no prose", prose: "" }[rejected.kind];
  return { monitor: "degeneration", severity: "error", code: rejected.kind === "empty" ? "no-prose" : rejected.kind === "wrong-language" ? "wrong-language" : `not-prose-${rejected.kind}`, unitId, message: `${what} (${tries} ${tries === 1 ? "try" : "tries"}): ${rejected.reason}` };
}

export async function draftUnit(job: UnitJob): Promise<UnitOutcome> {
  const { state, unit, llm } = job;
  const plan = state.plan;
  const started = job.now();
  const ledger: LedgerEntry[] = [];
  const onLedger = (e: LedgerEntry) => ledger.push(e);
  const factsBefore = job.facts.facts.length;
  const window = lengthWindow(unit.targetWords, state.options.slack);
  const language = state.brief.language;
  const replies = () => (job.replies ?? unitReplies)(unit, plan, language);
  const follow = followUps({ label: unitLabel(unit), language, countUnit: plan.countUnit });
  const mustInclude = obligationLines(plan, unit);

  let prompt = buildUnitPrompt({ brief: state.brief, plan, unit, bible: state.bible, previousTail: job.previousTail, storySoFar: job.storySoFar });
  if (job.contextSize > 0) prompt = await fitPrompt(prompt, Math.floor(job.contextSize * state.options.promptShare), (t) => llm.countTokens(t));
  const sampling = { temperature: state.options.temperature ?? 0.8, // one seed per unit: the same seed everywhere would start every unit alike
    seed: state.options.seed !== undefined ? state.options.seed + job.leafIndex : undefined, repeatPenalty: { penalty: 1.1, lastTokens: 128 } };

  job.emit({ type: "unit-started", unitId: unit.id, heading: unit.heading, targetWords: unit.targetWords });
  let lastEmit = 0;
  // the unit's text as it is written goes out as deltas, and again whole after a cut, a reply thrown away or a revision
  const live = new LiveText((d) => job.emit({ type: "unit-text", unitId: unit.id, text: d.text, reset: d.reset }));
  // the ledger shows the writer what each part of the prompt cost, in the model's own tokens
  const sections = await Promise.all(
    prompt.sections.map(async (s) => ({ name: s.name, chars: s.text.length, tokens: await llm.countTokens(s.text).catch(() => undefined) })),
  );
  const retries = state.options.retries ?? 2;
  // a model that ends its turn as soon as it may lands every unit at the floor: while the book runs
  // short, the floor moves toward the target by what is missing, so the total holds
  const floor = Math.min(window.target, window.lo + Math.max(0, -(job.drift ?? 0)));
  const written = await writeToLength({
    llm, lease: job.lease, messages: prompt.messages, sections, promptSections: prompt.sections.map((s) => ({ name: s.name, text: s.text })),
    window, countUnit: plan.countUnit, unitId: unit.id, signal: job.signal, sampling, ratio: job.ratio, onLedger,
    continueContextWords: 250, replies, followUps: follow, mustInclude, maxRetries: retries, floor,
    onText: (t, words) => {
      live.show(t);
      if (words - lastEmit >= 50) {
        lastEmit = words;
        job.emit({ type: "unit-progress", unitId: unit.id, words, targetWords: unit.targetWords });
      }
    },
  });
  if (written.cancelled) return { kind: "cancelled" };
  let text = written.text;
  const notProse = written.rejected ? notProseFinding(unit.id, written.rejected, written.retries + 1) : null;
  if (countWords(text, plan.countUnit) === 0) {
    const finding = notProse ?? { monitor: "degeneration" as const, severity: "error" as const, code: "no-prose", unitId: unit.id, message: "The model wrote no prose for it" };
    return { kind: "failed", failure: { unitId: unit.id, heading: unit.heading, reason: finding.message, findings: [finding], ledger } };
  }

  const memo = newFactMemo();
  const revision: RevisionJob = { ...job, messages: prompt.messages, onLedger, memo, replies, followUps: follow, mustInclude };
  const first = await checkUnitText(text, revision);
  const revised = await reviseUntilClean(text, first, revision, {
    rounds: state.options.maxRevisions,
    autopilot: state.options.autopilot,
    onProposal: (p) => job.emit({ type: "proposal", unitId: unit.id, proposalId: p.id, autopilot: p.autopilot ?? null, reasons: p.reasons }),
  });
  if (revised.cancelled || job.signal?.aborted) return { kind: "cancelled" };
  if (revised.text !== text) live.show(revised.text);
  text = revised.text;
  const { checks, facts } = revised.checked;
  // what the drafting calls gave instead of prose when the retries ran out (the monitors say so too for another language)
  const findings = notProse && !revised.checked.findings.some((f) => f.code === notProse.code) ? [notProse, ...revised.checked.findings] : revised.checked.findings;
  const proposals = revised.proposals;
  for (const f of facts) job.facts.add(f);
  for (const f of findings) if (f.severity !== "info") job.emit({ type: "finding", unitId: unit.id, finding: f });
  const record: UnitRecord = {
    schemaVersion: UNIT_RECORD_VERSION,
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
  return { kind: "done", record, text };
}
