/**
 * The seam check: once both sides of a join exist, one small call reads the end of unit k and the
 * start of unit k+1 against the planned states and the fact table. When they do not join (Anna
 * at the harbour at the end of one chapter and on the station platform at the start of the next,
 * nothing between), a bridge: the opening of k+1 (or the ending of k) rewritten to follow on, a
 * proposal with a diff like any revision. The same check runs on the writer's own text.
 * Like every call since issue 14, the check asks to skip reasoning within a short budget, and the
 * bridge's reply goes through the unit's reply cleaner: a preamble or a refusal never lands in
 * the text.
 */
import { countWords, type CountUnit } from "../../shared/text/count-words";
import type { CancelSignal, LlmPort, SequenceLease } from "../../shared/llm/llm-port";
import { z } from "zod";
import type { LedgerEntry } from "../base/ledger";
import type { FactTable } from "../base/facts";
import { clip } from "../base/clip";
import { parseModelReply } from "../base/parse";
import { JSON_THOUGHTS, proseThoughts } from "../base/thinking";
import { passThrough, type ReplyFilter } from "../draft/reply-stream";
import type { Brief } from "../brief/types";
import { startOf, startStateOf, stateLine } from "../plan/plan-states";
import type { Plan, PlanUnit } from "../plan/types";
import { tailParagraphs } from "../text/boundaries";
import { makeProposal, type Proposal } from "./proposal";

/**
 * Words of each side a seam check reads: the last and first paragraph or so, where who is where
 * is settled (the check runs on every join, so its prompt is most of what continuity costs).
 */
const CHECK_WORDS = 80;
/** Words of a side a bridge rewrites at most, and of the other side it is shown. */
const SIDE_WORDS = 120;

export interface SeamSide {
  unit: PlanUnit;
  text: string;
}

export interface SeamContext {
  llm: LlmPort;
  lease?: SequenceLease;
  signal?: CancelSignal;
  brief: Pick<Brief, "title" | "kind" | "language">;
  plan: Plan;
  facts: FactTable;
  /** the system prompt of the bridged unit's drafting (the book, its style), for the bridge's prose */
  systemPrompt: string;
  /** 1-based leaf index of the unit after the join: which facts hold there */
  leafIndex: number;
  /** the reply filter of the side a bridge rewrites (the unit's reply cleaner); none: the reply as it came */
  replies?: () => ReplyFilter;
  onLedger: (e: LedgerEntry) => void;
}

/** What a seam call found: nothing (they join), or what does not join and which side to change. */
export interface SeamVerdict {
  joins: boolean;
  problem?: string;
  /** change the start of the unit after, or the end of the unit before */
  fix?: "start" | "end";
}

const SEAM_SCHEMA = {
  type: "object",
  properties: {
    problems: {
      type: "array",
      maxItems: 2,
      items: { type: "object", properties: { what: { type: "string", maxLength: 160 }, fix: { enum: ["start", "end"] } }, required: ["what", "fix"] },
    },
  },
  required: ["problems"],
} as const;

const seamReply = z.object({ problems: z.array(z.object({ what: z.string(), fix: z.enum(["start", "end"]).catch("start") })) });

/** The first paragraphs of a text, up to about `maxWords` (at least one paragraph). */
export function headParagraphs(text: string, maxWords: number, unit: CountUnit = "words"): string {
  const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  let n = 0;
  for (const p of paras) {
    const w = countWords(p, unit);
    if (out.length > 0 && n + w > maxWords) break;
    out.push(p);
    n += w;
  }
  return out.join("\n\n");
}

/** What the fact table knows about the people the two excerpts name, as one line ("Tom Berg: dead from unit 4; Anna Berg: eyes green"). */
function knownLine(facts: FactTable, text: string, n: number): string {
  const named = new Set<string>();
  for (const m of text.matchAll(/\b\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}[\p{Ll}’'-]+)?/gu)) {
    const name = facts.canonical(m[0]) ?? facts.canonical(m[0].split(/\s+/)[0]!);
    if (name) named.add(name);
  }
  const out: string[] = [];
  for (const name of named) {
    const dead = facts.isDeadAt(name, n);
    if (dead) out.push(`${name}: dead from unit ${dead.fromUnit}`);
    for (const f of facts.facts.filter((x) => x.entity === name && x.attribute !== "status" && x.fromUnit <= n && (x.toUnit === null || n <= x.toUnit)).slice(0, 2)) {
      out.push(`${name}: ${f.attribute} ${f.value}`);
    }
  }
  return out.slice(0, 6).join("; ");
}

/** One small call: do the end of `before` and the start of `after` join? */
export async function checkSeam(before: SeamSide, after: SeamSide, ctx: SeamContext): Promise<SeamVerdict> {
  const cu = ctx.plan.countUnit;
  const end = tailParagraphs(before.text, CHECK_WORDS, cu);
  const start = headParagraphs(after.text, CHECK_WORDS, cu);
  const planned = [
    before.unit.end && `${before.unit.heading} ends ${stateLine(before.unit.end)}.`,
    startOf(ctx.plan, after.unit) && `${after.unit.heading} starts ${stateLine(startStateOf(ctx.plan, after.unit)!)}.`,
  ].filter(Boolean).join(" ");
  const known = knownLine(ctx.facts, `${end}\n${start}`, ctx.leafIndex);
  const r = await ctx.llm.generate({
    purpose: { kind: "seam", unitId: after.unit.id },
    messages: [
      { role: "system", content: "You check that two consecutive sections of a book join up. Reply with JSON only." },
      {
        role: "user",
        content: [
          `"${ctx.brief.title}", a ${ctx.brief.kind}.`,
          planned && `Planned: ${planned}`,
          known && `Known: ${known}`,
          `\nEnd of ${before.unit.heading}:\n${end}`,
          `\nStart of ${after.unit.heading}:\n${start}`,
          "\nDo the two join: the same place and people at the same moment (or a change the start makes clear), and nothing against what is known? " +
            "List what does not join and which side to change (start or end). An empty list if they join.",
        ].filter(Boolean).join("\n"),
      },
    ],
    maxTokens: 90,
    jsonSchema: SEAM_SCHEMA,
    sampling: { temperature: 0 },
    thoughts: JSON_THOUGHTS,
    lease: ctx.lease,
    signal: ctx.signal,
  });
  // a reply that does not fit reads as joined: the ledger says so, and the writer can ask again
  const reply = parseModelReply(seamReply, r.text, "the seam check");
  const problem = reply.ok ? reply.value.problems.find((p) => p.what.trim() !== "") : undefined;
  ctx.onLedger({
    unitId: after.unit.id, kind: "seam", promptTokens: r.promptTokens, completionTokens: r.completionTokens, ...(r.thoughtTokens ? { thoughtTokens: r.thoughtTokens } : {}),
    millis: r.millis, stopReason: r.stopReason,
    note: `${before.unit.id}|${after.unit.id}: ${!reply.ok ? reply.error : problem ? `does not join: ${clip(problem.what, 160)}` : "joins"}`,
  });
  return problem ? { joins: false, problem: clip(problem.what.trim(), 200), fix: problem.fix } : { joins: true };
}

/** A bridge: the passage of one side that was rewritten, what it became, and that side's whole new text. */
export interface Bridge {
  passage: string;
  rewritten: string;
  text: string;
}

/**
 * The bridge: the opening of `after` (side "start") or the ending of `before` (side "end")
 * rewritten to follow on. Null when the reply gave nothing usable (the ledger says so).
 */
export async function bridgeSeam(before: SeamSide, after: SeamSide, side: "start" | "end", problem: string, ctx: SeamContext): Promise<Bridge | null> {
  const cu = ctx.plan.countUnit;
  const target = side === "start" ? after : before;
  const passage = side === "start" ? headParagraphs(after.text, SIDE_WORDS, cu) : tailParagraphs(before.text, SIDE_WORDS, cu);
  const at = side === "start" ? target.text.indexOf(passage) : target.text.lastIndexOf(passage);
  if (!passage || passage.startsWith("…") || at < 0) return null;
  const other = side === "start" ? tailParagraphs(before.text, SIDE_WORDS, cu) : headParagraphs(after.text, SIDE_WORDS, cu);
  const ask = side === "start"
    ? `Rewrite the opening of ${after.unit.heading} so that it follows on from where ${before.unit.heading} ends: ${problem.replace(/[.]+$/, "")}.`
    : `Rewrite the ending of ${before.unit.heading} so that it leads into where ${after.unit.heading} starts: ${problem.replace(/[.]+$/, "")}.`;
  const maxTokens = Math.ceil(countWords(passage, cu) * 1.6 * 1.5) + 24;
  const r = await ctx.llm.generate({
    purpose: { kind: "bridge", unitId: target.unit.id },
    messages: [
      { role: "system", content: ctx.systemPrompt },
      {
        role: "user",
        content: `${ask}\nKeep about the same length and every event in it. Reply with the rewritten passage only.\n\n${side === "start" ? `${before.unit.heading} ends` : `${after.unit.heading} starts`}:\n${other}\n\n${side === "start" ? "Opening" : "Ending"}:\n${passage}`,
      },
    ],
    maxTokens,
    thoughts: proseThoughts(maxTokens),
    lease: ctx.lease,
    signal: ctx.signal,
  });
  // through the unit's cleaner, as every prose reply: chatter comes off, a reply that is not prose is not used
  const filter = ctx.replies?.() ?? passThrough();
  filter.push(r.text);
  const rewritten = filter.end(r.text).trim();
  const verdict = filter.classify?.() ?? { kind: rewritten ? "prose" : "empty", reason: rewritten ? "prose" : "nothing was written" };
  const why = r.stopReason === "cancelled" ? "cancelled"
    : verdict.kind !== "prose" ? verdict.reason
    : rewritten === "" || countWords(rewritten, cu) < countWords(passage, cu) * 0.5 ? "the reply gave no passage to use"
    : null;
  ctx.onLedger({
    unitId: target.unit.id, kind: "bridge", promptTokens: r.promptTokens, completionTokens: r.completionTokens, ...(r.thoughtTokens ? { thoughtTokens: r.thoughtTokens } : {}),
    millis: r.millis, stopReason: r.stopReason, note: `${side === "start" ? "opening" : "ending"} of ${target.unit.id}${why ? `: not used (${why})` : ""}`,
    ...(why && verdict.kind !== "prose" ? { rejected: verdict.kind } : {}),
  });
  for (const st of filter.strips ?? []) ctx.onLedger({ unitId: target.unit.id, kind: "strip", promptTokens: 0, completionTokens: 0, millis: 0, note: st.reason, removed: { kind: st.kind, chars: st.chars, text: st.text } });
  const ok = why === null;
  if (!ok) return null;
  return { passage, rewritten, text: target.text.slice(0, at) + rewritten + target.text.slice(at + passage.length) };
}

/** A seam bridge as a proposal: round `round` of the unit's proposals, one error (the seam) before, what the recheck says after. */
export function seamProposal(unitId: string, round: number, problem: string, neighbour: PlanUnit, before: string, after: string, joinsAfter: boolean): Proposal {
  return makeProposal(unitId, round, [`the join with ${neighbour.heading}: ${problem}`], before, after, 1, joinsAfter ? 0 : 1);
}
