/**
 * The model fills only the gaps: the sentences the deterministic reader listed as not understood
 * go to one schema-constrained call, which answers with the same structured form the reader uses
 * (a unit reference per sentence, never unit numbers it worked out itself). The planner's
 * resolver checks each reference; one that names units that do not exist is rejected and the
 * sentence stays listed. What the model placed is listed too, so nothing it decided is silent.
 */
import { z } from "zod";
import type { LlmPort } from "../../shared/llm/llm-port";
import { parseModelReply } from "../base/parse";
import type { LedgerEntry } from "../base/ledger";
import { gridsOf } from "../units/grids";
import { skeletonUnits } from "../units/skeleton";
import { PlacementError, resolvePlacement, type UnitLike } from "../units/resolve-placement";
import { placementFromModel, placementJsonSchema } from "./placement-schema";
import { describePlacement } from "./describe-placement";
import type { Brief, Requirement, StructureLevel } from "./types";

const MAX_SENTENCES = 24;

const gapReply = z.object({ items: z.array(z.object({ n: z.number().int(), ref: z.unknown() })).max(MAX_SENTENCES) });

export interface GapFill {
  /** Requirements the model placed (now in the brief with their new placement). */
  placed: Requirement[];
  /** Sentences whose answer was rejected, with why. */
  rejected: { text: string; why: string }[];
}

function describeStructure(brief: Brief): string {
  const parts = brief.structure.map((l) => `${l.counts ? l.counts.join("+") : l.count} ${l.name.toLowerCase()}${l.count === 1 ? "" : "s"}${l.titles?.some(Boolean) ? ` (titled: ${l.titles.filter(Boolean).slice(0, 30).join("; ")})` : ""}`);
  const cal = brief.calendar ? `; the ${brief.calendar.level ?? brief.structure.at(-1)!.name}s are ${brief.calendar.period}s starting ${brief.calendar.start}` : "";
  const grid = brief.structure.find((l) => l.grid);
  const g = grid?.grid ? `; the ${grid.name.toLowerCase()}s form a ${grid.grid.columns}x${grid.grid.rows} grid` : "";
  return `${parts.join(", each with ")}${cal}${g}`;
}

export async function fillUnresolvedWithModel(brief: Brief, llm: LlmPort, onLedger?: (e: LedgerEntry) => void): Promise<GapFill> {
  const open = brief.unresolved.filter((n) => n.requirementId && brief.requirements.some((r) => r.id === n.requirementId)).slice(0, MAX_SENTENCES);
  if (open.length === 0) return { placed: [], rejected: [] };
  const levels = brief.structure.map((l) => l.name);
  const schema = {
    type: "object",
    properties: {
      items: {
        type: "array",
        maxItems: open.length,
        items: { type: "object", properties: { n: { type: "integer" }, ref: placementJsonSchema(levels) }, required: ["n", "ref"] },
      },
    },
    required: ["items"],
  };
  const r = await llm.generate({
    purpose: { kind: "extract" },
    messages: [
      { role: "system", content: "You read writing briefs. Reply with JSON only." },
      {
        role: "user",
        content: [
          `The document has ${describeStructure(brief)}.`,
          "For each sentence below, say where its content goes as a reference to units: kind once (index), range (from, to), periodic (every, start), last (count), set (indices), fraction (at), name (a title or month), date (MM-DD), or anywhere when the sentence names no place. Use the level names given. For a unit inside another unit, put the outer reference in `of`.",
          ...open.map((n, i) => `${i + 1}. ${n.text}`),
        ].join("\n"),
      },
    ],
    maxTokens: 60 + 60 * open.length,
    jsonSchema: schema,
    sampling: { temperature: 0 },
  });
  // each item's reference is checked by placementFromModel and the resolver below; here only the shape
  const reply = parseModelReply(gapReply, r.text, "the brief reader");
  onLedger?.({
    unitId: null, kind: "extract", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason,
    ...(reply.ok ? {} : { note: reply.error }),
  });
  if (!reply.ok) return { placed: [], rejected: [{ text: open.map((n) => n.text).join(" "), why: `the model's answer could not be read (${reply.error})` }] };
  const items: { n?: unknown; ref?: unknown }[] = reply.value.items;
  const placed: Requirement[] = [];
  const rejected: GapFill["rejected"] = [];
  const all = skeletonUnits(brief.structure, brief.calendar);
  const grids = gridsOf(brief);
  const seen = new Set<number>();
  for (const item of items) {
    const n = typeof item.n === "number" ? item.n : NaN;
    const note = open[n - 1];
    if (!note || seen.has(n)) continue;
    seen.add(n);
    const requirement = brief.requirements.find((x) => x.id === note.requirementId)!;
    const placement = placementFromModel(item.ref);
    if (!placement) {
      rejected.push({ text: note.text, why: "the model's reference was not a valid unit reference" });
      continue;
    }
    if (placement.kind === "anywhere") continue;
    try {
      resolvePlacement(all, placement, { calendar: brief.calendar, grids });
    } catch (error) {
      if (!(error instanceof PlacementError)) throw error;
      rejected.push({ text: note.text, why: `the model placed it on ${describePlacement(placement)}, but ${error.message}` });
      note.why = `${note.why}; the model's reading was rejected: ${error.message}`;
      continue;
    }
    requirement.placement = placement;
    requirement.source = "model";
    placed.push(requirement);
    brief.unresolved = brief.unresolved.filter((x) => x !== note);
    brief.assumed.push({ id: `a${brief.assumed.length + 1}`, text: note.text, why: `placed by the model on ${describePlacement(placement)} (the reader could not: ${note.why})`, requirementId: requirement.id });
  }
  return { placed, rejected };
}

/**
 * Older call shape: fills the gaps and hands back the requirements the model placed, taken out of
 * the brief so a caller that adds what it gets back (and then replans) ends up with each once.
 */
export async function extractRequirementsWithModel(brief: Brief, llm: LlmPort, onLedger?: (e: LedgerEntry) => void): Promise<Requirement[]> {
  const { placed } = await fillUnresolvedWithModel(brief, llm, onLedger);
  brief.requirements = brief.requirements.filter((r) => !placed.includes(r));
  return placed;
}
