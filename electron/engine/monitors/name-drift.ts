/**
 * Names that drift from the bible ("Hael" for Hale) and recurring names the bible lacks.
 *
 * Only words that are not ordinary words of the project's language are compared with the known
 * names: "Have", "Hall" and "Half" sit one or two letters from Hale, but a dictionary knows
 * them, so they are never a misspelling. A capital at the start of a sentence says nothing on
 * its own: it makes a word a candidate only together with the dictionary not knowing it.
 * Without a dictionary for the language, the text itself is the only lexicon (a word the text
 * also uses in lower case is an ordinary word), and confidence drops.
 *
 * A drift is a suggestion with a confidence, never a fix: nothing here rewrites text, and the
 * reviser and autopilot have no way to apply it. Only the writer's click replaces a name.
 */
import { isSentenceStart, NameFinder } from "../../shared/text/names";
import { parseNumber } from "../base/numbers";
import type { Lexicon } from "../base/lexicon";
import type { Finding } from "./types";

export type { Lexicon } from "../base/lexicon";

export interface NamedEntity {
  name: string;
  aliases: string[];
  kind: string;
}

/**
 * Optimal string alignment distance: one edit per letter inserted, deleted or replaced, or two
 * adjacent letters swapped ("Hael" is one slip from "Hale", not two).
 */
export function nameDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Slips a name of this length tolerates: one up to five letters, two from six ("Elizbeth" for Elizabeth). */
const tolerance = (name: string) => ([...name].length <= 5 ? 1 : 2);

const WORD = /(?<![\p{L}\p{N}'’])\p{L}[\p{L}\p{M}'’]*/gu;
const stripPossessive = (w: string) => w.replace(/(?:'s|’s|'|’)$/u, "");
const isCapitalised = (w: string) => /^\p{Lu}/u.test(w) && /\p{Ll}/u.test(w);

/** Words before a plural: "the Hales", "two Crales", "both Ednas" are a family or a count, not a slip. */
const PLURAL_DETERMINERS = new Set(["the", "these", "those", "both", "all", "some", "several", "many", "few", "other", "more", "two"]);

function isNamePlural(word: string, previous: string | null, knownWords: Set<string>): boolean {
  const stem = /(?:es|s)$/.test(word) ? [word.slice(0, -1), word.slice(0, -2)] : [];
  if (!stem.some((w) => knownWords.has(w)) || previous === null) return false;
  const p = previous.toLowerCase();
  return PLURAL_DETERMINERS.has(p) || (parseNumber(p) ?? 0) > 1;
}

interface Candidate {
  count: number;
  midSentence: boolean;
}

/** The name words a candidate is compared with: every word of a one-word name, and the proper words (not ordinary ones) of longer names and aliases. */
function targetWords(entities: readonly NamedEntity[], ordinary: (w: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entities) {
    const forms = [e.name, ...e.aliases].map((f) => f.trim()).filter(Boolean);
    for (const form of forms) {
      const words = form.split(/\s+/);
      for (const w of words) {
        if (!isCapitalised(w) || [...w].length < 3) continue;
        // "Will" is a name to drift from; "Major" in "the Major", "Old" in "Old Crale" are not
        if (form !== e.name || words.length > 1 ? ordinary(w) : false) continue;
        if (!out.has(w)) out.set(w, e.name);
      }
    }
  }
  return out;
}

export function checkNames(text: string, entities: readonly NamedEntity[], lexicon: Lexicon | undefined, unitId?: string): Finding[] {
  if (entities.length === 0) return [];
  const finder = new NameFinder(entities);
  const inNames = finder.find(text);
  const knownWords = new Set(entities.flatMap((e) => [e.name, ...e.aliases]).flatMap((n) => n.split(/\s+/)));

  // words the text itself uses in lower case are ordinary words of its language
  const lowerSeen = new Set<string>();
  const candidates = new Map<string, Candidate>();
  let occurrence = 0;
  let previous: { word: string; end: number } | null = null;
  for (const m of text.matchAll(WORD)) {
    const word = stripPossessive(m[0]);
    // the word before, when only a space separates them
    const before = previous && /^[^\S\n]+$/u.test(text.slice(previous.end, m.index)) ? previous.word : null;
    previous = { word: m[0], end: m.index + m[0].length };
    if (!word) continue;
    if (!isCapitalised(word)) {
      if (/^\p{Ll}/u.test(word)) lowerSeen.add(word);
      continue;
    }
    while (occurrence < inNames.length && inNames[occurrence]!.end <= m.index) occurrence++;
    const o = inNames[occurrence];
    if (o && o.at <= m.index && m.index < o.end) continue;
    if (knownWords.has(word) || isNamePlural(word, before, knownWords)) continue;
    const c = candidates.get(word) ?? { count: 0, midSentence: false };
    c.count++;
    if (!isSentenceStart(text, m.index)) c.midSentence = true;
    candidates.set(word, c);
  }
  const ordinary = (w: string) => lexicon?.knows(w) === true || lowerSeen.has(w.toLowerCase());
  const targets = targetWords(entities, (w) => lexicon?.knows(w.toLowerCase()) === true || lowerSeen.has(w.toLowerCase()));

  const out: Finding[] = [];
  for (const [word, c] of candidates) {
    if (ordinary(word)) continue;
    let best = Infinity;
    let nearest: { word: string; entity: string }[] = [];
    for (const [target, entity] of targets) {
      const limit = tolerance(target);
      if (Math.abs([...target].length - [...word].length) > limit) continue;
      const d = nameDistance(word.toLowerCase(), target.toLowerCase());
      if (d === 0 || d > limit) continue;
      if (d < best) ((best = d), (nearest = [{ word: target, entity }]));
      else if (d === best && !nearest.some((n) => n.entity === entity)) nearest.push({ word: target, entity });
    }
    if (nearest.length > 0) {
      const to = nearest[0]!.word;
      const confidence = driftConfidence({ word, to, distance: best, midSentence: c.midSentence, rivals: nearest.length - 1, dictionary: lexicon !== undefined });
      const also = nearest.slice(1).map((n) => n.word);
      out.push({
        monitor: "consistency", severity: "warning", code: "name-drift", unitId,
        message: `"${word}"${c.count > 1 ? ` (${c.count}×)` : ""} may be a misspelling of ${to}${also.length ? ` (or ${also.join(", ")})` : ""}`,
        excerpt: word,
        suggestion: { kind: "replace-name", from: word, to, confidence },
      });
    } else if (c.count >= 2 && c.midSentence) {
      out.push({ monitor: "consistency", severity: "info", code: "unknown-name", unitId, message: `"${word}" (${c.count}×) is not in the bible`, excerpt: word });
    }
  }
  return out;
}

/**
 * How sure a drift is, 0 to 1: one slip is likelier than two; a different first letter, a word
 * only ever seen capitalised where a sentence starts, a second name just as near, and no
 * dictionary for the language each make it less so.
 */
export function driftConfidence(o: { word: string; to: string; distance: number; midSentence: boolean; rivals: number; dictionary: boolean }): number {
  let c = o.distance === 1 ? 0.9 : 0.65;
  if (o.word[0]!.toLowerCase() !== o.to[0]!.toLowerCase()) c -= 0.15;
  if (!o.midSentence) c -= 0.1;
  if (o.rivals > 0) c -= 0.15;
  if (!o.dictionary) c -= 0.1;
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 100) / 100;
}
