/**
 * Drafting for one open project: the brief, the plan, the run (the engine's DraftRun over the
 * model and the project's run store), landing drafts in unit files and the proposals left for
 * the writer. A draft lands only in a unit the writer left empty; otherwise it is proposed.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { diffWords } from "diff";
import type { z } from "zod";
import type { BriefForm, proposalView, runUnitView, runView } from "../../../shared/contract/drafting";
import { QuireError } from "../../../shared/contract/errors";
import type { LlmPort } from "../../../shared/llm/llm-port";
import { parseMarkdown } from "../../../shared/markdown/index";
import { countWordsInDoc } from "../../../shared/markdown/plain-text";
import { parseBrief } from "../../../engine/brief/parse-brief";
import { BriefError, type Brief, type BriefBibleEntry } from "../../../engine/brief/types";
import { buildPlan, PlanError } from "../../../engine/plan/build-plan";
import { fillPlanWithModel } from "../../../engine/plan/model-planner";
import { reviewPlan } from "../../../engine/plan/review-plan";
import { TIMELINE } from "../../../engine/monitors/timeline";
import { checkObligations } from "../../../engine/monitors/obligations";
import { factsFromBible } from "../../../engine/monitors/consistency";
import { languageLexicon } from "../../lexicon/language-lexicon";
import { lengthWindow } from "../../../engine/monitors/length-monitor";
import { buildUnitPrompt } from "../../../engine/draft/prompt-builder";
import type { LedgerEntry } from "../../../engine/draft/ledger";
import { revise } from "../../../engine/review/revise";
import { monitorUnit } from "../../../engine/run/draft-unit";
import type { Proposal } from "../../../engine/review/proposal";
import { DraftRun, unitRefResolver } from "../../../engine/run/runner";
import type { RunEvent, RunState, Strategy, UnitRecord } from "../../../engine/run/types";
import { FsRunStore } from "../../engine-store/fs-run-store";
import { writeFileAtomicCreatingFolder as writeFileAtomic } from "../../store/atomic-write";
import type { ProjectStore } from "../../store/project-store";
import { storeCall } from "../store-errors";
import { briefToForm, formToBriefMarkdown } from "./brief-form";
import { findingView, unitChecks } from "./unit-checks";
import { assistPrompt, runAssist, type AssistJob, type AssistMode } from "./assist";
import { draftToMarkdown, plainOfBody, sameWords, wordsOfBody } from "./landing";
import type { ModelProvider } from "./model-provider";
import { applyPlanEdits, toPlanView, type StoredPlan } from "./plan-view";

type RunView = z.infer<typeof runView>;
type RunUnitView = z.infer<typeof runUnitView>;
type ProposalView = z.infer<typeof proposalView>;

export interface DraftingEmitter {
  (name: string, payload: Record<string, unknown>): void;
}

interface Decision {
  status: "accepted" | "rejected";
  snapshotId?: string;
  appliedBody?: string;
  /** obligation checks on the accepted text */
  checks?: UnitRecord["obligations"];
}

/**
 * A proposal the studio made: a draft that could not land because the writer had written in the
 * unit, or a revision drafted again from the unit's current text after the first went stale.
 */
interface LandingProposal {
  id: string;
  planId: string;
  unitId: string;
  before: string;
  after: string;
  reasons?: string[];
  errorsBefore?: number;
  errorsAfter?: number;
}

interface StudioRunFile {
  runId: string;
  /** planId → the body written into the unit */
  landed: Record<string, { unitId: string; body: string }>;
  decisions: Record<string, Decision>;
  landings: LandingProposal[];
  history: [number, number][];
}

const CURRENT = "current.json";
/** The live view of a unit being written gets a few events a second, not one per token. */
const LIVE_TEXT_EVERY_MS = 200;

function briefErrorToQuire(error: unknown): unknown {
  if (error instanceof BriefError || error instanceof PlanError) return new QuireError("invalid-payload", error.message, error instanceof BriefError ? { file: error.file } : {});
  return error;
}

export class DraftingService {
  private readonly runStore: FsRunStore;
  private run: DraftRun | null = null;
  private state: RunState | null = null;
  private studio: StudioRunFile | null = null;
  private loaded: Promise<void> | null = null;
  private status: RunView["status"] | null = null;
  private drafting = new Map<string, number>();
  private records = new Map<string, UnitRecord>();
  private progress: RunView["progress"] = { unitsDone: 0, unitsTotal: 0, words: 0, tokens: 0, tokensPerSecond: 0, etaSeconds: null };
  private model: RunView["model"] = null;
  private landing: Promise<void> = Promise.resolve();
  private runStartedAt = 0;
  private running: Promise<void> = Promise.resolve();
  private liveTexts = new Map<string, { unitId: string; text: string; reset: boolean; sentAt: number }>();

  constructor(
    private readonly handle: string,
    private readonly store: ProjectStore,
    private readonly models: ModelProvider,
    private readonly emit: DraftingEmitter,
  ) {
    this.runStore = new FsRunStore(store.dir);
  }

  // ── brief ───────────────────────────────────────────────────────────

  private briefFile(): string {
    return join(this.store.dir, "brief.md");
  }

  async readBrief() {
    const text = await storeCall(() => this.store.readBrief());
    if (!text.trim()) return { text, form: null, provenance: {}, error: null };
    try {
      const brief = parseBrief(text, this.briefFile());
      return { text, form: briefToForm(brief), provenance: brief.provenance, error: null };
    } catch (error) {
      return { text, form: null, provenance: {}, error: error instanceof Error ? error.message : String(error) };
    }
  }

  briefFromText(text: string) {
    try {
      const brief = parseBrief(text, "the pasted brief");
      return { form: briefToForm(brief), provenance: brief.provenance };
    } catch (error) {
      throw briefErrorToQuire(error);
    }
  }

  async saveBrief(form: BriefForm) {
    const text = formToBriefMarkdown(form);
    try {
      parseBrief(text, this.briefFile());
    } catch (error) {
      throw briefErrorToQuire(error);
    }
    await storeCall(() => this.store.writeBrief(text));
    return { text };
  }

  private async brief(): Promise<Brief> {
    const text = await storeCall(() => this.store.readBrief());
    if (!text.trim()) throw new QuireError("not-found", "This project has no brief yet: write one first.", { file: this.briefFile() });
    try {
      return parseBrief(text, this.briefFile());
    } catch (error) {
      throw briefErrorToQuire(error);
    }
  }

  // ── plan ────────────────────────────────────────────────────────────

  private planQueue: Promise<unknown> = Promise.resolve();

  /** plan.json is read, changed and written whole: one change at a time, so quick edits never undo each other. */
  private planLock<T>(op: () => Promise<T>): Promise<T> {
    const next = this.planQueue.then(op, op);
    this.planQueue = next.catch(() => {});
    return next;
  }

  private async storedPlan(): Promise<StoredPlan | null> {
    const plan = (await storeCall(() => this.store.readPlan())) as StoredPlan | null;
    if (plan && (!Array.isArray(plan.units) || !Array.isArray(plan.obligations))) {
      throw new QuireError("corrupt", "plan.json is not a Quire plan.", { file: join(this.store.dir, "plan.json") });
    }
    return plan;
  }

  private async planState(plan: StoredPlan | null) {
    if (!plan) return { plan: null, issues: [] };
    let brief: Brief | undefined;
    try {
      brief = await this.brief();
    } catch {
      brief = undefined;
    }
    return { plan: toPlanView(plan), issues: reviewPlan(plan, brief) };
  }

  async readPlan() {
    return this.planState(await this.storedPlan());
  }

  buildPlan(useModel: boolean) {
    return this.planLock(() => this.buildPlanNow(useModel));
  }

  private async buildPlanNow(useModel: boolean) {
    const existing = await this.storedPlan();
    if (existing?.binder && Object.keys(existing.binder).length > 0) {
      throw new QuireError("conflict", "The plan was accepted and its units are in the binder; edit it instead of rebuilding it.");
    }
    const brief = await this.brief();
    let plan: StoredPlan;
    try {
      plan = buildPlan(brief);
    } catch (error) {
      throw briefErrorToQuire(error);
    }
    if (useModel && this.models.available()) await fillPlanWithModel(plan, brief, { llm: await this.models.get() });
    await storeCall(() => this.store.writePlan(plan));
    return this.planState(plan);
  }

  updatePlan(edits: { id: string; title?: string; summary?: string; targetWords?: number }[]) {
    return this.planLock(() => this.updatePlanNow(edits));
  }

  private async updatePlanNow(edits: { id: string; title?: string; summary?: string; targetWords?: number }[]) {
    const plan = await this.storedPlan();
    if (!plan) throw new QuireError("not-found", "There is no plan to edit yet.");
    applyPlanEdits(plan, edits);
    await storeCall(() => this.store.writePlan(plan));
    // an accepted plan's units follow its budgets and summaries
    for (const e of edits) {
      const unitId = plan.binder?.[e.id];
      const u = plan.units.find((x) => x.id === e.id);
      if (!unitId || !u || !this.store.units().some((m) => m.id === unitId)) continue;
      await storeCall(() => this.store.updateUnit(unitId, { targetWords: u.targetWords, synopsis: u.summary, title: unitTitle(u) }));
    }
    if (plan.binder) this.emit("units.changed", { handle: this.handle, units: this.store.units() });
    return this.planState(plan);
  }

  acceptPlan() {
    return this.planLock(() => this.acceptPlanNow());
  }

  private async acceptPlanNow() {
    const plan = await this.storedPlan();
    if (!plan) throw new QuireError("not-found", "There is no plan to accept yet.");
    const errors = reviewPlan(plan).filter((i) => i.severity === "error");
    if (errors.length > 0) throw new QuireError("invalid-payload", `The plan has problems: ${errors.map((e) => e.message).join("; ")}`);
    plan.binder ??= {};
    if (this.store.units().length === 0) await storeCall(() => this.store.updateMeta({ levels: plan.levels, targetWords: plan.targetWords }));
    for (const u of plan.units) {
      if (plan.binder[u.id]) continue;
      const parentId = u.parentId ? (plan.binder[u.parentId] ?? null) : null;
      const created = await storeCall(() => this.store.createUnit({ parentId, level: u.depth, title: unitTitle(u) }));
      await storeCall(() => this.store.updateUnit(created.id, { synopsis: u.summary, targetWords: u.targetWords }));
      plan.binder[u.id] = created.id;
      // written as it goes, so a failure halfway never creates the same units twice
      await storeCall(() => this.store.writePlan(plan));
    }
    const units = this.store.units();
    this.emit("units.changed", { handle: this.handle, units });
    this.emit("project.metaChanged", { handle: this.handle, meta: this.store.meta() });
    return { plan: await this.planState(plan), units };
  }

  /** Counted as the studio counts (per block, provenance included), so the binder agrees with the editor. */
  private countBody(body: string): number {
    return countWordsInDoc(parseMarkdown(body), this.store.countUnit());
  }

  // ── runs ────────────────────────────────────────────────────────────

  private studioFile(runId: string): string {
    return join(this.runStore.runDir(runId), "studio.json");
  }

  private async saveStudio(): Promise<void> {
    if (this.studio) await writeFileAtomic(this.studioFile(this.studio.runId), `${JSON.stringify(this.studio, null, 1)}\n`);
  }

  /** Loads the project's current run once (after a restart it shows as interrupted, to resume). */
  private ensureLoaded(): Promise<void> {
    this.loaded ??= (async () => {
      let runId: string | null = null;
      try {
        runId = (JSON.parse(await readFile(join(this.store.dir, "runs", CURRENT), "utf8")) as { runId: string }).runId;
      } catch {
        return;
      }
      const state = await this.runStore.loadState(runId);
      if (!state) return;
      this.state = state;
      this.status = state.status === "running" ? "interrupted" : state.status;
      try {
        this.studio = JSON.parse(await readFile(this.studioFile(runId), "utf8")) as StudioRunFile;
      } catch {
        this.studio = { runId, landed: {}, decisions: {}, landings: [], history: [] };
      }
      await this.loadRecords();
      this.progress = this.progressFromRecords();
      // a unit finished just before a crash may not have reached its file yet
      for (const planId of this.records.keys()) await this.land(planId);
    })();
    return this.loaded;
  }

  private async loadRecords(): Promise<void> {
    if (!this.state) return;
    this.records.clear();
    for (const u of this.state.plan.units.filter((x) => x.isLeaf)) {
      const saved = await this.runStore.loadUnit(this.state.runId, u.id);
      if (saved) this.records.set(u.id, saved.record);
    }
  }

  private progressFromRecords(): RunView["progress"] {
    const leaves = this.state?.plan.units.filter((u) => u.isLeaf) ?? [];
    const rs = [...this.records.values()];
    return {
      unitsDone: rs.length,
      unitsTotal: leaves.length,
      words: rs.reduce((a, r) => a + r.words, 0),
      tokens: rs.reduce((a, r) => a + r.ledger.reduce((b, e) => b + e.completionTokens, 0), 0),
      tokensPerSecond: this.progress.tokensPerSecond,
      etaSeconds: this.status === "running" ? this.progress.etaSeconds : null,
    };
  }

  async getRun(): Promise<RunView | null> {
    await this.ensureLoaded();
    return this.state ? this.view() : null;
  }

  async startRun(options: { strategy: Strategy; parallel: number; autopilot: boolean }): Promise<RunView> {
    await this.ensureLoaded();
    if (this.run && (this.status === "running" || this.status === "pausing")) throw new QuireError("conflict", "A run is already going.");
    const plan = await this.storedPlan();
    if (!plan?.binder || Object.keys(plan.binder).length === 0) throw new QuireError("invalid-payload", "Accept the plan first: its units go into the binder, then the run writes them.");
    const brief = await this.brief();
    const runId = `run-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    const bible: BriefBibleEntry[] = this.store.listBible().map((b) => ({ name: b.name, kind: b.kind, aliases: b.aliases, attributes: b.attributes }));
    const llm = await this.runModel();
    const run = await DraftRun.create({ llm, store: this.runStore, lexicon: await languageLexicon(plan.language) }, {
      runId, brief, plan, bible, options: { strategy: options.strategy, parallel: options.parallel, autopilot: options.autopilot },
    });
    await mkdir(join(this.store.dir, "runs"), { recursive: true });
    await writeFile(join(this.store.dir, "runs", CURRENT), JSON.stringify({ runId }));
    this.studio = { runId, landed: {}, decisions: {}, landings: [], history: [] };
    await this.saveStudio();
    this.records.clear();
    this.attach(run);
    return this.view();
  }

  /** The loaded model, noted for the run view. */
  private async runModel(): Promise<LlmPort> {
    const llm = await this.models.get();
    const info = await llm.info();
    this.model = info ? { name: info.name, backend: info.backend, contextSize: info.contextSize, sequences: info.sequences } : null;
    return llm;
  }

  private attach(run: DraftRun): void {
    this.run = run;
    this.state = run.state;
    this.status = "running";
    this.drafting.clear();
    this.runStartedAt = Date.now() - (this.studio?.history.at(-1)?.[0] ?? 0) * 1000;
    run.on((e) => this.onRunEvent(e));
    this.running = run.start().then(() => undefined, (error: unknown) => {
      this.status = "failed";
      if (this.state) this.state.error = error instanceof Error ? error.message : String(error);
      this.emitRun();
    });
    this.emitRun();
  }

  private onRunEvent(e: RunEvent): void {
    const h = this.handle;
    switch (e.type) {
      case "unit-started":
        this.drafting.set(e.unitId, 0);
        this.emit("run.unitProgress", { handle: h, planId: e.unitId, words: 0, state: "drafting" });
        this.emitLocked();
        break;
      case "unit-progress":
        this.drafting.set(e.unitId, e.words);
        this.emit("run.unitProgress", { handle: h, planId: e.unitId, words: e.words, state: "drafting" });
        break;
      case "unit-text":
        this.liveText(e.unitId, e.text, e.reset);
        break;
      case "unit-done": {
        const planId = e.unitId;
        const { record, text } = e;
        this.flushLiveText(planId);
        this.liveTexts.delete(planId);
        this.landing = this.landing.then(async () => {
          this.records.set(planId, record);
          await this.land(planId, text);
          this.drafting.delete(planId);
          const unit = this.unitView(planId);
          if (unit) this.emit("run.unitDone", { handle: h, unit });
          this.emitLocked();
          if (record.proposals.length) await this.emitProposals();
        }).catch((error: unknown) => console.error("quire: landing a draft failed", error));
        break;
      }
      case "progress": {
        this.progress = { unitsDone: e.unitsDone, unitsTotal: e.unitsTotal, words: e.words, tokens: e.tokens, tokensPerSecond: e.tokensPerSecond, etaSeconds: e.etaSeconds };
        const at = Math.round((Date.now() - this.runStartedAt) / 100) / 10;
        this.studio?.history.push([at, e.words]);
        this.landing = this.landing.then(() => this.saveStudio()).catch(() => {});
        this.emit("run.progress", { handle: h, progress: this.progress, at });
        break;
      }
      case "run-ended":
        this.landing = this.landing.then(() => {
          this.status = e.status;
          this.drafting.clear();
          this.progress = { ...this.progressFromRecords(), etaSeconds: null };
          this.emitLocked();
          this.emitRun();
        });
        break;
      default:
        break;
    }
  }

  /**
   * A unit's live text, a few small events a second: deltas gathered, a reset replacing what was
   * gathered. Only units with a place in the binder are shown.
   */
  private liveText(planId: string, text: string, reset: boolean): void {
    const unitId = (this.state?.plan as StoredPlan | undefined)?.binder?.[planId];
    if (!unitId) return;
    let b = this.liveTexts.get(planId);
    if (!b) {
      b = { unitId, text: "", reset: false, sentAt: 0 };
      this.liveTexts.set(planId, b);
    }
    if (reset) {
      b.text = text;
      b.reset = true;
    } else b.text += text;
    if (Date.now() - b.sentAt >= LIVE_TEXT_EVERY_MS) this.flushLiveText(planId);
  }

  private flushLiveText(planId: string): void {
    const b = this.liveTexts.get(planId);
    if (!b || (!b.text && !b.reset)) return;
    this.emit("run.unitText", { handle: this.handle, planId, unitId: b.unitId, text: b.text, reset: b.reset });
    b.text = "";
    b.reset = false;
    b.sentAt = Date.now();
  }

  /**
   * Writes a finished unit's draft into its file when the writer left it empty; proposes it
   * otherwise. `text` is the draft as the run handed it over; without it (reopening a project
   * after a crash), the run's own copy is loaded.
   */
  private async land(planId: string, text?: string): Promise<void> {
    const studio = this.studio;
    const state = this.state;
    if (!studio || !state || studio.landed[planId] || studio.landings.some((l) => l.planId === planId)) return;
    const unitId = (state.plan as StoredPlan).binder?.[planId];
    if (!unitId || !this.store.units().some((u) => u.id === unitId)) return;
    const draft = text ?? (await this.runStore.loadUnit(state.runId, planId))?.text;
    if (draft === undefined) return;
    const body = draftToMarkdown(draft);
    const current = await storeCall(() => this.store.readUnitWithVersion(unitId));
    if (wordsOfBody(current.body) === "") {
      const { version } = await storeCall(() => this.store.saveUnitBody(unitId, body, current.version));
      studio.landed[planId] = { unitId, body };
      await storeCall(() => this.store.updateUnit(unitId, { status: "draft" }));
      this.emit("run.landed", { handle: this.handle, planId, unit: { id: unitId, body, version }, words: this.countBody(body) });
      this.emit("units.changed", { handle: this.handle, units: this.store.units() });
    } else {
      studio.landings.push({ id: `${planId}-draft`, planId, unitId, before: current.body, after: body });
    }
    await this.saveStudio();
  }

  private emitLocked(): void {
    const binder = (this.state?.plan as StoredPlan | undefined)?.binder ?? {};
    const unitIds = [...this.drafting.keys()].map((p) => binder[p]).filter((x): x is string => !!x);
    this.emit("run.locked", { handle: this.handle, unitIds });
  }

  private emitRun(): void {
    if (this.state) this.emit("run.changed", { handle: this.handle, run: this.view() });
  }

  private requireRun(): DraftRun | null {
    if (!this.state) throw new QuireError("not-found", "There is no drafting run in this project yet.");
    return this.run;
  }

  async pauseRun(): Promise<RunView> {
    await this.ensureLoaded();
    const run = this.requireRun();
    if (run && this.status === "running") {
      run.pause();
      this.status = "pausing";
      this.emitRun();
    }
    return this.view();
  }

  async resumeRun(): Promise<RunView> {
    await this.ensureLoaded();
    this.requireRun();
    if (this.status === "running" || this.status === "pausing") return this.view();
    if (this.status === "done") return this.view();
    const state = this.state!;
    const run = await DraftRun.open({ llm: await this.runModel(), store: this.runStore, lexicon: await languageLexicon(state.plan.language) }, state.runId);
    this.attach(run);
    return this.view();
  }

  async cancelRun(): Promise<RunView> {
    await this.ensureLoaded();
    const run = this.requireRun();
    if (run && (this.status === "running" || this.status === "pausing")) run.cancel();
    else if (this.status === "interrupted" || this.status === "paused") {
      this.status = "cancelled";
      this.emitRun();
    }
    return this.view();
  }

  async setAutopilot(autopilot: boolean): Promise<RunView> {
    await this.ensureLoaded();
    this.requireRun();
    this.state!.options.autopilot = autopilot;
    if (!this.run || (this.status !== "running" && this.status !== "pausing")) await this.runStore.saveState(this.state!);
    this.emitRun();
    return this.view();
  }

  private unitView(planId: string): RunUnitView | null {
    const state = this.state;
    const u = state?.plan.units.find((x) => x.id === planId);
    if (!state || !u) return null;
    const record = this.records.get(planId);
    const accepted = record?.proposals.map((p) => this.studio?.decisions[p.id]).find((d) => d?.status === "accepted" && d.checks);
    const checks = accepted?.checks ?? record?.obligations ?? [];
    return {
      planId,
      unitId: (state.plan as StoredPlan).binder?.[planId] ?? null,
      heading: u.heading,
      targetWords: u.targetWords,
      words: record?.words ?? this.drafting.get(planId) ?? 0,
      state: record ? "done" : this.drafting.has(planId) ? "drafting" : "queued",
      obligations: u.obligations.map((id) => {
        const ob = state.plan.obligations.find((o) => o.id === id);
        const c = checks.find((x) => x.obligationId === id);
        return { id, text: ob?.text ?? id, met: c ? c.met : null, by: c ? c.by : "none" };
      }),
      findings: (accepted ? [] : (record?.findings ?? []))
        .filter((f) => f.severity !== "info")
          .map(findingView),
    };
  }

  private view(): RunView {
    const state = this.state!;
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
      progress: this.progress,
      units: state.plan.units.filter((u) => u.isLeaf).map((u) => this.unitView(u.id)!),
      history: this.studio?.history.slice(-500) ?? [],
    };
  }

  // ── proposals ───────────────────────────────────────────────────────

  private async allProposals(): Promise<{ view: ProposalView; beforeBody: string; afterBody: string; engine: Proposal | null }[]> {
    await this.ensureLoaded();
    const state = this.state;
    const studio = this.studio;
    if (!state || !studio) return [];
    const binder = (state.plan as StoredPlan).binder ?? {};
    const heading = (planId: string) => state.plan.units.find((u) => u.id === planId)?.heading ?? planId;
    const out: { view: ProposalView; beforeBody: string; afterBody: string; engine: Proposal | null }[] = [];
    const bodyOf = async (unitId: string | null) => {
      if (!unitId || !this.store.units().some((u) => u.id === unitId)) return null;
      return (await storeCall(() => this.store.readUnitWithVersion(unitId))).body;
    };
    const make = async (id: string, planId: string, unitId: string | null, reasons: string[], before: string, after: string, beforeBody: string, afterBody: string, base: Pick<ProposalView, "status" | "decidedBy" | "errorsBefore" | "errorsAfter">, engine: Proposal | null) => {
      const d = studio.decisions[id];
      const status = d?.status ?? base.status;
      const current = status === "pending" ? await bodyOf(unitId) : null;
      out.push({
        view: {
          id, runId: state.runId, planId, unitId, heading: heading(planId), reasons,
          status, decidedBy: d ? "writer" : base.decidedBy,
          stale: status === "pending" && (current === null || !sameWords(current, beforeBody)),
          before, after,
          parts: diffWords(before, after).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed })),
          errorsBefore: base.errorsBefore, errorsAfter: base.errorsAfter,
        },
        beforeBody, afterBody, engine,
      });
    };
    for (const [planId, record] of this.records) {
      for (const p of record.proposals) {
        await make(p.id, planId, binder[planId] ?? null, p.reasons, p.before, p.after, draftToMarkdown(p.before), draftToMarkdown(p.after),
          { status: p.status, decidedBy: p.decidedBy ?? null, errorsBefore: p.errorsBefore, errorsAfter: p.errorsAfter }, p);
      }
    }
    for (const l of studio.landings) {
      await make(l.id, l.planId, l.unitId, l.reasons ?? ["the unit had your text when its draft arrived"], plainOfBody(l.before), plainOfBody(l.after), l.before, l.after,
        { status: "pending", decidedBy: null, errorsBefore: l.errorsBefore ?? 0, errorsAfter: l.errorsAfter ?? 0 }, null);
    }
    return out;
  }

  async listProposals(): Promise<ProposalView[]> {
    return (await this.allProposals()).map((p) => p.view);
  }

  private async emitProposals(): Promise<void> {
    this.emit("proposals.changed", { handle: this.handle, proposals: await this.listProposals() });
  }

  private async find(id: string) {
    const p = (await this.allProposals()).find((x) => x.view.id === id);
    if (!p) throw new QuireError("not-found", `No proposal "${id}".`);
    return p;
  }

  async decide(id: string, decision: "accept" | "reject", editedText?: string) {
    const p = await this.find(id);
    const studio = this.studio!;
    if (p.view.status !== "pending") throw new QuireError("conflict", `That proposal was already ${p.view.status}.`);
    let unit: { id: string; body: string; version: number } | null = null;
    if (decision === "reject") {
      studio.decisions[id] = { status: "rejected" };
    } else {
      const unitId = p.view.unitId;
      if (!unitId) throw new QuireError("not-found", "The unit this proposal is for is no longer in the binder.");
      const current = await storeCall(() => this.store.readUnitWithVersion(unitId));
      if (!sameWords(current.body, p.beforeBody)) {
        throw new QuireError("conflict", "The text changed since this proposal was made, so it cannot be applied as it is. Draft it again from the current text.");
      }
      const body = editedText !== undefined ? draftToMarkdown(editedText, "writer") : p.afterBody;
      const { version, snapshot } = await storeCall(() => this.store.rewriteUnitBody(unitId, body, current.version));
      const checks = p.engine ? await this.recheck(p.view.planId, editedText ?? p.engine.after) : undefined;
      studio.decisions[id] = { status: "accepted", snapshotId: snapshot.id, appliedBody: body, ...(checks ? { checks } : {}) };
      if (p.engine === null && id.endsWith("-draft")) studio.landed[p.view.planId] = { unitId, body };
      unit = { id: unitId, body, version };
    }
    await this.saveStudio();
    return this.afterDecision(id, unit);
  }

  async undo(id: string) {
    const p = await this.find(id);
    const studio = this.studio!;
    const d = studio.decisions[id];
    if (!d && p.view.decidedBy === "autopilot" && p.view.status === "accepted") return this.undoAutopilot(p);
    if (!d) throw new QuireError("conflict", "There is nothing to undo on that proposal.");
    let unit: { id: string; body: string; version: number } | null = null;
    // an accept, or a writer's undo of autopilot's accept: the snapshot holds the text before it
    if (p.view.unitId && d.snapshotId) {
      const unitId = p.view.unitId;
      const current = await storeCall(() => this.store.readUnitWithVersion(unitId));
      if (d.appliedBody !== undefined && !sameWords(current.body, d.appliedBody)) {
        throw new QuireError("conflict", "The text changed after the proposal was accepted; restore a snapshot from the inspector instead.");
      }
      const restored = await storeCall(() => this.store.restoreSnapshot(unitId, d.snapshotId!));
      unit = { id: unitId, body: restored.body, version: restored.version };
      if (p.engine === null && id.endsWith("-draft")) delete studio.landed[p.view.planId];
    }
    delete studio.decisions[id];
    await this.saveStudio();
    return this.afterDecision(id, unit);
  }

  /**
   * Autopilot accepted a revision during the run; the writer takes it back: the unit gets the
   * text from before the revision (the revised one kept as a snapshot), and the proposal reads as
   * rejected by the writer, which can itself be undone. Only the revision the unit's text still
   * shows: a later revision or the writer's own edits on top must be dealt with first.
   */
  private async undoAutopilot(p: Awaited<ReturnType<DraftingService["find"]>>) {
    const unitId = p.view.unitId;
    if (!unitId) throw new QuireError("not-found", "The unit this proposal is for is no longer in the binder.");
    const current = await storeCall(() => this.store.readUnitWithVersion(unitId));
    if (!sameWords(current.body, p.afterBody)) {
      throw new QuireError("conflict", "The unit's text is no longer this revision (a later revision or your edits are on top); undo those first, or restore a snapshot from the inspector.");
    }
    const { version, snapshot } = await storeCall(() => this.store.rewriteUnitBody(unitId, p.beforeBody, current.version));
    this.studio!.decisions[p.view.id] = { status: "rejected", snapshotId: snapshot.id, appliedBody: p.beforeBody };
    await this.saveStudio();
    return this.afterDecision(p.view.id, { id: unitId, body: p.beforeBody, version });
  }

  private async afterDecision(id: string, unit: { id: string; body: string; version: number } | null) {
    if (unit) this.emit("run.landed", { handle: this.handle, planId: (await this.find(id)).view.planId, unit, words: this.countBody(unit.body) });
    const proposals = await this.listProposals();
    this.emit("proposals.changed", { handle: this.handle, proposals });
    const proposal = proposals.find((x) => x.id === id)!;
    const uv = this.unitView(proposal.planId);
    if (uv) this.emit("run.unitDone", { handle: this.handle, unit: uv });
    return { proposal, unit };
  }

  /**
   * A stale revision drafted again: the same monitors and reviser, run on the unit's text as it
   * is now, give a fresh proposal; the stale one is set aside as rejected.
   */
  async regenerate(id: string) {
    const p = await this.find(id);
    const state = this.state!;
    const studio = this.studio!;
    if (!p.view.stale) throw new QuireError("conflict", "That proposal still fits the text; accept or reject it.");
    const unitId = p.view.unitId;
    const unit = state.plan.units.find((u) => u.id === p.view.planId);
    if (!unitId || !unit) throw new QuireError("not-found", "The unit this proposal is for is no longer in the binder.");
    const current = await storeCall(() => this.store.readUnitWithVersion(unitId));
    const text = plainOfBody(current.body);
    const llm = await this.runModel();
    const ledger: LedgerEntry[] = [];
    const lexicon = await languageLexicon(state.plan.language);
    const facts = factsFromBible(state.bible, unitRefResolver(state.plan), lexicon);
    const leafIndex = state.plan.units.filter((u) => u.isLeaf).findIndex((u) => u.id === unit.id) + 1;
    const job = { state, unit, leafIndex, llm, facts };
    const before = await monitorUnit(text, job, (e) => ledger.push(e));
    const errorsBefore = before.findings.filter((f) => f.severity === "error").length;
    if (!before.findings.some((f) => f.severity === "error" && f.fix)) {
      studio.decisions[id] = { status: "rejected" };
      await this.saveStudio();
      throw new QuireError("conflict", "The text as it is now passes the checks this revision was for; nothing to propose.");
    }
    const prompt = buildUnitPrompt({ brief: state.brief, plan: state.plan, unit, bible: state.bible });
    const after = await revise(text, before.findings, {
      llm, unitId: unit.id, heading: unit.heading, countUnit: state.plan.countUnit, window: lengthWindow(unit.targetWords, state.options.slack),
      messages: prompt.messages, systemPrompt: prompt.messages[0]?.content ?? "", ratio: { tokensPerWord: state.tokensPerWord }, onLedger: (e) => ledger.push(e),
    });
    const recheck = await monitorUnit(after, { ...job, facts: factsFromBible(state.bible, unitRefResolver(state.plan), lexicon) }, (e) => ledger.push(e));
    studio.decisions[id] = { status: "rejected" };
    const fresh: LandingProposal = {
      id: `${id}-again${studio.landings.filter((l) => l.id.startsWith(`${id}-again`)).length + 1}`,
      planId: unit.id, unitId, before: current.body, after: draftToMarkdown(after),
      reasons: before.findings.filter((f) => f.severity === "error").map((f) => f.message),
      errorsBefore, errorsAfter: recheck.findings.filter((f) => f.severity === "error").length,
    };
    studio.landings.push(fresh);
    await this.saveStudio();
    return this.afterDecision(fresh.id, null);
  }

  /** Obligation checks on accepted text: the cheap lexical pass (no model call on the writer's click). */
  private async recheck(planId: string, text: string): Promise<UnitRecord["obligations"]> {
    const plan = this.state!.plan;
    const u = plan.units.find((x) => x.id === planId);
    const obs = (u?.obligations ?? []).map((id) => plan.obligations.find((o) => o.id === id)).filter((o) => o !== undefined);
    return (await checkObligations(text, obs, null, planId)).checks;
  }

  private assists = new Map<string, AssistJob>();
  private assistCount = 0;

  /** Continue, expand, rewrite or draft from beats at the writer's cursor: streams, then waits as a proposal in the editor. */
  async startAssist(input: { unitId: string; mode: AssistMode; passage: string; instruction: string; words: number }) {
    await this.ensureLoaded();
    if (!this.store.units().some((u) => u.id === input.unitId)) throw new QuireError("not-found", "That unit is not in the binder.");
    const llm = await this.models.get();
    const brief = await this.brief().catch(() => null);
    const plan = await this.storedPlan().catch(() => null);
    const planId = plan?.binder ? Object.entries(plan.binder).find(([, id]) => id === input.unitId)?.[0] : undefined;
    const request = { ...input, countUnit: this.store.countUnit(), brief, unitSummary: plan?.units.find((u) => u.id === planId)?.summary ?? "" };
    const ledger = await Promise.all(assistPrompt(request).sections.map(async (s) => ({ section: s.name, tokens: await llm.countTokens(s.text) })));
    const assistId = `a${++this.assistCount}-${Date.now().toString(36)}`;
    let sent = 0;
    let last = 0;
    const job = runAssist(llm, request, (full) => {
      if (Date.now() - last < 150 && full.length >= sent) return;
      const reset = full.length < sent;
      this.emit("assist.text", { handle: this.handle, assistId, text: reset ? full : full.slice(sent), reset });
      sent = full.length;
      last = Date.now();
    });
    this.assists.set(assistId, job);
    void job.done.then((r) => {
      this.assists.delete(assistId);
      this.emit("assist.done", { handle: this.handle, assistId, ...r });
    });
    return { assistId, ledger };
  }

  cancelAssist(assistId: string) {
    this.assists.get(assistId)?.cancel();
    return {};
  }

  /** The monitors on a unit's text as it stands in the editor; withModel adds the judge and the fact reader. */
  async checkUnit(unitId: string, text: string, withModel = false) {
    await this.ensureLoaded();
    const meta = this.store.units().find((u) => u.id === unitId);
    if (!meta) throw new QuireError("not-found", "That unit is not in the binder.");
    const plan = await this.storedPlan().catch(() => null);
    const planId = plan?.binder ? (Object.entries(plan.binder).find(([, id]) => id === unitId)?.[0] ?? null) : null;
    return unitChecks({
      text,
      countUnit: this.store.countUnit(),
      language: this.store.meta().language,
      targetWords: meta.targetWords,
      plan,
      planId,
      bible: this.store.listBible(),
      facts: [...this.records.values()].flatMap((r) => r.facts),
    }, withModel ? await this.models.get() : undefined);
  }

  /** Facts the run extracted from drafted units, for the bible screen. */
  async extractedFacts() {
    await this.ensureLoaded();
    const leaves = this.state?.plan.units.filter((u) => u.isLeaf) ?? [];
    return [...this.records.values()].flatMap((r) =>
      r.facts.filter((f) => f.entity !== TIMELINE).map((f) => ({ ...f, heading: leaves[f.fromUnit - 1]?.heading ?? `unit ${f.fromUnit}` })),
    );
  }

  /** Stops a run in flight at close: finished units are on disk; a restart resumes the rest. */
  async close(): Promise<void> {
    for (const a of this.assists.values()) a.cancel();
    const run = this.run;
    if (run && (this.status === "running" || this.status === "pausing")) {
      run.pause();
      run.cancel();
      await this.running;
      await this.landing.catch(() => {});
      // quitting is not cancelling: the run waits, paused, for the next start
      if (run.state.status === "cancelled") {
        run.state.status = "paused";
        await this.runStore.saveState(run.state).catch(() => {});
      }
      return;
    }
    await this.landing.catch(() => {});
  }
}

function unitTitle(u: { heading: string; title: string }): string {
  return u.title && !u.heading.includes(u.title) ? `${u.heading}: ${u.title}` : u.heading || u.title || "Untitled";
}
