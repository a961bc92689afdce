/**
 * The model's part of planning: titles, summaries, beats and the end states (a leaf starts where
 * the leaf before it ends: plan-states.ts), level by level (parts, then chapters), a few siblings
 * per call, each call small and schema-constrained; what a reply leaves empty is asked for again. Then the review: deterministic checks (the dead
 * in a room) and the model's reading of meaning (a summary that contradicts what its unit must
 * include), a bounded repair of what they find, and the review again on what was repaired. What
 * is still wrong when the limits are reached is kept in the plan (`plan.problems`) for the
 * writer, never dropped. Budgets and placements stay as the deterministic planner set them.
 */
import type { CancelSignal, LlmPort } from "../../shared/llm/llm-port";
import type { LedgerEntry } from "../base/ledger";
import { factsFromBible } from "../base/bible-facts";
import type { Brief, BriefBibleEntry } from "../brief/types";
import { formatHeading } from "./build-plan";
import { entitiesOf, missingFields, planGroup, type Field, type FillCall } from "./plan-fill";
import { reviewUnits, reviewWindows, type ReviewProblem } from "./plan-reviewer";
import { deadInStates, leafBefore, unitDigest } from "./plan-states";
import { unitRefResolver } from "./unit-refs";
import type { Plan, PlanProblem, PlanUnit } from "./types";

export { beatsFor, parseGroupFill, readGroupFill } from "./plan-fill";

/** Siblings planned per call: the shared context (premise, parent, neighbour) is paid once per group. */
const GROUP = 8;
/** Calls per group: the first, and asks again while each one fills more (at most two in a row that fill nothing). */
const GROUP_CALLS = 4;
/** Repairs per unit, and rounds of review after repairs: bounded, so a confused reviewer cannot replan the book. */
const REPAIRS_PER_UNIT = 2;
/** Repair calls per plan: a fifth of the leaves, at least 5. */
const repairBudget = (leaves: number) => Math.max(5, Math.ceil(leaves / 5));
/** Rounds of review in which a window whose list was full is read again. */
const REVIEW_ROUNDS = 3;

export interface ModelPlanOptions {
  llm: LlmPort;
  signal?: CancelSignal;
  onLedger?: (e: LedgerEntry) => void;
  /** Review the plan with the model and repair flagged units (default true). */
  review?: boolean;
  /** The project's story bible besides the brief's: who the states may name, and the facts they must not contradict. */
  bible?: BriefBibleEntry[];
  /** Plan the states at the joins (default true; off only to measure what they cost). */
  states?: boolean;
}

const fieldsOf = (plan: Plan, units: PlanUnit[], o: FillCall) => [...new Set(units.flatMap((u) => missingFields(plan, u, o.states !== false)))] as Field[];

/** Plan units in sibling groups; what a reply leaves unfilled is asked for again, in a call for just that. */
async function planUnits(plan: Plan, brief: Brief, units: PlanUnit[], o: FillCall): Promise<void> {
  const byParent = new Map<string | null, PlanUnit[]>();
  for (const u of units) byParent.set(u.parentId, [...(byParent.get(u.parentId) ?? []), u]);
  for (const siblings of byParent.values()) {
    const groups = Math.ceil(siblings.length / GROUP);
    const size = Math.ceil(siblings.length / groups);
    for (let i = 0; i < siblings.length; i += size) {
      const group = siblings.slice(i, i + size);
      const all = (u: PlanUnit) => missingFields(plan, u, o.states !== false);
      // a start waits while the unit before it, in this group, is still asked for its end (it is that end)
      const waits = (u: PlanUnit) => {
        const b = leafBefore(plan, u);
        return b !== undefined && group.includes(b) && !b.end;
      };
      const missing = (u: PlanUnit) => all(u).filter((f) => f !== "start" || !waits(u));
      const gaps = () => group.reduce((a, u) => a + missing(u).length, 0);
      // bounded: at most GROUP_CALLS calls, and two in a row that fill nothing end it
      let idle = 0;
      let last: PlanUnit[] = [];
      for (let calls = 0; gaps() > 0 && calls < GROUP_CALLS && idle < 2; calls++) {
        const left = group.filter((u) => missing(u).length > 0);
        const before = gaps();
        last = left;
        await planGroup(plan, brief, left, fieldsOf(plan, left, o), o);
        idle = gaps() < before ? 0 : idle + 1;
      }
      // a model that cannot answer for several units at once may for one: each unit left, once, alone
      // (not the unit alone that just failed twice); a start that waited for an end that never came is asked now
      const failedAlone = idle >= 2 && last.length === 1 ? last[0] : undefined;
      for (const u of group.filter((x) => all(x).length > 0 && x !== failedAlone)) await planGroup(plan, brief, [u], fieldsOf(plan, [u], o), o);
    }
  }
}

/** The deterministic checks a plan's states must pass: nobody the bible has dead is in the room. */
function deterministicProblems(plan: Plan, bible: BriefBibleEntry[]): ReviewProblem[] {
  const facts = factsFromBible(bible, unitRefResolver(plan));
  return deadInStates(plan, facts).map((d) => ({ unit: plan.units.find((u) => u.id === d.unitId)!, kind: "contradicts", problem: d.message }));
}

async function reviewAll(plan: Plan, brief: Brief, units: PlanUnit[], o: FillCall): Promise<{ problems: ReviewProblem[]; full: PlanUnit[][] }> {
  const problems: ReviewProblem[] = [];
  const full: PlanUnit[][] = [];
  for (const window of await reviewWindows(plan, units, o)) {
    const r = await reviewUnits(plan, brief, window, o);
    problems.push(...r.problems);
    if (r.full) full.push(window);
  }
  return { problems, full };
}

/** One problem per unit (the first named; a contradiction before anything else). */
function byUnit(problems: ReviewProblem[]): ReviewProblem[] {
  const out = new Map<string, ReviewProblem>();
  for (const p of problems) {
    const had = out.get(p.unit.id);
    if (!had || (had.kind !== "contradicts" && p.kind === "contradicts")) out.set(p.unit.id, p);
  }
  return [...out.values()];
}

/**
 * Review, repair, review again what was repaired; at the limits, what is left goes into
 * plan.problems. Each unit is repaired at most REPAIRS_PER_UNIT times, the plan at most
 * repairBudget(leaves) times; a review window whose list was full is read once more.
 */
async function reviewAndRepair(plan: Plan, brief: Brief, bible: BriefBibleEntry[], o: FillCall, withModel: boolean): Promise<void> {
  const leaves = plan.units.filter((u) => u.isLeaf);
  const repairs = new Map<string, number>();
  let budget = repairBudget(leaves.length);
  const review = (units: PlanUnit[]) => (withModel && units.length > 0 ? reviewAll(plan, brief, units, o) : Promise.resolve({ problems: [], full: [] }));
  const first = await review(leaves);
  let found = byUnit([...deterministicProblems(plan, bible), ...first.problems]);
  let fullWindows = first.full;
  for (let round = 1; ; round++) {
    const repaired: PlanUnit[] = [];
    for (const p of found) {
      if (budget <= 0 || (repairs.get(p.unit.id) ?? 0) >= REPAIRS_PER_UNIT) continue;
      budget--;
      repairs.set(p.unit.id, (repairs.get(p.unit.id) ?? 0) + 1);
      // all but a title that holds: the summary, beats and states are asked for again with the reviewer's words
      // (a start only where the unit has none of its own: the one it reads from the end before may be what is wrong)
      const fields: Field[] = ["summary", "beats", ...(o.states !== false ? (["start", "end"] as Field[]) : []), ...(missingFields(plan, p.unit).includes("title") ? (["title"] as Field[]) : [])];
      await planGroup(plan, brief, [p.unit], fields, o, { kind: "repair", feedback: p.problem });
      repaired.push(p.unit);
    }
    // a window whose list was full is read again (more may be there), but not without end
    const unread = round < REVIEW_ROUNDS ? fullWindows : [];
    if (repaired.length === 0 && unread.length === 0) break;
    // the review again, on what was repaired and on windows whose list was full
    const recheck = leaves.filter((u) => repaired.includes(u) || unread.some((w) => w.includes(u)));
    const next = await review(recheck);
    const kept = found.filter((p) => !recheck.includes(p.unit));
    found = byUnit([...kept, ...deterministicProblems(plan, bible).filter((p) => recheck.includes(p.unit)), ...next.problems]);
    fullWindows = next.full;
  }
  for (const u of leaves) u.entities = entitiesOf(plan, u);
  // a unit with no summary is the deterministic review's to list (review-plan.ts), not twice
  const problems = found.filter((p) => p.unit.summary.trim() !== "").map((p): PlanProblem => {
    const tries = repairs.get(p.unit.id) ?? 0;
    return {
      unitId: p.unit.id,
      code: p.kind === "contradicts" ? "contradiction" : "plan-review",
      message: `${p.unit.heading}: ${p.problem} (${tries > 0 ? `still so after ${tries} repair${tries === 1 ? "" : "s"}` : "not repaired: the plan's repair limit was reached"})`,
      about: unitDigest(plan, p.unit),
    };
  });
  if (problems.length > 0) plan.problems = problems;
  else delete plan.problems;
}

/** Headings carry the titles the model gave (where the level's heading pattern shows titles). */
function formatHeadings(plan: Plan, brief: Brief): void {
  for (const u of plan.units) {
    const level = brief.structure[u.depth];
    if (level) u.heading = formatHeading(level, u);
  }
}

export async function fillPlanWithModel(plan: Plan, brief: Brief, o: ModelPlanOptions): Promise<Plan> {
  const bible = [...brief.bible, ...(o.bible ?? []).filter((e) => !brief.bible.some((b) => b.name === e.name))];
  const call: FillCall = { llm: o.llm, signal: o.signal, onLedger: o.onLedger, bible, states: o.states !== false };
  const depth = Math.max(...plan.units.map((u) => u.depth));
  for (let d = 0; d <= depth; d++) {
    await planUnits(plan, brief, plan.units.filter((u) => u.depth === d), call);
  }
  formatHeadings(plan, brief);
  await reviewAndRepair(plan, brief, bible, call, o.review !== false);
  formatHeadings(plan, brief);
  plan.filledBy = "model";
  return plan;
}
