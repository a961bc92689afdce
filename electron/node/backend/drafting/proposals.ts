/**
 * The proposals the writer reviews: the engine's revisions (what autopilot did with each is in
 * the unit's record) and the studio's own (a draft that met the writer's text, a revision drafted
 * again). A proposal's status has one owner: the writer's decision in the studio's run file when
 * there is one, else what autopilot did, else pending.
 */
import type { z } from "zod";
import type { proposalView } from "../../../shared/contract/drafting";
import { QuireError } from "../../../shared/contract/errors";
import { diffTexts } from "../../../shared/text/diff";
import {
  buildUnitPrompt, checkObligations, checkUnitText, factsFromBible, fixable, reviseUntilClean, unitRefResolver,
  type Proposal, type UnitRecord,
} from "../../../engine/index";
import { storeCall } from "../store-errors";
import { countBody, type DraftingContext } from "./context";
import type { LandingProposal } from "./files/studio-run-file";
import { draftToMarkdown, editedToMarkdown, plainOfBody, sameWords } from "./landing";
import { languageLexicon } from "../../lexicon/language-lexicon";
import type { PlanService } from "./plan-service";
import type { RunControl } from "./run-control";
import type { RunSession } from "./run-session";

type ProposalView = z.infer<typeof proposalView>;
type Listed = { view: ProposalView; beforeBody: string; afterBody: string; engine: Proposal | null };
type LandedUnit = { id: string; body: string; version: number };

/** What autopilot's choice reads as, for a proposal the writer has not decided. */
function fromAutopilot(p: Proposal): Pick<ProposalView, "status" | "decidedBy"> {
  if (p.autopilot === "applied") return { status: "accepted", decidedBy: "autopilot" };
  if (p.autopilot === "declined") return { status: "rejected", decidedBy: "autopilot" };
  return { status: "pending", decidedBy: null };
}

export class Proposals {
  constructor(
    private readonly ctx: DraftingContext,
    private readonly session: RunSession,
    private readonly runs: RunControl,
    private readonly plans: PlanService,
  ) {}

  private async all(): Promise<Listed[]> {
    await this.runs.ensureLoaded();
    const { state, studio } = this.session;
    if (!state || !studio) return [];
    const binder = this.plans.binderNow();
    const heading = (planId: string) => state.plan.units.find((u) => u.id === planId)?.heading ?? planId;
    const out: Listed[] = [];
    const bodyOf = async (unitId: string | null) => {
      if (!unitId || !this.ctx.store.units().some((u) => u.id === unitId)) return null;
      return (await storeCall(() => this.ctx.store.readUnitWithVersion(unitId))).body;
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
          parts: diffTexts(before, after, "words").parts,
          errorsBefore: base.errorsBefore, errorsAfter: base.errorsAfter,
        },
        beforeBody, afterBody, engine,
      });
    };
    for (const [planId, record] of this.session.records) {
      for (const p of record.proposals) {
        await make(p.id, planId, binder[planId] ?? null, p.reasons, p.before, p.after, draftToMarkdown(p.before), draftToMarkdown(p.after),
          { ...fromAutopilot(p), errorsBefore: p.errorsBefore, errorsAfter: p.errorsAfter }, p);
      }
    }
    for (const l of studio.landings) {
      await make(l.id, l.planId, l.unitId, l.reasons ?? ["the unit had your text when its draft arrived"], plainOfBody(l.before), plainOfBody(l.after), l.before, l.after,
        { status: "pending", decidedBy: null, errorsBefore: l.errorsBefore ?? 0, errorsAfter: l.errorsAfter ?? 0 }, null);
    }
    return out;
  }

  async list(): Promise<ProposalView[]> {
    return (await this.all()).map((p) => p.view);
  }

  async emitChanged(): Promise<void> {
    this.ctx.emit("proposals.changed", { handle: this.ctx.handle, proposals: await this.list() });
  }

  private async find(id: string): Promise<Listed> {
    const p = (await this.all()).find((x) => x.view.id === id);
    if (!p) throw new QuireError("not-found", `No proposal "${id}".`);
    return p;
  }

  async decide(id: string, decision: "accept" | "reject", editedText?: string) {
    // loaded before the studio file is locked: loading lands what a crash left, under the same lock
    await this.runs.ensureLoaded();
    return this.session.withStudio(async () => {
      const p = await this.find(id);
      const studio = this.session.studio!;
      if (p.view.status !== "pending") throw new QuireError("conflict", `That proposal was already ${p.view.status}.`);
      let unit: LandedUnit | null = null;
      if (decision === "reject") {
        studio.decisions[id] = { status: "rejected" };
      } else {
        const unitId = p.view.unitId;
        if (!unitId) throw new QuireError("not-found", "The unit this proposal is for is no longer in the binder.");
        const current = await storeCall(() => this.ctx.store.readUnitWithVersion(unitId));
        if (!sameWords(current.body, p.beforeBody)) {
          throw new QuireError("conflict", "The text changed since this proposal was made, so it cannot be applied as it is. Draft it again from the current text.");
        }
        // an edited proposal keeps the model's mark on the words the writer did not change
        const body = editedText !== undefined ? editedToMarkdown(editedText, p.afterBody) : p.afterBody;
        const { version, snapshot } = await storeCall(() => this.ctx.store.rewriteUnitBody(unitId, body, current.version));
        const checks = p.engine ? await this.recheck(p.view.planId, editedText ?? p.engine.after) : undefined;
        studio.decisions[id] = { status: "accepted", snapshotId: snapshot.id, appliedBody: body, ...(checks ? { checks } : {}) };
        if (p.engine === null && id.endsWith("-draft")) studio.landed[p.view.planId] = { unitId, body };
        unit = { id: unitId, body, version };
      }
      await this.session.saveStudio();
      return this.afterDecision(id, unit);
    });
  }

  async undo(id: string) {
    await this.runs.ensureLoaded();
    return this.session.withStudio(async () => {
      const p = await this.find(id);
      const studio = this.session.studio!;
      const d = studio.decisions[id];
      if (!d && p.view.decidedBy === "autopilot" && p.view.status === "accepted") return this.undoAutopilot(p);
      if (!d) throw new QuireError("conflict", "There is nothing to undo on that proposal.");
      let unit: LandedUnit | null = null;
      // an accept, or a writer's undo of autopilot's accept: the snapshot holds the text before it
      if (p.view.unitId && d.snapshotId) {
        const unitId = p.view.unitId;
        const current = await storeCall(() => this.ctx.store.readUnitWithVersion(unitId));
        if (d.appliedBody !== undefined && !sameWords(current.body, d.appliedBody)) {
          throw new QuireError("conflict", "The text changed after the proposal was accepted; restore a snapshot from the inspector instead.");
        }
        const restored = await storeCall(() => this.ctx.store.restoreSnapshot(unitId, d.snapshotId!));
        unit = { id: unitId, body: restored.body, version: restored.version };
        if (p.engine === null && id.endsWith("-draft")) delete studio.landed[p.view.planId];
      }
      delete studio.decisions[id];
      await this.session.saveStudio();
      return this.afterDecision(id, unit);
    });
  }

  /**
   * Autopilot accepted a revision during the run; the writer takes it back: the unit gets the
   * text from before the revision (the revised one kept as a snapshot), and the proposal reads as
   * rejected by the writer, which can itself be undone. Only the revision the unit's text still
   * shows: a later revision or the writer's own edits on top must be dealt with first.
   */
  private async undoAutopilot(p: Listed) {
    const unitId = p.view.unitId;
    if (!unitId) throw new QuireError("not-found", "The unit this proposal is for is no longer in the binder.");
    const current = await storeCall(() => this.ctx.store.readUnitWithVersion(unitId));
    if (!sameWords(current.body, p.afterBody)) {
      throw new QuireError("conflict", "The unit's text is no longer this revision (a later revision or your edits are on top); undo those first, or restore a snapshot from the inspector.");
    }
    const { version, snapshot } = await storeCall(() => this.ctx.store.rewriteUnitBody(unitId, p.beforeBody, current.version));
    this.session.studio!.decisions[p.view.id] = { status: "rejected", snapshotId: snapshot.id, appliedBody: p.beforeBody };
    await this.session.saveStudio();
    return this.afterDecision(p.view.id, { id: unitId, body: p.beforeBody, version });
  }

  private async afterDecision(id: string, unit: LandedUnit | null) {
    const proposals = await this.list();
    const proposal = proposals.find((x) => x.id === id)!;
    if (unit) this.ctx.emit("run.landed", { handle: this.ctx.handle, planId: proposal.planId, unit, words: countBody(this.ctx, unit.body) });
    this.ctx.emit("proposals.changed", { handle: this.ctx.handle, proposals });
    const uv = this.session.unitView(proposal.planId);
    if (uv) this.ctx.emit("run.unitDone", { handle: this.ctx.handle, unit: uv });
    return { proposal, unit };
  }

  /**
   * A stale revision drafted again: the engine's revision loop (the monitors, the reviser, the
   * monitors again) on the unit's text as it is now gives a fresh proposal; the stale one is set
   * aside as rejected.
   */
  async regenerate(id: string) {
    const p = await this.find(id);
    const state = this.session.state!;
    if (!p.view.stale) throw new QuireError("conflict", "That proposal still fits the text; accept or reject it.");
    const unitId = p.view.unitId;
    const unit = state.plan.units.find((u) => u.id === p.view.planId);
    if (!unitId || !unit) throw new QuireError("not-found", "The unit this proposal is for is no longer in the binder.");
    const current = await storeCall(() => this.ctx.store.readUnitWithVersion(unitId));
    const text = plainOfBody(current.body);
    const prompt = buildUnitPrompt({ brief: state.brief, plan: state.plan, unit, bible: state.bible });
    const job = {
      state, unit, leafIndex: state.plan.units.filter((u) => u.isLeaf).findIndex((u) => u.id === unit.id) + 1,
      llm: await this.runs.model(), facts: factsFromBible(state.bible, unitRefResolver(state.plan), await languageLexicon(this.ctx.store.meta().language)),
      ratio: { tokensPerWord: state.tokensPerWord }, messages: prompt.messages, onLedger: () => {},
    };
    const first = await checkUnitText(text, job);
    const revised = fixable(first.findings) ? await reviseUntilClean(text, first, job, { rounds: 1, autopilot: false }) : null;
    const fresh = revised?.proposals[0];
    return this.session.withStudio(async () => {
      const studio = this.session.studio!;
      studio.decisions[id] = { status: "rejected" };
      if (!fresh) {
        await this.session.saveStudio();
        throw new QuireError("conflict", "The text as it is now passes the checks this revision was for; nothing to propose.");
      }
      const landing: LandingProposal = {
        id: `${id}-again${studio.landings.filter((l) => l.id.startsWith(`${id}-again`)).length + 1}`,
        planId: unit.id, unitId, before: current.body, after: draftToMarkdown(fresh.after),
        reasons: fresh.reasons, errorsBefore: fresh.errorsBefore, errorsAfter: fresh.errorsAfter,
      };
      studio.landings.push(landing);
      await this.session.saveStudio();
      return this.afterDecision(landing.id, null);
    });
  }

  /** Obligation checks on accepted text: the cheap lexical pass (no model call on the writer's click). */
  private async recheck(planId: string, text: string): Promise<UnitRecord["obligations"]> {
    const plan = this.session.state!.plan;
    const u = plan.units.find((x) => x.id === planId);
    const obs = (u?.obligations ?? []).map((id) => plan.obligations.find((o) => o.id === id)).filter((o) => o !== undefined);
    return (await checkObligations(text, obs, null, planId)).checks;
  }
}
