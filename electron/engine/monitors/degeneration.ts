/** Degeneration: repetition loops, identical lines, runaway lists, another language than the book's (by script and by text). All deterministic. */
import { detectLanguage, languageName } from "./language";
import type { Finding } from "./types";

const WORD = /[\p{L}\p{N}']+/gu;

function tokens(text: string): { word: string; at: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({ word: m[0].toLowerCase(), at: m.index }));
}

/** Share of n-gram occurrences that repeat an earlier one: 0 for fresh prose, near 1 for a loop. */
export function repetitionRate(text: string, n = 4): number {
  const t = tokens(text);
  if (t.length < n + 1) return 0;
  const seen = new Set<string>();
  let repeats = 0;
  for (let i = 0; i + n <= t.length; i++) {
    const key = t.slice(i, i + n).map((x) => x.word).join(" ");
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return repeats / (t.length - n + 1);
}

/**
 * Offset where a loop starts: the second of `times` occurrences of an n-gram that come back at a
 * steady period (a model going round: "the bells rang again… the bells rang again…"). A phrase a
 * writer, or a model's habit, uses here and there across a unit is not a loop.
 */
export function findLoop(text: string, n = 8, times = 3): number | null {
  const t = tokens(text);
  const seen = new Map<string, number[]>();
  for (let i = 0; i + n <= t.length; i++) {
    const key = t.slice(i, i + n).map((x) => x.word).join(" ");
    const at = seen.get(key) ?? [];
    at.push(i);
    seen.set(key, at);
    if (at.length < times) continue;
    const last = at.slice(-times);
    const gaps = last.slice(1).map((x, k) => x - last[k]!);
    const period = gaps[0]!;
    if (!gaps.every((g) => Math.abs(g - period) <= Math.max(2, period * 0.1))) continue;
    // and what lies between the occurrences repeats too: the model is going round, not reusing a phrase
    let same = 0;
    for (let k = 0; k < period; k++) if (t[last[0]! + k]?.word === t[last[1]! + k]?.word) same++;
    if (same / period >= 0.8) return t[last[1]!]!.at;
  }
  return null;
}

export function checkDegeneration(text: string, language: string, unitId?: string): Finding[] {
  const out: Finding[] = [];
  const loopAt = findLoop(text);
  if (loopAt !== null) {
    out.push({ monitor: "degeneration", severity: "error", code: "loop", unitId, message: "the text repeats itself (a phrase recurs three or more times)", excerpt: text.slice(loopAt, loopAt + 80), fix: { kind: "cut-loop", at: loopAt } });
  }
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l.split(/\s+/).length >= 4);
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const [line, c] of counts) {
    if (c >= 3 && loopAt === null) {
      const at = text.indexOf(line, text.indexOf(line) + line.length);
      out.push({ monitor: "degeneration", severity: "error", code: "identical-lines", unitId, message: `the same line appears ${c} times`, excerpt: line.slice(0, 80), fix: { kind: "cut-loop", at } });
      break;
    }
  }
  let run = 0;
  let maxRun = 0;
  for (const l of text.split("\n")) {
    if (/^\s*(?:[-*+•]|\d+[.)])\s+/.test(l)) maxRun = Math.max(maxRun, ++run);
    else if (l.trim()) run = 0;
  }
  if (maxRun >= 12) out.push({ monitor: "degeneration", severity: "warning", code: "runaway-list", unitId, message: `a list runs to ${maxRun} items` });
  const wrong = wrongScriptShare(text, language);
  const found = wrong > 0.3 ? null : detectLanguage(text, language);
  if (wrong > 0.3) out.push({ monitor: "degeneration", severity: "error", code: "wrong-language", unitId, message: `${Math.round(wrong * 100)} % of the letters are not in the script of ${languageName(language)}` });
  else if (found !== null && found !== language.toLowerCase().split(/[-_]/)[0]) {
    out.push({ monitor: "degeneration", severity: "error", code: "wrong-language", unitId, message: `written in ${languageName(found)}; the book is in ${languageName(language)}` });
  }
  return out;
}

/** Share of letters outside the script the language is written in. */
export function wrongScriptShare(text: string, language: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 20) return 0;
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? "en";
  const expected: Record<string, RegExp> = {
    zh: /\p{Script=Han}/u, ja: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u, ko: /[\p{Script=Hangul}\p{Script=Han}]/u,
    ru: /\p{Script=Cyrillic}/u, uk: /\p{Script=Cyrillic}/u, el: /\p{Script=Greek}/u, ar: /\p{Script=Arabic}/u, he: /\p{Script=Hebrew}/u,
  };
  const re = expected[primary] ?? /\p{Script=Latin}/u;
  let bad = 0;
  for (const l of letters) if (!re.test(l)) bad++;
  return bad / letters.length;
}
