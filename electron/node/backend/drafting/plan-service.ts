/**
 * The project's plan: built from the brief by the engine's planBrief(), edited by the writer,
 * accepted into the binder. plan.json holds the engine's plan (read through its schema);
 * binder.json which project unit each plan unit became. Once accepted, a unit's target lives in
 * its front matter, the total and the language in quire.json (see planAsAccepted).
 *
 * plan.json is read, changed and written whole: one change at a time (withLock), so quick edits
 * never undo each other.
 */
import { join } from "node:path";
import { withLock } from "lifecycle-utils";
import { QuireError } from "../../../shared/contract/errors";
import { DataError, parsePlan, planBrief, reviewPlan, type Plan } from "../../../engine/index";
import { storeCall } from "../store-errors";
import type { BriefService } from "./brief-service";
import { briefErrorToQuire, fileError, unitTitle, type DraftingContext } from "./context";
import { legacyBinderSchema, readBinder, writeBinder, type Binder } from "./files/binder-file";
import { applyPlanEdits, planAsAccepted, toPlanView, type PlanEdit } from "./plan-view";
import { pinBudget, scaleToTotal, setBudget } from "./plan-budgets";
import { placePlan, type PlacementChoice } from "./plan-placement";
import type { Calls } from "./calls";
import { observeLlm } from "./observed-llm";

export class PlanService {
  /** The binder as binder.json holds it; loaded once, written through. */
  private binder_: Binder | null = null;
  private binderLoad: Promise<Binder> | null = null;

  constructor(
    private readonly ctx: DraftingContext,
    private readonly briefs: BriefService,
    private readonly calls: Calls | null = null,
  ) {}

  private lock<T>(op: () => Promise<T>): Promise<T> {
    return withLock([this, "plan"], op);
  }

  private planFile(): string {
    return join(this.ctx.store.dir, "plan.json");
  }

  /** plan.json through the engine's schema (null when there is none), and the binder. */
  private async load(): Promise<{ plan: Plan | null; binder: Binder }> {
    const binder = await this.binder();
    const raw = await storeCall(() => this.ctx.store.readPlan());
    return { plan: raw === null ? null : this.parse(raw), binder };
  }

  private parse(raw: unknown): Plan {
    try {
      return parsePlan(raw, this.planFile());
    } catch (error) {
      if (error instanceof DataError) throw new QuireError("corrupt", error.message, { file: this.planFile() });
      throw error;
    }
  }

  /**
   * plan unit id → project unit id (empty until the plan is accepted). Loaded once. A plan.json
   * written before the binder had its own file carries it: it moves to binder.json (and out of
   * plan.json) the first time it is asked for.
   */
  binder(): Promise<Binder> {
    this.binderLoad ??= this.loadBinder().catch((error: unknown) => {
      this.binderLoad = null;
      throw fileError(error);
    });
    return this.binderLoad;
  }

  private async loadBinder(): Promise<Binder> {
    const stored = await readBinder(this.ctx.store.paths);
    if (stored) return (this.binder_ = stored);
    const raw = await storeCall(() => this.ctx.store.readPlan());
    const legacy = raw !== null && typeof raw === "object" && "binder" in raw ? legacyBinderSchema.safeParse((raw as { binder: unknown }).binder) : null;
    if (!legacy?.success || Object.keys(legacy.data).length === 0) return (this.binder_ = {});
    await writeBinder(this.ctx.store.paths, legacy.data);
    await storeCall(() => this.ctx.store.writePlan(this.parse(raw)));
    return (this.binder_ = legacy.data);
  }

  /** The binder once loaded (binder() has been awaited): the studio's views and events read it as they go. */
  binderNow(): Binder {
    return this.binder_ ?? {};
  }

  private async setBinder(binder: Binder): Promise<void> {
    await writeBinder(this.ctx.store.paths, binder);
    this.binder_ = { ...binder };
    this.binderLoad = Promise.resolve(this.binder_);
  }

  /** The plan with the project's facts where it owns them (targets, total, language) once accepted. */
  async current(): Promise<{ plan: Plan | null; binder: Binder }> {
    return this.lock(async () => {
      const { plan, binder } = await this.load();
      if (!plan || Object.keys(binder).length === 0) return { plan, binder };
      return { plan: planAsAccepted(plan, binder, this.ctx.store.units(), this.ctx.store.meta()), binder };
    });
  }

  private async state(plan: Plan | null, binder: Binder) {
    if (!plan) return { plan: null, issues: [] };
    const shown = Object.keys(binder).length > 0 ? planAsAccepted(plan, binder, this.ctx.store.units(), this.ctx.store.meta()) : plan;
    return { plan: toPlanView(shown, binder), issues: reviewPlan(shown, await this.briefs.briefIfAny()) };
  }

  async read() {
    return this.lock(async () => {
      const { plan, binder } = await this.load();
      return this.state(plan, binder);
    });
  }

  build(useModel: boolean) {
    return this.lock(async () => {
      const { binder } = await this.load();
      if (Object.keys(binder).length > 0) {
        throw new QuireError("conflict", "The plan was accepted and its units are in the binder; edit it instead of rebuilding it.");
      }
      const brief = await this.briefs.brief();
      let plan: Plan;
      try {
        const model = useModel && this.ctx.models.available() ? await this.ctx.models.get() : undefined;
        // the planner's calls are kept in the studio's ledger, for the call viewer
        const llm = model && this.calls ? observeLlm(model, this.calls.observer(null, { unit: () => ({ unitId: null, planId: null, heading: null }) })) : model;
        // the states at the joins are written and checked against the project's bible too
        const bible = this.ctx.store.listBible().map((b) => ({ name: b.name, kind: b.kind, aliases: b.aliases, attributes: b.attributes }));
        ({ plan } = await planBrief(brief, { llm, language: this.ctx.store.meta().language, bible }));
      } catch (error) {
        throw briefErrorToQuire(error);
      }
      await storeCall(() => this.ctx.store.writePlan(plan));
      return this.state(plan, binder);
    });
  }

  update(edits: PlanEdit[]) {
    return this.lock(async () => {
      const { plan, binder } = await this.load();
      if (!plan) throw new QuireError("not-found", "There is no plan to edit yet.");
      const accepted = Object.keys(binder).length > 0;
      if (!accepted) {
        applyPlanEdits(plan, edits);
        await storeCall(() => this.ctx.store.writePlan(plan));
        return this.state(plan, binder);
      }
      // accepted: titles and summaries stay the plan's (and its units' synopses follow); targets and pins are the units' own
      applyPlanEdits(plan, edits.map(({ targetWords: _t, pinned: _p, ...e }) => e));
      await storeCall(() => this.ctx.store.writePlan(plan));
      const shown = applyPlanEdits(planAsAccepted(plan, binder, this.ctx.store.units(), this.ctx.store.meta()), edits);
      const inBinder = new Set(this.ctx.store.units().map((u) => u.id));
      const named = new Set(edits.filter((e) => e.title !== undefined || e.summary !== undefined).map((e) => e.id));
      for (const u of shown.units) {
        const unitId = binder[u.id];
        if (!unitId || !inBinder.has(unitId)) continue;
        const meta = this.ctx.store.units().find((m) => m.id === unitId)!;
        const patch: { targetWords?: number; targetPinned?: boolean; synopsis?: string; title?: string } = {};
        // a parent's target is the sum of its children's, so an edit below it changes it too
        if (meta.targetWords !== u.targetWords) patch.targetWords = u.targetWords;
        if (u.isLeaf && (meta.targetPinned === true) !== u.fixedTarget) patch.targetPinned = u.fixedTarget;
        if (named.has(u.id)) {
          patch.synopsis = u.summary;
          patch.title = unitTitle(u);
        }
        if (Object.keys(patch).length > 0) await storeCall(() => this.ctx.store.updateUnit(unitId, patch));
      }
      this.ctx.emit("units.changed", { handle: this.ctx.handle, units: this.ctx.store.units() });
      return this.state(plan, binder);
    });
  }

  /** The plan as the writer sees it now (the units' own targets and pins once accepted). */
  private shown(plan: Plan, binder: Binder): Plan {
    return Object.keys(binder).length > 0 ? planAsAccepted(plan, binder, this.ctx.store.units(), this.ctx.store.meta()) : plan;
  }

  /** The writer sets a budget: it is pinned, and with `rebalance` the unpinned others absorb the difference. */
  async setBudget(id: string, targetWords: number, rebalance: boolean) {
    const edits = await this.lock(async () => {
      const { plan, binder } = await this.load();
      if (!plan) throw new QuireError("not-found", "There is no plan to edit yet.");
      const shown = this.shown(plan, binder);
      const r = setBudget(shown.units, shown.targetWords, id, targetWords, rebalance, shown.countUnit);
      if ("problem" in r) throw new QuireError("invalid-payload", r.problem);
      return r.edits;
    });
    return this.update(edits);
  }

  /** Pins a budget, or releases it so rebalancing may move it again. */
  async pin(id: string, pinned: boolean) {
    const edits = await this.lock(async () => {
      const { plan, binder } = await this.load();
      if (!plan) throw new QuireError("not-found", "There is no plan to edit yet.");
      const r = pinBudget(this.shown(plan, binder).units, id, pinned);
      if ("problem" in r) throw new QuireError("invalid-payload", r.problem);
      return r.edits;
    });
    return this.update(edits);
  }

  /**
   * Creates the plan's units in the binder, where the writer chose (see plan-placement.ts), and
   * makes one target of the project's and the plan's: the plan's (the project's target follows),
   * or the project's (the plan's unpinned budgets scale to it).
   */
  accept(choice: PlacementChoice | null = null, total: "plan" | "project" = "plan") {
    return this.lock(async () => {
      const { plan, binder: existing } = await this.load();
      if (!plan) throw new QuireError("not-found", "There is no plan to accept yet.");
      const errors = reviewPlan(plan).filter((i) => i.severity === "error");
      if (errors.length > 0) throw new QuireError("invalid-payload", `The plan has problems: ${errors.map((e) => e.message).join("; ")}`);
      const store = this.ctx.store;
      const binder = { ...existing };
      if (plan.units.length > 0 && plan.units.every((u) => binder[u.id])) throw new QuireError("conflict", "The plan is already in the binder.");
      // one target: the project's (the plan's budgets scale to it) or the plan's (the project takes it)
      const projectTarget = store.meta().targetWords;
      if (total === "project" && projectTarget !== null && projectTarget !== plan.targetWords) {
        const scaled = scaleToTotal(plan.units, projectTarget);
        if ("problem" in scaled) throw new QuireError("invalid-payload", scaled.problem);
        applyPlanEdits(plan, scaled.edits);
        plan.targetWords = projectTarget;
        await storeCall(() => store.writePlan(plan));
      }
      // units placed by an earlier, interrupted acceptance are not placed again
      const placed = new Set(Object.values(binder));
      const place = placePlan(plan, store.units().filter((u) => !placed.has(u.id)), store.meta().levels, choice);
      if ("problem" in place) throw new QuireError("invalid-payload", place.problem);
      for (const id of place.trash) await storeCall(() => store.trashUnit(id));
      await storeCall(() => store.updateMeta({ levels: place.levels, targetWords: plan.targetWords }));
      const byPlanId = new Map(plan.units.map((u) => [u.id, u]));
      let renamed = false;
      for (const step of place.steps) {
        if (binder[step.planId]) continue;
        const u = byPlanId.get(step.planId)!;
        const pin = u.fixedTarget ? { targetPinned: true } : {};
        if ("existing" in step) {
          // the writer's unit takes the plan's budget and summary; a name they gave it stays
          const unit = store.units().find((m) => m.id === step.existing)!;
          const untitled = !unit.title.trim() || /^New \S+$/.test(unit.title.trim());
          await storeCall(() =>
            store.updateUnit(step.existing, {
              ...(unit.synopsis.trim() ? {} : { synopsis: u.summary }),
              ...(unit.targetPinned ? {} : { targetWords: u.targetWords, ...pin }),
              ...(untitled ? { title: unitTitle(u) } : {}),
            }),
          );
          binder[u.id] = step.existing;
          // and the plan takes the name the writer gave it, so plan and binder say the same
          if (!untitled && !u.title.trim()) {
            u.title = unit.title.trim();
            renamed = true;
          }
        } else {
          const parentId = step.create.parentUnitId ?? (step.create.parentPlanId ? (binder[step.create.parentPlanId] ?? null) : null);
          const created = await storeCall(() => store.createUnit({ parentId, level: step.create.level, title: unitTitle(u) }));
          await storeCall(() => store.updateUnit(created.id, { synopsis: u.summary, targetWords: u.targetWords, ...pin }));
          binder[u.id] = created.id;
        }
        // written as it goes, so a failure halfway never creates the same units twice
        await this.setBinder(binder);
      }
      if (renamed) await storeCall(() => store.writePlan(plan));
      const units = store.units();
      this.ctx.emit("units.changed", { handle: this.ctx.handle, units });
      this.ctx.emit("project.metaChanged", { handle: this.ctx.handle, meta: store.meta() });
      return { plan: await this.state(plan, binder), units };
    });
  }
}
