/**
 * Starting, pausing, resuming and cancelling the project's run, and forwarding the engine's
 * events to the studio: a unit's live text (batched, a few events a second), its progress, and
 * its landing, from the record and text the run hands over (nothing is read back).
 */
import { QuireError } from "../../../shared/contract/errors";
import type { LlmPort } from "../../../shared/llm/llm-port";
import { DraftRun, type BriefBibleEntry, type RunEvent, type Strategy } from "../../../engine/index";
import type { BriefService } from "./brief-service";
import { languageLexicon } from "../../lexicon/language-lexicon";
import { fileCall, type DraftingContext } from "./context";
import { writeCurrentRun } from "./files/current-run";
import { landDraft } from "./landing";
import type { PlanService } from "./plan-service";
import type { RunSession, RunView } from "./run-session";
import { TextBatcher } from "./text-batcher";
import type { Calls } from "./calls";
import { LiveProgress } from "./live-progress";
import { observeLlm } from "./observed-llm";

/** The live view of a unit being written gets a few events a second, not one per token. */
const LIVE_TEXT_EVERY_MS = 200;
/** The run summary (units in flight, words, tokens per second, ETA) goes out twice a second while the run writes. */
const PROGRESS_EVERY_MS = 500;
/** The progress chart gets a point this often while the run writes (and at each finished unit). */
const HISTORY_EVERY_MS = 5000;

export class RunControl {
  private running: Promise<void> = Promise.resolve();
  private liveTexts = new Map<string, TextBatcher>();
  /** the run's progress as it happens (see live-progress.ts), with the timer that sends it */
  private live: LiveProgress | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private lastHistoryAt = 0;

  constructor(
    private readonly ctx: DraftingContext,
    private readonly session: RunSession,
    private readonly plans: PlanService,
    private readonly briefs: BriefService,
    /** called after each landing that left proposals, so the review list follows */
    private readonly proposalsChanged: () => Promise<void>,
    private readonly calls: Calls,
  ) {}

  /** Loads the current run once; a unit finished just before a crash may not have reached its file yet. */
  ensureLoaded(): Promise<void> {
    return this.plans.binder().then(() =>
      this.session.ensureLoaded(async () => {
        for (const planId of this.session.records.keys()) await this.session.withStudio(() => landDraft(this.ctx, this.session, this.plans.binderNow(), planId));
      }),
    );
  }

  async get(): Promise<RunView | null> {
    await this.ensureLoaded();
    return this.session.state ? this.session.view() : null;
  }

  /** The loaded model, noted for the run view. */
  async model(): Promise<LlmPort> {
    const llm = await this.ctx.models.get();
    const info = await llm.info();
    this.session.model = info ? { name: info.name, backend: info.backend, contextSize: info.contextSize, sequences: info.sequences } : null;
    return llm;
  }

  /** The model as the run gets it: its tokens counted live, its calls kept in the run's ledger. */
  private async runModel(runId: string): Promise<LlmPort> {
    const binder = () => this.plans.binderNow();
    const headings = () => new Map(this.session.state?.plan.units.map((u) => [u.id, u.heading]) ?? []);
    const place = {
      unit: (planId: string | null) => ({ planId, unitId: planId ? (binder()[planId] ?? null) : null, heading: planId ? (headings().get(planId) ?? null) : null }),
    };
    return observeLlm(await this.model(), this.calls.observer(runId, place, { tokens: (n) => this.live?.tokens(n) }));
  }

  async start(options: { strategy: Strategy; parallel: number; autopilot: boolean }): Promise<RunView> {
    await this.ensureLoaded();
    const s = this.session;
    if (s.run && (s.status === "running" || s.status === "pausing")) throw new QuireError("conflict", "A run is already going.");
    const { plan, binder } = await this.plans.current();
    if (!plan || Object.keys(binder).length === 0) throw new QuireError("invalid-payload", "Accept the plan first: its units go into the binder, then the run writes them.");
    // the run drafts in the project's language (quire.json's; the brief only proposes one)
    const brief = { ...(await this.briefs.brief()), language: this.ctx.store.meta().language };
    const runId = `run-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    const bible: BriefBibleEntry[] = this.ctx.store.listBible().map((b) => ({ name: b.name, kind: b.kind, aliases: b.aliases, attributes: b.attributes }));
    const llm = await this.runModel(runId);
    const lexicon = await languageLexicon(brief.language);
    const run = await fileCall(() => DraftRun.create({ llm, store: this.ctx.runStore, lexicon }, {
      runId, brief, plan, bible, options: { strategy: options.strategy, parallel: options.parallel, autopilot: options.autopilot },
    }));
    await fileCall(() => writeCurrentRun(this.ctx.store.paths, runId));
    s.begin(run);
    await s.saveStudio();
    this.attach(run);
    return s.view();
  }

  private attach(run: DraftRun): void {
    const s = this.session;
    s.run = run;
    s.state = run.state;
    s.status = "running";
    s.drafting.clear();
    s.runStartedAt = Date.now() - (s.studio?.history.at(-1)?.[0] ?? 0) * 1000;
    s.reached = 0;
    // live from the start: the units and what is left are known before the first token
    const leaves = run.state.plan.units.filter((u) => u.isLeaf);
    const finished = new Map([...s.records].map(([id, r]) => [id, { words: r.words, tokens: r.ledger.reduce((a, e) => a + e.completionTokens, 0) }]));
    this.live = new LiveProgress(leaves, finished, run.state.plan.countUnit, Date.now, run.state.tokensPerWord);
    s.progress = this.live.snapshot();
    this.lastHistoryAt = Date.now();
    this.stopTicker();
    this.ticker = setInterval(() => this.tick(), PROGRESS_EVERY_MS);
    this.ticker.unref?.();
    run.on((e) => this.onRunEvent(e));
    this.running = run.start().then(() => undefined, (error: unknown) => {
      s.status = "failed";
      if (s.state) s.state.error = error instanceof Error ? error.message : String(error);
      this.emitRun();
    });
    this.emitRun();
  }

  private onRunEvent(e: RunEvent): void {
    const h = this.ctx.handle;
    const s = this.session;
    switch (e.type) {
      case "unit-started":
        s.drafting.set(e.unitId, 0);
        this.live?.started(e.unitId);
        this.ctx.emit("run.unitProgress", { handle: h, planId: e.unitId, words: 0, state: "drafting" });
        this.emitLocked();
        // the concurrency reached is part of the run's view: it goes out when it grows
        if ((this.live?.peak ?? s.drafting.size) > s.reached) {
          s.reached = this.live?.peak ?? s.drafting.size;
          this.emitRun();
        }
        break;
      case "unit-progress":
        s.drafting.set(e.unitId, e.words);
        this.ctx.emit("run.unitProgress", { handle: h, planId: e.unitId, words: e.words, state: "drafting" });
        break;
      case "unit-text":
        this.live?.text(e.unitId, e.text, e.reset);
        this.liveText(e.unitId, e.text, e.reset);
        break;
      case "unit-done": {
        const planId = e.unitId;
        const { record, text } = e;
        this.live?.finished(planId, record.words);
        this.flushLiveText(planId);
        this.liveTexts.delete(planId);
        void s.withStudio(async () => {
          s.records.set(planId, record);
          await landDraft(this.ctx, s, this.plans.binderNow(), planId, text);
          s.drafting.delete(planId);
          const unit = s.unitView(planId);
          if (unit) this.ctx.emit("run.unitDone", { handle: h, unit });
          this.emitLocked();
          if (record.proposals.length) await this.proposalsChanged();
        }).catch((error: unknown) => console.error("quire: landing a draft failed", error));
        break;
      }
      case "unit-failed": {
        // no draft to land: the unit shows as failed, with why, and its live text goes
        const planId = e.unitId;
        this.live?.failed(planId);
        this.flushLiveText(planId);
        this.liveTexts.delete(planId);
        void s.withStudio(async () => {
          s.drafting.delete(planId);
          const unit = s.unitView(planId);
          if (unit) this.ctx.emit("run.unitDone", { handle: h, unit });
          this.emitLocked();
        }).catch((error: unknown) => console.error("quire: showing a failed unit failed", error));
        break;
      }
      case "progress":
        // a unit finished: the live count takes it in, and the chart gets a point
        this.tick(true);
        break;
      case "run-ended":
        this.stopTicker();
        this.live = null;
        void s.withStudio(async () => {
          s.status = e.status;
          s.drafting.clear();
          s.progress = { ...s.progressFromRecords(), etaSeconds: null };
          this.emitLocked();
          this.emitRun();
        });
        break;
      default:
        break;
    }
  }

  /**
   * The run summary as it is now, sent when it changed (or `point`: a unit finished, a point on
   * the progress chart too). Units written so far count with the words they hold.
   */
  private tick(point = false): void {
    const s = this.session;
    if (!this.live || s.status !== "running" && s.status !== "pausing") return;
    const next = this.live.snapshot();
    // each unit in flight shows the words it holds so far (the engine counts them only at its checkpoints)
    for (const [planId, words] of this.live.inFlightWords()) {
      if (!s.drafting.has(planId) || s.drafting.get(planId) === words) continue;
      s.drafting.set(planId, words);
      this.ctx.emit("run.unitProgress", { handle: this.ctx.handle, planId, words, state: "drafting" });
    }
    const changed = JSON.stringify(next) !== JSON.stringify(s.progress);
    s.progress = next;
    const now = Date.now();
    const at = Math.round((now - s.runStartedAt) / 100) / 10;
    if (point || now - this.lastHistoryAt >= HISTORY_EVERY_MS) {
      this.lastHistoryAt = now;
      s.studio?.history.push([at, next.words]);
      void s.withStudio(() => s.saveStudio()).catch(() => {});
    }
    if (changed || point) this.ctx.emit("run.progress", { handle: this.ctx.handle, progress: next, at });
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  /** A unit's live text, batched; only units with a place in the binder are shown. */
  private liveText(planId: string, text: string, reset: boolean): void {
    let b = this.liveTexts.get(planId);
    if (!b) {
      const unitId = this.plans.binderNow()[planId];
      if (!unitId) return;
      b = new TextBatcher(LIVE_TEXT_EVERY_MS, (t, r) => this.ctx.emit("run.unitText", { handle: this.ctx.handle, planId, unitId, text: t, reset: r }));
      this.liveTexts.set(planId, b);
    }
    b.push({ text, reset });
  }

  private flushLiveText(planId: string): void {
    this.liveTexts.get(planId)?.flush();
  }

  private emitLocked(): void {
    const binder = this.plans.binderNow();
    const unitIds = [...this.session.drafting.keys()].map((p) => binder[p]).filter((x): x is string => !!x);
    this.ctx.emit("run.locked", { handle: this.ctx.handle, unitIds });
  }

  emitRun(): void {
    if (this.session.state) this.ctx.emit("run.changed", { handle: this.ctx.handle, run: this.session.view() });
  }

  private requireRun(): DraftRun | null {
    if (!this.session.state) throw new QuireError("not-found", "There is no drafting run in this project yet.");
    return this.session.run;
  }

  async pause(): Promise<RunView> {
    await this.ensureLoaded();
    const run = this.requireRun();
    if (run && this.session.status === "running") {
      run.pause();
      this.session.status = "pausing";
      this.emitRun();
    }
    return this.session.view();
  }

  async resume(): Promise<RunView> {
    await this.ensureLoaded();
    this.requireRun();
    const s = this.session;
    if (s.status === "running" || s.status === "pausing" || s.status === "done") return s.view();
    const llm = await this.runModel(s.state!.runId);
    const lexicon = await languageLexicon(this.ctx.store.meta().language);
    const run = await fileCall(() => DraftRun.open({ llm, store: this.ctx.runStore, lexicon }, s.state!.runId));
    this.attach(run);
    return s.view();
  }

  async cancel(): Promise<RunView> {
    await this.ensureLoaded();
    const run = this.requireRun();
    const s = this.session;
    if (run && (s.status === "running" || s.status === "pausing")) run.cancel();
    else if (s.status === "interrupted" || s.status === "paused") {
      s.status = "cancelled";
      this.emitRun();
    }
    return s.view();
  }

  async setAutopilot(autopilot: boolean): Promise<RunView> {
    await this.ensureLoaded();
    this.requireRun();
    const s = this.session;
    s.state!.options.autopilot = autopilot;
    if (!s.run || (s.status !== "running" && s.status !== "pausing")) await this.ctx.runStore.saveState(s.state!);
    this.emitRun();
    return s.view();
  }

  /** Stops a run in flight at close: finished units are on disk; a restart resumes the rest. */
  async close(): Promise<void> {
    this.stopTicker();
    const s = this.session;
    const run = s.run;
    if (run && (s.status === "running" || s.status === "pausing")) {
      run.pause();
      run.cancel();
      await this.running;
      await s.withStudio(async () => {}).catch(() => {});
      // quitting is not cancelling: the run waits, paused, for the next start
      if (run.state.status === "cancelled") {
        run.state.status = "paused";
        await this.ctx.runStore.saveState(run.state).catch(() => {});
      }
      return;
    }
    await s.withStudio(async () => {}).catch(() => {});
  }
}
