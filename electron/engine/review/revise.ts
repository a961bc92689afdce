/**
 * Targeted revision from monitor findings: deterministic fixes first (wrong names, loops, trims),
 * then small model calls (a passage carrying a missing obligation, a rewritten contradicting
 * sentence), then the length is brought back into the window.
 */
import { countWords, type CountUnit } from "../../shared/text/count-words";
import type { LlmPort, SequenceLease, CancelSignal } from "../../shared/llm/llm-port";
import { cutToRange } from "../text/boundaries";
import type { LengthWindow } from "../monitors/length-monitor";
import type { Finding } from "../monitors/types";
import type { LedgerEntry } from "../base/ledger";
import { writeToLength } from "../draft/write-to-length";
import type { ChatMessage } from "../../shared/llm/llm-port";

export interface ReviseContext {
  llm: LlmPort;
  lease?: SequenceLease;
  signal?: CancelSignal;
  unitId: string;
  heading: string;
  countUnit: CountUnit;
  window: LengthWindow;
  /** The unit's drafting prompt, reused to expand. */
  messages: ChatMessage[];
  systemPrompt: string;
  ratio: { tokensPerWord: number };
  onLedger: (e: LedgerEntry) => void;
}

function insertBeforeLastParagraph(text: string, passage: string, where: "start" | "middle" | "end"): string {
  const paras = text.split(/\n\s*\n/);
  if (where === "start") return [passage, ...paras].join("\n\n");
  if (where === "end" || paras.length < 2) return [...paras, passage].join("\n\n");
  const at = Math.max(1, Math.floor(paras.length / 2));
  return [...paras.slice(0, at), passage, ...paras.slice(at)].join("\n\n");
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export async function revise(text: string, findings: Finding[], ctx: ReviseContext): Promise<string> {
  let out = text;
  const wc = (t: string) => countWords(t, ctx.countUnit);
  const fixes = findings.filter((f) => f.severity === "error" && f.fix);

  for (const f of fixes) {
    if (f.fix?.kind !== "replace-name") continue;
    const before = wc(out);
    out = out.replace(new RegExp(`\\b${escapeRegex(f.fix.from)}\\b`, "g"), f.fix.to);
    ctx.onLedger({ unitId: ctx.unitId, kind: "replace-name", promptTokens: 0, completionTokens: 0, millis: 0, wordsBefore: before, wordsAfter: wc(out), note: `${f.fix.from} → ${f.fix.to}` });
  }
  const loop = fixes.find((f) => f.fix?.kind === "cut-loop");
  if (loop?.fix?.kind === "cut-loop") {
    const before = wc(out);
    // cut at the sentence start before the loop's second occurrence; expansion below refills
    const head = out.slice(0, loop.fix.at);
    const lastEnd = Math.max(head.lastIndexOf(". "), head.lastIndexOf(".\n"), head.lastIndexOf("\n\n"));
    out = (lastEnd > 0 ? head.slice(0, lastEnd + 1) : head).trimEnd();
    ctx.onLedger({ unitId: ctx.unitId, kind: "cut-loop", promptTokens: 0, completionTokens: 0, millis: 0, wordsBefore: before, wordsAfter: wc(out) });
  }

  for (const f of fixes) {
    if (f.fix?.kind !== "rewrite-passage") continue;
    const passage = f.fix.passage;
    if (!out.includes(passage)) continue;
    const r = await ctx.llm.generate({
      purpose: { kind: "revise", unitId: ctx.unitId },
      messages: [
        { role: "system", content: ctx.systemPrompt },
        { role: "user", content: `Rewrite this passage so that: ${f.fix.instruction}.\nKeep about the same length. Reply with the rewritten passage only.\n\nPassage:\n${passage}` },
      ],
      maxTokens: Math.ceil(wc(passage) * ctx.ratio.tokensPerWord * 1.6) + 24,
      lease: ctx.lease,
      signal: ctx.signal,
    });
    ctx.onLedger({ unitId: ctx.unitId, kind: "revise", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason, note: `rewrite: ${f.code}` });
    const replacement = r.text.trim();
    if (replacement) out = out.replace(passage, replacement);
  }

  for (const f of fixes) {
    if (f.fix?.kind !== "insert-obligation") continue;
    const words = Math.max(40, Math.min(150, Math.round(ctx.window.target * 0.15)));
    const where = /\b(ends?|closes?|finish(es)?)\s+with\b/i.test(f.fix.content) ? "end" : /\b(opens?|begins?|starts?)\s+with\b/i.test(f.fix.content) ? "start" : "middle";
    const r = await ctx.llm.generate({
      purpose: { kind: "revise", unitId: ctx.unitId },
      messages: [
        { role: "system", content: ctx.systemPrompt },
        { role: "user", content: `For ${ctx.heading}, write a short passage that includes: ${f.fix.content}\nIt goes ${where === "middle" ? "in the middle of" : where === "start" ? "at the start of" : "at the end of"} the section. Write about ${words} ${ctx.countUnit}. Reply with the passage only.` },
      ],
      maxTokens: Math.ceil(words * ctx.ratio.tokensPerWord * 1.5) + 24,
      lease: ctx.lease,
      signal: ctx.signal,
    });
    ctx.onLedger({ unitId: ctx.unitId, kind: "revise", promptTokens: r.promptTokens, completionTokens: r.completionTokens, millis: r.millis, stopReason: r.stopReason, note: `insert obligation ${f.obligationId}` });
    const passage = r.text.trim();
    if (!passage) continue;
    // make room first, so the inserted passage survives the length fit
    const room = ctx.window.target - wc(passage);
    if (wc(out) > room && room > 0) {
      out = cutToRange(out, ctx.countUnit, room, Math.floor(room * 0.95), Math.ceil(room * 1.02)).text;
    }
    out = insertBeforeLastParagraph(out, passage, where);
  }

  const n = wc(out);
  if (n > ctx.window.hi) {
    const cut = cutToRange(out, ctx.countUnit, ctx.window.target, ctx.window.lo, ctx.window.hi);
    ctx.onLedger({ unitId: ctx.unitId, kind: "trim", promptTokens: 0, completionTokens: 0, millis: 0, wordsBefore: n, wordsAfter: wc(cut.text), note: `cut at a ${cut.kind} boundary` });
    out = cut.text;
  } else if (n < ctx.window.lo) {
    const r = await writeToLength({
      llm: ctx.llm, lease: ctx.lease, signal: ctx.signal, messages: ctx.messages, window: ctx.window, countUnit: ctx.countUnit,
      unitId: ctx.unitId, startFrom: out, ratio: ctx.ratio, onLedger: ctx.onLedger,
    });
    out = r.text;
  }
  return out;
}
