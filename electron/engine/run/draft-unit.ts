/** One unit from prompt to accepted text: write to length, monitor, revise within the limit, record. */
import { countWords } from "../../shared/text/count-words";
import { buildUnitPrompt, fitPrompt } from "../draft/prompt-builder";
import type { LedgerEntry } from "../base/ledger";
import { writeToLength } from "../draft/write-to-length";
import { LiveText } from "../draft/reply-stream";
import { newFactMemo } from "../monitors/extract-facts";
import { lengthWindow } from "../monitors/length-monitor";
import { contentHash } from "../text/hash";
import { checkUnitText, reviseUntilClean, type RevisionJob } from "./revision-loop";
import type { UnitJob, UnitOutcome } from "./unit-job";
import { UNIT_RECORD_VERSION, type UnitRecord } from "./types";

export type { UnitJob, UnitOutcome } from "./unit-job";

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
    llm, lease: job.lease, messages: prompt.messages, sections, promptSections: prompt.sections.map((s) => ({ name: s.name, text: s.text })),
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
  const revision: RevisionJob = { ...job, messages: prompt.messages, onLedger, memo };
  const first = await checkUnitText(text, revision);
  const revised = await reviseUntilClean(text, first, revision, {
    rounds: state.options.maxRevisions,
    autopilot: state.options.autopilot,
    onProposal: (p) => job.emit({ type: "proposal", unitId: unit.id, proposalId: p.id, autopilot: p.autopilot ?? null, reasons: p.reasons }),
  });
  if (revised.cancelled || job.signal?.aborted) return empty(true);
  if (revised.text !== text) live.show(revised.text);
  text = revised.text;
  const { findings, checks, facts } = revised.checked;
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
  return { record, text, cancelled: false };
}
