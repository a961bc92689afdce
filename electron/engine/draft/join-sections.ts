/**
 * The parts of a unit's prompt that join it to its neighbours: where it starts (its own start
 * state, or the end of the unit before it), where the unit before ends (its last paragraphs when it is written, else its planned
 * end state), and where this one should end, so the unit after, which may be drafted at the same
 * time from that plan, meets it there.
 */
import { leafBefore, startOf, startStateOf, stateLine } from "../plan/plan-states";
import type { Plan, PlanUnit } from "../plan/types";

/** A prompt section (prompt-builder's shape, not imported: the builder imports this file). */
interface PromptSection {
  name: string;
  text: string;
  keep: number;
}

export interface JoinSections {
  /** the unit before: its last paragraphs ("previous-tail") or its planned end ("previous-end") */
  previous: PromptSection;
  /** where this unit starts ("start-state") */
  start: PromptSection;
  /** where this unit should end ("end-state") */
  end: PromptSection;
}

export function joinSections(plan: Plan, unit: PlanUnit, previousTail?: string): JoinSections {
  const before = leafBefore(plan, unit);
  const start = startStateOf(plan, unit);
  return {
    previous: previousTail
      ? { name: "previous-tail", keep: 5, text: `The previous section ends:\n${previousTail}` }
      : { name: "previous-end", keep: 5, text: before?.end ? `The previous section ends: ${stateLine(before.end)}.` : "" },
    start: { name: "start-state", keep: 7, text: start ? `Where it starts: ${stateLine({ where: start.where, present: start.present })}.` : "" },
    end: { name: "end-state", keep: 4, text: unit.end ? `Where it ends: ${stateLine(unit.end)}.` : "" },
  };
}

/** The people a unit's states name (its start as it reads: its own, or the end before it), for the bible entries its prompt shows. */
export function statePeople(plan: Plan, unit: PlanUnit): string[] {
  return [...(startOf(plan, unit)?.present ?? []), ...(unit.end?.present ?? [])];
}
