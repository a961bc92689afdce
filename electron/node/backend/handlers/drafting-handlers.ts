import type { Handlers } from "../dispatcher";
import type { DraftingServices } from "../drafting/drafting-services";

type DraftingHandlers = Pick<
  Handlers,
  | "brief.read"
  | "brief.fromText"
  | "brief.save"
  | "plan.read"
  | "plan.build"
  | "plan.update"
  | "plan.updateStates"
  | "plan.accept"
  | "plan.setBudget"
  | "plan.pin"
  | "run.get"
  | "run.start"
  | "run.pause"
  | "run.resume"
  | "run.cancel"
  | "run.setAutopilot"
  | "monitors.check"
  | "seams.check"
  | "assist.start"
  | "assist.cancel"
  | "calls.list"
  | "calls.get"
  | "proposals.list"
  | "proposals.decide"
  | "proposals.undo"
  | "proposals.regenerate"
>;

export function draftingHandlers(services: DraftingServices): DraftingHandlers {
  const s = (handle: string) => services.get(handle);
  return {
    "brief.read": ({ handle }) => s(handle).readBrief(),
    "brief.fromText": async ({ handle, text }) => s(handle).briefFromText(text),
    "brief.save": ({ handle, form }) => s(handle).saveBrief(form),
    "plan.read": ({ handle }) => s(handle).readPlan(),
    "plan.build": ({ handle, useModel }) => s(handle).buildPlan(useModel),
    "plan.update": ({ handle, units }) => s(handle).updatePlan(units),
    // a state edit is a plan edit like any other, sent in its own small method
    "plan.updateStates": ({ handle, units }) => s(handle).updatePlan(units),
    "plan.accept": ({ handle, placement, total }) => s(handle).acceptPlan(placement, total),
    "plan.setBudget": ({ handle, id, targetWords, rebalance }) => s(handle).setBudget(id, targetWords, rebalance),
    "plan.pin": ({ handle, id, pinned }) => s(handle).pinBudget(id, pinned),
    "run.get": ({ handle }) => s(handle).getRun(),
    "run.start": ({ handle, strategy, parallel, autopilot }) => s(handle).startRun({ strategy, parallel, autopilot }),
    "run.pause": ({ handle }) => s(handle).pauseRun(),
    "run.resume": ({ handle }) => s(handle).resumeRun(),
    "run.cancel": ({ handle }) => s(handle).cancelRun(),
    "run.setAutopilot": ({ handle, autopilot }) => s(handle).setAutopilot(autopilot),
    "assist.start": ({ handle, ...input }) => s(handle).startAssist(input),
    "assist.cancel": async ({ handle, assistId }) => s(handle).cancelAssist(assistId),
    "monitors.check": ({ handle, unitId, text, withModel }) => s(handle).checkUnit(unitId, text, withModel),
    "seams.check": ({ handle, unitId, text }) => s(handle).checkSeams(unitId, text),
    "calls.list": ({ handle, unitId }) => s(handle).listCalls(unitId),
    "calls.get": ({ handle, id }) => s(handle).getCall(id),
    "proposals.list": ({ handle }) => s(handle).listProposals(),
    "proposals.decide": ({ handle, id, decision, editedText }) => s(handle).decide(id, decision, editedText),
    "proposals.undo": ({ handle, id }) => s(handle).undo(id),
    "proposals.regenerate": ({ handle, id }) => s(handle).regenerate(id),
  };
}
