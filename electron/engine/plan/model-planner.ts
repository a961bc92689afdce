/**
 * The model's part of planning: titles, summaries and beats, level by level (book, then parts,
 * then chapters), a few siblings per call, each call small and schema-constrained; then a model
 * review of the plan against the brief, with one round of repair. Budgets and placements stay as
 * the deterministic planner set them.
 */
import { z } from "zod";
import type { CancelSignal, LlmPort } from "../../shared/llm/llm-port";
import { parseModelReply } from "../base/parse";
import type { Brief } from "../brief/types";
import type { LedgerEntry } from "../base/ledger";
import { clip } from "../base/clip";
import { formatHeading } from "./build-plan";
import type { Plan, PlanUnit } from "./types";

/** Siblings planned per call: the shared context (premise, parent, neighbour) is paid once per group. */
const GROUP = 8;

/** Beats asked for: one per ~400 words of a unit's budget, 1 to 4 (a short unit needs a line, a long one a shape). */
export function beatsFor(targetWords: number): number {
  return Math.min(4, Math.max(1, Math.round(targetWords / 400)));
}

// Kept small: planning should cost a small share of the tokens drafting does. Entities are not
// asked for: they are read from the summary and beats (bookkeeping is the code's job).
function groupSchema(n: number, beats: number) {
  const unit = {
    type: "object",
    properties: {
      title: { type: "string", maxLength: 40 },
      summary: { type: "string", maxLength: 160 },
      beats: { type: "array", items: { type: "string", maxLength: 60 }, maxItems: beats },
    },
    required: ["title", "summary", "beats"],
  };
  return { type: "object", properties: { units: { type: "array", items: unit, minItems: n, maxItems: n } }, required: ["units"] };
}

const REVIEW_SCHEMA = {
  type: "object",
  properties: {
    problems: {
      type: "array",
      maxItems: 5,
      items: { type: "object", properties: { unit: { type: "integer" }, problem: { type: "string", maxLength: 160 } }, required: ["unit", "problem"] },
    },
  },
  required: ["problems"],
} as const;

export interface ModelPlanOptions {
  llm: LlmPort;
  signal?: CancelSignal;
  onLedger?: (e: LedgerEntry) => void;
  /** Review the plan with the model and repair flagged units (default true). */
  review?: boolean;
}

interface UnitFill {
  title: string;
  summary: string;
  beats: string[];
}

function clean(s: unknown, max: number): string {
  return typeof s === "string" ? s.replace(/\s+/g, " ").replace(/^["'“]+|["'”]+$/g, "").trim().slice(0, max) : "";
}

/** One unit of a group reply; checked on its own, so one bad unit is planned again without losing the rest. */
const fillSchema = z.object({ title: z.string().optional(), summary: z.string().optional(), beats: z.array(z.unknown()).optional() });
const groupReply = z.object({ units: z.array(z.unknown()) });
const reviewReply = z.object({ problems: z.array(z.object({ unit: z.number().int(), problem: z.string() })) });

function toFill(v: unknown): UnitFill | null {
  const r = fillSchema.safeParse(v);
  if (!r.success) return null;
  const beats = (r.data.beats ?? []).map((i) => clean(i, 100)).filter(Boolean).slice(0, 4);
  const fill = { title: clean(r.data.title, 60), summary: clean(r.data.summary, 280), beats };
  return fill.summary || fill.title ? fill : null;
}

/**
 * The units of a group reply, in order. A reply cut off by the token limit still yields the
 * units it completed (the rest are planned again), so one long answer does not lose a group.
 * `error` says why a reply gave nothing (for the ledger).
 */
export function readGroupFill(text: string): { fills: (UnitFill | null)[]; error?: string } {
  const whole = parseModelReply(groupReply, text, "the planner");
  if (whole.ok) return { fills: whole.value.units.map(toFill) };
  for (let at = text.lastIndexOf("}"); at > 0; at = text.lastIndexOf("}", at - 1)) {
    const cut = parseModelReply(groupReply, `${text.slice(0, at + 1)}]}`, "the planner");
    if (cut.ok) return { fills: cut.value.units.map(toFill), error: `${whole.error}; kept the ${cut.value.units.length} unit(s) it completed` };
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
  return [...out].slice(0, 5);
}

function obligationsOf(plan: Plan, unit: PlanUnit): string[] {
  return unit.isLeaf
    ? unit.obligations.map((id) => plan.obligations.find((x) => x.id === id)?.content).filter((c): c is string => Boolean(c))
    : plan.obligations.filter((ob) => ob.unitIds.some((id) => id.startsWith(`${unit.id}.`))).map((ob) => ob.content);
}

/** One schema-constrained call for a run of siblings; units it leaves unfilled are returned. */
async function planGroup(plan: Plan, brief: Brief, group: PlanUnit[], o: ModelPlanOptions, feedback?: string): Promise<PlanUnit[]> {
  const first = group[0]!;
  const parent = plan.units.find((u) => u.id === first.parentId);
  const siblings = plan.units.filter((u) => u.parentId === first.parentId && u.depth === first.depth);
  const prev = siblings[siblings.indexOf(first) - 1];
  const level = first.levelName.toLowerCase();
  const beats = beatsFor(group.reduce((a, u) => a + u.targetWords, 0) / group.length);
  const lines = [
    `Plan ${group.length === 1 ? first.heading : `${group.length} ${level}s`}, of ${siblings.length} ${level}s${parent ? ` in ${parent.heading}` : ""} of "${brief.title}", a ${brief.kind}.`,
    brief.premise && `Premise: ${clip(brief.premise, 400)}`,
    parent?.summary && `${parent.heading}: ${parent.summary}`,
    prev?.summary && `Before ${group.length === 1 ? "it" : "them"}: ${prev.summary}`,
    ...group.map((u, i) => {
      const must = obligationsOf(plan, u);
      return `${i + 1}. ${u.heading}: about ${u.targetWords} ${plan.countUnit}.${must.length > 0 ? ` It must include: ${must.join("; ")}` : ""}`;
    }),
    feedback && `A reviewer said: ${feedback}`,
    `Reply in JSON with ${group.length === 1 ? "one unit" : `${group.length} units, in order`}: a short title, a one-sentence summary and ${beats === 1 ? "one beat" : `up to ${beats} beats`} each.`,
  ].filter(Boolean);
  const r = await o.llm.generate({
    purpose: { kind: "plan" },
    messages: [{ role: "system", content: "You plan books. Reply with JSON only." }, { role: "user", content: lines.join("\n") }],
    maxTokens: 30 + (100 + 20 * beats) * group.length,
    jsonSchema: groupSchema(group.length, beats),
    sampling: { temperature: 0.4 },
    signal: o.signal,
  });
  const { fills, error } = readGroupFill(r.text);
  o.onLedger?.({
    unitId: group.length === 1 ? first.id : null, kind: "plan", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason,
    note: `${group.map((u) => u.id).join(" ")}${error ? `; ${error}` : ""}`,
  });
  const unfilled: PlanUnit[] = [];
  group.forEach((unit, i) => {
    const fill = fills[i];
    if (!fill) return void unfilled.push(unit);
    unit.title = unit.title || fill.title;
    unit.summary = fill.summary;
    unit.beats = fill.beats;
    unit.entities = namesIn([fill.title, fill.summary, ...fill.beats, ...obligationsOf(plan, unit)].join(". "));
  });
  return unfilled;
}

/** Plan units in sibling groups; what a reply leaves unfilled is asked for again in a smaller call. */
async function planUnits(plan: Plan, brief: Brief, units: PlanUnit[], o: ModelPlanOptions): Promise<void> {
  const byParent = new Map<string | null, PlanUnit[]>();
  for (const u of units) byParent.set(u.parentId, [...(byParent.get(u.parentId) ?? []), u]);
  for (const siblings of byParent.values()) {
    const groups = Math.ceil(siblings.length / GROUP);
    const size = Math.ceil(siblings.length / groups);
    for (let i = 0; i < siblings.length; i += size) {
      // bounded: every retry must fill at least one more unit
      for (let left = siblings.slice(i, i + size), tries = 0; left.length > 0 && tries < 2; ) {
        const unfilled = await planGroup(plan, brief, left, o);
        tries = unfilled.length < left.length ? 0 : tries + 1;
        left = unfilled;
      }
    }
  }
}

/** Units per review call, and repairs per plan: bounded, so a confused reviewer cannot replan the book. */
const REVIEW_WINDOW = 25;
const MAX_REPAIRS = 5;

async function reviewWindow(plan: Plan, brief: Brief, leaves: PlanUnit[], from: number, o: ModelPlanOptions): Promise<{ unit: PlanUnit; problem: string }[]> {
  const window = leaves.slice(from, from + REVIEW_WINDOW);
  const outline = window.map((u, i) => `${from + i + 1}. ${u.heading}: ${clip(u.summary, 120)}${u.obligations.length ? ` [must: ${obligationsOf(plan, u).join("; ")}]` : ""}`);
  const r = await o.llm.generate({
    purpose: { kind: "plan-review" },
    messages: [
      { role: "system", content: "You review book plans against the brief. Reply with JSON only." },
      { role: "user", content: `Brief: ${clip(brief.instructions, 800)}\n\nPlan${leaves.length > window.length ? ` (units ${from + 1} to ${from + window.length} of ${leaves.length})` : ""}:\n${outline.join("\n")}\n\nList units (by number) whose summary misses what it must include or contradicts the brief. An empty list if none.` },
    ],
    maxTokens: 400,
    jsonSchema: REVIEW_SCHEMA,
    sampling: { temperature: 0 },
    signal: o.signal,
  });
  // a reply that does not fit reads as no problems found; the ledger says so
  const reply = parseModelReply(reviewReply, r.text, "the plan reviewer");
  o.onLedger?.({ unitId: null, kind: "plan-review", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason, ...(reply.ok ? {} : { note: reply.error }) });
  if (!reply.ok) return [];
  // only units of this window: a number outside it is the reviewer's mistake
  return reply.value.problems
    .filter((p) => p.unit > from && p.unit <= from + window.length)
    .map((p) => ({ unit: leaves[p.unit - 1]!, problem: clean(p.problem, 160) }));
}

export async function fillPlanWithModel(plan: Plan, brief: Brief, o: ModelPlanOptions): Promise<Plan> {
  const depth = Math.max(...plan.units.map((u) => u.depth));
  for (let d = 0; d <= depth; d++) {
    await planUnits(plan, brief, plan.units.filter((u) => u.depth === d), o);
  }
  if (o.review !== false) {
    const leaves = plan.units.filter((u) => u.isLeaf);
    const problems: { unit: PlanUnit; problem: string }[] = [];
    // a long book's outline is reviewed a window at a time, so the prompt stays small
    for (let from = 0; from < leaves.length; from += REVIEW_WINDOW) {
      for (const p of await reviewWindow(plan, brief, leaves, from, o)) problems.push(p);
    }
    for (const p of problems.slice(0, MAX_REPAIRS)) await planGroup(plan, brief, [p.unit], o, p.problem);
  }
  for (const u of plan.units) {
    const level = brief.structure[u.depth];
    if (level) u.heading = formatHeading(level, u);
  }
  plan.filledBy = "model";
  return plan;
}
