/**
 * The states at the joins: what is true where one leaf unit ends and the next begins. A leaf's
 * start keeps only where the point-of-view character is and who is there; what has just happened
 * and what is still open at its start are the previous leaf's end, read from there (one owner).
 * Deterministic checks against the bible live here; meaning is the plan reviewer's.
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

/** The whole state at a leaf's start: its own where and who, and the previous leaf's end for what has happened and what is open. */
export function startStateOf(plan: Plan, unit: PlanUnit): JoinState | null {
  if (!unit.start) return null;
  const before = leafBefore(plan, unit)?.end;
  return { where: unit.start.where, present: unit.start.present, happened: before?.happened ?? "", open: before?.open ?? [] };
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

/** The digest of what the planner wrote for a unit: a problem found in it stands while this does not change. */
export function unitDigest(u: Pick<PlanUnit, "title" | "summary" | "beats" | "start" | "end">): string {
  return contentHash(JSON.stringify([u.title, u.summary, u.beats, u.start ?? null, u.end ?? null]));
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
 * table (base/bible-facts), keyed by leaf index.
 */
export function deadInStates(plan: Plan, facts: FactTable): { unitId: string; message: string }[] {
  const out: { unitId: string; message: string }[] = [];
  const ls = plan.units.filter((u) => u.isLeaf);
  ls.forEach((u, i) => {
    const n = i + 1;
    const seen = new Set<string>();
    for (const [edge, s] of [["starts", u.start], ["ends", u.end]] as const) {
      for (const who of s?.present ?? []) {
        const name = facts.canonical(who);
        const dead = name ? facts.isDeadAt(name, n) : undefined;
        if (!name || !dead || seen.has(name)) continue;
        seen.add(name);
        out.push({ unitId: u.id, message: `${u.heading} ${edge} with ${who} present, but ${name} is dead from unit ${dead.fromUnit} (${dead.source})` });
      }
    }
  });
  return out;
}
