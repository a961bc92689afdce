/**
 * The states at the joins: what is true where one leaf unit ends and the next begins. One owner
 * per fact: a join belongs to the end of the leaf before it. A leaf starts where that end says
 * (where the point-of-view character is, who is there, what has just happened, what is open),
 * read from there, never copied; `PlanUnit.start` holds a start of the leaf's own only where it
 * differs: the book's first leaf (nothing before it), a start the plan review found the derived
 * one wrong for (someone died in the gap), or one the writer set. Derivation never writes, so an
 * own start is never overwritten by it; a start equal to the end before it is not kept (it would
 * be a copy that stops following that end). What has just happened and what is open at a start
 * are always the end before it's. Deterministic checks against the bible live here; meaning is
 * the plan reviewer's.
 */
import type { FactTable } from "../base/facts";
import { contentHash } from "../text/hash";
import type { EndState, Plan, PlanUnit, StartState } from "./types";

/** Everything true at one edge of a unit. */
export interface JoinState {
  where: string;
  present: string[];
  happened: string;
  open: string[];
}

/** Caps on what a state holds: a state is a few words, not a second summary. */
export const STATE_LIMITS = { where: 60, name: 40, present: 6, happened: 120, thread: 80, open: 3 } as const;

export function leafBefore(plan: Plan, unit: PlanUnit): PlanUnit | undefined {
  const ls = plan.units.filter((u) => u.isLeaf);
  const i = ls.findIndex((u) => u.id === unit.id);
  return i > 0 ? ls[i - 1] : undefined;
}

export function leafAfter(plan: Plan, unit: PlanUnit): PlanUnit | undefined {
  const ls = plan.units.filter((u) => u.isLeaf);
  const i = ls.findIndex((u) => u.id === unit.id);
  return i >= 0 ? ls[i + 1] : undefined;
}

/** Where and who at a leaf's start: its own start, else the end of the leaf before it; null when neither is there. */
export function startOf(plan: Plan, unit: PlanUnit): StartState | null {
  if (!unit.isLeaf) return null;
  if (unit.start) return unit.start;
  const before = leafBefore(plan, unit)?.end;
  return before ? { where: before.where, present: before.present } : null;
}

/** The whole state at a leaf's start: where and who (startOf), and the previous leaf's end for what has happened and what is open. */
export function startStateOf(plan: Plan, unit: PlanUnit): JoinState | null {
  const start = startOf(plan, unit);
  if (!start) return null;
  const before = leafBefore(plan, unit)?.end;
  return { where: start.where, present: start.present, happened: before?.happened ?? "", open: before?.open ?? [] };
}

/** A leaf the model must give a start of its own: none can be derived (the first leaf, or the leaf before has no end). */
export function needsOwnStart(plan: Plan, unit: PlanUnit): boolean {
  return unit.isLeaf && !unit.start && !leafBefore(plan, unit)?.end;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/** The same place and the same people (in any order, any case): a start that says no more than the end before it. */
export function sameJoin(a: StartState, b: StartState): boolean {
  const people = (s: StartState) => [...new Set(s.present.map(norm))].sort().join("|");
  return norm(a.where) === norm(b.where) && people(a) === people(b);
}

/**
 * Sets a leaf's own start, or clears it (null) so that it starts where the leaf before ends. A
 * start the same as that end is not kept: it is that end's, and follows it.
 */
export function setOwnStart(plan: Plan, unit: PlanUnit, start: StartState | null): void {
  const before = leafBefore(plan, unit)?.end;
  if (start && !(before && sameJoin(start, before))) unit.start = start;
  else delete unit.start;
}

/**
 * Sets a leaf's end, or clears it. The leaf after it starts where this end says unless its start
 * is its own; a start of its own that was the same as the old end was following it (a plan stored
 * before starts were derived keeps a copy on every leaf), so it follows the new one.
 */
export function setEnd(plan: Plan, unit: PlanUnit, end: EndState | null): void {
  const after = leafAfter(plan, unit);
  if (after?.start && unit.end && sameJoin(after.start, unit.end)) delete after.start;
  if (end) unit.end = end;
  else delete unit.end;
}

export function endStateOf(unit: PlanUnit): JoinState | null {
  return unit.end ? { ...unit.end } : null;
}

/** One line for a prompt: "at the harbour wall; with Anna, Tom; just happened: Tom left; open: the letter". */
export function stateLine(s: JoinState | StartState | EndState): string {
  const full = s as Partial<JoinState>;
  return [
    s.where && `at ${s.where.replace(/^(?:at|in)\s+/i, "")}`,
    s.present.length > 0 && `with ${s.present.join(", ")}`,
    full.happened && `just happened: ${full.happened.replace(/[.]+$/, "")}`,
    full.open && full.open.length > 0 && `open: ${full.open.join("; ")}`,
  ].filter(Boolean).join("; ");
}

/**
 * The digest of what the planner wrote for a unit: a problem found in it stands while this does
 * not change. Its start as it reads (its own, or the end before it), so an edit of that end counts.
 */
export function unitDigest(plan: Plan, u: PlanUnit): string {
  return contentHash(JSON.stringify([u.title, u.summary, u.beats, startOf(plan, u), u.end ?? null]));
}

function tidy(s: unknown, max: number): string {
  return typeof s === "string" ? s.replace(/\s+/g, " ").replace(/^["'“]+|["'”]+$/g, "").trim().slice(0, max).trim() : "";
}

function names(v: unknown, max: number): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const n of v.map((x) => tidy(x, STATE_LIMITS.name)).filter(Boolean)) if (!out.some((o) => o.toLowerCase() === n.toLowerCase())) out.push(n);
  return out.slice(0, max);
}

/** A start state from a model's reply (`where`, `who`), or null when it says nowhere. */
export function readStartState(v: unknown): StartState | null {
  if (typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  const where = tidy(o.where, STATE_LIMITS.where);
  return where ? { where, present: names(o.who ?? o.present, STATE_LIMITS.present) } : null;
}

/** An end state from a model's reply (`where`, `who`, `last`, `open`), or null when it says nowhere or nothing happened. */
export function readEndState(v: unknown): EndState | null {
  const start = readStartState(v);
  if (!start) return null;
  const o = v as Record<string, unknown>;
  const happened = tidy(o.last ?? o.happened, STATE_LIMITS.happened);
  if (!happened) return null;
  return { ...start, happened, open: names(o.open, STATE_LIMITS.open).map((t) => t.slice(0, STATE_LIMITS.thread)) };
}

/**
 * States that put someone the bible says is dead at that point in a room. `facts` is the bible's
 * table (base/bible-facts), keyed by leaf index. A start read from the end before it is that end's
 * problem when the person is dead there too; when they die in the gap, it is this leaf's (its
 * start differs from that end, and must be its own).
 */
export function deadInStates(plan: Plan, facts: FactTable): { unitId: string; message: string }[] {
  const out: { unitId: string; message: string }[] = [];
  const ls = plan.units.filter((u) => u.isLeaf);
  ls.forEach((u, i) => {
    const n = i + 1;
    const seen = new Set<string>();
    for (const [edge, s] of [["starts", startOf(plan, u)], ["ends", u.end]] as const) {
      for (const who of s?.present ?? []) {
        const name = facts.canonical(who);
        const dead = name ? facts.isDeadAt(name, n) : undefined;
        if (!name || !dead || seen.has(name)) continue;
        if (edge === "starts" && !u.start && n > 1 && facts.isDeadAt(name, n - 1)) continue;
        seen.add(name);
        out.push({ unitId: u.id, message: `${u.heading} ${edge} with ${who} present, but ${name} is dead from unit ${dead.fromUnit} (${dead.source})` });
      }
    }
  });
  return out;
}
