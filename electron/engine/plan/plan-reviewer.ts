/**
 * The model's review of a filled plan: does each leaf's summary and states agree with what the
 * unit must include, the brief and the cast? Meaning is the model's to judge (a summary that says
 * the letter is not found shares every word with "finds the letter"); the deterministic checks
 * (empty summaries, the dead in a room) are review-plan.ts's and plan-states.ts's.
 */
import { z } from "zod";
import type { Brief } from "../brief/types";
import { clip } from "../base/clip";
import { parseModelReply } from "../base/parse";
import { castLine, obligationsOf, type FillCall } from "./plan-fill";
import { startStateOf, stateLine } from "./plan-states";
import type { Plan, PlanUnit } from "./types";

/** Units per review call: a long book's outline is reviewed a window at a time, so the prompt stays small. */
export const REVIEW_WINDOW = 25;
/** Problems one review call may list; a window that fills the list is reviewed again after its repairs. */
export const REVIEW_MAX_PROBLEMS = 8;

export type ReviewKind = "contradicts" | "misses" | "other";

export interface ReviewProblem {
  unit: PlanUnit;
  kind: ReviewKind;
  problem: string;
}

const REVIEW_SCHEMA = {
  type: "object",
  properties: {
    problems: {
      type: "array",
      maxItems: REVIEW_MAX_PROBLEMS,
      items: {
        type: "object",
        properties: { unit: { type: "integer" }, kind: { enum: ["contradicts", "misses", "other"] }, problem: { type: "string", maxLength: 160 } },
        required: ["unit", "kind", "problem"],
      },
    },
  },
  required: ["problems"],
} as const;

const reviewReply = z.object({
  problems: z.array(z.object({ unit: z.number().int(), kind: z.enum(["contradicts", "misses", "other"]).catch("other"), problem: z.string() })),
});

function clean(s: string, max: number): string {
  return s.replace(/\s+/g, " ").replace(/^["'“]+|["'”]+$/g, "").trim().slice(0, max);
}

/** One line of the outline: number, heading, summary, the states at both ends, what it must include. */
function outlineLine(plan: Plan, u: PlanUnit, n: number): string {
  const start = startStateOf(plan, u);
  const states = [start && `starts ${stateLine({ where: start.where, present: start.present })}`, u.end && `ends ${stateLine(u.end)}`].filter(Boolean).join(" | ");
  const must = obligationsOf(plan, u);
  return `${n}. ${u.heading}: ${u.summary ? clip(u.summary, 160) : "(no summary)"}${states ? ` | ${clip(states, 240)}` : ""}${must.length ? ` [must: ${clip(must.join("; "), 300)}]` : ""}`;
}

/**
 * The windows a review reads `units` in: at most REVIEW_WINDOW units, and no more outline than
 * fits half the model's context (a long book's, or a wordy model's, outline would not fit whole).
 */
export async function reviewWindows(plan: Plan, units: PlanUnit[], o: FillCall): Promise<PlanUnit[][]> {
  const info = await o.llm.info().catch(() => null);
  // the instruction, the brief (clipped to 800 characters) and the cast take about 500 tokens
  const budget = info?.contextSize ? Math.max(200, Math.floor(info.contextSize * 0.5) - 500) : Infinity;
  const leaves = plan.units.filter((u) => u.isLeaf);
  const cost = Number.isFinite(budget) ? await Promise.all(units.map((u) => o.llm.countTokens(outlineLine(plan, u, leaves.indexOf(u) + 1)).catch(() => 0))) : units.map(() => 0);
  const out: PlanUnit[][] = [];
  let window: PlanUnit[] = [];
  let used = 0;
  units.forEach((u, i) => {
    if (window.length > 0 && (window.length >= REVIEW_WINDOW || used + cost[i]! > budget)) {
      out.push(window);
      window = [];
      used = 0;
    }
    window.push(u);
    used += cost[i]!;
  });
  if (window.length > 0) out.push(window);
  return out;
}

/**
 * One review call over `units` (leaves, any subset, shown by their number in the book). Returns
 * the problems it names for those units and whether its list was full (more may be there).
 */
export async function reviewUnits(plan: Plan, brief: Brief, units: PlanUnit[], o: FillCall): Promise<{ problems: ReviewProblem[]; full: boolean }> {
  const leaves = plan.units.filter((u) => u.isLeaf);
  const numbered = units.map((u) => ({ u, n: leaves.indexOf(u) + 1 })).filter((x) => x.n > 0);
  if (numbered.length === 0) return { problems: [], full: false };
  const first = numbered[0]!.n;
  const last = numbered.at(-1)!.n;
  const contiguous = last - first + 1 === numbered.length;
  const scope = numbered.length === leaves.length ? "" : contiguous ? ` (units ${first} to ${last} of ${leaves.length})` : ` (units ${numbered.map((x) => x.n).join(", ")} of ${leaves.length})`;
  const outline = numbered.map(({ u, n }) => outlineLine(plan, u, n));
  const r = await o.llm.generate({
    purpose: { kind: "plan-review" },
    messages: [
      { role: "system", content: "You review book plans against the brief. Reply with JSON only." },
      {
        role: "user",
        content:
          `Brief: ${clip(brief.instructions, 800)}\n\n${castLine(o.bible ?? []) ? `${castLine(o.bible ?? [])}\n\n` : ""}Plan${scope}:\n${outline.join("\n")}\n\n` +
          "List units (by number) whose summary or states contradict what the unit must include (say it does not happen, or happens otherwise: kind contradicts), " +
          "leave it out (kind misses), or contradict the brief, the cast or the unit before (kind other). An empty list if none.",
      },
    ],
    maxTokens: 40 + 60 * Math.min(REVIEW_MAX_PROBLEMS, numbered.length),
    jsonSchema: REVIEW_SCHEMA,
    sampling: { temperature: 0 },
    signal: o.signal,
  });
  // a reply that does not fit reads as no problems found; the ledger says so
  const reply = parseModelReply(reviewReply, r.text, "the plan reviewer");
  o.onLedger?.({
    unitId: null, kind: "plan-review", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason,
    note: [`units ${numbered.map((x) => x.n).join(" ")}`, reply.ok ? null : reply.error, reply.ok && reply.value.problems.length > 0 ? `${reply.value.problems.length} problem(s)` : null].filter(Boolean).join("; "),
  });
  if (!reply.ok) return { problems: [], full: false };
  const byNumber = new Map(numbered.map(({ u, n }) => [n, u]));
  // only units it was shown: a number outside them is the reviewer's mistake
  const problems = reply.value.problems
    .filter((p) => byNumber.has(p.unit))
    .map((p) => ({ unit: byNumber.get(p.unit)!, kind: p.kind, problem: clean(p.problem, 160) || (p.kind === "contradicts" ? "contradicts what it must include" : "does not hold") }));
  return { problems, full: reply.value.problems.length >= REVIEW_MAX_PROBLEMS };
}
