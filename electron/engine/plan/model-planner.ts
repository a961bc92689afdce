/**
 * The model's part of planning: titles, summaries, beats and entities, level by level (book,
 * then parts, then chapters), each call small and schema-constrained; then a model review of
 * the plan against the brief, with one round of repair. Budgets and placements stay as the
 * deterministic planner set them.
 */
import type { CancelSignal, LlmPort } from "../../shared/llm/llm-port";
import type { Brief } from "../brief/types";
import type { LedgerEntry } from "../draft/ledger";
import { clip } from "../draft/prompt-builder";
import { formatHeading } from "./build-plan";
import type { Plan, PlanUnit } from "./types";

const UNIT_SCHEMA = {
  type: "object",
  properties: {
    // kept small: planning should cost a small share of the tokens drafting does
    title: { type: "string", maxLength: 40 },
    summary: { type: "string", maxLength: 160 },
    beats: { type: "array", items: { type: "string", maxLength: 60 }, maxItems: 2 },
    entities: { type: "array", items: { type: "string", maxLength: 24 }, maxItems: 3 },
  },
  required: ["title", "summary", "beats", "entities"],
} as const;

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
  entities: string[];
}

function clean(s: unknown, max: number): string {
  return typeof s === "string" ? s.replace(/\s+/g, " ").replace(/^["'“]+|["'”]+$/g, "").trim().slice(0, max) : "";
}

function parseFill(text: string): UnitFill | null {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const list = (x: unknown, max: number, n: number) => (Array.isArray(x) ? x.map((i) => clean(i, max)).filter(Boolean).slice(0, n) : []);
    return { title: clean(v.title, 60), summary: clean(v.summary, 280), beats: list(v.beats, 100, 4), entities: list(v.entities, 40, 5) };
  } catch {
    return null;
  }
}

async function planUnit(plan: Plan, brief: Brief, unit: PlanUnit, o: ModelPlanOptions, feedback?: string): Promise<void> {
  const parent = plan.units.find((u) => u.id === unit.parentId);
  const siblings = plan.units.filter((u) => u.parentId === unit.parentId && u.depth === unit.depth);
  const prev = siblings[siblings.indexOf(unit) - 1];
  const obligations = unit.isLeaf
    ? unit.obligations.map((id) => plan.obligations.find((x) => x.id === id)?.content).filter(Boolean)
    : plan.obligations.filter((ob) => ob.unitIds.some((id) => id.startsWith(`${unit.id}.`))).map((ob) => ob.content);
  const lines = [
    `Plan ${unit.heading}: one of ${siblings.length} ${unit.levelName.toLowerCase()}s${parent ? ` in ${parent.heading}` : ""} of "${brief.title}", a ${brief.kind}.`,
    brief.premise && `Premise: ${clip(brief.premise, 400)}`,
    parent?.summary && `${parent.heading}: ${parent.summary}`,
    prev?.summary && `Before it: ${prev.summary}`,
    obligations.length > 0 && `It must include: ${obligations.join("; ")}`,
    `About ${unit.targetWords} ${plan.countUnit}.`,
    feedback && `A reviewer said: ${feedback}`,
    "Reply in JSON with a short title, a one-sentence summary, up to 2 beats and up to 3 names involved.",
  ].filter(Boolean);
  const r = await o.llm.generate({
    messages: [{ role: "system", content: "You plan books. Reply with JSON only." }, { role: "user", content: lines.join("\n") }],
    maxTokens: 160,
    jsonSchema: UNIT_SCHEMA,
    sampling: { temperature: 0.4 },
    signal: o.signal,
  });
  o.onLedger?.({ unitId: unit.id, kind: "plan", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason });
  const fill = parseFill(r.text);
  if (!fill) return;
  unit.title = unit.title || fill.title;
  unit.summary = fill.summary;
  unit.beats = fill.beats;
  unit.entities = fill.entities;
}

export async function fillPlanWithModel(plan: Plan, brief: Brief, o: ModelPlanOptions): Promise<Plan> {
  const depth = Math.max(...plan.units.map((u) => u.depth));
  for (let d = 0; d <= depth; d++) {
    for (const unit of plan.units.filter((u) => u.depth === d)) await planUnit(plan, brief, unit, o);
  }
  if (o.review !== false) {
    const leaves = plan.units.filter((u) => u.isLeaf);
    const outline = leaves.map((u, i) => `${i + 1}. ${u.heading}: ${clip(u.summary, 120)}${u.obligations.length ? ` [must: ${u.obligations.map((id) => plan.obligations.find((x) => x.id === id)?.content).join("; ")}]` : ""}`);
    const r = await o.llm.generate({
      messages: [
        { role: "system", content: "You review book plans against the brief. Reply with JSON only." },
        { role: "user", content: `Brief: ${clip(brief.instructions, 800)}\n\nPlan:\n${outline.join("\n")}\n\nList units (by number) whose summary misses what it must include or contradicts the brief. An empty list if none.` },
      ],
      maxTokens: 400,
      jsonSchema: REVIEW_SCHEMA,
      sampling: { temperature: 0 },
      signal: o.signal,
    });
    o.onLedger?.({ unitId: null, kind: "plan-review", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason });
    let problems: { unit: number; problem: string }[] = [];
    try {
      problems = ((JSON.parse(r.text) as { problems?: { unit: number; problem: string }[] }).problems ?? []).slice(0, 5);
    } catch {
      problems = [];
    }
    for (const p of problems) {
      const unit = leaves[p.unit - 1];
      if (unit) await planUnit(plan, brief, unit, o, clean(p.problem, 160));
    }
  }
  for (const u of plan.units) {
    const level = brief.structure[u.depth];
    if (level) u.heading = formatHeading(level, u);
  }
  plan.filledBy = "model";
  return plan;
}
