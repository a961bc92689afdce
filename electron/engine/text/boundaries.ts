/** Where prose can be cut: paragraph ends, sentence ends, word ends. Counts always go through countWords. */
import { countWords, type CountUnit } from "../../shared/text/count-words";

const SENTENCE_END = /[.!?…。！？](?:["'”’)\]»」』]*)(?=\s|$)/g;

export function sentenceEnds(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(SENTENCE_END)) out.push(m.index + m[0].length);
  // CJK sentence marks need no following space
  for (const m of text.matchAll(/[。！？][」』”’]*/g)) out.push(m.index + m[0].length);
  return [...new Set(out)].sort((a, b) => a - b);
}

export function paragraphEnds(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\S(?=[ \t]*\n[ \t]*\n)/g)) out.push(m.index + 1);
  if (text.trim()) out.push(text.trimEnd().length);
  return out;
}

export function endsAtSentence(text: string): boolean {
  return /[.!?…。！？]["'”’)\]»」』]*\s*$/.test(text);
}

/** Offsets just after each counted word (or character, for character counting). */
export function wordEnds(text: string, unit: CountUnit): number[] {
  const out: number[] = [];
  if (unit === "characters") {
    for (const m of text.matchAll(/[\p{L}\p{N}]/gu)) out.push(m.index + m[0].length);
    return out;
  }
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+(?:['’\-.][\p{L}\p{N}\p{M}]+)*/gu)) out.push(m.index + m[0].length);
  return out;
}

export type CutKind = "paragraph" | "sentence" | "word";

/**
 * Cut `text` to land within [lo, hi] words, as close to `target` as the best boundary allows:
 * a paragraph end if one is in range, else a sentence end, else a word end (closing the sentence).
 */
export function cutToRange(text: string, unit: CountUnit, target: number, lo: number, hi: number): { text: string; kind: CutKind } {
  const pick = (positions: number[]) => {
    let best: { pos: number; dist: number } | null = null;
    for (const pos of positions) {
      const n = countWords(text.slice(0, pos), unit);
      if (n < lo || n > hi) continue;
      const dist = Math.abs(n - target);
      if (!best || dist < best.dist) best = { pos, dist };
    }
    return best?.pos ?? null;
  };
  const para = pick(paragraphEnds(text));
  if (para !== null) return { text: text.slice(0, para).trimEnd(), kind: "paragraph" };
  const sent = pick(sentenceEnds(text));
  if (sent !== null) return { text: text.slice(0, sent).trimEnd(), kind: "sentence" };
  const ends = wordEnds(text, unit);
  const pos = ends[Math.max(0, Math.min(ends.length, target) - 1)] ?? text.length;
  let cut = text.slice(0, pos).trimEnd().replace(/[,;:—–-]+$/, "");
  if (!endsAtSentence(cut)) cut += unit === "characters" ? "。" : ".";
  return { text: cut, kind: "word" };
}

/** The last paragraphs of a text, up to about `maxWords`, for continuity into the next unit. */
export function tailParagraphs(text: string, maxWords: number, unit: CountUnit = "words"): string {
  const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  let n = 0;
  for (let i = paras.length - 1; i >= 0; i--) {
    const w = countWords(paras[i]!, unit);
    if (out.length > 0 && n + w > maxWords) break;
    out.unshift(paras[i]!);
    n += w;
  }
  let tail = out.join("\n\n");
  if (countWords(tail, unit) > maxWords * 1.5) {
    const ends = wordEnds(tail, unit);
    const from = ends[ends.length - maxWords - 1] ?? 0;
    tail = `…${tail.slice(from)}`;
  }
  return tail;
}

/** Join a continuation onto text so far without gluing two words together. */
export function joinContinuation(text: string, more: string): string {
  if (text && /[\p{L}\p{N}.,;:!?"”’)]$/u.test(text) && /^[\p{L}\p{N}"“(]/u.test(more) && !/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(more)) {
    return `${text} ${more}`;
  }
  return text + more;
}
