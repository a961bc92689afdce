/**
 * Targeted revision from monitor findings: deterministic fixes first (loops), then
 * small model calls (a paragraph rewritten to carry a missing obligation, a rewritten
 * contradicting sentence), then the length is brought back into the window.
 *
 * A revision keeps the unit's ending: a missing item is written into one paragraph (the one in
 * the middle, or the first or last when the item says where), rewritten at about its own length,
 * never by cutting the end to make room; a text that comes out long is finished again near its
 * budget, not cut. Replies go through the unit's reply cleaner like drafting replies; one that is
 * not prose (a refusal, a list) changes nothing.
 */
import { countWords, type CountUnit } from "../../shared/text/count-words";
import type { LlmPort, SequenceLease, CancelSignal, GenerateRequest } from "../../shared/llm/llm-port";
import type { LengthWindow } from "../monitors/length-monitor";
import type { Finding } from "../monitors/types";
import type { LedgerEntry } from "../base/ledger";
import type { FollowUps } from "../draft/prompt-builder";
import { passThrough, type ReplyFilter } from "../draft/reply-stream";
import { proseThoughts } from "../base/thinking";
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
  /** The unit's reply filter (the reply cleaner), for every reply a revision takes text from (default: none). */
  replies?: () => ReplyFilter;
  /** The unit's ending and retry instructions, for a length fit that writes on. */
  followUps?: FollowUps;
  /** The unit's required items, for an ending written after a cut. */
  mustInclude?: readonly string[];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A stretch of the text a rewrite may replace: its offsets and its text. */
interface Span {
  start: number;
  end: number;
  text: string;
}

/** A paragraph longer than this is taken in groups of sentences: rewriting all of it to carry one item costs its whole length again. */
const LONG_PARAGRAPH = 120;

/** Paragraphs with their offsets; a long one, or every one of a text of fewer than three, is taken in groups of sentences instead. */
function spans(text: string): Span[] {
  const paras: Span[] = [];
  for (const m of text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)) if (m[0].trim()) paras.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  const few = paras.length < 3;
  const out: Span[] = [];
  for (const p of paras) {
    if (!few && countWords(p.text) <= LONG_PARAGRAPH) {
      out.push(p);
      continue;
    }
    const push = (from: number, to: number) => {
      const piece = p.text.slice(from, to);
      if (!piece.trim()) return;
      if (countWords(piece) > LONG_PARAGRAPH) {
        // a long stretch with no sentence end in it (run-on text): cut at word boundaries instead
        const cuts = [...piece.matchAll(/\s+/g)].map((m) => m.index + m[0].length).filter((_, i) => (i + 1) % 60 === 0);
        let at = 0;
        for (const c of [...cuts, piece.length]) {
          if (c - at > 0 && p.text.slice(from + at, from + c).trim()) pushPiece(from + at, from + c);
          at = c;
        }
        return;
      }
      pushPiece(from, to);
    };
    const pushPiece = (from: number, to: number) => {
      const piece = p.text.slice(from, to);
      const start = p.start + from + (piece.length - piece.trimStart().length);
      out.push({ start, end: start + piece.trim().length, text: piece.trim() });
    };
    const ends = [...p.text.matchAll(/[.!?…。！？]["'”’)\]」』]*(?=\s|$)/g)].map((m) => m.index + m[0].length);
    let from = 0;
    for (const e of ends) {
      if (countWords(p.text.slice(from, e)) >= 40 || e === ends.at(-1)) {
        push(from, e);
        from = e;
      }
    }
    push(from, p.text.length);
  }
  return out.length > 0 ? out : paras;
}

/** The stretch to carry an item: the first or last when it says where, else the longest of the middle ones. */
function hostSpan(text: string, where: "start" | "middle" | "end"): Span | null {
  const all = spans(text);
  if (all.length === 0) return null;
  if (where === "start") return all[0]!;
  if (where === "end") return all.at(-1)!;
  // never the last: that is the unit's ending; nor the first when there is a choice
  const inner = all.length >= 3 ? all.slice(1, -1) : all.length === 2 ? all.slice(0, 1) : all;
  const mid = (inner.length - 1) / 2;
  return [...inner].map((s, i) => ({ s, i })).sort((a, b) => countWords(b.s.text) - countWords(a.s.text) || Math.abs(a.i - mid) - Math.abs(b.i - mid))[0]!.s;
}

/** A revision call's reply through the unit's cleaner: its prose, or null when it gave none (the ledger says what was stripped). */
async function proseReply(ctx: ReviseContext, req: Omit<GenerateRequest, "lease" | "signal" | "thoughts">, note: string): Promise<string | null> {
  const r = await ctx.llm.generate({ purpose: { kind: "revise", unitId: ctx.unitId }, ...req, lease: ctx.lease, signal: ctx.signal, thoughts: proseThoughts(req.maxTokens) });
  const filter = ctx.replies?.() ?? passThrough();
  filter.push(r.text);
  const text = filter.end(r.text).trim();
  const verdict = filter.classify?.() ?? { kind: text ? "prose" : "empty", reason: text ? "prose" : "nothing was written" };
  const rejected = verdict.kind !== "prose" || !text;
  ctx.onLedger({
    unitId: ctx.unitId, kind: "revise", promptTokens: r.promptTokens, completionTokens: r.completionTokens, ...(r.thoughtTokens ? { thoughtTokens: r.thoughtTokens } : {}),
    millis: r.millis, stopReason: r.stopReason, note: rejected ? `${note}: not used (${verdict.reason})` : note, ...(rejected ? { rejected: verdict.kind } : {}),
  });
  for (const s of filter.strips ?? []) ctx.onLedger({ unitId: ctx.unitId, kind: "strip", promptTokens: 0, completionTokens: 0, millis: 0, note: s.reason, removed: { kind: s.kind, chars: s.chars, text: s.text } });
  if (r.stopReason === "cancelled") return null;
  return rejected ? null : text;
}

export async function revise(text: string, findings: Finding[], ctx: ReviseContext): Promise<string> {
  let out = text;
  const wc = (t: string) => countWords(t, ctx.countUnit);
  const fixes = findings.filter((f) => f.severity === "error" && f.fix);

  // a name is never replaced here: name drift is a suggestion only the writer applies
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
    const replacement = await proseReply(ctx, {
      messages: [
        { role: "system", content: ctx.systemPrompt },
        { role: "user", content: `Rewrite this passage so that: ${f.fix.instruction}.\nKeep about the same length. Reply with the rewritten passage only.\n\nPassage:\n${passage}` },
      ],
      maxTokens: Math.ceil(wc(passage) * ctx.ratio.tokensPerWord * 1.6) + 24,
    }, `rewrite: ${f.code}`);
    if (replacement) out = out.replace(passage, replacement);
  }

  for (const f of fixes) {
    if (f.fix?.kind !== "insert-obligation") continue;
    const where = /\b(ends?|closes?|finish(es)?)\s+with\b/i.test(f.fix.content) ? "end" : /\b(opens?|begins?|starts?)\s+with\b/i.test(f.fix.content) ? "start" : "middle";
    const host = hostSpan(out, where);
    if (!host) continue;
    // the paragraph is rewritten at about its own length (a little more where the window has room), so nothing else has to go
    const own = wc(host.text);
    const room = Math.max(0, ctx.window.hi - wc(out));
    const words = Math.max(12, Math.min(Math.max(own, 40), own + room));
    const place = where === "middle" ? "in the middle of" : where === "start" ? "at the start of" : "at the end of";
    const passage = await proseReply(ctx, {
      messages: [
        { role: "system", content: ctx.systemPrompt },
        {
          role: "user",
          content: `For ${ctx.heading}, rewrite this paragraph so that it also includes: ${f.fix.content}\nIt comes ${place} the section. Keep what happens in it and write about ${words} ${ctx.countUnit}. Reply with the paragraph only.\n\nParagraph:\n${host.text}`,
        },
      ],
      maxTokens: Math.ceil(words * ctx.ratio.tokensPerWord * 1.5) + 24,
    }, `insert obligation ${f.obligationId} (rewriting a paragraph of ${own} ${ctx.countUnit})`);
    if (!passage) continue;
    out = out.slice(0, host.start) + passage + out.slice(host.end);
  }

  const n = wc(out);
  if (n > ctx.window.hi || n < ctx.window.lo) {
    // too short: written on from the text; too long: cut back short of the target and finished there
    const r = await writeToLength({
      llm: ctx.llm, lease: ctx.lease, signal: ctx.signal, messages: ctx.messages, window: ctx.window, countUnit: ctx.countUnit,
      unitId: ctx.unitId, startFrom: out, ratio: ctx.ratio, onLedger: ctx.onLedger,
      replies: ctx.replies, followUps: ctx.followUps, mustInclude: ctx.mustInclude,
    });
    if (!r.cancelled) out = r.text;
  }
  return out;
}
