/**
 * The order a run drafts its units in. A chain is a run of consecutive leaves one worker drafts in
 * order, so each unit but the chain's first is written after its predecessor and sees its last
 * paragraphs; chains are drafted side by side, so the model's sequences stay busy.
 *
 *   sequential: one chain, the whole book (with memory of the story so far, as AgentWrite)
 *   parallel:   every unit its own chain (as CogWriter: fastest, no unit sees another)
 *   chapters:   the default: as many chains as workers, cut where the budgets balance (at a part's
 *               or chapter's boundary when one is near), so a flat book of 20 chapters drafted 4
 *               at a time is 4 chains of 5 and only 3 of its 19 joins start from the planned state
 *               instead of the text before; a worker whose chain is done takes the second half of
 *               the longest chain left (a head start for each predecessor, not a wait for it)
 */
import type { PlanUnit } from "../plan/types";
import type { Strategy } from "./types";

interface Chain {
  units: PlanUnit[];
  /** units handed out so far */
  next: number;
  /** the worker drafting it, once taken */
  owner: number | null;
}

const budget = (us: PlanUnit[]) => us.reduce((a, u) => a + Math.max(1, u.targetWords), 0);

/** Consecutive runs of the leaves still to draft (a drafted unit ends a run: the next one starts from its text). */
function runsOf(leaves: PlanUnit[], done: ReadonlySet<string>): PlanUnit[][] {
  const out: PlanUnit[][] = [];
  let run: PlanUnit[] = [];
  for (const u of leaves) {
    if (done.has(u.id)) {
      if (run.length > 0) out.push(run);
      run = [];
    } else run.push(u);
  }
  if (run.length > 0) out.push(run);
  return out;
}

/**
 * Where to cut `units` in two so the budgets balance: the index the second part starts at.
 * A boundary between two parents (parts, chapters of scenes) within a fifth of the budget of the
 * balanced cut is taken instead, so scenes of one chapter stay in one chain where they can (a
 * scene is the unit that most needs the text before it; stealing evens out what this costs).
 */
export function balancedCut(units: PlanUnit[], share = 0.5): number {
  const total = budget(units);
  let best = 1;
  let bestGap = Infinity;
  let sum = 0;
  const cum: number[] = [];
  for (let i = 0; i < units.length; i++) {
    cum.push(sum);
    sum += Math.max(1, units[i]!.targetWords);
  }
  for (let i = 1; i < units.length; i++) {
    const gap = Math.abs(cum[i]! - total * share);
    if (gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  }
  let snapped = best;
  let snappedGap = Infinity;
  for (let i = 1; i < units.length; i++) {
    if (units[i]!.parentId === units[i - 1]!.parentId) continue;
    const gap = Math.abs(cum[i]! - total * share);
    if (gap <= bestGap + total * 0.2 && gap < snappedGap) {
      snapped = i;
      snappedGap = gap;
    }
  }
  return snapped;
}

/** Splits runs until there are `chains` of them (or every run is one unit): the largest first, at its balance. */
function splitInto(runs: PlanUnit[][], chains: number): PlanUnit[][] {
  const out = runs.map((r) => [...r]);
  while (out.length < chains) {
    const i = out.reduce((best, r, k) => (r.length > 1 && (best < 0 || budget(r) > budget(out[best]!)) ? k : best), -1);
    if (i < 0) break;
    const r = out[i]!;
    // a run split into 3 for 3 workers, not halved twice: cut off the share one chain should have
    const parts = Math.min(chains - out.length + 1, r.length);
    const cut = balancedCut(r, 1 / parts);
    out.splice(i, 1, r.slice(0, cut), r.slice(cut));
  }
  return out;
}

export class Schedule {
  private readonly chains: Chain[];
  private readonly steals: boolean;

  private constructor(chains: PlanUnit[][], steals: boolean) {
    this.chains = chains.map((units) => ({ units, next: 0, owner: null }));
    this.steals = steals;
  }

  /** The schedule of the leaves not yet `done`, for `workers` drafting at once. */
  static of(leaves: PlanUnit[], strategy: Strategy, workers: number, done: ReadonlySet<string> = new Set()): Schedule {
    const left = leaves.filter((u) => !done.has(u.id));
    if (strategy === "sequential") return new Schedule(left.length > 0 ? [left] : [], false);
    if (strategy === "parallel") return new Schedule(left.map((u) => [u]), false);
    return new Schedule(splitInto(runsOf(leaves, done), Math.max(1, workers)), true);
  }

  /** The chains as planned now (for tests and the ledger): unit ids, in order. */
  chainIds(): string[][] {
    return this.chains.map((c) => c.units.map((u) => u.id));
  }

  /** How many workers can be busy at first: chains with something to draft. */
  get width(): number {
    return this.chains.filter((c) => c.next < c.units.length).length;
  }

  /**
   * The next unit for `worker`: the next of the chain it drafts, else the first chain nobody has
   * taken, else (chapters) the second half of the longest chain left; null when nothing is left
   * for it. A chain's units are handed out in order, one at a time, to its owner only.
   */
  next(worker: number): PlanUnit | null {
    const own = this.chains.find((c) => c.owner === worker && c.next < c.units.length);
    const chain = own ?? this.chains.find((c) => c.owner === null && c.next < c.units.length) ?? (this.steals ? this.steal() : undefined);
    if (!chain) return null;
    for (const c of this.chains) if (c.owner === worker && c !== chain) c.owner = -1;
    chain.owner = worker;
    return chain.units[chain.next++]!;
  }

  /** The not-yet-started half of the chain with most left to draft, as a new chain; none when no chain has two units to spare. */
  private steal(): Chain | undefined {
    const victim = this.chains
      .filter((c) => c.owner !== null && c.owner >= 0 && c.units.length - c.next >= 2)
      .sort((a, b) => budget(b.units.slice(b.next)) - budget(a.units.slice(a.next)))[0];
    if (!victim) return undefined;
    const rest = victim.units.slice(victim.next);
    const cut = victim.next + balancedCut(rest);
    const stolen: Chain = { units: victim.units.slice(cut), next: 0, owner: null };
    victim.units = victim.units.slice(0, cut);
    this.chains.push(stolen);
    return stolen;
  }
}
