/**
 * The project's current run as the studio holds it: the engine's run state and unit records,
 * the studio's own file for the run (studio.json), and what the studio shows (status, progress,
 * units being written). Loaded once per open project; after a restart a run that was going
 * shows as interrupted, to resume.
 */
import { withLock } from "lifecycle-utils";
import type { z } from "zod";
import type { runUnitView, runView } from "../../../shared/contract/drafting";
import type { DraftRun, RunState, UnitRecord } from "../../../engine/index";
import { fileCall, type DraftingContext } from "./context";
import { checkShown, findingView } from "./unit-checks";
import { readCurrentRun } from "./files/current-run";
import { emptyStudioRun, readStudioRun, writeStudioRun, type StudioRunFile } from "./files/studio-run-file";
import type { Binder } from "./files/binder-file";

export type RunView = z.infer<typeof runView>;
export type RunUnitView = z.infer<typeof runUnitView>;

export class RunSession {
  run: DraftRun | null = null;
  state: RunState | null = null;
  studio: StudioRunFile | null = null;
  status: RunView["status"] | null = null;
  /** finished units' records, by plan unit id: handed over by the run as each lands */
  readonly records = new Map<string, UnitRecord>();
  /** units being written: plan unit id → words so far */
  readonly drafting = new Map<string, number>();
  progress: RunView["progress"] = { unitsDone: 0, unitsTotal: 0, unitsDrafting: 0, words: 0, tokens: 0, tokensPerSecond: 0, etaSeconds: null };
  /** the most units written at once in this session */
  reached = 0;
  model: RunView["model"] = null;
  runStartedAt = 0;
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly ctx: DraftingContext,
    /** the binder, loaded before the session is (see ensureLoaded) */
    private readonly binder: () => Binder,
  ) {}

  /** The studio file's changes and the landings, one at a time and in the order asked (events arrive in order). */
  withStudio<T>(op: () => Promise<T>): Promise<T> {
    return withLock([this, "studio"], op);
  }

  async saveStudio(): Promise<void> {
    const studio = this.studio;
    if (studio) await fileCall(() => writeStudioRun(this.ctx.store.paths, this.ctx.runStore.runFolder(studio.runId), studio));
  }

  /** Loads the project's current run once; `afterLoad` lands what a crash left unlanded. */
  ensureLoaded(afterLoad: () => Promise<void>): Promise<void> {
    this.loaded ??= (async () => {
      const runId = await this.read(() => readCurrentRun(this.ctx.store.paths));
      if (!runId) return;
      const state = await this.read(() => this.ctx.runStore.loadState(runId));
      if (!state) return;
      this.state = state;
      this.status = state.status === "running" ? "interrupted" : state.status;
      this.studio = (await this.read(() => readStudioRun(this.ctx.store.paths, this.ctx.runStore.runFolder(runId)))) ?? emptyStudioRun(runId);
      this.records.clear();
      for (const u of state.plan.units.filter((x) => x.isLeaf)) {
        const saved = await this.read(() => this.ctx.runStore.loadUnit(runId, u.id));
        if (saved) this.records.set(u.id, saved.record);
      }
      this.progress = this.progressFromRecords();
      await afterLoad();
    })().catch((error: unknown) => {
      // a file that did not read may be mended: the next call tries again
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  /** A run file that does not read is the contract's "corrupt", naming the file. */
  private read<T>(op: () => Promise<T>): Promise<T> {
    return fileCall(op);
  }

  /** Starts a fresh session for a new run (its studio file empty). */
  begin(run: DraftRun): void {
    this.run = run;
    this.state = run.state;
    this.studio = emptyStudioRun(run.state.runId);
    this.records.clear();
  }

  progressFromRecords(): RunView["progress"] {
    const leaves = this.state?.plan.units.filter((u) => u.isLeaf) ?? [];
    const rs = [...this.records.values()];
    return {
      unitsDone: rs.length,
      unitsTotal: leaves.length,
      unitsDrafting: 0,
      words: rs.reduce((a, r) => a + r.words, 0),
      tokens: rs.reduce((a, r) => a + r.ledger.reduce((b, e) => b + e.completionTokens, 0), 0),
      tokensPerSecond: this.progress.tokensPerSecond,
      etaSeconds: this.status === "running" ? this.progress.etaSeconds : null,
    };
  }

  unitView(planId: string): RunUnitView | null {
    return this.unitViewWith(planId, this.binder());
  }

  /** A run that goes on (or waits, paused): its units not yet written are queued; otherwise they were not drafted. */
  private live(): boolean {
    const status = this.status ?? this.state?.status;
    return status === "running" || status === "pausing" || status === "paused";
  }

  private unitViewWith(planId: string, binder: Binder): RunUnitView | null {
    const state = this.state;
    const u = state?.plan.units.find((x) => x.id === planId);
    if (!state || !u) return null;
    const record = this.records.get(planId);
    // the engine's own list (the live run's state while it runs): a failed unit is tried again on resume
    const failure = record ? undefined : state.failed?.find((f) => f.unitId === planId);
    const accepted = record?.proposals.map((p) => this.studio?.decisions[p.id]).find((d) => d?.status === "accepted" && d.checks);
    const checks = accepted?.checks ?? record?.obligations ?? [];
    return {
      planId,
      unitId: binder[planId] ?? null,
      heading: u.heading,
      targetWords: u.targetWords,
      words: record?.words ?? this.drafting.get(planId) ?? 0,
      state: record ? "done" : this.drafting.has(planId) ? "drafting" : failure ? "failed" : this.live() ? "queued" : "stopped",
      ...(failure && !this.drafting.has(planId) ? { failure: failure.reason.slice(0, 2000) } : {}),
      obligations: u.obligations.map((id) => {
        const ob = state.plan.obligations.find((o) => o.id === id);
        return { id, text: ob?.text ?? id, ...checkShown(checks.find((x) => x.obligationId === id)) };
      }),
      findings: (accepted ? [] : (record?.findings ?? failure?.findings ?? []))
        .filter((f) => f.severity !== "info")
        .map(findingView),
    };
  }

  view(): RunView {
    const state = this.state!;
    const binder = this.binder();
    return {
      runId: state.runId,
      status: this.status ?? state.status,
      error: state.error ?? null,
      strategy: state.options.strategy,
      parallel: state.options.parallel,
      autopilot: state.options.autopilot,
      countUnit: state.plan.countUnit,
      tolerance: Math.min(state.plan.tolerance, 0.1),
      model: this.model,
      concurrency: { asked: state.options.parallel, reached: this.reached, sequences: this.model?.sequences ?? null },
      progress: this.progress,
      units: state.plan.units.filter((u) => u.isLeaf).map((u) => this.unitViewWith(u.id, binder)!),
      history: this.studio?.history.slice(-500) ?? [],
    };
  }
}
