/**
 * The model's part of reading a brief: sentences that state required content without an explicit
 * placement ("Anna should learn the truth about her father before the storm") get a placement from
 * the model. The model only picks sentences by number and names a place in words; the deterministic
 * reader turns that into a Placement, and the requirement keeps the writer's sentence verbatim.
 */
import { z } from "zod";
import type { LlmPort } from "../../shared/llm/llm-port";
import { parseModelReply } from "../base/parse";
import type { LedgerEntry } from "../base/ledger";
import { extractRequirements, splitSentences } from "./extract-prose";
import type { Brief, Requirement } from "./types";

const SCHEMA = {
  type: "object",
  properties: {
    items: {
      type: "array",
      maxItems: 12,
      items: { type: "object", properties: { n: { type: "integer" }, where: { type: "string", maxLength: 40 } }, required: ["n", "where"] },
    },
  },
  required: ["items"],
} as const;
const extractReply = z.object({ items: z.array(z.object({ n: z.number().int(), where: z.string() })) });

const REQUIREMENT_CUE = /\b(must|should|needs? to|has to|have to|include|includes|mention|mentions|appear|appears|happen|happens|will|reveal|reveals|learns?|finds?|meets?|dies|visit|visits)\b/i;

export async function extractRequirementsWithModel(brief: Brief, llm: LlmPort, onLedger?: (e: LedgerEntry) => void): Promise<Requirement[]> {
  const known = new Set(brief.requirements.map((r) => r.text));
  const candidates = splitSentences(brief.instructions).filter((s) => !known.has(s) && REQUIREMENT_CUE.test(s) && !/^#/.test(s));
  if (candidates.length === 0) return [];
  const levels = brief.structure.map((l) => l.name);
  const r = await llm.generate({
    purpose: { kind: "extract" },
    messages: [
      { role: "system", content: "You read writing briefs. Reply with JSON only." },
      {
        role: "user",
        content: `The document has ${brief.structure.map((l) => `${l.count} ${l.name.toLowerCase()}s`).join(" of ")}.\nWhich of these sentences ask for specific content, and where should it go (e.g. "${levels.at(-1)?.toLowerCase()} 3", "${levels.at(-1)?.toLowerCase()}s 2-4", "anywhere")?\n${candidates.map((s, i) => `${i + 1}. ${s}`).join("\n")}`,
      },
    ],
    maxTokens: 300,
    jsonSchema: SCHEMA,
    sampling: { temperature: 0 },
  });
  // a reply that does not fit places nothing (the deterministic reader's placements stand); the ledger says so
  const reply = parseModelReply(extractReply, r.text, "the brief reader");
  onLedger?.({ unitId: null, kind: "extract", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason, ...(reply.ok ? {} : { note: reply.error }) });
  if (!reply.ok) return [];
  const items = reply.value.items;
  const out: Requirement[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    const sentence = candidates[item.n - 1];
    if (!sentence || seen.has(item.n)) continue;
    seen.add(item.n);
    const where = String(item.where ?? "").trim();
    let placed = /^anywhere$/i.test(where) || !where ? null : extractRequirements(`${where}: x.`, levels, brief.calendar)[0];
    if (placed && !fits(brief, placed.placement)) placed = undefined;
    out.push({
      id: `r${brief.requirements.length + out.length + 1}`,
      text: sentence,
      content: sentence,
      placement: placed?.placement ?? { kind: "anywhere" },
      source: "model",
    });
  }
  return out;
}

/** A model-named place that the structure does not have falls back to "anywhere" rather than failing the plan. */
function fits(brief: Brief, p: Requirement["placement"]): boolean {
  if (p.kind === "anywhere" || p.kind === "date") return p.kind === "anywhere" || brief.calendar !== undefined;
  const depth = brief.structure.findIndex((l) => l.name.toLowerCase() === p.level.toLowerCase());
  if (depth < 0) return false;
  const total = brief.structure.slice(0, depth + 1).reduce((n, l) => n * l.count, 1);
  if (p.kind === "once") return p.index <= total;
  if (p.kind === "range") return p.to <= total;
  if (p.kind === "periodic") return p.start <= total;
  return true;
}
