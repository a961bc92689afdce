/**
 * A drafting run: schedules units over leased sequences by strategy, persists each finished
 * unit before marking it done, and can be paused, cancelled and resumed (a resumed run never
 * redoes a finished unit). Progress goes out as small events.
 */
import { countWords } from "../../shared/text/count-words";
import { LlmError, type LlmPort, type SequenceLease } from "../../shared/llm/llm-port";
import type { Brief, BriefBibleEntry } from "../brief/types";
import { Canceller } from "../draft/canceller";
import { unitReplies, type UnitReplies } from "../draft/unit-replies";
import { ledgerTotals } from "../base/ledger";
import type { FactTable } from "../base/facts";
import type { Lexicon } from "../base/lexicon";
import { factsFromBible } from "../monitors/consistency";
import type { Plan, PlanUnit } from "../plan/types";
import { tailParagraphs } from "../text/boundaries";
import { PlanError } from "../plan/build-plan";
import { undraftable } from "../plan/review-plan";
import { unitRefResolver } from "../plan/unit-refs";
import { buildUnitPrompt } from "../draft/prompt-builder";
import { contentHash } from "../text/hash";
import { draftUnit } from "./draft-unit";
import { Schedule } from "./schedule";
import { Seams } from "./seams";
import { parseRunState } from "./run-schema";
import { DEFAULT_RUN_OPTIONS, RUN_SCHEMA_VERSION, type FailedUnit, type RunEvent, type RunOptions, type RunState, type RunStore, type UnitRecord } from "./types";

export interface RunDeps {
  llm: LlmPort;
  store: RunStore;
  /** Injected clock, so the engine stays pure and tests deterministic. */
  now?: () => number;
  /**
   * The filter for each of a unit's replies, before they are counted, checked or shown (see
   * draft/reply-stream); the reply cleaner for the unit by default (draft/unit-replies).
   */
  replies?: UnitReplies;
  /** The ordinary words of the plan's language, so the name monitor never takes a word for a misspelt name. */
  lexicon?: Lexicon;
}

export interface NewRun {
  runId: string;
  brief: Brief;
  plan: Plan;
  bible?: BriefBibleEntry[];
  options?: Partial<RunOptions>;
}

export type RunListener = (e: RunEvent) => void;

export { unitRefResolver } from "../plan/unit-refs";

export class DraftRun {
  private listeners = new Set<RunListener>();
  private pauseRequested = false;
  private canceller: Canceller | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private running: Promise<RunState> | null = null;

  private constructor(
    private readonly deps: RunDeps,
    public state: RunState,
  ) {
    this.now = deps.now ?? (() => Date.now());
  }

  static async create(deps: RunDeps, input: NewRun): Promise<DraftRun> {
    // no unit is drafted from a summary the model left empty or one that contradicts what it must include
    const blocked = undraftable(input.plan);
    if (blocked.length > 0) throw new PlanError(`the plan has units no draft can start from (edit them first):\n${blocked.map((i) => `  - ${i.message}`).join("\n")}`);
    const at = new Date((deps.now ?? Date.now)()).toISOString();
    const state: RunState = {
      schemaVersion: RUN_SCHEMA_VERSION,
      runId: input.runId,
      status: "paused",
      createdAt: at,
      updatedAt: at,
      options: { ...DEFAULT_RUN_OPTIONS, ...input.options },
      brief: input.brief,
      plan: input.plan,
      bible: [...input.brief.bible, ...(input.bible ?? [])],
      done: [],
      ledger: [],
      tokensPerWord: 1.5,
    };
    await deps.store.saveState(state);
    return new DraftRun(deps, state);
  }

  /** Reopen a persisted run (after a pause, a cancel or a crash). */
  static async open(deps: RunDeps, runId: string, options?: Partial<RunOptions>): Promise<DraftRun> {
    const state = await deps.store.loadState(runId);
    if (!state) throw new Error(`no run "${runId}" in this project`);
    if (options) state.options = { ...state.options, ...options };
    return new DraftRun(deps, state);
  }

  on(listener: RunListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: RunEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Finish units in flight, start no more; start() then resolves with status "paused". */
  pause(): void {
    this.pauseRequested = true;
  }

  /** Stop now: generation in flight is aborted and its partial text dropped. */
  cancel(): void {
    this.canceller?.abort("cancelled");
  }

  /** Draft every unit not yet done. Resolves when the run is done, paused, cancelled or failed. */
  start(): Promise<RunState> {
    this.running ??= this.execute().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private persist(): Promise<void> {
    this.state.updatedAt = new Date(this.now()).toISOString();
    const snapshot = structuredCloneState(this.state);
    this.saving = this.saving.then(() => this.deps.store.saveState(snapshot));
    return this.saving;
  }

  private async execute(): Promise<RunState> {
    const { llm, store } = this.deps;
    const state = this.state;
    const plan = state.plan;
    this.pauseRequested = false;
    this.canceller = new Canceller();
    const signal = this.canceller;
    const leaves = plan.units.filter((u) => u.isLeaf);
    const leafIndex = new Map(leaves.map((u, i) => [u.id, i + 1]));

    // Unit records are the truth about what is done; the state's list is only a cache.
    const texts = new Map<string, string>();
    const records = new Map<string, UnitRecord>();
    for (const u of leaves) {
      const saved = await store.loadUnit(state.runId, u.id);
      if (saved) {
        texts.set(u.id, saved.text);
        records.set(u.id, saved.record);
      }
    }
    state.done = leaves.filter((u) => records.has(u.id)).map((u) => u.id);
    // units that failed last time are tried again
    const failed = new Map<string, FailedUnit>();
    delete state.failed;
    const facts: FactTable = factsFromBible(state.bible, unitRefResolver(plan), this.deps.lexicon);
    for (const r of records.values()) for (const f of r.facts) facts.add(f);

    const info = await llm.info();
    const contextSize = info?.contextSize ?? 0;
    const sequences = Math.max(1, info?.sequences ?? 1);
    const schedule = Schedule.of(leaves, state.options.strategy, Math.max(1, Math.min(state.options.parallel, sequences)), new Set(records.keys()));
    const workers = Math.max(1, Math.min(state.options.parallel, sequences, schedule.width));
    // every join is checked once both its sides are written (see run/seams.ts)
    const seams = state.options.seams === false ? null : new Seams(leaves);
    for (const [id, text] of texts) if (records.has(id)) seams?.written(id, text);
    const ratio = { tokensPerWord: state.tokensPerWord };

    state.status = "running";
    delete state.error;
    await this.persist();
    this.emit({ type: "run-started", runId: state.runId, units: leaves.length, targetWords: plan.targetWords, alreadyDone: records.size });

    const sessionStart = this.now();
    let sessionWords = 0;
    let sessionTokens = 0;
    const progress = () => {
      const elapsed = (this.now() - sessionStart) / 1000;
      const doneWords = [...records.values()].reduce((a, r) => a + r.words, 0);
      const remainingWords = leaves.filter((u) => !records.has(u.id)).reduce((a, u) => a + u.targetWords, 0);
      const tokens = [...records.values()].reduce((a, r) => a + ledgerTotals(r.ledger).completionTokens, 0);
      this.emit({
        type: "progress",
        unitsDone: records.size,
        unitsTotal: leaves.length,
        words: doneWords,
        tokens,
        tokensPerSecond: elapsed > 0 ? sessionTokens / elapsed : 0,
        etaSeconds: sessionWords > 0 ? (remainingWords * elapsed) / sessionWords : null,
      });
    };

    let failure: unknown = null;
    const worker = async (w: number) => {
      let lease: SequenceLease | undefined;
      try {
        lease = await llm.leaseSequence(signal);
        for (let unit = schedule.next(w); unit; unit = schedule.next(w)) {
          if (this.pauseRequested || signal.aborted || failure) return;
          // the unit before, when it is written, hands on its last paragraphs; else its planned end goes in the prompt
          const before = leaves[leafIndex.get(unit.id)! - 2];
          const beforeText = before && state.options.strategy !== "parallel" ? texts.get(before.id) : undefined;
          const previousTail = beforeText !== undefined ? tailParagraphs(beforeText, state.options.tailWords, plan.countUnit) : undefined;
          const storySoFar = state.options.strategy === "sequential"
            ? leaves.filter((l) => records.has(l.id)).map((l) => l.summary || firstSentences(texts.get(l.id) ?? ""))
            : undefined;
          const drift = [...records.values()].reduce((a, r) => a + r.words - r.targetWords, 0);
          const outcome = await draftUnit({
            state, unit, leafIndex: leafIndex.get(unit.id)!, previousTail, storySoFar, llm, lease, signal, ratio, facts, contextSize, drift,
            emit: (e) => this.emit(e), now: this.now, ...(this.deps.replies ? { replies: this.deps.replies } : {}),
          });
          if (outcome.kind === "cancelled") return;
          if (outcome.kind === "failed") {
            // never saved as done; the unit after goes on from its planned end state, and its joins are not checked
            failed.set(unit.id, outcome.failure);
            state.failed = leaves.filter((l) => failed.has(l.id)).map((l) => failed.get(l.id)!);
            await this.persist();
            this.emit({ type: "unit-failed", unitId: unit.id, heading: unit.heading, reason: outcome.failure.reason, findings: outcome.failure.findings });
            progress();
            continue;
          }
          const { text, record } = seams ? await this.settleSeams(seams, unit, outcome, { lease, signal, facts }) : outcome;
          // text and record first, then the state that lists the unit as done
          await store.saveUnit(state.runId, record, text);
          texts.set(unit.id, text);
          records.set(unit.id, record);
          state.done.push(unit.id);
          state.tokensPerWord = ratio.tokensPerWord;
          sessionWords += record.words;
          sessionTokens += ledgerTotals(record.ledger).completionTokens;
          await this.persist();
          const met = record.obligations.filter((c) => c.met === true).length;
          this.emit({
            type: "unit-done", unitId: unit.id, heading: unit.heading, words: record.words, targetWords: unit.targetWords,
            findings: record.findings, revisions: record.proposals.filter((p) => p.autopilot === "applied").length,
            obligationsMet: met, obligations: record.obligations.length, record, text,
          });
          progress();
        }
      } catch (error) {
        failure ??= error;
        signal.abort("failure");
      } finally {
        lease?.release();
      }
    };
    await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
    await this.saving;

    const allDone = leaves.every((u) => records.has(u.id));
    const allTried = leaves.every((u) => records.has(u.id) || failed.has(u.id));
    if (failure) {
      state.status = "failed";
      state.error = failure instanceof LlmError ? `${failure.code}: ${failure.message}` : failure instanceof Error ? failure.message : String(failure);
    } else if (allDone) state.status = "done";
    else if (allTried && !signal.aborted) {
      state.status = "finished-with-failures";
      state.error = `finished with ${failed.size} failed ${failed.size === 1 ? "unit" : "units"}: ${[...failed.values()].map((f) => f.heading).join(", ")}`;
    }
    else if (signal.aborted) state.status = "cancelled";
    else state.status = "paused";
    await this.persist();
    this.emit({ type: "run-ended", status: state.status, error: state.error });
    this.canceller.dispose();
    this.canceller = null;
    return state;
  }

  /** A drafted unit's joins with the neighbours already written: checked, bridged on its own side; the record takes what that added. */
  private async settleSeams(
    seams: Seams,
    unit: PlanUnit,
    outcome: { text: string; record: UnitRecord },
    o: { lease?: SequenceLease; signal: Canceller; facts: FactTable },
  ): Promise<{ text: string; record: UnitRecord }> {
    const { state } = this;
    const record = { ...outcome.record, ledger: [...outcome.record.ledger] };
    const items = record.obligations.map((c) => ({ content: state.plan.obligations.find((x) => x.id === c.obligationId)?.content ?? "", met: c.met }));
    const settled = await seams.settle(unit, outcome.text, {
      llm: this.deps.llm, lease: o.lease, signal: o.signal, brief: state.brief, plan: state.plan, facts: o.facts,
      systemPrompt: buildUnitPrompt({ brief: state.brief, plan: state.plan, unit, bible: state.bible }).messages[0]?.content ?? "",
      autopilot: state.options.autopilot, items, rounds: record.proposals.length,
      replies: () => (this.deps.replies ?? unitReplies)(unit, state.plan, state.brief.language),
      onLedger: (e) => record.ledger.push(e), emit: (e) => this.emit(e),
    });
    record.proposals = [...record.proposals, ...settled.proposals];
    record.findings = [...record.findings, ...settled.findings];
    if (settled.text !== outcome.text) {
      record.words = countWords(settled.text, state.plan.countUnit);
      record.textHash = contentHash(settled.text);
    }
    return { text: settled.text, record };
  }

  /**
   * The writer edits the plan of a unit not yet drafted (before or during the run); the next
   * prompt for it uses the edit. Budgets and placements stay with the deterministic planner.
   */
  async updateUnitPlan(unitId: string, patch: Partial<Pick<PlanUnit, "title" | "summary" | "beats" | "entities" | "start" | "end">>): Promise<void> {
    const unit = this.state.plan.units.find((u) => u.id === unitId);
    if (!unit) throw new Error(`no unit "${unitId}" in the plan`);
    if (this.state.done.includes(unitId)) throw new Error(`${unit.heading} is already drafted; revise its text instead`);
    Object.assign(unit, patch);
    await this.persist();
  }

  /** Finished units' text in document order (missing units omitted). */
  async texts(): Promise<{ unit: PlanUnit; text: string; record: UnitRecord }[]> {
    const out: { unit: PlanUnit; text: string; record: UnitRecord }[] = [];
    for (const u of this.state.plan.units.filter((x) => x.isLeaf)) {
      const saved = await this.deps.store.loadUnit(this.state.runId, u.id);
      if (saved) out.push({ unit: u, ...saved });
    }
    return out;
  }
}

function firstSentences(text: string): string {
  return text.split(/(?<=[.!?])\s+/).slice(0, 2).join(" ");
}

/** A copy of the state as it is now (for a write that finishes later), read back through the run schema. */
function structuredCloneState(s: RunState): RunState {
  return parseRunState(JSON.parse(JSON.stringify(s)), `run ${s.runId}`);
}

/** Count in the plan's unit: exported for callers that assemble documents. */
export function wordsOf(plan: Plan, text: string): number {
  return countWords(text, plan.countUnit);
}
