/**
 * One planning call: titles, summaries, beats and (for leaves) the end states of a run of
 * siblings, schema-constrained and small. A leaf's start is the end of the leaf before it
 * (plan-states.ts), so a call asks for a start only for its first unit, and only where none can
 * be derived (the book's first leaf, or the leaf before has no end) or where a repair asks again.
 * A reply is read field by field: what it fills well is kept, what it leaves empty or too thin is
 * asked for again, and nothing filled is ever overwritten with nothing.
 */
import { z } from "zod";
import type { CancelSignal, LlmPort } from "../../shared/llm/llm-port";
import type { BriefBibleEntry } from "../brief/types";
import type { Brief } from "../brief/types";
import type { LedgerEntry } from "../base/ledger";
import { clip } from "../base/clip";
import { parseModelReply } from "../base/parse";
import { leafBefore, readEndState, readStartState, setOwnStart, startOf, stateLine } from "./plan-states";
import type { EndState, Plan, PlanUnit, StartState } from "./types";

/**
 * What a planning call can be asked for, per unit. "start" is asked once a call, for its first
 * unit (the others start where the unit before them ends, which the same call asks for).
 */
export type Field = "title" | "summary" | "beats" | "start" | "end";
const ORDER: Field[] = ["title", "summary", "beats", "end"];

/** The shortest title and summary that say something; the schema asks for them and the reader holds replies to them. */
export const TITLE_MIN = 3;
export const SUMMARY_MIN = 20;
const TITLE_MAX = 40;
const SUMMARY_MAX = 160;
const BEAT_MAX = 60;

/** Beats asked for: one per ~400 words of a unit's budget, 1 to 4 (a short unit needs a line, a long one a shape). */
export function beatsFor(targetWords: number): number {
  return Math.min(4, Math.max(1, Math.round(targetWords / 400)));
}

/**
 * The fields a unit still lacks (its states only when they are planned; a start only when none
 * can be derived from the end before it). Titles the brief gave count as filled.
 */
export function missingFields(plan: Plan, u: PlanUnit, states = true): Field[] {
  const out: Field[] = [];
  if (u.title.trim().length < TITLE_MIN) out.push("title");
  if (u.summary.trim().length < SUMMARY_MIN) out.push("summary");
  if (u.beats.length === 0) out.push("beats");
  if (states && u.isLeaf && !startOf(plan, u)) out.push("start");
  if (states && u.isLeaf && !u.end) out.push("end");
  return out;
}

// Kept small: planning should cost a small share of the tokens drafting does. Keys are short,
// states are a few words each, entities are not asked for (they are read from the plan text).
const FIELD_SCHEMA = (beats: number): Record<Field, Record<string, unknown>> => ({
  title: { type: "string", minLength: TITLE_MIN, maxLength: TITLE_MAX },
  summary: { type: "string", minLength: SUMMARY_MIN, maxLength: SUMMARY_MAX },
  beats: { type: "array", items: { type: "string", minLength: 3, maxLength: BEAT_MAX }, minItems: 1, maxItems: beats },
  start: {
    type: "object",
    properties: { where: { type: "string", minLength: 2, maxLength: 40 }, who: { type: "array", items: { type: "string", minLength: 2, maxLength: 24 }, maxItems: 3 } },
    required: ["where", "who"],
  },
  end: {
    type: "object",
    properties: {
      where: { type: "string", minLength: 2, maxLength: 40 },
      who: { type: "array", items: { type: "string", minLength: 2, maxLength: 24 }, maxItems: 3 },
      last: { type: "string", minLength: 8, maxLength: 60 },
      open: { type: "array", items: { type: "string", minLength: 3, maxLength: 40 }, maxItems: 2 },
    },
    required: ["where", "who", "last", "open"],
  },
});

/**
 * The most tokens a field's value can take (its longest strings at 2.5 characters a token, keys
 * and quotes included), for the call's cap: a cap, not a cost; a reply cut short of it would
 * lose the unit.
 */
const FIELD_TOKENS: Record<Field, number> = { title: 22, summary: 70, beats: 28, start: 55, end: 115 };

/**
 * The reply's schema: `units`, each with `fields` (never "start"), and with `start` the first
 * unit's start, once for the call (first, so a reply cut short keeps it and `units` ends it).
 */
export function groupSchema(n: number, beats: number, fields: Field[], start = false) {
  const all = FIELD_SCHEMA(beats);
  const per = fields.filter((f) => f !== "start");
  const unit = { type: "object", properties: Object.fromEntries(per.map((f) => [f, all[f]])), required: per };
  const units = { type: "array", items: unit, minItems: n, maxItems: n };
  // a start alone (the unit has all else): no list of empty units
  if (start && per.length === 0) return { type: "object", properties: { start: all.start }, required: ["start"] };
  return start
    ? { type: "object", properties: { start: all.start, units }, required: ["start", "units"] }
    : { type: "object", properties: { units }, required: ["units"] };
}

function maxTokensFor(n: number, beats: number, fields: Field[], start: boolean): number {
  const per = fields.filter((f) => f !== "start");
  return 30 + (start ? FIELD_TOKENS.start : 0) + (per.length === 0 ? 0 : n) * (20 + per.reduce((a, f) => a + FIELD_TOKENS[f] * (f === "beats" ? beats : 1), 0));
}

/** What a reply gave for one unit: only values that pass the minimums. */
export interface UnitFill {
  title?: string;
  summary?: string;
  beats?: string[];
  end?: EndState;
}

function clean(s: unknown, max: number): string {
  return typeof s === "string" ? s.replace(/\s+/g, " ").replace(/^["'“]+|["'”]+$/g, "").trim().slice(0, max) : "";
}

const groupReply = z.object({ start: z.unknown().optional(), units: z.array(z.unknown()).default([]) });

function toFill(v: unknown): UnitFill | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const fill: UnitFill = {};
  const title = clean(o.title, 60);
  if (title.length >= TITLE_MIN) fill.title = title;
  const summary = clean(o.summary, 280);
  if (summary.length >= SUMMARY_MIN) fill.summary = summary;
  const beats = (Array.isArray(o.beats) ? o.beats : []).map((i) => clean(i, 100)).filter((b) => b.length >= 3).slice(0, 4);
  if (beats.length > 0) fill.beats = beats;
  const end = readEndState(o.end);
  if (end) fill.end = end;
  return Object.keys(fill).length > 0 ? fill : null;
}

/**
 * The units of a group reply, in order, and the first unit's start when it was asked. A reply
 * cut off by the token limit still yields the units it completed (the rest are planned again),
 * so one long answer does not lose a group. `error` says why a reply gave nothing (for the ledger).
 */
export function readGroupFill(text: string): { fills: (UnitFill | null)[]; start?: StartState; error?: string } {
  const read = (v: z.infer<typeof groupReply>) => {
    const start = readStartState(v.start);
    return { fills: v.units.map(toFill), ...(start ? { start } : {}) };
  };
  const whole = parseModelReply(groupReply, text, "the planner");
  if (whole.ok) return read(whole.value);
  for (let at = text.lastIndexOf("}"); at > 0; at = text.lastIndexOf("}", at - 1)) {
    const cut = parseModelReply(groupReply, `${text.slice(0, at + 1)}]}`, "the planner");
    if (cut.ok) return { ...read(cut.value), error: `${whole.error}; kept the ${cut.value.units.length} unit(s) it completed` };
  }
  return { fills: [], error: whole.error };
}

/** The units of a group reply, in order (see readGroupFill). */
export function parseGroupFill(text: string): (UnitFill | null)[] {
  return readGroupFill(text).fills;
}

/** Names a unit involves: capitalised words inside sentences (not sentence starts), from its plan text. */
function namesIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<=[\p{Ll},;:]\s+)(\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}[\p{Ll}’'-]+)?)/gu)) out.add(m[1]!.replace(/(?:'s|’s)$/, ""));
  return [...out];
}

export function obligationsOf(plan: Plan, unit: PlanUnit): string[] {
  return unit.isLeaf
    ? unit.obligations.map((id) => plan.obligations.find((x) => x.id === id)?.content).filter((c): c is string => Boolean(c))
    : plan.obligations.filter((ob) => ob.unitIds.some((id) => id.startsWith(`${unit.id}.`))).map((ob) => ob.content);
}

/** The entities a unit involves, read from its plan text and the people its states name. */
export function entitiesOf(plan: Plan, u: PlanUnit): string[] {
  const present = [...(startOf(plan, u)?.present ?? []), ...(u.end?.present ?? [])];
  const found = namesIn([u.title, u.summary, ...u.beats, ...obligationsOf(plan, u)].join(". "));
  const out: string[] = [];
  for (const n of [...present, ...found]) if (!out.some((o) => o.toLowerCase() === n.toLowerCase())) out.push(n);
  return out.slice(0, 6);
}

export interface FillCall {
  llm: LlmPort;
  signal?: CancelSignal;
  onLedger?: (e: LedgerEntry) => void;
  /** Names of the story bible, for the states (who can be there). */
  bible?: BriefBibleEntry[];
  /** Plan the states at the joins (default true). */
  states?: boolean;
}

/** How a reply's values land: "fill" sets only what is missing; "repair" replaces what the reply gives well. */
export type FillMode = { kind: "fill" } | { kind: "repair"; feedback: string };

/** The bible as planning prompts show it: names with a few attributes ("Tom Berg (dies: chapter 3)"), or "" without a bible. */
export function castLine(bible: BriefBibleEntry[]): string {
  const entries = bible.slice(0, 12).map((e) => {
    const attrs = Object.entries(e.attributes).slice(0, 3).map(([k, v]) => `${k}: ${v}`);
    return attrs.length > 0 ? `${e.name} (${attrs.join(", ")})` : e.name;
  });
  return entries.length > 0 ? `Cast: ${clip(entries.join("; "), 600)}` : "";
}

function fieldWords(fields: Field[], beats: number, n: number, start: boolean): string {
  const parts = fields.filter((f) => f !== "start" && f !== "end").map((f) =>
    f === "title" ? "a short title" : f === "summary" ? "a one-sentence summary" : beats === 1 ? "one beat" : `up to ${beats} beats`,
  );
  const what = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "");
  const each = n === 1 ? "" : " each";
  const it = n === 1 ? "it" : "each";
  // the next unit starts where this one ends: one state a join, asked once
  const ends = fields.includes("end") ? `where ${it} ends: the place the point-of-view character is, who is there (names), what has just happened and what is left open` : "";
  const opens = start ? `where ${n === 1 ? "it" : "the first"} starts (start: the place and who is there)` : "";
  return [what && `${what}${each}`, opens, ends].filter(Boolean).join("; and ");
}

/**
 * One schema-constrained call for a run of siblings, asking for `fields`. Replies land by `mode`;
 * the ledger notes what was asked again and why.
 */
export async function planGroup(plan: Plan, brief: Brief, group: PlanUnit[], fields: Field[], o: FillCall, mode: FillMode = { kind: "fill" }): Promise<void> {
  const first = group[0]!;
  const parent = plan.units.find((u) => u.id === first.parentId);
  const siblings = plan.units.filter((u) => u.parentId === first.parentId && u.depth === first.depth);
  const prev = siblings[siblings.indexOf(first) - 1];
  const before = first.isLeaf ? leafBefore(plan, first) : undefined;
  const level = first.levelName.toLowerCase();
  const beats = beatsFor(group.reduce((a, u) => a + u.targetWords, 0) / group.length);
  const asked = ORDER.filter((f) => fields.includes(f) && (first.isLeaf || f !== "end"));
  // a start of its own only for the first unit, never over one it has (the writer's or the planner's):
  // where none can be derived, or on a repair (the review may have found the derived one wrong)
  const askStart = first.isLeaf && fields.includes("start") && !first.start && (mode.kind === "repair" || !startOf(plan, first));
  const states = first.isLeaf && (askStart || asked.includes("end"));
  const cast = states ? castLine(o.bible ?? []) : "";
  const lines = [
    `Plan ${group.length === 1 ? first.heading : `${group.length} ${level}s`}, of ${siblings.length} ${level}s${parent ? ` in ${parent.heading}` : ""} of "${brief.title}", a ${brief.kind}.`,
    brief.premise && `Premise: ${clip(brief.premise, 400)}`,
    cast,
    parent?.summary && `${parent.heading}: ${parent.summary}`,
    (prev ?? before)?.summary && `Before ${group.length === 1 ? "it" : "them"}: ${(prev ?? before)!.summary}`,
    before?.end && states && `It ends: ${stateLine(before.end)}`,
    ...group.map((u, i) => {
      const must = obligationsOf(plan, u);
      const has = mode.kind === "fill" && u.summary.length >= SUMMARY_MIN && !asked.includes("summary") ? `\n   Summary: ${u.summary}` : "";
      return `${i + 1}. ${u.heading}: about ${u.targetWords} ${plan.countUnit}.${must.length > 0 ? ` It must include: ${must.join("; ")}` : ""}${has}`;
    }),
    mode.kind === "repair" && `A reviewer said: ${mode.feedback}`,
    `Reply in JSON with ${group.length === 1 ? "one unit" : `${group.length} units, in order`}: ${fieldWords(asked, beats, group.length, askStart)}.`,
  ].filter(Boolean);
  const r = await o.llm.generate({
    purpose: { kind: "plan", unitId: group.length === 1 ? group[0]!.id : null },
    messages: [{ role: "system", content: "You plan books. Reply with JSON only." }, { role: "user", content: lines.join("\n") }],
    maxTokens: maxTokensFor(group.length, beats, asked, askStart),
    jsonSchema: groupSchema(group.length, beats, asked, askStart),
    sampling: { temperature: 0.4 },
    signal: o.signal,
  });
  const { fills, start, error } = readGroupFill(r.text);
  group.forEach((unit, i) => {
    const fill = fills[i];
    if (fill) land(plan, unit, fill, asked, mode);
    unit.entities = entitiesOf(plan, unit);
  });
  // after the ends landed: a start the same as the end before it is not kept (it is that end's)
  if (askStart && start) setOwnStart(plan, first, start);
  const all: Field[] = askStart ? [...asked, "start"] : asked;
  const still = group.filter((u) => all.some((f) => missingFields(plan, u).includes(f)));
  const gaps = still.map((u) => `${u.id} lacks ${missingFields(plan, u).filter((f) => all.includes(f)).join(", ")}`);
  o.onLedger?.({
    unitId: group.length === 1 ? first.id : null, kind: "plan", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason,
    note: [`${group.map((u) => u.id).join(" ")}: ${all.join(", ")}${mode.kind === "repair" ? " (repair)" : ""}`, error, gaps.length > 0 && gaps.join("; ")].filter(Boolean).join("; "),
  });
}

/** A reply's values onto a unit: never a filled field overwritten with nothing; a title the brief or the writer gave is kept. */
function land(plan: Plan, unit: PlanUnit, fill: UnitFill, asked: Field[], mode: FillMode): void {
  const missing = new Set(missingFields(plan, unit));
  const may = (f: Field) => asked.includes(f) && (mode.kind === "repair" ? f !== "title" || missing.has(f) : missing.has(f));
  if (fill.title && may("title")) unit.title = fill.title;
  if (fill.summary && may("summary")) unit.summary = fill.summary;
  if (fill.beats && may("beats")) unit.beats = fill.beats;
  if (fill.end && may("end")) unit.end = fill.end;
}
