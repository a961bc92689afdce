/**
 * Drafting for one open project, behind one small facade: the brief (brief-service), the plan
 * and the binder (plan-service), the run (run-control, over the session in run-session),
 * landing drafts in unit files (landing), the proposals left for the writer (proposals), and the
 * writer's assists at the cursor (assist-jobs). A draft lands only in a unit the writer left
 * empty; otherwise it is proposed.
 */
import type { BriefForm } from "../../../shared/contract/drafting";
import { QuireError } from "../../../shared/contract/errors";
import { TIMELINE, type Strategy } from "../../../engine/index";
import { FsRunStore } from "../../engine-store/fs-run-store";
import type { ProjectStore } from "../../store/project-store";
import { AssistJobs } from "./assist-jobs";
import type { AssistMode } from "./assist";
import { BriefService } from "./brief-service";
import type { DraftingContext, DraftingEmitter } from "./context";
import { planIdOf } from "./files/binder-file";
import type { PlanEdit } from "./plan-view";
import { PlanService } from "./plan-service";
import type { PlacementChoice } from "./plan-placement";
import { Proposals } from "./proposals";
import { RunControl } from "./run-control";
import { RunSession } from "./run-session";
import type { ModelProvider } from "./model-provider";
import { unitChecks } from "./unit-checks";
import { plainOfBody } from "./landing";
import { checkSeamsOf } from "./seam-checks";
import { Calls } from "./calls";

export type { DraftingEmitter } from "./context";

export class DraftingService {
  private readonly ctx: DraftingContext;
  private readonly briefs: BriefService;
  private readonly plans: PlanService;
  private readonly session: RunSession;
  private readonly runs: RunControl;
  private readonly proposals: Proposals;
  private readonly assists: AssistJobs;
  private readonly calls: Calls;

  constructor(handle: string, store: ProjectStore, models: ModelProvider, emit: DraftingEmitter) {
    this.ctx = { handle, store, models, emit, runStore: new FsRunStore(store.paths) };
    this.calls = new Calls(this.ctx, () => this.session.state?.runId ?? null);
    this.briefs = new BriefService(this.ctx);
    this.plans = new PlanService(this.ctx, this.briefs, this.calls);
    this.session = new RunSession(this.ctx, () => this.plans.binderNow());
    this.runs = new RunControl(this.ctx, this.session, this.plans, this.briefs, () => this.proposals.emitChanged(), this.calls);
    this.proposals = new Proposals(this.ctx, this.session, this.runs, this.plans);
    this.assists = new AssistJobs(this.ctx, this.briefs, this.plans, this.calls);
  }

  // the brief
  readBrief = () => this.briefs.read();
  briefFromText = (text: string) => this.briefs.fromText(text);
  saveBrief = (form: BriefForm) => this.briefs.save(form);

  // the plan
  readPlan = () => this.plans.read();
  buildPlan = (useModel: boolean) => this.plans.build(useModel);
  updatePlan = (edits: PlanEdit[]) => this.plans.update(edits);
  acceptPlan = (placement: PlacementChoice | null = null, total: "plan" | "project" = "plan") => this.plans.accept(placement, total);
  setBudget = (id: string, targetWords: number, rebalance: boolean) => this.plans.setBudget(id, targetWords, rebalance);
  pinBudget = (id: string, pinned: boolean) => this.plans.pin(id, pinned);

  // the run
  getRun = () => this.runs.get();
  startRun = (options: { strategy: Strategy; parallel: number; autopilot: boolean }) => this.runs.start(options);
  pauseRun = () => this.runs.pause();
  resumeRun = () => this.runs.resume();
  cancelRun = () => this.runs.cancel();
  setAutopilot = (autopilot: boolean) => this.runs.setAutopilot(autopilot);

  // the model's calls, for the call viewer
  listCalls = async (unitId: string | null) => {
    await this.runs.ensureLoaded();
    return this.calls.list(unitId);
  };
  getCall = async (id: string) => {
    await this.runs.ensureLoaded();
    const call = await this.calls.get(id);
    if (!call) throw new QuireError("not-found", "That call is no longer in the ledger (the oldest calls make room for new ones).");
    return call;
  };

  // proposals
  listProposals = () => this.proposals.list();
  decide = (id: string, decision: "accept" | "reject", editedText?: string) => this.proposals.decide(id, decision, editedText);
  undo = (id: string) => this.proposals.undo(id);
  regenerate = (id: string) => this.proposals.regenerate(id);

  // assists at the cursor
  startAssist = (input: { unitId: string; mode: AssistMode; passage: string; instruction: string; words: number }) => this.assists.start(input);
  cancelAssist = (assistId: string) => this.assists.cancel(assistId);

  /** The monitors on a unit's text as it stands in the editor; withModel adds the judge and the fact reader. */
  async checkUnit(unitId: string, text: string, withModel = false) {
    await this.runs.ensureLoaded();
    const { store } = this.ctx;
    const meta = store.units().find((u) => u.id === unitId);
    if (!meta) throw new QuireError("not-found", "That unit is not in the binder.");
    const { plan, binder } = await this.plans.current().catch(() => ({ plan: null, binder: {} }));
    return unitChecks({
      text,
      countUnit: store.countUnit(),
      language: store.meta().language,
      targetWords: meta.targetWords,
      plan,
      planId: planIdOf(binder, unitId),
      bible: store.listBible(),
      facts: [...this.session.records.values()].flatMap((r) => r.facts),
    }, withModel ? await this.ctx.models.get() : undefined);
  }

  /** The seam check on the open unit's text against its neighbours as saved (with the model). */
  async checkSeams(unitId: string, text: string) {
    await this.runs.ensureLoaded();
    const { store } = this.ctx;
    if (!store.units().some((u) => u.id === unitId)) throw new QuireError("not-found", "That unit is not in the binder.");
    const { plan, binder } = await this.plans.current();
    const planId = planIdOf(binder, unitId);
    if (!plan || !planId) throw new QuireError("not-found", "This unit was not planned from the brief, so Quire does not know which units it joins.");
    if (!this.ctx.models.available()) throw new QuireError("unavailable", "Load a model to check the joins: reading two passages for meaning is the model's work.");
    return checkSeamsOf({
      planId, text, plan, binder,
      brief: await this.briefs.brief(),
      bible: store.listBible().map((b) => ({ name: b.name, kind: b.kind, aliases: b.aliases, attributes: b.attributes })),
      facts: [...this.session.records.values()].flatMap((r) => r.facts),
      textOf: async (id) => (store.units().some((u) => u.id === id) ? plainOfBody((await store.readUnit(id)).body) : null),
    }, await this.ctx.models.get());
  }

  /** Facts the run extracted from drafted units, for the bible screen. */
  async extractedFacts() {
    await this.runs.ensureLoaded();
    const leaves = this.session.state?.plan.units.filter((u) => u.isLeaf) ?? [];
    return [...this.session.records.values()].flatMap((r) =>
      r.facts.filter((f) => f.entity !== TIMELINE).map((f) => ({ ...f, heading: leaves[f.fromUnit - 1]?.heading ?? `unit ${f.fromUnit}` })),
    );
  }

  /** Stops a run in flight at close: finished units are on disk; a restart resumes the rest. */
  async close(): Promise<void> {
    this.assists.cancelAll();
    await this.runs.close();
  }
}
