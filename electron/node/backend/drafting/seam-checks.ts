/**
 * The seam check on the writer's own text, when they ask: the open unit (as the editor holds it)
 * against the end of the unit before and the start of the unit after (as saved), with the plan's
 * states and the bible's facts. Where a join does not hold, a bridge of this unit's side comes
 * back as a passage and its rewrite, with a diff; the writer applies it in the editor (so undo
 * works) or leaves it. Nothing is written here.
 */
import type { z } from "zod";
import type { seamsResult } from "../../../shared/contract/drafting";
import { QuireError } from "../../../shared/contract/errors";
import type { LlmPort } from "../../../shared/llm/llm-port";
import { diffTexts } from "../../../shared/text/diff";
import { bridgeSeam, buildUnitPrompt, checkSeam, factsFromBible, unitRefResolver, type Brief, type BriefBibleEntry, type Fact, type Plan, type SeamContext, type SeamSide, unitReplies } from "../../../engine/index";
import type { Binder } from "./files/binder-file";

export interface SeamChecksInput {
  /** the open unit's plan unit, and its text as the editor holds it */
  planId: string;
  text: string;
  plan: Plan;
  binder: Binder;
  brief: Brief;
  bible: BriefBibleEntry[];
  facts: Fact[];
  /** a neighbour's saved text (plain), or null when it has none */
  textOf: (unitId: string) => Promise<string | null>;
}

export async function checkSeamsOf(i: SeamChecksInput, llm: LlmPort): Promise<z.infer<typeof seamsResult>> {
  const leaves = i.plan.units.filter((u) => u.isLeaf);
  const at = leaves.findIndex((u) => u.id === i.planId);
  const unit = leaves[at];
  if (!unit) throw new QuireError("not-found", "This unit is not one the plan drafts, so it has no joins to check.");
  if (!i.text.trim()) return { joins: [] };
  const table = factsFromBible([...i.brief.bible, ...i.bible], unitRefResolver(i.plan));
  for (const f of i.facts) table.add(f);
  const system = buildUnitPrompt({ brief: i.brief, plan: i.plan, unit, bible: i.bible }).messages[0]?.content ?? "";
  const mine: SeamSide = { unit, text: i.text };
  const out: z.infer<typeof seamsResult>["joins"] = [];
  for (const side of ["before", "after"] as const) {
    const other = leaves[side === "before" ? at - 1 : at + 1];
    const otherId = other ? i.binder[other.id] : undefined;
    const otherText = otherId ? await i.textOf(otherId) : null;
    if (!other || !otherText?.trim()) continue;
    const theirs: SeamSide = { unit: other, text: otherText };
    const [before, after] = side === "before" ? [theirs, mine] : [mine, theirs];
    // the bridge rewrites this unit's side: its reply goes through this unit's reply cleaner
    const replies = () => unitReplies(unit, i.plan, i.brief.language);
    const ctx: SeamContext = { llm, brief: i.brief, plan: i.plan, facts: table, systemPrompt: system, leafIndex: leaves.indexOf(after.unit) + 1, replies, onLedger: () => {} };
    const verdict = await checkSeam(before, after, ctx);
    if (verdict.joins) {
      out.push({ side, neighbour: other.heading, joins: true, problem: null, bridge: null });
      continue;
    }
    const problem = verdict.problem ?? "they do not join";
    // this unit's side is the one the writer is in: its opening, or its ending
    const bridge = await bridgeSeam(before, after, side === "before" ? "start" : "end", problem, ctx);
    out.push({
      side, neighbour: other.heading, joins: false, problem,
      bridge: bridge ? { passage: bridge.passage, rewritten: bridge.rewritten, parts: diffTexts(bridge.passage, bridge.rewritten, "words").parts } : null,
    });
  }
  return { joins: out };
}
