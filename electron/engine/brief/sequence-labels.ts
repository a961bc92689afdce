/**
 * Units numbered otherwise than 1, 2, 3…, read from the brief's words:
 * - units around the counted ones: "a prologue of about 1,000 words, then ten chapters …, then a
 *   500-word epilogue", "an introduction and eight chapters", "bookended by a foreword and an afterword";
 * - a numbered run that does not start at 1: "from card 0, The Fool, to card XXI, The World", "one
 *   for each of his birthdays from his 7th to his 18th";
 * - letters: "one page for each letter from A to Z";
 * - floors below and at the ground: "three basement levels and twelve floors", "a ground floor plus
 *   first, second, third and fourth floors".
 * The labels go on the level (units/labels.ts turns numbered references into positions); the
 * lengths said of the units around ("a 500-word epilogue") are cut out of the text the length
 * reader sees and returned as fixed budgets.
 */
import { NUMBER_SOURCE, parseNumber, ROMAN_SOURCE } from "../base/numbers";
import type { Clause } from "./clauses";
import { capitalise, guessSingular, isKnownUnitNoun } from "./level-names";
import type { StructureLevel } from "./types";

const N = NUMBER_SOURCE;
const BEFORE = ["prologue", "foreword", "preface", "introduction", "cold open", "teaser", "executive summary", "overture"];
const AFTER = ["epilogue", "afterword", "coda", "postscript", "conclusion", "tag", "finale"];
const FRAME = new RegExp(
  `\\b(?:an?|one|the)\\s+(?:short\\s+|brief\\s+|closing\\s+|opening\\s+)?(?:(${N})[-\\s]word\\s+)?(${[...BEFORE, ...AFTER].map((w) => w.replace(" ", "\\s+")).join("|")})(?![\\p{L}-])(?:\\s*(?:\\(|of)\\s*(?:about|around|roughly|some|approximately|~)?\\s*(${N})\\s*words?\\)?)?`,
  "giu",
);

const ORDS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth";
/** "first, second, third and fourth floors": as many floors as the last ordinal says */
const ORDINAL_FLOORS = new RegExp(`\\b((?:(?:${ORDS}),\\s+)*(?:${ORDS})\\s+(?:and|&)\\s+(${ORDS}))\\s+(floors|storeys|stories|levels)\\b`, "i");

export interface Frame {
  name: string;
  words?: number;
}

export interface SequenceLabels {
  /** Clause texts with the frames' own lengths cut out, for the length reader. */
  clauses: Clause[];
  /** Fixed budgets of labelled units, by 1-based position in the level. */
  fixed: Map<number, number>;
  /** Units added around the counted ones. */
  added: number;
  /** Units asked for around a nested structure that cannot hold them ("a prologue" around parts of chapters). */
  unplanned: string[];
  /** Clauses that only state the numbering ("a ground floor plus first … floors", "British numbering"). */
  consumed: Set<number>;
  notes: string[];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Reads labels onto the leaf level of a one-level structure; returns what the length reader must not count again. */
export function readSequenceLabels(clauses: Clause[], levels: StructureLevel[], declarationClauses: Set<number>): SequenceLabels {
  const out: SequenceLabels = { clauses, fixed: new Map(), added: 0, notes: [], consumed: new Set(), unplanned: [] };
  if (levels.length > 1) {
    // a prologue around parts of chapters has no place in a tree of even levels: say so, never drop it quietly
    clauses.forEach((c, i) => {
      if (!declarationClauses.has(i)) return;
      for (const m of c.text.matchAll(FRAME)) {
        const name = m[2]!.toLowerCase().replace(/\s+/g, " ");
        if (/\b(?:each|every|per)\s+(?:[\p{L}'’-]+\s+){1,5}$/iu.test(c.text.slice(0, m.index)) || out.unplanned.includes(name)) continue;
        out.unplanned.push(name);
      }
    });
    if (out.unplanned.length > 0) out.notes.push(`the brief asks for ${out.unplanned.map((n) => `${/^[aeiou]/.test(n) ? "an" : "a"} ${n}`).join(" and ")} around its ${levels.map((l) => `${l.name.toLowerCase()}s`).join(" of ")}: ${out.unplanned.length === 1 ? "it is" : "they are"} not planned as separate units (add ${out.unplanned.length === 1 ? "it" : "them"} in the form, or write ${out.unplanned.length === 1 ? "it" : "them"} into the first and last chapters)`);
  }
  // a clause stating how the units are numbered is no content
  clauses.forEach((c, i) => {
    if (/\b(?:British|American|European|US|UK)\s+(?:floor\s+)?numbering\b|\bis\s+the\s+one\s+(?:above|below)\s+the\b/i.test(c.text)) out.consumed.add(i);
  });
  const text = clauses.map((c) => c.text).join(" ");
  if (levels.length === 0) {
    // no count said, but a run of units that names its noun ("from card 0 to card XXI", "first, second, third and fourth floors")
    const named = new RegExp(`\\bfrom\\s+([\\p{L}]+)\\s+(\\d+|zero)\\b(?:\\s*,[^,;]{1,40},)?\\s+(?:to|through|until)\\s+\\1\\s+(\\d+|${ROMAN_SOURCE}\\b)`, "iu").exec(text);
    const a = named ? (/^zero$/i.test(named[2]!) ? 0 : parseNumber(named[2]!)) : null;
    const b = named ? parseNumber(named[3]!, { roman: true }) : null;
    const ords = ORDINAL_FLOORS.exec(text);
    // "one chapter for each year from 1989 to 2001": a run that names the units' numbers
    const years = /\bone\s+([\p{L}]+)\s+(?:for|per|to)\s+(?:each|every)\s+[\p{L}]+\s+from\s+(\d{1,4})\s+(?:to|through|until|till)\s+(\d{1,4})\b/iu.exec(text);
    const letters = /\bone\s+([\p{L}]+)\s+(?:for|per|to)\s+(?:each|every)\s+letter\s+(?:from\s+A\s+to\s+Z|of\s+the\s+alphabet)\b/iu.exec(text);
    if (years && isKnownUnitNoun(years[1]!) && Number(years[3]) > Number(years[2]) && Number(years[3]) - Number(years[2]) < 500) levels.push({ name: capitalise(guessSingular(years[1]!.toLowerCase())), count: Number(years[3]) - Number(years[2]) + 1 });
    else if (letters) levels.push({ name: capitalise(guessSingular(letters[1]!.toLowerCase())), count: 26 });
    else if (named && isKnownUnitNoun(named[1]!) && a !== null && b !== null && b > a) levels.push({ name: capitalise(named[1]!.toLowerCase()), count: b - a + 1 });
    else if (ords) levels.push({ name: capitalise(guessSingular(ords[3]!.toLowerCase())), count: parseNumber(ords[2]!) ?? 1 });
  }
  const level = levels.length === 1 ? levels[0]! : undefined;
  if (!level || level.labels || level.grid) return out;
  const floors = /^(?:floor|storey|story|level)$/i.test(level.name);

  // a numbered run that does not start at 1
  const idx = `(\\d+(?:st|nd|rd|th)?|zero|${ROMAN_SOURCE}\\b)`;
  const run = new RegExp(`\\bfrom\\s+(?:(?:his|her|their|the|[\\p{L}]+)\\s+)?${idx}(?:\\s*,\\s*([^,;]{1,40}?)\\s*,)?\\s+(?:to|through|until|up\\s+to)\\s+(?:(?:his|her|their|the|[\\p{L}]+)\\s+)?${idx}(?:\\s*,\\s*((?:The\\s+)?[A-Z][\\p{L}'’-]*(?:\\s+[A-Z][\\p{L}'’-]*){0,3}))?`, "gu");
  for (const m of text.matchAll(run)) {
    const num = (s: string) => (/^zero$/i.test(s) ? 0 : parseNumber(s.replace(/(?:st|nd|rd|th)$/, ""), { roman: true }));
    const a = num(m[1]!);
    const b = num(m[3]!);
    if (a === null || b === null || b <= a || a === 1) continue;
    if (/^\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(text.slice(m.index + m[0].length))) continue;
    if (b - a + 1 !== level.count) continue;
    level.labels = Array.from({ length: b - a + 1 }, (_, k) => String(a + k));
    const first = m[2] && /^(?:The\s+)?[A-Z]/.test(m[2]) ? m[2].trim() : undefined;
    if (first || m[4]) {
      level.titles = Array.from({ length: level.count }, (_, k) => level.titles?.[k] ?? "");
      if (first) level.titles[0] = first;
      if (m[4]) level.titles[level.count - 1] = m[4].trim();
    }
    return out;
  }

  // letters of the alphabet
  if (/\bfrom\s+A\s+to\s+Z\b|\b(?:each|every)\s+letter\s+of\s+the\s+alphabet\b/.test(text) && (level.count === 26 || level.count === 1)) {
    level.count = 26;
    level.labels = Array.from({ length: 26 }, (_, k) => String.fromCharCode(65 + k));
    return out;
  }

  // floors under and at the ground
  if (floors) {
    const base = new RegExp(`\\b(${N})\\s+(?:basement|underground|sub-?basement)\\s*(?:levels?|floors?|storeys?)?|\\b(${N})\\s+basements\\b`, "iu").exec(text);
    const below = base ? parseNumber(base[1] ?? base[2]!) : null;
    // "a ground floor plus first, second, third and fourth floors"
    const ords = ORDINAL_FLOORS.exec(text);
    const ground = /\b(?:a|the|one)\s+ground\s+floor\b/i.test(text);
    if (ords) {
      const n = parseNumber(ords[2]!);
      if (n !== null && (level.count <= 1 || level.count === n)) level.count = n;
    }
    if (below !== null && below > 0 && below < 20) {
      level.labels = [...Array.from({ length: below }, (_, k) => `B${below - k}`), ...Array.from({ length: level.count }, (_, k) => String(k + 1))];
      level.count += below;
      out.added = below;
      return out;
    }
    if (ground && ords) {
      clauses.forEach((c, i) => ORDINAL_FLOORS.test(c.text) && out.consumed.add(i));
      level.labels = ["Ground floor", ...Array.from({ length: level.count }, (_, k) => String(k + 1))];
      level.count += 1;
      out.added = 1;
      return out;
    }
  }

  // units around the counted ones
  const before: Frame[] = [];
  const after: Frame[] = [];
  const edited = clauses.map((c) => ({ ...c }));
  clauses.forEach((c, i) => {
    for (const m of c.text.matchAll(FRAME)) {
      const name = m[2]!.toLowerCase().replace(/\s+/g, " ");
      // ", about 1,500 words each" / "…altogether" after the last unit is said of all of them, not of it
      const ofAll = /^\s*(?:each|apiece|a\s+piece|per\b|altogether|in\s+total|in\s+all|overall|total|all\s+told|combined)/i.test(c.text.slice(m.index + m[0].length));
      const words = m[1] ? parseNumber(m[1]) : m[3] && !ofAll ? parseNumber(m[3]) : null;
      const lead = c.text.slice(0, m.index);
      // "each chapter has an introduction": a part of every unit, not a unit
      if (/\b(?:each|every|per)\s+(?:[\p{L}'’-]+\s+){1,5}$/iu.test(lead)) continue;
      // "a 300-word teaser before each episode": part of every unit
      if (/^\s*(?:before|after|at\s+the\s+(?:start|end|head|close)\s+of|for|in|to|opening|closing|ending|starting)\s+(?:each|every|all)\b/i.test(c.text.slice(m.index + m[0].length))) continue;
      if (!declarationClauses.has(i) && words === null) continue;
      if (/^the$/i.test(m[0].split(/\s+/)[0]!) && words === null) continue;
      const list = BEFORE.includes(name) ? before : after;
      if (list.some((f) => f.name === name)) continue;
      list.push({ name, ...(words !== null ? { words } : {}) });
      if (words !== null) edited[i]!.text = edited[i]!.text.replace(m[0], ` ${m[2]} `);
    }
  });
  if (before.length + after.length === 0) return out;
  const count = level.count;
  level.labels = [...before.map((f) => cap(f.name)), ...Array.from({ length: count }, (_, k) => String(k + 1)), ...after.map((f) => cap(f.name))];
  level.count = count + before.length + after.length;
  if (level.titles) level.titles = [...before.map(() => ""), ...level.titles, ...after.map(() => "")];
  [...before, ...Array.from({ length: count }, () => null), ...after].forEach((f, k) => {
    if (f?.words !== undefined) out.fixed.set(k + 1, f.words);
  });
  out.clauses = edited;
  out.added = before.length + after.length;
  const unmeasured = [...before, ...after].filter((f) => f.words === undefined).map((f) => `the ${f.name}`);
  if (unmeasured.length > 0) out.notes.push(`${unmeasured.join(" and ")} ${unmeasured.length === 1 ? "has" : "have"} no length of ${unmeasured.length === 1 ? "its" : "their"} own: given the same share as a ${level.name.toLowerCase()}`);
  return out;
}

/**
 * Units named in passing by their position: "beginning in the cellar (the first storey) and climbing
 * to the attic (the fifth)": the cellar is storey 1, the attic storey 5, so "the attic chapter" finds it.
 */
export function readPositionNames(text: string, level: StructureLevel | undefined): void {
  if (!level || level.titles?.some(Boolean)) return;
  const re = new RegExp(`\\bthe\\s+([\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+)?)\\s*\\(\\s*the\\s+(${ORDS}|\\d+(?:st|nd|rd|th)|last|top)\\b[^)]{0,20}\\)`, "giu");
  const titles: string[] = Array.from({ length: level.count }, () => "");
  let found = 0;
  for (const m of text.matchAll(re)) {
    const k = /^(?:last|top)$/i.test(m[2]!) ? level.count : parseNumber(m[2]!.replace(/(\d)(?:st|nd|rd|th)$/, "$1"));
    if (k === null || k < 1 || k > level.count) continue;
    titles[k - 1] = cap(m[1]!.replace(/^(?:old|top|upper|lower)\s+(?=\S)/i, (w) => w));
    found++;
  }
  if (found > 0) level.titles = titles;
}

/**
 * Units counted by kind in one breath, none of them a unit noun: "8 starters, 12 mains and 6
 * desserts, one recipe per page": sections of 8, 12 and 6, titled by their kinds, holding the
 * units the brief names ("recipe"), or entries. Returns each kind's singular and its title, so
 * "the first main" can be read as the first unit of "Mains".
 */
export function readCountedKinds(clauses: Clause[], levels: StructureLevel[]): Map<string, string> | null {
  if (levels.length > 1) return null;
  const item = `(\\d{1,3}|${"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"})\\s+([\\p{L}-]+s)`;
  const re = new RegExp(`\\b${item}((?:\\s*,\\s*${item})*)\\s*,?\\s*(?:and|&)\\s+${item}\\b`, "iu");
  for (const c of clauses) {
    const m = re.exec(c.text);
    if (!m) continue;
    const pairs = [...m[0].matchAll(new RegExp(item, "giu"))].map((x) => ({ n: parseNumber(x[1]!), noun: x[2]! }));
    if (pairs.length < 2 || pairs.some((p) => p.n === null || p.n < 1) || pairs.some((p) => /^(?:words|characters|pages|minutes|hours|days|weeks|months|years)$/i.test(p.noun))) continue;
    if (pairs.every((p) => isKnownUnitNoun(p.noun))) continue;
    // one level read from the first kind alone ("5 sandwiches, 4 salads and 3 cakes" as 5 sandwiches) gives way
    if (levels.length === 1 && !pairs.some((p) => guessSingular(p.noun.toLowerCase()) === levels[0]!.name.toLowerCase())) return null;
    levels.splice(0, levels.length);
    const leaf = /\bone\s+([\p{L}]+)\s+(?:per|a|on\s+each|for\s+each)\s+[\p{L}]+/iu.exec(clauses.map((x) => x.text).join(" "))?.[1];
    const kinds = new Map(pairs.map((p) => [guessSingular(p.noun.toLowerCase()), cap(p.noun.toLowerCase())]));
    levels.push({ name: "Section", count: pairs.length, titles: pairs.map((p) => cap(p.noun.toLowerCase())) });
    levels.push({ name: leaf && !/^(?:one|each)$/i.test(leaf) ? capitalise(guessSingular(leaf.toLowerCase())) : "Entry", count: Math.max(...pairs.map((p) => p.n!)), counts: pairs.map((p) => p.n!) });
    return kinds;
  }
  return null;
}
