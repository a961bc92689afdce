/**
 * The units a brief asks for: which exist, how many, how they nest and what they are called.
 * Reads counts in digits or words ("12 sections", "a dozen short stories", "a score of letters",
 * "a 7-day itinerary"), nesting ("three parts of four chapters each", "10 chapters with 3 scenes
 * each", "12 chapters in 3 parts", "each part has four chapters", "Part One has three chapters,
 * Part Two five"), lists of titled units and outline headings ("## Chapter 3: The Storm").
 */
import { isOrdinal, NUMBER_SOURCE, parseNumber, ROMAN_SOURCE } from "../base/numbers";
import type { BodyPieces, Clause } from "./clauses";
import { capitalise, conceptOf, guessSingular, isKnownUnitNoun, pluralOf, singularOf } from "./level-names";
import type { StructureLevel } from "./types";

export interface Declaration {
  noun: string;
  count: number;
  clause: number;
  /** The count came with a length or a restatement ("all 52 weeks"), not as the document's own shape. */
  weak?: boolean;
}

export interface StructureReading {
  levels: StructureLevel[];
  /** Clauses that only declare structure. */
  consumed: Set<number>;
  /** What had to be assumed about the shape. */
  assumptions: { clause: number; why: string; alternative?: { description: string; structure: StructureLevel[] } }[];
  /** Lists whose items are the units of a level, in order (their descriptions are placed on those units). */
  unitLists: Map<number, string>;
  /** Headings that are units ("## Chapter 3: The Storm"), by heading order. */
  unitHeadings: Map<number, { level: string; index: number }>;
  declarations: Declaration[];
}

const N = NUMBER_SOURCE;
const WORD = "[\\p{L}][\\p{L}'’-]*";
/** Words that are counted but are never units of a document. */
const NOT_UNITS = /^(?:word|character|time|option|minute|hour|second|year|people|person|member|child|children|kid|friend|dollar|euro|pound|mile|kilometre|kilometer|metre|meter|percent|per|point|page|line|sentence|paragraph|idea|way|thing|dish|item|example|birthday|reader|copy|copies|photo|image|picture|illustration|appetizer|dessert|drink|side|main|k|x|row|column|coordinate|bedroom|bathroom|guest|character|table|seat|weekend)s?$/i;
/** How units usually nest, outermost first, for counts given without saying which holds which. */
const RANK: Record<string, number> = { volume: 1, book: 1, part: 2, act: 3, chapter: 4, section: 5, scene: 5 };

function nounRank(noun: string): number | undefined {
  return RANK[singularOf(noun) ?? guessSingular(noun)];
}

/** A noun the brief treats as a unit: a known unit noun, or one it also numbers, counts off or measures ("Sermon 3", "each sermon"). */
function isUnitNoun(noun: string, body: string, clause?: string): boolean {
  const single = singularOf(noun) ?? guessSingular(noun);
  if (NOT_UNITS.test(single) || FUNCTION_WORDS.test(noun)) return false;
  if (isKnownUnitNoun(noun) || isKnownUnitNoun(single)) return true;
  // "Twenty flash fictions, 400 to 500 words each": counted and measured in one breath
  if (clause && /s$/i.test(noun) && new RegExp(`\\b${noun}\\b[^.;]{0,40}\\d[\\d,.]*\\s*(?:words?|characters?)\\s+(?:each|apiece|per|a\\s)`, "i").test(clause)) return true;
  // a noun the brief itself treats as a unit: counted in the plural and numbered or counted off elsewhere
  if (!/s$/i.test(noun) || single === noun.toLowerCase()) return false;
  const re = new RegExp(`\\b${single}\\s+(?:\\d+|${ROMAN_SOURCE}\\b)|\\b(?:each|every|per|one)\\s+${single}\\b`, "i");
  return re.test(body);
}

const FUNCTION_WORDS = /^(?:to|and|or|of|with|for|from|in|on|at|by|the|a|an|each|every|per|than|as|is|are|was|were|be|been|this|that|these|those|featuring|including|between|through|until|till|into|onto|over|under|about|around|plus|minus|times|more|less|new|old)$/i;

export function levelName(noun: string): string {
  return capitalise(singularOf(noun) ?? guessSingular(noun));
}

/** Every "count + unit noun" in the brief. */
export function findDeclarations(clauses: Clause[], body: string): Declaration[] {
  const out: Declaration[] = [];
  // a number, then up to three words: the first unit noun among them is what is counted ("a dozen short stories")
  const count = new RegExp(`(?<![\\p{L}\\d.,])(${N}|a\\s+score\\s+of|a\\s+baker[’']s\\s+dozen(?:\\s+of)?|a\\s+dozen)((?:\\s*[-‐]\\s*|\\s+)${WORD}(?:\\s+${WORD}){0,2})`, "giu");
  clauses.forEach((c, i) => {
    for (const m of c.text.matchAll(count)) {
      const raw = m[1]!;
      if (isOrdinal(raw) || /^(?:one|a|an)$/i.test(raw)) continue;
      const n = /baker/i.test(raw) ? 13 : /score/i.test(raw) ? 20 : /dozen/i.test(raw) ? (parseNumber(raw.replace(/\s+of$/i, "")) ?? 12) : parseNumber(raw);
      if (n === null || n < 1 || n > 5000 || !Number.isInteger(n)) continue;
      const hyphenated = /^\s*[-‐]/.test(m[2]!);
      const words = m[2]!.replace(/^\s*[-‐]?\s*/, "").split(/\s+/);
      let noun: string | null = null;
      for (const w of words) {
        if (isUnitNoun(w, body, c.text) && (n === 1 || hyphenated || isPluralForm(w))) {
          noun = w;
          break;
        }
        // only adjectives may stand between the number and its noun ("3 parts of 4 chapters" counts parts)
        if (isKnownUnitNoun(w) || FUNCTION_WORDS.test(w) || /^(?:words?|characters?)$/i.test(w)) break;
        // "the three last chapters", "the two lowest levels": a position, not a count of the document's units
        // "three basement levels": floors under the ground, read with the floors (sequence-labels.ts)
        if (/^(?:last|first|final|next|previous|remaining|other|top|bottom|lowest|highest|opening|closing|following|preceding|middle|basement|underground)$/i.test(w)) {
          noun = null;
          break;
        }
      }
      if (!noun) continue;
      // years are not counts ("the Q4 2026 newsletter")
      if (n >= 1800 && n <= 2200 && !isPluralForm(noun)) continue;
      const before = c.text.slice(Math.max(0, m.index - 24), m.index).toLowerCase();
      // "about 80k words over 20 chapters", "around 12 chapters": still the count; "for 3 weeks", "over 30 years" are spans
      if (/(?:every|each|per|than|first|last|final|next|within|after|before|for|top|bottom|lowest|highest|opening|closing|remaining)\s*$/.test(before)) continue;
      if (/(?:over|about|around)\s*$/.test(before) && !(isKnownUnitNoun(noun) && conceptOf(noun) !== "day" && conceptOf(noun) !== "week" && conceptOf(noun) !== "month" && conceptOf(noun) !== "year")) continue;
      if (/(?:^|\s)(?:chapter|section|part|week|day|floor|level|book|act|scene|lesson|module|episode|letter|entry|block|story|stories)s?\s*$/i.test(before)) continue;
      if (/\d\s*(?:to|through|thru|until|and|or|-|–)\s*$/i.test(before)) continue;
      const end = m.index + m[1]!.length + m[2]!.indexOf(noun) + noun.length;
      const after = c.text.slice(end, end + 30);
      // "three months earlier", "two weeks later": a span of time, not units of the document
      if (/^\s*(?:earlier|later|ago|before|after|previously|long|old|apart|away|late|early|in\s+advance|of\s+(?:age|silence|waiting))\b/i.test(after)) continue;
      if (/^\s*(?:-|–|to|through)\s*\d/.test(after) && !isPluralForm(noun)) continue;
      out.push({ noun, count: corrected(c.text.slice(end, end + 60)) ?? n, clause: i, weak: /\ball\s*$/.test(before) });
    }
    // "Chapters: 28", "Number of chapters: 28", "chapters = 28": a form filled in prose
    for (const m of c.text.matchAll(new RegExp(`(?:^|[.;,(|]\\s*|\\b(?:number|no\\.?|#)\\s+of\\s+)(${WORD})(?:\\s+(?:count|total))?\\s*(?::|=|–|—)\\s*(${N})(?![\\d,.]*\\s*(?:k\\b|words?|characters?|[-–]\\s*\\d))`, "giu"))) {
      const n = parseNumber(m[2]!);
      if (n === null || n < 1 || n > 5000 || !Number.isInteger(n) || isOrdinal(m[2]!)) continue;
      // "Chapters: 24", "chapter count: 25"
      const counted = /\s(?:count|total)\s*[:=–—]/i.test(m[0]);
      if (!unit(m[1]!, body) || (!isPluralForm(m[1]!) && !counted)) continue;
      out.push({ noun: counted && !isPluralForm(m[1]!) ? pluralOf(singularOf(m[1]!) ?? guessSingular(m[1]!)) : m[1]!, count: n, clause: i });
    }
    // "Twelve chapters. Actually, make that 14.": the count of the sentence before, taken back
    const retake = corrected(c.text);
    const prior = [...out].reverse().find((d) => d.clause === i - 1);
    if (retake !== null && prior && new RegExp(`^\\s*(?:[\\p{L}'’]+[\\s,:.!—–-]+){1,5}(?:${N})\\s*(?:${WORD})?\\s*[.!]?\\s*$`, "iu").test(c.text)) {
      const noun = /(\p{L}+)\s*[.!]?\s*$/u.exec(c.text)?.[1];
      if (!noun || /^\d/.test(noun) || levelName(noun) === levelName(prior.noun) || !unit(noun, body)) {
        for (const d of out) if (d.clause === i - 1 && levelName(d.noun) === levelName(prior.noun)) d.count = retake;
        for (let k = out.length - 1; k >= 0 && out[k]!.clause === i; k--) if (levelName(out[k]!.noun) === levelName(prior.noun)) out.splice(k, 1);
        out.push({ ...prior, count: retake, clause: i });
      }
    }
    // "eight in all", "(31 in all)": a count whose noun came before
    for (const m of c.text.matchAll(new RegExp(`\\b(${N})\\s+(?:in\\s+all|in\\s+total|altogether|all\\s+told)\\b`, "giu"))) {
      const n = parseNumber(m[1]!);
      if (n === null || n < 2 || !Number.isInteger(n)) continue;
      const earlier = [...c.text.slice(0, m.index).matchAll(new RegExp(`(${WORD})`, "gu"))].map((w) => w[1]!).reverse().find((w) => isUnitNoun(w, body) && isPluralForm(w));
      if (earlier && !/^\s*(?:words?|characters?)/i.test(c.text.slice(m.index + m[0].length))) out.push({ noun: earlier, count: n, clause: i });
    }
  });
  return out;
}

/**
 * A count the writer takes back in the same breath: "12 chapters — actually, make that 14", "ten
 * stories (no, twelve)", "20 chapters, or rather 22". The later number is the count.
 */
function corrected(after: string): number | null {
  const m = new RegExp(`^\\s*[-–—,;:(]*\\s*((?:[\\p{L}'’]+[\\s,:.!—–-]+){1,5})(${N})(?![\\d,.]*\\s*(?:words?|characters?|k\\b))`, "iu").exec(after);
  if (!m) return null;
  const words = m[1]!.toLowerCase().split(/[^\p{L}'’]+/u).filter(Boolean);
  if (!words.every((w) => CORRECTION_WORDS.has(w.replace(/’/g, "'"))) || !words.some((w) => CORRECTION_CUES.has(w.replace(/’/g, "'")))) return null;
  const n = parseNumber(m[2]!);
  return n !== null && Number.isInteger(n) && n > 0 ? n : null;
}

const CORRECTION_CUES = new Set(["no", "sorry", "actually", "wait", "scratch", "correction", "rather", "mean", "make", "say", "change"]);
const CORRECTION_WORDS = new Set([...CORRECTION_CUES, "well", "hmm", "ok", "okay", "that", "it", "or", "i", "let's", "lets", "go", "with", "to", "oh"]);

const SAME_IN_PLURAL = new Set(["kapitel", "mois", "abschnitt"]);

/** Plural as written ("stories", "Kapitel" and "mois" count too: their plural is the same word). */
function isPluralForm(word: string): boolean {
  const w = word.toLowerCase();
  const s = singularOf(w);
  if (s && s !== w) return true;
  if (s && pluralOf(s) === w) return true;
  // nouns whose plural is the same word ("18 Kapitel", "12 mois")
  if (s && SAME_IN_PLURAL.has(w)) return true;
  return /[^s]s$|ies$|es$/.test(w) && guessSingular(w) !== w;
}

/** "three parts of four chapters each", "4 modules x 3 lessons", "5 modules × 4 lessons each": a product of levels. */
const NEST_EACH = new RegExp(
  `(${N})\\s+(?:${WORD}\\s+)??(${WORD})\\s*,?\\s*(?:each\\s+)?(?:of|with|containing|holding|having|made\\s+up\\s+of|divided\\s+into|split\\s+into|comprising|broken\\s+into|(?<=each\\s+)in|x|×|\\*|times)\\s+(${N})\\s+(?:${WORD}\\s+)??(${WORD})(\\s+(?:each|apiece)|\\s+per\\s+\\w+)?`, "giu");
const NEST_IN = new RegExp(`(${N})\\s+(?:${WORD}\\s+)??(${WORD})\\s+(?:(?:delivered|taught|given|held|run|written|published|released|posted|sent|spread|organi[sz]ed)\\s+)?(?:in|across|over|grouped\\s+into|divided\\s+into|split\\s+into|spread\\s+(?:across|over)|arranged\\s+in)\\s+(${N})\\s+(${WORD})`, "giu");
const IN_EACH_OF = new RegExp(`(${N})\\s+(?:${WORD}\\s+)??(${WORD})\\s+(?:in|for|per|to)\\s+each\\s+of\\s+(?:the\\s+|its\\s+)?(${N})\\s+(?:${WORD}\\s+)??(${WORD})`, "giu");
const EACH_HAS = new RegExp(`\\b(?:each|every)\\s+(${WORD})\\s+(?:has|have|contains|holds|is\\s+made\\s+up\\s+of|consists\\s+of|is\\s+divided\\s+into|is\\s+split\\s+into|comprises|should\\s+have|will\\s+have|gets|with|of|in|having|holding|containing|[:—–-]|=)?\\s*(${N})\\s+(?:${WORD}\\s+)??(${WORD})`, "giu");
const PER = new RegExp(`(${N})\\s+(${WORD})\\s+(?:per|a|in\\s+each|for\\s+each)\\s+(${WORD})`, "giu");
/** "two seasons, ten episodes each" */
const NEST_COMMA = new RegExp(`(${N})\\s+(?:${WORD}\\s+)??(${WORD})\\s*,\\s*(${N})\\s+(?:${WORD}\\s+)??(${WORD})\\s+(?:(?:in|for|to)\\s+)?(?:each|apiece|a\\s+piece)\\b`, "giu");
const ONE_FOR_EACH = new RegExp(`(${N})\\s+(?:${WORD}\\s+)??(${WORD})\\s*,?\\s*one\\s+(?:for\\s+each|per|a|each)\\s+(${WORD})`, "giu");

interface Nesting {
  outer: string;
  outerCount: number | null;
  inner: string;
  innerPer: number | null;
  innerTotal: number | null;
  clause: number;
}

function unit(noun: string, body: string): boolean {
  return isUnitNoun(noun, body);
}

export function readStructure(pieces: BodyPieces, body: string): StructureReading {
  const { clauses } = pieces;
  const consumed = new Set<number>();
  const assumptions: StructureReading["assumptions"] = [];
  const unitLists = new Map<number, string>();
  const unitHeadings = new Map<number, { level: string; index: number }>();
  let declarations = findDeclarations(clauses, body);

  // "52 entries, one for each week": the entries are the weeks (the calendar reader takes the period)
  const renamed = new Map<string, string>();
  clauses.forEach((c, i) => {
    for (const m of c.text.matchAll(ONE_FOR_EACH)) if (unit(m[3]!, body) && parseNumber(m[1]!) !== null) consumed.add(i);
    if (/\bone\s+[\p{L}]+\s+(?:a|per|each|every|for\s+each|for\s+every)\s+(?:day|week|month|night|sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/iu.test(c.text)) consumed.add(i);
  });
  // nesting
  const nestings: Nesting[] = [];
  /** Outer levels whose count the nesting did not say. */
  const uncounted = new Set<string>();
  clauses.forEach((c, i) => {
    for (const m of c.text.matchAll(NEST_EACH)) {
      // "five city chapters": the pattern stops at the adjective; the noun is the next word
      const inner = unit(m[4]!, body) ? m[4]! : (/^\s+([\p{L}]+)/u.exec(c.text.slice(m.index + m[0].length))?.[1] ?? m[4]!);
      if (!unit(m[2]!, body) || !unit(inner, body) || isOrdinal(m[1]!) || isOrdinal(m[3]!)) continue;
      if (levelName(m[2]!) === levelName(inner)) continue;
      nestings.push({ outer: levelName(m[2]!), outerCount: parseNumber(m[1]!), inner: levelName(inner), innerPer: parseNumber(m[3]!), innerTotal: null, clause: i });
    }
    for (const m of c.text.matchAll(NEST_COMMA)) {
      if (!unit(m[2]!, body) || !unit(m[4]!, body) || isOrdinal(m[1]!) || isOrdinal(m[3]!) || levelName(m[2]!) === levelName(m[4]!)) continue;
      nestings.push({ outer: levelName(m[2]!), outerCount: parseNumber(m[1]!), inner: levelName(m[4]!), innerPer: parseNumber(m[3]!), innerTotal: null, clause: i });
    }
    for (const m of c.text.matchAll(NEST_IN)) {
      if (!unit(m[2]!, body) || !unit(m[4]!, body) || isOrdinal(m[1]!)) continue;
      if (levelName(m[2]!) === levelName(m[4]!)) continue;
      nestings.push({ outer: levelName(m[4]!), outerCount: parseNumber(m[3]!), inner: levelName(m[2]!), innerPer: null, innerTotal: parseNumber(m[1]!), clause: i });
    }
    // "8 chapters in each of 3 parts"
    for (const m of c.text.matchAll(IN_EACH_OF)) {
      if (!unit(m[2]!, body) || !unit(m[4]!, body) || levelName(m[2]!) === levelName(m[4]!) || isOrdinal(m[1]!)) continue;
      nestings.push({ outer: levelName(m[4]!), outerCount: parseNumber(m[3]!), inner: levelName(m[2]!), innerPer: parseNumber(m[1]!), innerTotal: null, clause: i });
    }
    for (const m of c.text.matchAll(EACH_HAS)) {
      if (!unit(m[1]!, body) || !unit(m[3]!, body)) continue;
      if (levelName(m[1]!) === levelName(m[3]!)) continue;
      nestings.push({ outer: levelName(m[1]!), outerCount: null, inner: levelName(m[3]!), innerPer: parseNumber(m[2]!), innerTotal: null, clause: i });
    }
    for (const m of c.text.matchAll(PER)) {
      if (!unit(m[2]!, body) || !unit(m[3]!, body) || levelName(m[2]!) === levelName(m[3]!)) continue;
      // "one entry a day": the entries are the days, not a level inside them
      if ((parseNumber(m[1]!) ?? 0) < 2) continue;
      nestings.push({ outer: levelName(m[3]!), outerCount: null, inner: levelName(m[2]!), innerPer: parseNumber(m[1]!), innerTotal: null, clause: i });
    }
  });

  // uneven: "Part One has three chapters, Part Two has five"
  const uneven = readUnevenCounts(clauses, body);

  declarations = declarations.map((d) => ({ ...d, noun: renamed.get(guessSingular(d.noun)) ?? d.noun }));
  const byLevel = new Map<string, Declaration[]>();
  for (const d of declarations) {
    const name = levelName(d.noun);
    byLevel.set(name, [...(byLevel.get(name) ?? []), d]);
  }

  let levels: StructureLevel[] = [];
  const countOf = (name: string): number | null => {
    const ds = byLevel.get(name) ?? [];
    const strong = ds.filter((d) => !d.weak);
    return (strong[0] ?? ds[0])?.count ?? null;
  };

  if (uneven) {
    levels = [{ name: uneven.outer, count: uneven.counts.length, ...(uneven.titles ? { titles: uneven.titles } : {}) }, { name: uneven.inner, count: Math.max(...uneven.counts), counts: uneven.counts }];
    uneven.clauses.forEach((i) => consumed.add(i));
  } else if (nestings.length > 0) {
    // build the chain outermost first from the nesting facts
    const chain = chainOf(nestings);
    const counts: StructureLevel[] = [];
    let parents = 1;
    for (let k = 0; k < chain.length; k++) {
      const name = chain[k]!;
      const asInner = nestings.find((x) => x.inner === name);
      const asOuter = nestings.find((x) => x.outer === name);
      let total = asOuter?.outerCount ?? asInner?.innerTotal ?? countOf(name);
      let per = asInner?.innerPer ?? null;
      if (per === null && total !== null) per = total / parents;
      if (per === null) {
        // "Ten poems per section" under a list of the sections: how many comes from the list, if any
        per = 1;
        if (k === 0) uncounted.add(name);
      }
      if (!Number.isInteger(per)) {
        const t = total ?? Math.round(per * parents);
        const base = Math.floor(t / parents);
        const extra = t - base * parents;
        const spread = Array.from({ length: parents }, (_, j) => base + (j < extra ? 1 : 0));
        counts.push({ name, count: base + (extra > 0 ? 1 : 0), counts: spread });
        assumptions.push({ clause: asInner?.clause ?? 0, why: `${t} ${name.toLowerCase()}s do not divide evenly into ${parents} ${chain[k - 1]?.toLowerCase()}s: read as ${spread.join(", ")}` });
        parents = t;
        continue;
      }
      counts.push({ name, count: per });
      total = per * parents;
      parents = total;
    }
    levels = counts;
    for (const x of nestings) consumed.add(x.clause);
  } else if (byLevel.size > 0) {
    levels = chooseLevels(byLevel, declarations, assumptions);
  }
  for (const d of declarations) if (levels.some((l) => l.name === levelName(d.noun))) consumed.add(d.clause);

  // "5 chapters titled 'The Seed', 'The Root', … and 'The Flower'": titles in a sentence
  for (const c of clauses) {
    const m = new RegExp(`\\b(${N})\\s+(${WORD})\\s+(?:titled|called|named|entitled)\\s+((?:["“‘'][^"”’']+["”’']\\s*(?:,|and|&)?\\s*(?:and\\s+)?){2,})`, "iu").exec(c.text);
    if (!m) continue;
    const titles = [...m[3]!.matchAll(/["“‘']([^"”’']+)["”’']/g)].map((t) => t[1]!.trim());
    const level = levels.find((l) => l.name === levelName(m[2]!));
    if (level && titles.length === level.count) level.titles = titles;
  }

  // titled lists and outline headings
  const listed = readTitledLists(pieces, levels, body);
  if (listed) {
    unitLists.set(listed.list, listed.level.name);
    // an item that is only a title ("Module 1 – Getting set up") places nothing
    pieces.clauses.forEach((c, i) => {
      if (c.list === listed.list && c.itemIndex !== undefined && listed.titleOnly.has(c.itemIndex)) consumed.add(i);
    });
    const existing = levels.find((l) => l.name === listed.level.name);
    if (existing && listed.indices && existing.count >= Math.max(...listed.indices)) {
      // notes on some units by number ("ch. 1 …", "ch. 7 …", "ch. 25 …" of 25): the count stands
      existing.titles = Array.from({ length: existing.count }, (_, k) => listed.titles[listed.indices!.indexOf(k + 1)] ?? "");
    } else if (existing && uncounted.has(existing.name) && levels[0] === existing) {
      existing.count = listed.titles.length;
      existing.titles = listed.titles;
    } else if (existing) {
      const total = levels.slice(0, levels.indexOf(existing) + 1).reduce((n, l) => n * l.count, 1);
      // notes that name units past the list's length ("Week 6: …" among three lines of a six-week
      // course) are notes on some units, not the list of all of them: the stated count stands
      const notesOnSome = existing.count !== listed.titles.length && (listed.highest ?? 0) > listed.titles.length;
      if ((total === listed.titles.length || levels.length === 1) && !notesOnSome) {
        if (levels.length === 1 && existing.count !== listed.titles.length) {
          assumptions.push({ clause: listed.leadClause ?? 0, why: `the brief says ${existing.count} ${existing.name.toLowerCase()}s but lists ${listed.titles.length}: the list is taken` });
          existing.count = listed.titles.length;
        }
        existing.titles = listed.titles;
      }
    } else if (levels.length === 0) {
      const count = listed.indices ? Math.max(...listed.indices) : listed.titles.length;
      levels = [{ name: listed.level.name, count, titles: listed.indices ? Array.from({ length: count }, (_, k) => listed.titles[listed.indices!.indexOf(k + 1)] ?? "") : listed.titles }];
    }
  }
  if (levels.length === 0 && !listed) {
    const guessed = unnamedTitleList(pieces, body);
    if (guessed) {
      levels = [guessed.level];
      unitLists.set(guessed.list, guessed.level.name);
      assumptions.push({ clause: guessed.leadClause, why: `the brief lists ${guessed.level.count} titles without naming its units: read as ${guessed.level.count} ${pluralOf(guessed.level.name)}` });
    }
  }
  if (levels.length === 0) {
    const outline = readOutline(pieces);
    if (outline) {
      levels = outline.levels;
      for (const [k, v] of outline.unitHeadings) unitHeadings.set(k, v);
    }
  } else {
    for (const [k, v] of readOutline(pieces)?.unitHeadings ?? []) if (levels.some((l) => l.name === v.level)) unitHeadings.set(k, v);
  }
  // "Ten poems in each." after the sections are listed or counted: a level inside the only one
  if (levels.length === 1) {
    for (const [i, c] of clauses.entries()) {
      const m = new RegExp(`^\\s*(?:with\\s+|and\\s+)?(${N})\\s+(?:${WORD}\\s+)??(${WORD})\\s+(?:in\\s+each|each|apiece|per\\s+one|in\\s+every\\s+one)\\s*[.;!]?\\s*$`, "iu").exec(c.text);
      const per = m ? parseNumber(m[1]!) : null;
      if (!m || per === null || per < 2 || !unit(m[2]!, body) || levelName(m[2]!) === levels[0]!.name) continue;
      levels.push({ name: levelName(m[2]!), count: per });
      consumed.add(i);
      for (let k = assumptions.length - 1; k >= 0; k--) if (/^the brief counts both/.test(assumptions[k]!.why)) assumptions.splice(k, 1);
      break;
    }
  }
  // "Chapters I–XII, about 3,000 words each": a range from the first that is all the brief says of how many
  if (levels.length === 0) {
    for (const [i, c] of clauses.entries()) {
      const m = new RegExp(`\\b(${WORD})\\s+(?:1|one|I)\\s*(?:-|–|—|to|through)\\s*(\\d+|${ROMAN_SOURCE}|${N})(?![\\p{L}\\d])`, "u").exec(c.text);
      if (!m || !unit(m[1]!, body) || !isPluralForm(m[1]!)) continue;
      const n = parseNumber(m[2]!, { roman: true });
      const rest = c.text.replace(m[0], "").replace(/[\d,.]+\s*(?:words?|characters?)\b.*$/i, "");
      if (n === null || n < 2 || rest.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length > 2) continue;
      levels = [{ name: levelName(m[1]!), count: n }];
      consumed.add(i);
      break;
    }
  }
  // "Write 15 flash fictions about the sea", "A set of 8 case studies": what the brief asks to be written, counted, is its units
  if (levels.length === 0) {
    const asked = new RegExp(`^\\s*(?:(?:please\\s+)?(?:write|draft|create|give\\s+me|I\\s+(?:want|need|would\\s+like))\\s+(?:me\\s+)?)?(?:(?:a|an)\\s+(?:set|series|collection|cycle|sequence|book|anthology|suite|run)\\s+of\\s+)?(${N})\\s+((?:[\\p{L}][\\p{L}'’-]*\\s+){0,2}[\\p{L}][\\p{L}'’-]*)`, "iu");
    for (const [i, c] of clauses.slice(0, 3).entries()) {
      const m = asked.exec(c.text);
      const n = m ? parseNumber(m[1]!) : null;
      if (!m || n === null || n < 2 || n > 500 || !Number.isInteger(n) || isOrdinal(m[1]!)) continue;
      const words = m[2]!.split(/\s+/);
      const at = words.findIndex((w) => /[^s]s$|ies$/i.test(w) && !FUNCTION_WORDS.test(w));
      const noun = at >= 0 ? words[at]! : null;
      if (!noun || NOT_UNITS.test(guessSingular(noun)) || words.slice(0, at).some((w) => FUNCTION_WORDS.test(w))) continue;
      // a title-like phrase ("20 limericks about cats."), not a sentence about people ("3 sisters inherit a farm")
      const next = c.text.slice(m.index + m[0].length - m[2]!.length).split(/\s+/).slice(at + 1).join(" ");
      if (!m[0].match(/^\s*(?:please|write|draft|create|give|i\s|a\s|an\s)/i) && next && !/^(?:[,.;:!—–(-]|(?:about|on|for|set|featuring|in|of|that|exploring|with|from|around|inspired|based|told|written|each|,)\b)/i.test(next)) continue;
      const name = levelName(noun);
      levels = [{ name, count: n }];
      consumed.add(i);
      assumptions.push({ clause: i, why: `read as ${n} ${pluralOf(name)}, the units the brief counts` });
      break;
    }
  }
  return { levels, consumed, assumptions, unitLists, unitHeadings, declarations };
}

/** Outermost first, from "X holds Y" facts. */
function chainOf(nestings: Nesting[]): string[] {
  const inners = new Set(nestings.map((n) => n.inner));
  const top = nestings.map((n) => n.outer).find((o) => !inners.has(o)) ?? nestings[0]!.outer;
  const chain = [top];
  for (let guard = 0; guard < 6; guard++) {
    const next = nestings.find((n) => n.outer === chain[chain.length - 1] && !chain.includes(n.inner));
    if (!next) break;
    chain.push(next.inner);
  }
  return chain;
}

/** Several counted nouns and no nesting said: one level if they agree, else nest by the usual order when the counts divide. */
function chooseLevels(byLevel: Map<string, Declaration[]>, declarations: Declaration[], assumptions: StructureReading["assumptions"]): StructureLevel[] {
  const names = [...byLevel.keys()];
  const count = (name: string) => (byLevel.get(name)!.find((d) => !d.weak) ?? byLevel.get(name)![0]!).count;
  // the same number under two names ("300 floors" … "300 entries"): one level, named by the more specific noun
  const distinct: string[] = [];
  for (const name of names) {
    const same = distinct.find((d) => count(d) === count(name));
    if (!same) distinct.push(name);
    else if (conceptOf(same) === "leaf" && conceptOf(name) !== "leaf") distinct[distinct.indexOf(same)] = name;
  }
  if (distinct.length === 1) return [{ name: distinct[0]!, count: count(distinct[0]!) }];
  const ranked = distinct.filter((n) => nounRank(n) !== undefined).sort((a, b) => nounRank(a)! - nounRank(b)!);
  if (ranked.length >= 2) {
    const [outer, inner] = ranked as [string, string];
    const a = count(outer);
    const b = count(inner);
    if (nounRank(outer)! < nounRank(inner)! && b % a === 0 && b > a) {
      const first = declarations.find((d) => levelName(d.noun) === inner)!;
      assumptions.push({
        clause: first.clause,
        why: `${b} ${inner.toLowerCase()}s and ${a} ${outer.toLowerCase()}s: read as ${a} ${outer.toLowerCase()}s of ${b / a} ${inner.toLowerCase()}s each`,
        alternative: { description: `${b} ${inner.toLowerCase()}s, no ${outer.toLowerCase()}s`, structure: [{ name: inner, count: b }] },
      });
      return [{ name: outer, count: a }, { name: inner, count: b / a }];
    }
  }
  // otherwise the first stated shape of the document
  const first = declarations.find((d) => !d.weak && distinct.includes(levelName(d.noun))) ?? declarations[0]!;
  const name = levelName(first.noun);
  const others = distinct.filter((d) => d !== name);
  if (others.length > 0) {
    assumptions.push({ clause: first.clause, why: `the brief counts both ${distinct.map((d) => `${count(d)} ${d.toLowerCase()}s`).join(" and ")}: read as ${count(name)} ${name.toLowerCase()}s` });
  }
  return [{ name, count: count(name) }];
}

function readUnevenCounts(given: Clause[], body: string): { outer: string; inner: string; counts: number[]; clauses: number[]; titles?: string[] } | null {
  // "Part II, The War, has six": the title between commas names the part; the count is read without it
  const named = new Map<number, string>();
  const titled = new RegExp(`\\b(${WORD})\\s+(${N}|${ROMAN_SOURCE})\\s*,\\s*((?:\\p{Lu}[\\p{L}'’-]*\\s+){0,3}\\p{Lu}[\\p{L}'’-]*)\\s*,\\s*(?=(?:has|have|holds|contains|gets|is)\\b)`, "gu");
  const clauses = given.map((c) => {
    const text = c.text.replace(titled, (all, noun: string, idx: string, title: string) => {
      const k = parseNumber(idx, { roman: true });
      if (k === null || !unit(noun, body)) return all;
      named.set(k, title);
      return `${noun} ${idx} `;
    });
    return text === c.text ? c : { ...c, text };
  });
  const re = new RegExp(`\\b(${WORD})\\s+(${N}|${ROMAN_SOURCE})\\s*(?:has|have|holds|contains|gets|with|:|—|–|-)?\\s*(${N})\\s+(${WORD})`, "giu");
  const found: { outer: string; index: number; count: number; inner: string; clause: number }[] = [];
  clauses.forEach((c, i) => {
    for (const m of c.text.matchAll(re)) {
      if (!unit(m[1]!, body) || !unit(m[4]!, body) || levelName(m[1]!) === levelName(m[4]!)) continue;
      const index = parseNumber(m[2]!, { roman: true });
      const count = parseNumber(m[3]!);
      if (index === null || count === null || isOrdinal(m[3]!)) continue;
      found.push({ outer: levelName(m[1]!), index, count, inner: levelName(m[4]!), clause: i });
    }
    // "Part Two has five" (the inner noun said once before)
    const tail = new RegExp(`(?:^|,\\s*|\\s+)(?:and\\s+)?(${WORD})\\s+(${N}|${ROMAN_SOURCE})\\s+(?:has|have|holds|contains|gets)?\\s*(${N})(?!\\d|[,.]\\d)(?!\\s*(?!and\\b|or\\b)\\p{L})`, "giu");
    const last = found[found.length - 1];
    // in the same sentence, or the next piece of it ("…has four chapters; Part II has six")
    if (last && (last.clause === i || last.clause === i - 1)) {
      for (const m of c.text.matchAll(tail)) {
        const index = parseNumber(m[2]!, { roman: true });
        const count = parseNumber(m[3]!);
        if (levelName(m[1]!) === last.outer && index !== null && count !== null) found.push({ outer: last.outer, index, count, inner: last.inner, clause: i });
      }
    }
  });
  // "Chapters 1 to 4 have two scenes each; chapters 5 to 8 have three", "Act 1 is scenes 1 to 5, Act 2 is scenes 6 to 9"
  const byRange = new RegExp(`\\b(${WORD})\\s+(${N}|${ROMAN_SOURCE})\\s*(?:-|–|to|through)\\s*(${N}|${ROMAN_SOURCE})\\s+(?:have|has|get|contain|hold)\\s+(${N})\\s+(${WORD})(?:\\s+each)?`, "giu");
  // the verb may be left out after the first ("Act one is scenes 1 to 6, act two scenes 7 to 18")
  const spans = new RegExp(`\\b(${WORD})\\s+(${N}|${ROMAN_SOURCE})\\s+(?:(?:is|has|covers|spans|holds|contains|takes|runs\\s+over|:|=)\\s+)?(${WORD})\\s+(${N})\\s*(?:-|–|to|through)\\s*(${N})`, "giu");
  clauses.forEach((c, i) => {
    for (const m of c.text.matchAll(byRange)) {
      if (!unit(m[1]!, body) || !unit(m[5]!, body)) continue;
      const a = parseNumber(m[2]!, { roman: true });
      const b = parseNumber(m[3]!, { roman: true });
      const count = parseNumber(m[4]!);
      if (a === null || b === null || count === null) continue;
      for (let k = a; k <= b; k++) found.push({ outer: levelName(m[1]!), index: k, count, inner: levelName(m[5]!), clause: i });
    }
    for (const m of c.text.matchAll(spans)) {
      if (!unit(m[1]!, body) || !unit(m[3]!, body) || levelName(m[1]!) === levelName(m[3]!)) continue;
      const index = parseNumber(m[2]!, { roman: true });
      const a = parseNumber(m[4]!);
      const b = parseNumber(m[5]!);
      if (index === null || a === null || b === null || b < a) continue;
      found.push({ outer: levelName(m[1]!), index, count: b - a + 1, inner: levelName(m[3]!), clause: i });
    }
  });
  if (found.length < 2) return null;
  const outer = found[0]!.outer;
  const same = found.filter((f) => f.outer === outer && f.inner === found[0]!.inner);
  // the first reading of each unit stands ("Act Two 20 scenes" is not read again as "Act Two 2")
  const byIndex = new Map<number, number>();
  for (const f of same) if (!byIndex.has(f.index)) byIndex.set(f.index, f.count);
  const max = Math.max(...byIndex.keys());
  if (byIndex.size < 2 || byIndex.size !== max) return null;
  const counts = Array.from({ length: max }, (_, k) => byIndex.get(k + 1)!);
  if (counts.every((c) => c === counts[0])) return null;
  const titles = named.size > 0 ? counts.map((_, k) => named.get(k + 1) ?? "") : undefined;
  return { outer, inner: found[0]!.inner, counts, clauses: [...new Set(same.map((f) => f.clause))], ...(titles ? { titles } : {}) };
}

interface ListedUnits {
  list: number;
  level: StructureLevel;
  titles: string[];
  leadClause?: number;
  /** The unit numbers the items carry, when they skip some ("ch. 1", "ch. 7", "ch. 25"). */
  indices?: number[];
  /** Items that hold a title and nothing else. */
  titleOnly: Set<number>;
  /** The highest unit number a numbered item gives (0 when none does). */
  highest?: number;
}

/** "Chapters:\n1. Arrival\n2. The Storm" or "- Section 1: Herons": a list whose items are the units. */
function readTitledLists(pieces: BodyPieces, levels: StructureLevel[], body: string): ListedUnits | null {
  for (const list of pieces.lists) {
    if (list.items.length < 2) continue;
    const leadNoun = list.lead ? new RegExp(`(${WORD})\\s*(?:\\(|$|:|are|will\\s+be|titles|outline|list)`, "iu").exec(list.lead.trim()) : null;
    const numbered = list.items.map((item) => new RegExp(`^(${WORD})\\s+(\\d+|${ROMAN_SOURCE}|${N})(?![\\p{L}\\d])\\s*[:.—–-]?\\s*(.*)$`, "iu").exec(item));
    let noun: string | null = null;
    const pluralUnit = (text: string) => text.split(/\s+/).map((w) => w.replace(/[^\p{L}'’-]/gu, "")).filter(Boolean).reverse().find((w) => unit(w, body) && isPluralForm(w) && !NOT_UNITS.test(guessSingular(w))) ?? null;
    const leadClause = pieces.clauses.findIndex((c) => list.lead !== undefined && c.text.replace(/:\s*$/, "") === list.lead);
    const allNumbered = numbered.every((m) => m && unit(m[1]!, body) && levelName(m[1]!) === levelName(numbered[0]![1]!));
    if (allNumbered) noun = numbered[0]![1]!;
    else if (leadNoun) noun = pluralUnit(list.lead!) ?? new RegExp(`\\b(${WORD})\\s+(?:collection|anthology|cycle|sequence|series)\\b`, "iu").exec(list.lead!)?.[1] ?? null;
    // "Story collection:": a collection of that unit
    if (noun && !unit(noun, body) && !isKnownUnitNoun(noun)) noun = null;
    // "A collection of short stories … Running order:": the units were named in the sentence before the lead
    if (!noun && list.lead !== undefined && leadClause > 0 && levels.length === 0 && !pieces.clauses[leadClause - 1]!.listItem) noun = pluralUnit(pieces.clauses[leadClause - 1]!.text);
    if (!noun) continue;
    const name = levelName(noun.replace(/[’']s$/, ""));
    // a title begins with a capital or a quote; "the funeral in Cork" is what happens, not what it is called
    const titles = list.items.map((item, k) => {
      const t = titleOf(allNumbered ? numbered[k]![3]! : item);
      return allNumbered && !/^[\p{Lu}\p{N}"“‘'*_]/u.test(t) ? "" : t;
    });
    // a list of instructions is not a list of units: most items must read as titles (or carry the units' numbers)
    if (!allNumbered && titles.filter(Boolean).length * 2 < titles.length) continue;
    const level = levels.find((l) => l.name === name) ?? { name, count: list.items.length };
    const numbers = allNumbered ? numbered.map((m) => parseNumber(m![2]!, { roman: true })) : [];
    const inOrder = numbers.every((n, k) => n === k + 1);
    const indices = allNumbered && !inOrder && numbers.every((n, k) => n !== null && n >= 1 && (k === 0 || n > numbers[k - 1]!)) ? (numbers as number[]) : undefined;
    // notes on some units by number ("ch. 7 – Nora leaves for Boston") are what happens in them; a short
    // or title-cased item ("Module 6 – Year end", "Chapter 9 – The Long Night") is the unit's title
    if (indices) {
      const isTitle = (t: string) => Boolean(t) && (t.split(/\s+/).length <= 3 || t.split(/\s+/).every((w) => w.length < 4 || /^[\p{Lu}\p{N}"“‘']/u.test(w)));
      const kept = titles.map((t) => (isTitle(t) ? t : ""));
      return { list: list.id, level, titles: kept, leadClause: leadClause >= 0 ? leadClause : undefined, indices, titleOnly: new Set(kept.flatMap((t, k) => (t && titleOf(numbered[k]![3]!) === numbered[k]![3]!.trim() ? [k] : []))) };
    }
    // the highest unit number an item gives ("Week 6: …"), numbered items only
    const highest = Math.max(0, ...numbered.map((m) => (m && levelName(m[1]!) === name ? (parseNumber(m[2]!, { roman: true }) ?? 0) : 0)));
    const own = (item: string, k: number) => (allNumbered ? numbered[k]![3]! : item);
    const titleOnly = new Set(list.items.map((item, k) => (titles[k] && titleOf(own(item, k)) === own(item, k).trim().replace(/^["“'‘*_]+|["”'’*_]+$/g, "") ? k : -1)).filter((k) => k >= 0));
    return { list: list.id, level, titles, leadClause: leadClause >= 0 ? leadClause : undefined, ...(indices ? { indices } : {}), titleOnly, highest };
  }
  return null;
}

/** What a work's units are called when its brief lists their titles without saying: a novel's are chapters. */
const UNIT_OF_KIND: [RegExp, string][] = [
  [/\b(?:poe(?:m|ms|try)|pamphlet|chapbook|verse)\b/i, "Poem"],
  [/\b(?:stories|story\s+(?:collection|cycle)|anthology)\b/i, "Story"],
  [/\b(?:essays)\b/i, "Essay"],
  [/\b(?:course|class|workshop|curriculum|syllabus)\b/i, "Lesson"],
  [/\b(?:podcast|series|season|show)\b/i, "Episode"],
  [/\b(?:novel|novella|memoir|book|saga|thriller|romance|mystery|biography|manuscript)\b/i, "Chapter"],
];

/**
 * "A YA novel about a swim team. Outline: 1. The Tryout 2. Cold Water …": a list of titles under a
 * lead-in, with no unit noun anywhere: the units are the items, named for the kind of work.
 */
function unnamedTitleList(pieces: BodyPieces, body: string): { list: number; level: StructureLevel; leadClause: number } | null {
  for (const list of pieces.lists) {
    if (list.items.length < 2 || list.lead === undefined) continue;
    if (!/\b(?:outline|plan|running\s+order|order|contents|line-?up|titles|structure|breakdown|parts?|sections?)\b/i.test(list.lead)) continue;
    const titles = list.items.map((item) => titleOf(item));
    if (!titles.every((t) => t && /^[\p{Lu}\p{N}"“‘']/u.test(t))) continue;
    const name = UNIT_OF_KIND.find(([re]) => re.test(body))?.[1] ?? "Section";
    const leadClause = pieces.clauses.findIndex((c) => c.text.replace(/:\s*$/, "") === list.lead);
    return { list: list.id, level: { name, count: titles.length, titles }, leadClause: Math.max(0, leadClause) };
  }
  return null;
}

/** The title part of a list item: before a colon or dash when what follows reads as a description, else the whole short item. */
export function titleOf(item: string): string {
  const t = item.trim().replace(/^["“'‘*_]+|["”'’*_]+$/g, "");
  const split = /^(.{1,80}?)\s*(?::|—|–|\s-\s)\s*(.+)$/.exec(t);
  if (split && split[1]!.split(/\s+/).length <= 8) return split[1]!.replace(/^["“'‘*_]+|["”'’*_]+$/g, "").trim();
  return t.split(/\s+/).length <= 8 && !/[.!?]$/.test(t) ? t : "";
}

/** "## Part One" / "### Chapter 3: The Storm": an outline in headings. */
function readOutline(pieces: BodyPieces): { levels: StructureLevel[]; unitHeadings: Map<number, { level: string; index: number }> } | null {
  const re = new RegExp(`^(${WORD})\\s+(\\d+|${NUMBER_SOURCE}|${ROMAN_SOURCE})\\b\\s*[:.—–-]?\\s*(.*)$`, "iu");
  const byDepth = new Map<number, { name: string; items: { order: number; index: number; title: string; parent: number | null }[] }>();
  let lastAtDepth = new Map<number, number>();
  for (const h of pieces.headings) {
    const m = re.exec(h.text);
    if (!m || !singularOf(m[1]!)) continue;
    const index = parseNumber(m[2]!, { roman: true });
    if (index === null) continue;
    const name = levelName(m[1]!);
    const entry = byDepth.get(h.depth) ?? { name, items: [] };
    if (entry.name !== name) continue;
    const parentDepth = [...lastAtDepth.keys()].filter((d) => d < h.depth).sort((a, b) => b - a)[0];
    entry.items.push({ order: h.order, index, title: titleOf(m[3] ?? ""), parent: parentDepth === undefined ? null : lastAtDepth.get(parentDepth)! });
    byDepth.set(h.depth, entry);
    lastAtDepth = new Map([...lastAtDepth].filter(([d]) => d < h.depth));
    lastAtDepth.set(h.depth, h.order);
  }
  const depths = [...byDepth.keys()].sort((a, b) => a - b);
  if (depths.length === 0 || byDepth.get(depths[0]!)!.items.length < 2 && depths.length === 1) return null;
  const levels: StructureLevel[] = [];
  const unitHeadings = new Map<number, { level: string; index: number }>();
  let parentCount = 1;
  for (const d of depths) {
    const e = byDepth.get(d)!;
    const perParent = new Map<number | null, number>();
    for (const it of e.items) perParent.set(it.parent, (perParent.get(it.parent) ?? 0) + 1);
    const counts = [...perParent.values()];
    const uniform = counts.every((c) => c === counts[0]) && counts.length === parentCount;
    levels.push({ name: e.name, count: counts[0] ?? 1, ...(uniform ? {} : { counts }), titles: e.items.map((i) => i.title) });
    e.items.forEach((it, k) => unitHeadings.set(it.order, { level: e.name, index: k + 1 }));
    parentCount = e.items.length;
  }
  return { levels, unitHeadings };
}

/** True for a clause that only states structure ("chapters 5 to 8 have three scenes each"). */
export function declaresStructure(text: string, body: string): boolean {
  const probe: Clause[] = [{ text, listItem: false }];
  if (readUnevenCounts([...probe, ...probe], body)) return true;
  for (const re of [NEST_EACH, NEST_IN, EACH_HAS, NEST_COMMA]) {
    for (const m of text.matchAll(re)) if (unit(m[2] ?? m[1]!, body)) return true;
  }
  // "Part II, The War, has six": the rest of an uneven count
  const rest = new RegExp(`^\\s*(?:and\\s+)?(${WORD})\\s+(?:${N}|${ROMAN_SOURCE})(?:\\s*,[^,]{1,40},)?\\s+(?:has|have|holds|contains|gets|is)\\s+(?:${N})(?:\\s+${WORD})?\\s*[.;]?\\s*$`, "iu").exec(text);
  if (rest && unit(rest[1]!, body)) return true;
  return new RegExp(`^\\s*(?:and\\s+)?(?:the\\s+)?${WORD}\\s+(?:${N})\\s*(?:-|–|to|through)\\s*(?:${N})\\s+(?:have|has|get|contain|hold)\\s+(?:${N})\\s+${WORD}`, "iu").test(text);
}
