/**
 * References to units inside one clause of a brief: by number ("Section 5", "Book IX", "the
 * seventh chapter"), range ("chapters 4-6", "from day 7 to day 9", "10 through 12"), list
 * ("chapters 2, 5 and 9"), relative position ("the final two letters", "the opening module",
 * "halfway through"), parity and period ("odd-numbered chapters", "every other section, beginning
 * with the first", "every 20 floors, starting from floor 40"), nesting ("the second scene of
 * chapter 4", "the last chapter of every part"), name ("the March chapter"), date ("on 14 June",
 * "the week of 15 March") and grid position ("Block at (4, 9)", "the whole of row 5").
 *
 * It returns each reference as a Placement with the span of words it covers; it computes no unit
 * numbers (the planner resolves references against the structure). Phrases that place content
 * too vaguely to resolve ("near the end", "the chapter after the storm") come back as problems.
 */
import * as chrono from "chrono-node";
import { isOrdinal, MONTH_SOURCE, monthIndex, NUMBER_SOURCE, parseNumber, ROMAN_SOURCE } from "../base/numbers";
import { conceptOf, guessSingular, isKnownUnitNoun, pluralOf, singularOf } from "./level-names";
import type { Placement } from "./types";
import { expandUnitAbbreviation } from "./unit-abbreviations";

export interface RefContext {
  /** Structure level names, top down ("Part", "Chapter"). */
  levels: string[];
  /** The calendar level and its period, when units are calendar periods. */
  calendar?: { level: string; period: "day" | "week" | "month" | "quarter"; year: number; start?: string; end?: string };
  /** The level laid out as a grid, when there is one, and how. */
  gridLevel?: string;
  grid?: { pair: "column-row" | "row-column"; letters?: boolean };
  /** Other words the brief uses for a level ("Level" for floors headed "Level N"). */
  aliases?: Record<string, string>;
  /** Titles of titled units, so a quoted title ("In “Blaze”, …") finds its unit. */
  titles?: string[];
  /** Levels whose units carry numbers of their own ("1989" … "2001"): "the 1995 chapter" is the one numbered 1995. */
  labelled?: string[];
  /** Units the brief asks for around its parts that the structure cannot hold ("a prologue" around parts of chapters). */
  unplannedNames?: string[];
  /** Floors below ground, labelled B1 … Bn ("the lowest basement" is Bn). */
  basements?: { level: string; count: number };
  /** Sections counted by kind ("8 starters, 12 mains and 6 desserts"): a kind's singular and its section's title. */
  kinds?: Record<string, string>;
  /** The level whose units are the letters A to Z ("the page for Q"). */
  letterLevel?: string;
  /** Units called by a name in place of a number ("Prologue", "Ground floor"): "the prologue" is that unit. */
  labelNames?: string[];
}

export interface FoundRef {
  placement: Placement;
  start: number;
  end: number;
}

export interface RefProblem {
  why: string;
  start: number;
  end: number;
  /** Another reading the writer can take with one choice. */
  alternative?: { description: string; placement: Placement };
}

export interface ClauseRefs {
  refs: FoundRef[];
  problems: RefProblem[];
}

const N = NUMBER_SOURCE;
const IDX = `(?:${N}|${ROMAN_SOURCE}(?![\\p{L}]))`;
const ORDINAL_WORDS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth";
const ORD = `(?:\\d+(?:st|nd|rd|th)|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?(?:${ORDINAL_WORDS}))`;
const FIRST = "first|opening|initial|starting|earliest|ground|bottom|lowest";
const LAST = "last|final|closing|concluding|ultimate|top|topmost|highest|uppermost|end";
const SECOND_LAST = "penultimate|second[- ]to[- ]last|next[- ]to[- ]last|last\\s+but\\s+one|second[- ]last";
const TO = "(?:-|–|—|to|through|thru|until|till|up\\s+to)";
/** Between a unit noun and its number: a space, a short form's dot ("ch. 1", "Ep.6"), or nothing before digits ("wk6", "ch16"). */
const NSEP = "(?:\\.\\s*|\\s+|(?=\\d))";

/** Holidays on the same day every year. */
const HOLIDAYS: Record<string, string> = {
  "Christmas Eve": "12-24", "Christmas Day": "12-25", "Boxing Day": "12-26", "New Year's Eve": "12-31", "Hogmanay": "12-31",
  "New Year's Day": "01-01", "Halloween": "10-31", "Hallowe'en": "10-31", "Valentine's Day": "02-14", "St\\.? Patrick's Day": "03-17",
  "Bonfire Night": "11-05", "Guy Fawkes Night": "11-05", "Bastille Day": "07-14", "All Saints' Day": "11-01", "leap day": "02-29",
};

interface Matcher {
  priority: number;
  re: RegExp;
  read: (m: RegExpExecArray) => Placement | RefProblem | null;
  /** A cheap test a clause must pass before the full pattern runs. */
  gate?: RegExp;
}

/** Turns a noun the writer used into a structure level, or explains why it names none. */
class LevelResolver {
  constructor(private readonly ctx: RefContext) {}

  get leaf(): string {
    return this.ctx.levels[this.ctx.levels.length - 1] ?? "Chapter";
  }

  resolve(noun: string | undefined): string | { missing: string } {
    if (!noun) return this.leaf;
    const raw = expandUnitAbbreviation(noun.trim()) ?? noun.toLowerCase().trim();
    const single = singularOf(raw) ?? guessSingular(raw);
    const direct = this.ctx.levels.find((l) => l.toLowerCase() === single || l.toLowerCase() === raw || pluralOf(l).toLowerCase() === raw);
    if (direct) return direct;
    // a level the brief named by its short form ("8 eps each" made the level "Ep"): "episode 3" is one of them
    const short = this.ctx.levels.find((l) => { const full = expandUnitAbbreviation(l); return full !== null && (singularOf(full) ?? full) === single; });
    if (short) return short;
    const alias = this.ctx.aliases?.[single];
    if (alias) return alias;
    const concept = conceptOf(single);
    if (this.ctx.calendar && concept === this.ctx.calendar.period && this.ctx.calendar.level) return this.ctx.calendar.level;
    if (concept === "leaf") return this.leaf;
    if (concept === "floor") {
      const floor = this.ctx.levels.find((l) => conceptOf(l) === "floor");
      if (floor) return floor;
    }
    return { missing: single };
  }
}

/** The first literal words a pattern needs, as a cheap pre-test ("every", "between", "the", "(", a month). */
function gateFor(source: string): RegExp | undefined {
  // only a pattern that must begin with one of a few words gets a gate; anything optional in front means none
  const words = /^\\b\(\?:((?:[a-z]+\|)*[a-z]+)\)\\s/.exec(source) ?? /^\\b([a-z]+)\\s/.exec(source);
  return words ? new RegExp(`\\b(?:${words[1]})`, "i") : undefined;
}



const num = (raw: string | undefined): number | null => (raw === undefined ? null : parseNumber(raw.replace(/^(?:number|no\.?|#)\s*/i, ""), { roman: true }));

function ordinalValue(word: string): number | null {
  const w = word.toLowerCase();
  if (new RegExp(`^(?:${FIRST})$`).test(w)) return 1;
  return parseNumber(w.replace(/\s+/g, "-"));
}

const compiled = new Map<string, Matcher[]>();

/**
 * The brief being read. Patterns are compiled once (a fresh RegExp pays for its native code on
 * first use) and read the brief's levels, calendar and grid from here when they match.
 */
const state: { ctx: RefContext; levels: LevelResolver } = { ctx: { levels: [] }, levels: new LevelResolver({ levels: [] }) };

export function findRefs(text: string, ctx: RefContext): ClauseRefs {
  state.ctx = ctx;
  state.levels = new LevelResolver(ctx);
  // the known unit nouns, and any the brief's own structure adds ("Sermon", "Level" as a heading word)
  const ownNouns = [...ctx.levels, ...Object.keys(ctx.aliases ?? {})].map((n) => n.toLowerCase()).filter((n) => !singularOf(n)).sort();
  const key = ownNouns.join(",");
  let matchers = compiled.get(key);
  if (!matchers) {
    matchers = compileMatchers(ownNouns);
    compiled.set(key, matchers);
  }
  // the month a clause names gives "from the 20th to the 24th" its month
  const monthInClause = ctx.calendar ? new RegExp(`\\b(${MONTH_SOURCE})\\b`).exec(text) : null;
  const extra: Matcher[] = [];
  if (monthInClause) {
    const month = monthIndex(monthInClause[1]!);
    extra.push({ priority: 92, re: new RegExp(`\\b(?:from\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)\\s+(?:-|–|to|through|until|till)\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b`, "giu"), read: (m) => (month ? { kind: "date", date: iso(month, Number(m[1])), to: iso(month, Number(m[2])) } : null) });
  }
  return collect(text, [...matchers, ...extra], ctx.levels);
}

function compileMatchers(extraNouns: string[]): Matcher[] {
  const levels = { get leaf() { return state.levels.leaf; }, resolve: (noun: string | undefined) => state.levels.resolve(noun) };
  // any word stands where a unit noun goes; the read step keeps only unit nouns (a short pattern runs fast)
  void extraNouns;
  const L = "\\p{L}+";
  const matchers: Matcher[] = [];
  const add = (priority: number, source: string, read: Matcher["read"], flags = "giu") => {
    matchers.push({ priority, re: new RegExp(source, flags), read, gate: gateFor(source) });
  };
  const level = (noun: string | undefined): string | RefProblem | null => {
    const r = levels.resolve(noun);
    if (typeof r === "string") return r;
    // a word that is no unit noun at all is simply not a reference
    if (!singularOf(r.missing) && !isKnownUnitNoun(noun ?? "")) return null;
    return { why: `the brief's structure has no ${r.missing}s (it has ${state.ctx.levels.map((l) => pluralOf(l.toLowerCase())).join(" and ")})`, start: 0, end: 0 };
  };
  const withLevel = (noun: string | undefined, make: (level: string) => Placement | null): Placement | RefProblem | null => {
    const l = level(noun);
    return typeof l === "string" ? make(l) : l;
  };

  // ── grid positions ──
  {
    const onGrid = (make: (g: string, m: RegExpExecArray) => Placement | null) => (m: RegExpExecArray): Placement | null => (state.ctx.gridLevel ? make(state.ctx.gridLevel, m) : null);
    const CELL = `(?:(?:${L})\\s+)?(?:at\\s+)?\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)`;
    const cell = (a?: string, b?: string): [number, number] => [Number(a), Number(b)];
    add(95, `(?:along\\s+(?:the\\s+)?(?:row|column)\\s+)?(?:from\\s+)?${CELL}\\s*(?:-|–|to|through|until)\\s*${CELL}`, onGrid((g, m) => ({ kind: "cells", level: g, from: cell(m[1], m[2]), to: cell(m[3], m[4]) })));
    add(96, `(?:starting|beginning)\\s+(?:from|at|with|in)\\s+${CELL}\\s*,?\\s*(?:with\\s+an?\\s+interval\\s+of\\s+|and\\s+(?:then\\s+)?|,\\s*)?every\\s+(${N})\\s+(?:${L}\\s+)?along\\s+(?:the|a|each)\\s+(row|column)`,
      onGrid((g, m) => ({ kind: "cells", level: g, from: cell(m[1], m[2]), every: parseNumber(m[3]!) ?? 1, along: m[4]!.toLowerCase() as "row" | "column" })));
    add(96, `every\\s+(${N})\\s+(?:${L}\\s+)?along\\s+(?:the|a|each)\\s+(row|column)\\s*,?\\s*(?:starting|beginning)\\s+(?:from|at|with|in)\\s+${CELL}`,
      onGrid((g, m) => ({ kind: "cells", level: g, from: cell(m[3], m[4]), every: parseNumber(m[1]!) ?? 1, along: m[2]!.toLowerCase() as "row" | "column" })));
    add(90, CELL, onGrid((g, m) => ({ kind: "cells", level: g, from: cell(m[1], m[2]) })));
    add(97, `\\bdiagonal\\s+(?:from\\s+)?${CELL}\\s*(?:-|–|to|through|until)\\s*${CELL}`, onGrid((g, m) => ({ kind: "cells", level: g, from: cell(m[1], m[2]), to: cell(m[3], m[4]), diagonal: true })));
    add(86, `\\b(?:the\\s+)?(?:four\\s+|4\\s+)?corners?(?:\\s+(${L}))?\\b`, onGrid((g) => ({ kind: "corners", level: g })));
    // chessboard names: "C4", "A1 to D1" (lettered columns, numbered rows)
    const chess = (letter: string, row: string): [number, number] => {
      const col = letter.toUpperCase().charCodeAt(0) - 64;
      return state.ctx.grid?.pair === "row-column" ? [Number(row), col] : [col, Number(row)];
    };
    add(91, `\\b(?:(?:${L})\\s+)?([A-Z])(\\d{1,2})\\b(?:\\s*(?:-|–|to|through|until)\\s*(?:(?:${L})\\s+)?([A-Z])(\\d{1,2})\\b)?`, (m) => {
      const g = state.ctx.gridLevel;
      if (!g || !state.ctx.grid?.letters) return null;
      return { kind: "cells", level: g, from: chess(m[1]!, m[2]!), ...(m[3] ? { to: chess(m[3], m[4]!) } : {}) };
    }, "gu");
    add(85, `(?:(?:the\\s+)?(?:whole|entire|full)\\s+(?:of\\s+)?)?(?:the\\s+)?(row|column)\\s+(${N})\\b`, onGrid((g, m) => ({ kind: "line", level: g, axis: m[1]!.toLowerCase() as "row" | "column", index: parseNumber(m[2]!) ?? 0 })));
  }

  // ── periodic, parity and "every unit" ──
  const START = `(?:(?:,\\s*|\\s+)(?:[\\w\\s,]{0,30}?)(?:starting|beginning|commencing|from|with)\\s+(?:(?:from|with|in|at|on)\\s+)?(?:the\\s+)?(?:(?:${L})\\s+(${IDX})|(${ORD}|${FIRST})(?:\\s+(?:${L}))?|(${IDX})))`;
  const periodic = (everyRaw: string, noun: string | undefined, s1?: string, s2?: string, s3?: string): Placement | RefProblem | null =>
    withLevel(noun, (l) => {
      const w = everyRaw.toLowerCase();
      const every = w === "other" || w === "second" ? 2 : w === "fortnight" ? 2 : (ordinalValue(w) ?? parseNumber(w) ?? 1);
      const start = s1 ? num(s1) : s2 ? ordinalValue(s2) : s3 ? num(s3) : null;
      return { kind: "periodic", level: l, every, start: start ?? (w === "other" ? 1 : every) };
    });
  add(80, `\\b(?:on\\s+|in\\s+)?(?:every|each)\\s+(other|alternate|${ORD}|${N})\\s+(${L})${START}?`, (m) => periodic(/^alternate$/i.test(m[1]!) ? "other" : m[1]!, m[2], m[3], m[4], m[5]));
  // "alternate episodes, beginning with episode 2"
  add(80, `\\b(?:on\\s+|in\\s+)?(?:the\\s+)?alternate\\s+(${L})${START}?`, (m) => periodic("other", m[1], m[2], m[3], m[4]));
  add(80, `\\bevery\\s+(fortnight)${START}?`, (m) => periodic("fortnight", "week", m[1 + 1], m[3], m[4]));
  add(81, `(?:starting|beginning)\\s+(?:from|at|with|on|in)\\s+(?:the\\s+)?(${L})\\s+(${IDX})\\s*,?\\s*(?:and\\s+)?(?:repeating|recurring|repeated|then)\\s+every\\s+(${N})\\s+(${L})`,
    (m) => withLevel(m[1], (l) => ({ kind: "periodic", level: l, every: parseNumber(m[3]!) ?? 1, start: num(m[2]) ?? 1 })));
  add(78, `\\b(?:in\\s+|on\\s+)?(?:all\\s+(?:the\\s+)?|the\\s+|every\\s+|each\\s+)?(odd|even)(?:[- ]numbered)?\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "periodic", level: l, every: 2, start: m[1]!.toLowerCase() === "odd" ? 1 : 2 })));
  add(76, `\\b(?:every|each)\\s+(${L})\\s+(?:after|but|except(?:\\s+for)?)\\s+the\\s+(${ORD}|${FIRST})`, (m) => withLevel(m[1], (l) => ({ kind: "periodic", level: l, every: 1, start: (ordinalValue(m[2]!) ?? 1) + 1 })));
  add(76, `\\b(?:every|each)\\s+(${L})\\s+from\\s+(?:the\\s+)?(?:(?:${L})\\s+(${IDX})|(${ORD}))\\s+(?:on(?:wards?)?|to\\s+the\\s+end)\\b`, (m) => withLevel(m[1], (l) => ({ kind: "periodic", level: l, every: 1, start: num(m[2]) ?? ordinalValue(m[3] ?? "") ?? 1 })));
  add(70, `\\b(?:in\\s+|on\\s+)?(?:every\\s+|each\\s+|all\\s+(?:of\\s+)?(?:the\\s+)?|each\\s+of\\s+the\\s+(?:${N}\\s+)?)(${L})\\b`, (m) => withLevel(m[1], (l) => ({ kind: "periodic", level: l, every: 1, start: 1 })));

  // ── ranges and lists ──
  add(75, `\\b(?:from\\s+)?(${L})${NSEP}(${IDX})\\s*${TO}\\s*(?:(${L})${NSEP})?(${IDX})(?![\\d\\p{L}])`, (m) => range(m[1], m[2], m[4]));
  add(75, `\\bbetween\\s+(${L})\\s+(${IDX})\\s+and\\s+(?:(${L})\\s+)?(${IDX})(?![\\d\\p{L}])`, (m) => range(m[1], m[2], m[4]));
  // "episodes 3, 6, 9, 12": three or more numbers with commas alone
  add(74, `\\b(${L})${NSEP}(\\d{1,3}(?:\\s*,\\s*\\d{1,3}){2,})(?![\\d\\p{L}]|\\s*,?\\s*(?:…|\\.\\.\\.|etc|and|&|or)\\b)`, (m) => list(m[1], m[2]!));
  add(74, `\\b(${L})${NSEP}((?:${IDX})(?:\\s*,\\s*(?:${IDX}))*\\s*,?\\s*(?:(?:and|&|or)\\s+|\\/\\s*)(?:(?:${L})\\s+)?(?:${IDX}))(?![\\d\\p{L}])`, (m) => list(m[1], m[2]!));
  // "weeks 2, 4, 6 …", "chapters 3, 6, 9 and so on": a list the writer leaves to go on in steps
  add(76, `\\b(${L})${NSEP}(\\d{1,3}(?:\\s*,\\s*\\d{1,3}){1,})\\s*,?\\s*(?:…|\\.\\.\\.|etc\\.?|and\\s+so\\s+on|(?:and\\s+)?so\\s+forth|onwards)`, (m) => {
    const ns = m[2]!.split(/\s*,\s*/).map(Number);
    const step = ns[1]! - ns[0]!;
    if (step < 1 || ns.some((n, k) => k > 0 && n - ns[k - 1]! !== step)) return null;
    return withLevel(m[1], (l) => ({ kind: "periodic", level: l, every: step, start: ns[0]! }));
  });
  add(73, `\\bthe\\s+(${ORD}|${FIRST})\\s*${TO}\\s*(?:the\\s+)?(${ORD})\\s+(${L})`, (m) => withLevel(m[3], (l) => ({ kind: "range", level: l, from: ordinalValue(m[1]!) ?? 1, to: ordinalValue(m[2]!) ?? 1 })));
  add(73, `\\bthe\\s+(${ORD}|${FIRST})\\s+(?:and|&)\\s+(?:the\\s+)?(?:very\\s+)?(${ORD}|${LAST}|${SECOND_LAST})\\s+(${L})`, (m) => withLevel(m[3], (l) => ({ kind: "set", level: l, indices: [relIndex(m[1]!), relIndex(m[2]!)] })));
  add(72, `\\bthe\\s+(?:${FIRST})\\s+(${N})\\s+(${L})`, (m) => {
    const n = parseNumber(m[1]!);
    return n === null || isOrdinal(m[1]!) ? null : withLevel(m[2], (l) => ({ kind: "range", level: l, from: 1, to: n }));
  });
  add(72, `\\bthe\\s+(?:${LAST})\\s+(${N})(?:\\s+(${L}))?`, (m) => {
    const n = parseNumber(m[1]!);
    return n === null || isOrdinal(m[1]!) ? null : withLevel(m[2], (l) => ({ kind: "last", level: l, count: n }));
  });

  // ── one unit, by position ──
  add(66, `\\bthe\\s+(?:very\\s+)?(${SECOND_LAST})\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "set", level: l, indices: [-2] })));
  add(66, `\\bthe\\s+(${ORD})[- ]to[- ]last\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "set", level: l, indices: [-(ordinalValue(m[1]!) ?? 1)] })));
  add(65, `\\bthe\\s+(?:very\\s+)?(?:${LAST})\\s+(${L})`, (m) => withLevel(m[1], (l) => ({ kind: "last", level: l })));
  add(64, `\\bthe\\s+(?:very\\s+)?(${FIRST})\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "once", level: l, index: 1 })));
  // "each module's last lesson", "Part Two's opening chapter": a position after a possessive, with no "the"
  add(66, `(?<=\\p{L}['’]s\\s+)(?:very\\s+)?(${LAST})\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "last", level: l })));
  add(66, `(?<=\\p{L}['’]s\\s+)(${SECOND_LAST})\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "set", level: l, indices: [-2] })));
  // a note that opens with the position and no "the" ("penultimate ch = the keeper's name comes out")
  add(66, `(?:^|(?<=^[-*•]\\s*))(?:very\\s+)?(${SECOND_LAST})\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "set", level: l, indices: [-2] })));
  add(66, `(?<=\\p{L}['’]s\\s+)(${FIRST}|${ORD})\\s+(${L})`, (m) => {
    const n = ordinalValue(m[1]!);
    return n === null ? null : withLevel(m[2], (l) => ({ kind: "once", level: l, index: n }));
  });
  add(64, `\\bthe\\s+middle\\s+(${L})`, (m) => withLevel(m[1], (l) => ({ kind: "fraction", level: l, at: 0.5 })));
  add(63, `\\b(?:the\\s+|his\\s+|her\\s+|their\\s+|its\\s+|my\\s+|our\\s+)?(${ORD})\\s+(${L})`, (m) => {
    const n = ordinalValue(m[1]!);
    return n === null ? null : withLevel(m[2], (l) => ({ kind: "once", level: l, index: n }));
  });
  add(60, `\\b(${L})${NSEP}(?:number\\s+|no\\.?\\s*|#)?(${IDX})(?:(?=-?ish\\b)|(?![\\d\\p{L}%]))(?!\\s*(?:words?|characters?|%|per\\s*cent))`, (m) => {
    const n = num(m[2]);
    if (n === null || n < 1) return null;
    if (/^[ivxlcdm]+$/i.test(m[2]!) && !/^[A-Z]+$/.test(m[2]!) && m[2]!.length === 1 && m[2] === "i") return null;
    return withLevel(m[1], (l) => ({ kind: "once", level: l, index: n }));
  });
  // "II.3 the letter scene", "in III.iv", "2.3: payroll" (at a line's start): act and scene, module and lesson, in dotted form
  const dotted = (a: string, b: string): Placement | null => {
    const [outer, inner] = state.ctx.levels.slice(-2);
    const x = num(a);
    const y = num(b);
    if (state.ctx.levels.length < 2 || !outer || !inner || !x || !y) return null;
    return { kind: "within", outer: { kind: "once", level: outer, index: x }, inner: { kind: "once", level: inner, index: y } };
  };
  add(61, `(?<![\\p{L}\\d.])([IVX]{1,4})\\.(\\d{1,2}|[ivx]{1,4})(?![\\d.]?[\\d\\p{L}])`, (m) => dotted(m[1]!, m[2]!), "gu");
  add(61, `^\\s*(\\d{1,2})\\.(\\d{1,2})(?![\\d\\p{L}%]|\\.\\d)(?!\\s*(?:k\\b|words?|hours?|minutes?|%))`, (m) => dotted(m[1]!, m[2]!), "gu");
  // "L2 (lesson 2)", "E5 – the reunion": an outline's single capital and number at the clause's start, when one level begins with it
  add(60, `^\\s*(\\p{Lu})(\\d{1,3})(?![\\d\\p{L}])`, (m) => {
    const named = state.ctx.levels.filter((l) => l[0]?.toUpperCase() === m[1]);
    const n = Number(m[2]);
    return named.length === 1 && n >= 1 && !state.ctx.gridLevel && !state.ctx.basements ? { kind: "once", level: named[0]!, index: n } : null;
  }, "gu");
  add(58, `\\b(?:halfway|half-way|midway)\\s+(?:through|into|point|mark)|\\bat\\s+the\\s+(?:mid-?point|halfway\\s+(?:point|mark))|\\bin\\s+the\\s+middle\\s+of\\s+the\\s+(?:book|novel|story|course|series|year|collection|season|document|text)`,
    () => ({ kind: "fraction", level: levels.leaf, at: 0.5 }));

  // ── names ──
  add(62, `\\bthe\\s+(${MONTH_SOURCE})\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "name", level: l, name: m[1]!.replace(/\.$/, "") })));
  add(61, `\\b(${L})\\s+(?:called|titled|entitled|named|headed)\\s+["'“‘]([^"'”’]{1,80})["'”’]`, (m) => withLevel(m[1], (l) => ({ kind: "name", level: l, name: m[2]!.trim() })));
  add(61, `\\bthe\\s+["“‘']([^"”’']{1,60})["”’']\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "name", level: l, name: m[1]!.trim() })));
  // "the Journey chapter": capitalised words before a unit noun (case-sensitive on purpose)
  add(59, `\\b[Tt]he\\s+((?:\\p{Lu}[\\p{L}'’-]*\\s+){0,3}\\p{Lu}[\\p{L}'’-]*)\\s+(${L})\\b`, (m) => {
    if (/^(?:First|Last|Final|Next|Other|Same|Opening|Closing|Odd|Even)$/i.test(m[1]!)) return null;
    // "the Christmas menu" on dated units: the unit holding that day
    const holiday = Object.keys(HOLIDAYS).find((h) => new RegExp(`^${h}(?:\\s+Day)?$`, "i").test(m[1]!)) ?? (/^Christmas$/i.test(m[1]!) ? "Christmas Day" : undefined);
    // only when the noun is a unit: "the Christmas lights" are no day
    if (holiday && state.ctx.calendar) return withLevel(m[2], () => ({ kind: "date", date: HOLIDAYS[holiday]! }));
    return withLevel(m[2], (l) => ({ kind: "name", level: l, name: m[1]!.trim() }));
  }, "gu");

  // "every Autumn recipe", "all the Lisbon chapters": the units inside the one with that title
  add(60, `\\b(?:[Ee]very|[Ee]ach|[Aa]ll(?:\\s+(?:the|of\\s+the))?)\\s+((?:\\p{Lu}[\\p{L}'’-]*\\s+){0,2}\\p{Lu}[\\p{L}'’-]*)\\s+(${L})\\b`, (m) => {
    const t = m[1]!.toLowerCase();
    if (!state.ctx.titles?.some((x) => x.toLowerCase() === t)) return null;
    return withLevel(m[2], () => ({ kind: "name", name: m[1]! }));
  }, "gu");
  // a quoted title of a titled unit: 'In "Blaze", Rafe meets the arsonist'
  add(57, `["“‘']([^"”’']{1,60})["”’'](?!\\w)`, (m) => {
    const t = m[1]!.trim().toLowerCase();
    return state.ctx.titles?.some((x) => x.toLowerCase() === t) ? { kind: "name", name: m[1]!.trim() } : null;
  });
  // "Last chapter, he scatters her ashes": the article left out
  add(62, `(?:^|(?<=[.;:]\\s*))(?:very\\s+)?(?:${LAST})\\s+(${L})\\b`, (m) => withLevel(m[1], (l) => ({ kind: "last", level: l })));
  add(62, `(?:^|(?<=[.;:]\\s*))(?:${FIRST})\\s+(${L})\\b`, (m) => withLevel(m[1], (l) => ({ kind: "once", level: l, index: 1 })));
  // a season's or series' first and last episodes by their usual names
  add(64, `\\bthe\\s+(finale|premiere|pilot|opener|closer)\\b`, (m) => {
    const leaf = levels.leaf;
    return /finale|closer/i.test(m[1]!) ? { kind: "last", level: leaf } : { kind: "once", level: leaf, index: 1 };
  });
  // "the season 3 finale": the last (or first) unit inside a numbered one
  add(67, `\\bthe\\s+(${L})\\s+(${IDX})\\s+(finale|premiere|opener|pilot|closer)\\b`, (m) => {
    const outer = num(m[2]);
    if (outer === null) return null;
    return withLevel(m[1], (l) => {
      const leaf = levels.leaf;
      if (l === leaf) return null;
      return { kind: "within", outer: { kind: "once", level: l, index: outer }, inner: /finale|closer/i.test(m[3]!) ? { kind: "last", level: leaf } : { kind: "once", level: leaf, index: 1 } };
    });
  });
  // "the letters from 10 to 12"
  add(75, `\\b(${L})\\s+from\\s+(${IDX})\\s+(?:to|through|until|till)\\s+(${IDX})(?![\\d\\p{L}])`, (m) => range(m[1], m[2], m[3]));
  // "S1E1", "S2 E5": season and episode
  add(88, `\\bS(\\d{1,2})\\s*E(\\d{1,3})\\b`, (m) => {
    const [outer, inner] = state.ctx.levels.slice(-2);
    if (!outer || !inner || state.ctx.levels.length < 2) return null;
    return { kind: "within", outer: { kind: "once", level: outer, index: Number(m[1]) }, inner: { kind: "once", level: inner, index: Number(m[2]) } };
  }, "gu");

  // "the March, June, September and December reports", "December's sermon", "the report for August"
  add(63, `\\bthe\\s+((?:${MONTH_SOURCE})(?:\\s*,\\s*(?:${MONTH_SOURCE}))*\\s*,?\\s*(?:and|&)\\s+(?:${MONTH_SOURCE}))\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "union", of: m[1]!.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean).map((name) => ({ kind: "name", level: l, name: name.replace(/\.$/, "") })) })));
  add(62, `\\b(${MONTH_SOURCE})['’]s\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "name", level: l, name: m[1]!.replace(/\.$/, "") })));
  add(64, `\\b(${L})\\s+(?:for|of|in)\\s+((?:${MONTH_SOURCE})(?:\\s*,\\s*(?:${MONTH_SOURCE}))*\\s*,?\\s*(?:and|&)\\s+(?:${MONTH_SOURCE}))(?![\\p{L}]|\\s+\\d)`, (m) => withLevel(m[1], (l) => ({ kind: "union", of: m[2]!.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean).map((name) => ({ kind: "name", level: l, name: name.replace(/\.$/, "") })) })));
  add(62, `\\b(${L})\\s+(?:for|of|in)\\s+(${MONTH_SOURCE})(?![\\p{L}]|\\s+\\d)`, (m) => withLevel(m[1], (l) => ({ kind: "name", level: l, name: m[2]!.replace(/\.$/, "") })));
  // "the 1300s chapter", "the chapter on the 1600s": units named by their decade or century
  add(62, `\\bthe\\s+(\\d{3,4}s)\\s+(${L})`, (m) => withLevel(m[2], (l) => ({ kind: "name", level: l, name: m[1]! })));
  add(62, `\\b(${L})\\s+(?:on|about|for|covering)\\s+the\\s+(\\d{3,4}s)\\b`, (m) => withLevel(m[1], (l) => ({ kind: "name", level: l, name: m[2]! })));
  // "the fog chapter", "the coop section": a word of a unit's title
  add(58, `\\bthe\\s+([\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+)??)\\s+(${L})\\b`, (m) => {
    const words = m[1]!.toLowerCase();
    const titles = state.ctx.titles ?? [];
    if (titles.length === 0 || !titles.some((t) => new RegExp(`\\b${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i").test(t))) return null;
    return withLevel(m[2], (l) => ({ kind: "name", level: l, name: m[1]! }));
  });
  // a title said plainly ("Wednesday's menu", "In Blaze, …") when units have titles
  add(57, `\\b(\\p{Lu}[\\p{L}'’-]*(?:\\s+\\p{Lu}[\\p{L}'’-]*){0,3})(?:['’]s)?\\b`, (m) => {
    // a possessive is no part of the title ("Wednesday's menu", "The Fool's entry")
    const name = m[1]!.replace(/['’]s$/, "");
    const t = name.toLowerCase();
    return state.ctx.titles?.some((x) => x.toLowerCase() === t || x.toLowerCase() === `the ${t}`) ? { kind: "name", name } : null;
  }, "gu");
  // "the prologue", "the ground floor chapter": a unit called by a name in place of a number
  add(95, `\\bthe\\s+([\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+)?)(?![\\p{L}])`, (m) => {
    const names = state.ctx.labelNames ?? [];
    const two = m[1]!.toLowerCase();
    const one = two.split(/\s+/)[0]!;
    const hit = names.find((x) => x.toLowerCase() === two) ?? names.find((x) => x.toLowerCase() === one);
    return hit ? { kind: "name", name: hit } : null;
  });
  // units lettered A to Z: "the page for Q", "the Q page", "the vowel pages (A, E, I, O, U)"
  {
    const lettered = (make: (g: string, m: RegExpExecArray) => Placement | null) => (m: RegExpExecArray): Placement | null => (state.ctx.letterLevel ? make(state.ctx.letterLevel, m) : null);
    add(90, `\\b[Tt]he\\s+(?:${L})\\s+(?:for|of)\\s+(?:the\\s+letter\\s+)?([A-Z])(?![\\p{L}'’])`, lettered((g, m) => ({ kind: "name", level: g, name: m[1]! })), "gu");
    add(90, `\\b[Tt]he\\s+(?:letter\\s+)?([A-Z])\\s+(?:${L})\\b`, lettered((g, m) => ({ kind: "name", level: g, name: m[1]! })), "gu");
    add(90, `\\(\\s*([A-Z](?:\\s*,\\s*[A-Z])+(?:\\s*,?\\s*(?:and|&)\\s*[A-Z])?)\\s*\\)`, lettered((g, m) => ({ kind: "union", of: m[1]!.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean).map((x) => ({ kind: "name" as const, level: g, name: x })) })), "gu");
  }
  // "The play ends with Nora leaving", "the series opens with the 911 call": the whole document's last or first unit
  add(56, `\\b[Tt]he\\s+(?:whole\\s+|entire\\s+)?(?:book|novel|novella|play|film|screenplay|script|collection|anthology|series|show|course|diary|journal|memoir|podcast|guide|cookbook|report|saga|cycle|sequence|manuscript)\\s+(opens|begins|starts|ends|closes|finishes|concludes)\\s+(?:with|on|in|at)\\b`, (m) => {
    // "the book ends with" in a saga of books is about one book, not the whole
    const noun = /\s(\p{L}+)\s+\p{L}+\s+\p{L}+$/u.exec(m[0])?.[1] ?? "";
    if (state.ctx.levels.some((l) => l.toLowerCase() === noun.toLowerCase())) return null;
    return /^(?:opens|begins|starts)$/i.test(m[1]!) ? { kind: "once", level: levels.leaf, index: 1 } : { kind: "last", level: levels.leaf };
  }, "gu");
  // "Lesson 2.3", "lessons 4.1 to 4.3": the unit inside the numbered one above it
  add(93, `\\b(${L})\\s+(\\d{1,3})\\.(\\d{1,3})(?:\\s*(?:-|–|to|through)\\s*(?:\\d{1,3})\\.(\\d{1,3}))?(?![\\d.]\\d)`, (m) => withLevel(m[1], (l) => {
    const depth = state.ctx.levels.indexOf(l);
    if (depth < 1) return null;
    const outer: Placement = { kind: "once", level: state.ctx.levels[depth - 1]!, index: Number(m[2]) };
    const inner: Placement = m[4] ? { kind: "range", level: l, from: Number(m[3]), to: Number(m[4]) } : { kind: "once", level: l, index: Number(m[3]) };
    return { kind: "within", outer, inner };
  }));
  // "the 1995 chapter", "the chapters for 1999 and 2000" when the units are numbered by year
  const numbered = (noun: string | undefined, make: (l: string) => Placement) => withLevel(noun, (l) => (state.ctx.labelled?.includes(l) ? make(l) : null));
  add(66, `\\b[Tt]he\\s+(\\d{1,4})\\s+(${L})\\b`, (m) => numbered(m[2], (l) => ({ kind: "once", level: l, index: Number(m[1]) })), "gu");
  add(66, `\\b(${L})\\s+(?:for|of|from|in)\\s+(\\d{1,4}(?:\\s*(?:,|and|&)\\s*\\d{1,4})*)(?![\\d\\p{L}])`, (m) => numbered(m[1], (l) => {
    const ns = m[2]!.split(/\s*(?:,|and|&)\s*/).filter(Boolean).map(Number);
    return ns.length === 1 ? { kind: "once", level: l, index: ns[0]! } : { kind: "set", level: l, indices: ns };
  }));
  // "the lowest basement", "the top basement level", "basement 2": floors below ground
  add(92, `\\b(?:[Tt]he\\s+(lowest|deepest|bottom|first|top|highest|upper|uppermost|last)\\s+basement(?:\\s+(?:level|floor|storey))?|basement(?:\\s+(?:level|floor))?\\s+(\\d)|\\bB(\\d)\\b)`, (m) => {
    const b = state.ctx.basements;
    if (!b) return null;
    // the basement numbers count down from the ground: B1 is just below it, the lowest is B<count>
    const n = m[2] ?? m[3] ? Number(m[2] ?? m[3]) : /^(?:lowest|deepest|bottom|last)$/i.test(m[1]!) ? b.count : 1;
    return n >= 1 && n <= b.count ? { kind: "name", level: b.level, name: `B${n}` } : null;
  }, "gu");
  // "the first main", "the last dessert", "every starter": units of a section counted by kind
  {
    const kind = (word: string) => state.ctx.kinds?.[guessSingular(word.toLowerCase())];
    add(68, `\\b[Tt]he\\s+(${ORD}|${LAST})\\s+(\\p{L}+)\\b`, (m) => {
      const title = kind(m[2]!);
      if (!title) return null;
      const n = ordinalValue(m[1]!.toLowerCase());
      const inner: Placement = new RegExp(`^(?:${LAST})$`, "i").test(m[1]!) ? { kind: "last", level: levels.leaf } : n ? { kind: "once", level: levels.leaf, index: n } : { kind: "once", level: levels.leaf, index: 1 };
      return { kind: "within", outer: { kind: "name", name: title }, inner };
    }, "gu");
    add(67, `\\b(?:[Ee]very|[Ee]ach|[Aa]ll(?:\\s+the)?)\\s+(\\p{L}+)\\b`, (m) => {
      const title = kind(m[1]!);
      return title ? { kind: "name", name: title } : null;
    }, "gu");
  }
  // "the season finale" when there are no seasons: the last unit
  add(65, `\\bthe\\s+(?:season|series)\\s+(finale|premiere|opener)\\b`, (m) => (state.ctx.levels.some((l) => /^(?:season|series)$/i.test(l)) ? null : /finale/i.test(m[1]!) ? { kind: "last", level: levels.leaf } : { kind: "once", level: levels.leaf, index: 1 }));
  // "the prologue" when the prologue could not be made a unit: said, not guessed
  add(94, `\\b[Tt]he\\s+([\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+)?)(?![\\p{L}])`, (m) => {
    const names = state.ctx.unplannedNames ?? [];
    const words = m[1]!.toLowerCase();
    const hit = names.find((x) => x === words || x === words.split(/\s+/)[0]);
    return hit ? { why: `the brief asks for ${/^[aeiou]/.test(hit) ? "an" : "a"} ${hit} but its ${state.ctx.levels.map((l) => pluralOf(l.toLowerCase())).join(" of ")} leave no unit outside them for it: add it in the form, or place this in a chapter`, start: 0, end: 0 } : null;
  }, "gu");
  // "the letter for his 10th birthday", "the poem for their 25th": a unit named by the occasion's number
  add(70, `\\bthe\\s+(${L})\\s+(?:for|on|marking)\\s+(?:his|her|their|its|my|our|your|the)\\s+(${ORD})(?![\\p{L}\\d])`, (m) => {
    const n = parseNumber(m[2]!.replace(/(\d)(?:st|nd|rd|th)$/, "$1"));
    return n === null ? null : withLevel(m[1], (l) => ({ kind: "once", level: l, index: n }));
  });
  // "the three last chapters": the number before "last"
  add(72, `\\bthe\\s+(${N})\\s+(?:${LAST})\\s+(${L})`, (m) => {
    const n = parseNumber(m[1]!);
    return n === null || isOrdinal(m[1]!) ? null : withLevel(m[2], (l) => ({ kind: "last", level: l, count: n }));
  });

  // ── dates ──
  readDates(add);

  // ── anywhere, said outright ──
  add(50, `\\b(?:somewhere|at\\s+some\\s+point|anywhere|at\\s+any\\s+point|eventually|sooner\\s+or\\s+later|some\\s+time|sometime|(?:I'?m|I\\s+am|we'?re)\\s+not\\s+sure\\s+(?:when|where|which)|wherever\\s+it\\s+fits|(?:whenever|wherever)\\s+(?:it\\s+)?(?:feels|seems)\\s+right|you\\s+(?:choose|pick|decide)\\s+(?:where|which(?:\\s+(?:${L}))?|when)|(?:it\\s+)?(?:doesn['’]?t|does\\s+not|don['’]?t|do\\s+not)\\s+(?:really\\s+)?(?:matter|mind|care)\\s+(?:where|which\\s+(?:${L})|when)|wherever\\s+(?:you\\s+(?:like|want|wish|think\\s+best|see\\s+fit)|suits(?:\\s+you)?|works)|(?:where(?:ver)?|which\\s+(?:${L}))\\s+(?:it\\s+goes\\s+)?is\\s+up\\s+to\\s+you|(?:up\\s+to\\s+you|your\\s+call|your\\s+choice)\\s+(?:where|which\\s+(?:${L})|when)|(?:any|whichever)\\s+(?:${L})\\s+(?:you\\s+like|will\\s+do|works|is\\s+fine)|no\\s+particular\\s+(?:place|order|spot|(?:${L}))|in\\s+(?:one|any)\\s+of\\s+the\\s+(?:${L}))\\b(?:\\s+in\\s+the\\s+(?:book|novel|story|series|course|collection|year))?`, () => ({ kind: "anywhere" }));

  // "(any chapter)", "in any one lesson", "at least once": no particular unit
  add(50, `\\b(?:in\\s+)?any\\s+(?:one\\s+)?(${L})\\b(?:\\s+(?:you\\s+like|will\\s+do|works|is\\s+fine))?`, (m) => {
    const l = level(m[1]);
    return typeof l === "string" ? { kind: "anywhere" } : null;
  });
  add(50, `\\b(?:at\\s+least\\s+once|once\\s+or\\s+twice|more\\s+than\\s+once)\\b`, () => ({ kind: "anywhere" }));

  // ── vague positions: listed, never guessed ──
  const vague = (why: string, alt?: (leaf: string) => RefProblem["alternative"]) => (): RefProblem => ({ why, start: 0, end: 0, alternative: alt?.(levels.leaf) });
  add(40, `\\b(?:near|towards?|by|close\\s+to|approaching)\\s+the\\s+(?:very\\s+)?end\\b|\\blate\\s+in\\s+the\\s+(?:book|novel|story|course|year)\\b|\\bin\\s+the\\s+(?:closing|final)\\s+(?:pages|stages|part)\\b`,
    vague("“near the end” names no particular unit", (leaf) => ({ description: `the last ${leaf.toLowerCase()}`, placement: { kind: "last", level: leaf } })));
  add(40, `\\b(?:near|towards?|at|in)\\s+the\\s+(?:very\\s+)?(?:beginning|start|outset)\\b|\\bearly\\s+(?:on|in\\s+the\\s+(?:book|novel|story|course|year))\\b`,
    vague("“near the beginning” names no particular unit", (leaf) => ({ description: `the first ${leaf.toLowerCase()}`, placement: { kind: "once", level: leaf, index: 1 } })));
  add(40, `\\bthe\\s+(${L})\\s+(?:after|before|following|preceding|where|when|in\\s+which|that|about|covering|on\\s+(?:the|my|his|her|their|our)|set\\s+(?:in|at|on))\\b`, (m) =>
    typeof levels.resolve(m[1]) === "string" ? { why: "the unit is named by what happens in it or around it, which a reader cannot count", start: 0, end: 0 } : null);
  add(39, `\\b(?:in\\s+|during\\s+|for\\s+|throughout\\s+)?the\\s+(?:first|second|latter|last|final|opening|closing|middle)\\s+(?:half|third|quarter|stretch)\\b(?:\\s+of\\s+the\\s+(?:book|novel|story|course|series|season|year|collection))?`, vague("a stretch of the book (“the second half”) names no particular units"));
  add(38, `\\b(?:at|during|in)\\s+the\\s+(?:climax|crisis|turning\\s+point|denouement|dénouement)\\b`, vague("“the climax” names no particular unit", (leaf) => ({ description: `the last ${leaf.toLowerCase()}`, placement: { kind: "last", level: leaf } })));

  function range(noun: string | undefined, a: string | undefined, b: string | undefined): Placement | RefProblem | null {
    // "Ch. 14 – first kiss", "Module 2 – one last test": a title after a dash, not the range's other end
    if (b !== undefined && (isOrdinal(b) || (/^\d/.test(a ?? "") && /^\p{L}/u.test(b) && !/^[IVXLC]+$/.test(b)))) return null;
    const from = num(a);
    const to = num(b);
    if (from === null || to === null) return null;
    return withLevel(noun, (l) => ({ kind: "range", level: l, from: Math.min(from, to), to: Math.max(from, to) }));
  }
  function list(noun: string | undefined, body: string): Placement | RefProblem | null {
    const parts = body.split(/\s*(?:,|\band\b|&|\bor\b|\/)\s*/i).map((p) => p.replace(new RegExp(`^(?:${L})\\s+`, "i"), "").trim()).filter(Boolean);
    const indices = parts.map((p) => num(p));
    if (indices.some((n) => n === null || n < 1)) return null;
    return withLevel(noun, (l) => ({ kind: "set", level: l, indices: indices as number[] }));
  }

  return matchers;
}

function relIndex(word: string): number {
  const w = word.toLowerCase();
  if (new RegExp(`^(?:${LAST})$`).test(w)) return -1;
  if (new RegExp(`^(?:${SECOND_LAST})$`).test(w)) return -2;
  return ordinalValue(w) ?? 1;
}

function iso(month: number, day: number, year?: number): string {
  const md = `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return year ? `${year}-${md}` : md;
}

/** "2027-03" … "2027-04": the months from one ISO day to another. */
function monthsBetween(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  const last = Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7));
  while (y * 12 + m <= last && out.length < 600) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}

/** False for "2027-02-30". */
function isRealDay(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** Dates, date spans and dates that repeat, for briefs whose units are calendar periods. */
function readDates(addAny: (priority: number, source: string, read: Matcher["read"], flags?: string) => void): void {
  const add = (priority: number, source: string, read: Matcher["read"]) => addAny(priority, source, (m) => (state.ctx.calendar ? read(m) : null));
  const DATE = `(?:${MONTH_SOURCE}\\s+\\d{1,2}(?:st|nd|rd|th)?(?!\\d)|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_SOURCE}(?![\\p{L}])|(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01]))(?:,?\\s+(?:19|20)\\d\\d)?`;
  const one = (raw: string): string | null => {
    const mmdd = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(raw.trim());
    if (mmdd) return iso(Number(mmdd[1]), Number(mmdd[2]));
    const r = chrono.parse(raw, { instant: new Date(Date.UTC(state.ctx.calendar?.year ?? 2025, 0, 1)), timezone: 0 })[0];
    if (!r || !r.start.isCertain("month") || !r.start.isCertain("day")) return null;
    return iso(r.start.get("month")!, r.start.get("day")!, r.start.isCertain("year") ? r.start.get("year")! : undefined);
  };
  add(97, `\\bevery\\s+(${NUMBER_SOURCE})\\s+days?\\s*,?\\s*(?:starting|beginning|from)\\s+(?:from\\s+|on\\s+|with\\s+)?(?:day\\s+)?(${DATE})`, (m) => {
    const d = one(m[2]!);
    const every = parseNumber(m[1]!);
    return d && every ? { kind: "date", date: d, every } : null;
  });
  add(97, `(?:starting|beginning)\\s+(?:from\\s+|on\\s+)?(?:day\\s+)?(${DATE})\\s*,?\\s*(?:and\\s+)?(?:repeating|recurring|then)\\s+every\\s+(${NUMBER_SOURCE})\\s+days?`, (m) => {
    const d = one(m[1]!);
    const every = parseNumber(m[2]!);
    return d && every ? { kind: "date", date: d, every } : null;
  });
  add(94, `\\b(?:from\\s+|between\\s+)?(${DATE})\\s*(?:-|–|—|to|through|until|till|and)\\s*(${DATE})`, (m) => {
    const a = one(m[1]!);
    let b = one(m[2]!);
    if (!a || !b) return null;
    if (!/^\d{4}/.test(b) && /,?\s+((?:19|20)\d\d)\s*$/.test(m[2]!)) b = iso(Number(b.slice(0, 2)), Number(b.slice(3)), Number(/((?:19|20)\d\d)\s*$/.exec(m[2]!)![1]));
    return { kind: "date", date: a, to: b };
  });
  // "March 20-24", "20–24 March"
  add(93, `\\b(${MONTH_SOURCE})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|to|through|until)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|to|through|until)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_SOURCE})(?![\\p{L}])`, (m) => {
    const month = monthIndex(m[1] ?? m[6]!);
    const a = Number(m[2] ?? m[4]);
    const b = Number(m[3] ?? m[5]);
    return month ? { kind: "date", date: iso(month, a), to: iso(month, b) } : null;
  });
  // "the 1st and 15th of each month": those days in every month the calendar covers
  const DAY = `(?:\\d{1,2}(?:st|nd|rd|th)|${ORD})`;
  add(96, `\\b(?:on\\s+)?the\\s+(${DAY}(?:(?:\\s*,\\s*|\\s*,?\\s+(?:and|&)\\s+)(?:the\\s+)?${DAY})*)\\s+(?:day\\s+)?of\\s+(?:each|every|the)\\s+month\\b`, (m) => {
    const cal = state.ctx.calendar!;
    const days = m[1]!.split(/\s*(?:,|\band\b|&)\s*/).map((d) => d.replace(/^the\s+/i, "")).filter(Boolean).map((d) => ordinalValue(d) ?? parseNumber(d.replace(/(\d)(?:st|nd|rd|th)$/, "$1")));
    if (!cal.start || !cal.end || days.some((d) => d === null || d < 1 || d > 31)) return null;
    const of: Placement[] = [];
    for (const month of monthsBetween(cal.start, cal.end)) {
      for (const d of days as number[]) {
        const date = `${month}-${String(d).padStart(2, "0")}`;
        if (date >= cal.start && date <= cal.end && isRealDay(date)) of.push({ kind: "date", date });
      }
    }
    return of.length === 0 ? null : of.length === 1 ? of[0]! : { kind: "union", of };
  });
  // "on the first of June", "the twenty-first of March": a day said in words
  add(90, `\\bthe\\s+(${ORD})\\s+of\\s+(${MONTH_SOURCE})(?![\\p{L}])`, (m) => {
    const day = ordinalValue(m[1]!.toLowerCase()) ?? parseNumber(m[1]!.replace(/(\d)(?:st|nd|rd|th)$/, "$1"));
    const month = monthIndex(m[2]!);
    return day && month && day <= 31 ? { kind: "date", date: iso(month, day) } : null;
  });
  add(91, `\\b(?:the\\s+)?week\\s+(?:of|beginning|starting|commencing)\\s+(?:the\\s+)?(${DATE})`, (m) => {
    const d = one(m[1]!);
    return d ? { kind: "date", date: d } : null;
  });
  add(89, `\\b(?:on|for|by|dated)?\\s*(${DATE})`, (m) => {
    const d = one(m[1]!);
    return d ? { kind: "date", date: d } : null;
  });
  // "Q2", "the Q4 2026 newsletter": quarters by name
  add(88, `\\bQ([1-4])(?:\\s+((?:19|20)\\d\\d))?\\b`, (m) => ({ kind: "name", level: state.ctx.calendar!.level, name: m[2] ? `Q${m[1]} ${m[2]}` : `Q${m[1]}` }));
  // "the January–March report": a stretch of months
  add(90, `\\b(${MONTH_SOURCE})\\s*(?:–|—|-|to)\\s*(${MONTH_SOURCE})(?![\\p{L}\\d])`, (m) => ({ kind: "name", level: state.ctx.calendar!.level, name: `${m[1]}–${m[2]}` }));
  // "the first entry of each month", "on the last day of every month": that day of every month the calendar covers
  add(95, `\\b(?:on\\s+)?the\\s+(${ORD}|${FIRST}|${LAST})\\s+(?:\\p{L}+)\\s+(?:of|in)\\s+(?:each|every|the)\\s+month\\b`, (m) => {
    const cal = state.ctx.calendar!;
    if (cal.period !== "day" || !cal.start || !cal.end) return null;
    const last = new RegExp(`^(?:${LAST})$`, "i").test(m[1]!);
    const n = last ? null : ordinalValue(m[1]!);
    const of: Placement[] = monthsBetween(cal.start, cal.end).map((month) => {
      const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
      return `${month}-${String(last ? days : Math.min(n ?? 1, days)).padStart(2, "0")}`;
    }).filter((date) => date >= cal.start! && date <= cal.end!).map((date) => ({ kind: "date", date }));
    return of.length === 0 ? null : of.length === 1 ? of[0]! : { kind: "union", of };
  });
  // "weekends", "every weekend": Saturdays and Sundays
  add(86, `\\b(?:(?:on|at|every|each|all)\\s+)?(?:the\\s+)?weekends?\\b`, () => (state.ctx.calendar!.period === "day" ? { kind: "union", of: [{ kind: "name", level: state.ctx.calendar!.level, name: "Saturday" }, { kind: "name", level: state.ctx.calendar!.level, name: "Sunday" }] } : null));
  // "every Sunday of the cruise"
  add(87, `\\b(?:every|each|all\\s+(?:the\\s+)?|on)\\s+(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)s?\\b`, (m) => ({ kind: "name", level: state.ctx.calendar!.level, name: m[1]! }));
  // fixed-date holidays: "Christmas Eve", "on Halloween"
  add(89, `\\b(?:on\\s+)?(${Object.keys(HOLIDAYS).join("|")})\\b`, (m) => {
    const key = Object.keys(HOLIDAYS).find((h) => new RegExp(`^${h}$`, "i").test(m[1]!));
    return key ? { kind: "date", date: HOLIDAYS[key]! } : null;
  });
  // "every letter written in 1913"
  add(56, `\\b(?:in|during|throughout|of)\\s+((?:18|19|20)\\d\\d)\\b`, (m) => {
    const cal = state.ctx.calendar!;
    if (cal.start && cal.end && cal.start.slice(0, 4) === cal.end.slice(0, 4)) return null;
    // a year outside the calendar is the story's past ("who died in 2019"), not a place
    if (cal.start && cal.end && (m[1]! < cal.start.slice(0, 4) || m[1]! > cal.end.slice(0, 4))) return null;
    return { kind: "name", level: cal.level, name: m[1]! };
  });
  // "on the 1st", "the 30th", "from the 27th to the 29th" in a calendar of one month
  add(86, `\\b(?:from\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b(?:\\s*(?:-|–|to|through|until|till)\\s*(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\b)?(?!\\s+(?:of\\s+)?(?:${MONTH_SOURCE}))`, (m) => {
    const cal = state.ctx.calendar!;
    if (!cal.start || !cal.end || cal.start.slice(0, 7) !== cal.end.slice(0, 7)) return null;
    const month = Number(cal.start.slice(5, 7));
    return { kind: "date", date: iso(month, Number(m[1])), ...(m[2] ? { to: iso(month, Number(m[2])) } : {}) };
  });
  // "in March": the days or weeks of that month; "for March" too on monthly units
  add(55, `\\b(?:in|during|throughout|for)\\s+(${MONTH_SOURCE})\\b(?!\\s+\\d)`, (m) => {
    const cal = state.ctx.calendar;
    if (!cal || (/^for$/i.test(m[0].trim().split(/\s+/)[0]!) && cal.period !== "month")) return null;
    return { kind: "name", level: cal.level, name: m[1]!.replace(/\.$/, "") };
  });
}

interface Hit {
  priority: number;
  start: number;
  end: number;
  value: Placement | RefProblem;
}

/** Runs every matcher; where matches overlap, the higher priority (then the longer) wins. */
function collect(text: string, matchers: Matcher[], order: string[]): ClauseRefs {
  const hits: Hit[] = [];
  for (const { priority, re, read, gate } of matchers) {
    if (gate && !gate.test(text)) continue;
    for (const m of text.matchAll(re)) {
      if (m[0].trim() === "") continue;
      const value = read(m as RegExpExecArray);
      if (!value) continue;
      const lead = /^\s*/.exec(m[0])![0].length;
      hits.push({ priority, start: m.index + lead, end: m.index + m[0].trimEnd().length, value });
    }
  }
  // a structural reference that contains another wins ("every fourth story, starting from the 4th" over "the 4th");
  // names, vague phrases and "anywhere" (below 60) never outrank a structural one
  const structural = (h: Hit) => (h.priority >= 60 ? 1 : 0);
  // a reference inside quotes is part of a name ("Celebrate 'Halloween Spooktacular Dinner'"), unless it is a quoted title
  // an apostrophe inside a word ("Valentine's") does not close a quote
  const quoted = [...text.matchAll(/(?<![\p{L}])['‘“"]((?:[^'’”"]|['’](?=\p{L})){2,80})['’”"](?![\p{L}])/gu)].map((m) => [m.index, m.index + m[0].length] as const);
  for (let k = hits.length - 1; k >= 0; k--) {
    const h = hits[k]!;
    if (h.priority !== 57 && quoted.some(([a, b]) => h.start >= a && h.end <= b)) hits.splice(k, 1);
  }
  hits.sort((a, b) => structural(b) - structural(a) || b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const taken: Hit[] = [];
  for (const h of hits) if (!taken.some((t) => h.start < t.end && t.start < h.end)) taken.push(h);
  taken.sort((a, b) => a.start - b.start);
  // "in March, from the 20th to the 24th": the month only gave the dates their month
  if (taken.some((h) => "kind" in h.value && h.value.kind === "date")) {
    for (let i = taken.length - 1; i >= 0; i--) {
      const v = taken[i]!.value;
      if ("kind" in v && v.kind === "name" && monthIndex(v.name) !== null) taken.splice(i, 1);
    }
  }
  const refs: FoundRef[] = [];
  const problems: RefProblem[] = [];
  for (const h of taken) {
    if ("kind" in h.value) refs.push({ placement: h.value, start: h.start, end: h.end });
    else problems.push({ ...h.value, start: h.start, end: h.end });
  }
  const nested = atEdges(text, nest(text, refs, order), order);
  // "By the end of part two": the vague "by the end" was the edge of a unit named right after it
  const kept = problems.filter((p) => !nested.some((r) => p.start >= r.start && p.end <= r.end));
  return { refs: nested, problems: kept };
}

/**
 * "by the end of part two", "at the start of Act III": the last (or first) unit inside the one
 * named, not all of it.
 */
function atEdges(text: string, refs: FoundRef[], order: string[]): FoundRef[] {
  const leaf = order[order.length - 1];
  return refs.map((r) => {
    const level = levelOf(r.placement);
    if (!leaf || !level || level === leaf || r.placement.kind === "within" || !order.includes(level)) return r;
    const edge = /\b(?:(?:by|at|to|until|till|towards?|near)\s+)?the\s+(?:very\s+)?(end|close|finish|start|beginning|opening|outset)\s+of\s+(?:the\s+)?$/i.exec(text.slice(0, r.start));
    if (!edge) return r;
    const inner: Placement = /^(?:end|close|finish)$/i.test(edge[1]!) ? { kind: "last", level: leaf } : { kind: "once", level: leaf, index: 1 };
    return { placement: { kind: "within", outer: r.placement, inner }, start: edge.index, end: r.end };
  });
}

/** "the second scene of chapter 4": a reference to a deeper level followed by "of"/"in" a shallower one. */
function nest(text: string, refs: FoundRef[], order: string[]): FoundRef[] {
  const depth = (p: Placement) => order.indexOf(levelOf(p) ?? "");
  const out: FoundRef[] = [];
  for (let i = 0; i < refs.length; i++) {
    const inner = refs[i]!;
    const outer = refs[i + 1];
    // the outer reference may have taken the preposition itself ("in every module")
    const joint = outer ? `${text.slice(inner.end, outer.start)}${/^(?:in|on|of|within)\s+/i.exec(text.slice(outer.start))?.[0] ?? ""}` : "";
    if (outer && /^\s*,?\s*(?:of|in|within|from|inside)\s+(?:the\s+)?$/i.test(joint) && depth(outer.placement) >= 0 && depth(inner.placement) > depth(outer.placement)) {
      out.push({ placement: { kind: "within", outer: outer.placement, inner: inner.placement }, start: inner.start, end: outer.end });
      i++;
      continue;
    }
    // "each module's last lesson", "Part Two's opening chapter": the owner first, with a possessive
    if (outer && /^['’]s\s+$/.test(text.slice(inner.end, outer.start)) && depth(inner.placement) >= 0 && depth(outer.placement) > depth(inner.placement)) {
      out.push({ placement: { kind: "within", outer: inner.placement, inner: outer.placement }, start: inner.start, end: outer.end });
      i++;
      continue;
    }
    // "Chapter 6, scene 3", "Book I, Part 1": the outer unit first, then the one inside it
    if (outer && /^\s*,?\s*$/.test(text.slice(inner.end, outer.start)) && depth(inner.placement) >= 0 && depth(outer.placement) > depth(inner.placement) && outer.placement.kind === "once") {
      out.push({ placement: { kind: "within", outer: inner.placement, inner: outer.placement }, start: inner.start, end: outer.end });
      i++;
      continue;
    }
    // "the last lesson of each", "the first scene in every one": each of the units one level up
    const each = /^\s*(?:of|in)\s+(?:each|every)(?:\s+one)?\b(?![\s-]*\p{L})/iu.exec(text.slice(inner.end));
    const parent = order[depth(inner.placement) - 1];
    if (each && parent && inner.placement.kind !== "within" && !(outer && outer.start < inner.end + each[0].length)) {
      out.push({ placement: { kind: "within", outer: { kind: "periodic", level: parent, every: 1, start: 1 }, inner: inner.placement }, start: inner.start, end: inner.end + each[0].length });
      continue;
    }
    out.push(inner);
  }
  return out;
}

export function levelOf(p: Placement): string | undefined {
  switch (p.kind) {
    case "date":
    case "anywhere":
    case "union":
      return undefined;
    case "within":
      return levelOf(p.inner);
    case "name":
      return p.level;
    default:
      return p.level;
  }
}
