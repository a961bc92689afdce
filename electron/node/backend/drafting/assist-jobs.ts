/** The writer's assists at the cursor (continue, expand, rewrite, a scene from beats): started, streamed, cancelled. */
import { QuireError } from "../../../shared/contract/errors";
import { LiveText } from "../../../engine/index";
import { assistPrompt, runAssist, type AssistJob, type AssistMode } from "./assist";
import type { BriefService } from "./brief-service";
import type { DraftingContext } from "./context";
import { planIdOf } from "./files/binder-file";
import type { PlanService } from "./plan-service";
import { TextBatcher } from "./text-batcher";
import type { Calls } from "./calls";
import { observeLlm } from "./observed-llm";

const ASSIST_TEXT_EVERY_MS = 150;

export class AssistJobs {
  private readonly jobs = new Map<string, AssistJob>();
  private count = 0;

  constructor(
    private readonly ctx: DraftingContext,
    private readonly briefs: BriefService,
    private readonly plans: PlanService,
    private readonly calls: Calls | null = null,
  ) {}

  /** Streams as assist.text, then waits as a proposal in the editor (assist.done). */
  async start(input: { unitId: string; mode: AssistMode; passage: string; instruction: string; words: number }) {
    const { store } = this.ctx;
    if (!store.units().some((u) => u.id === input.unitId)) throw new QuireError("not-found", "That unit is not in the binder.");
    const model = await this.ctx.models.get();
    const heading = store.units().find((u) => u.id === input.unitId)?.title ?? null;
    // the assist's call goes to the studio's ledger, under the unit it was asked in
    const llm = this.calls ? observeLlm(model, this.calls.observer(null, { unit: () => ({ unitId: input.unitId, planId: null, heading }) })) : model;
    const brief = (await this.briefs.briefIfAny()) ?? null;
    const { plan, binder } = await this.plans.current().catch(() => ({ plan: null, binder: {} }));
    const planId = planIdOf(binder, input.unitId);
    const request = { ...input, countUnit: store.countUnit(), brief, unitSummary: plan?.units.find((u) => u.id === planId)?.summary ?? "" };
    const ledger = await Promise.all(assistPrompt(request).sections.map(async (s) => ({ section: s.name, tokens: await llm.countTokens(s.text) })));
    const assistId = `a${++this.count}-${Date.now().toString(36)}`;
    const batch = new TextBatcher(ASSIST_TEXT_EVERY_MS, (text, reset) => this.ctx.emit("assist.text", { handle: this.ctx.handle, assistId, text, reset }));
    const live = new LiveText((d) => batch.push(d));
    const job = runAssist(llm, request, (full) => live.show(full));
    this.jobs.set(assistId, job);
    void job.done.then((r) => {
      batch.flush();
      this.jobs.delete(assistId);
      this.ctx.emit("assist.done", { handle: this.ctx.handle, assistId, ...r });
    });
    return { assistId, ledger };
  }

  cancel(assistId: string) {
    this.jobs.get(assistId)?.cancel();
    return {};
  }

  cancelAll(): void {
    for (const j of this.jobs.values()) j.cancel();
  }
}
