/**
 * Reads a brief's prose into its structured form: the units (how many, how they nest, what they
 * are called, how they are headed), their lengths, the calendar or grid they follow, and each
 * required item with its unit reference. Whatever had to be assumed, and every sentence whose
 * place could not be read, is listed. Nothing here resolves references to unit numbers: the
 * planner does that.
 */
import type { CountUnit } from "../../shared/text/count-words";
import { readCalendar } from "./calendar";
import { periodOf } from "../units/calendar";
import { MONTH_SOURCE } from "../base/numbers";
import { readBody, type BodyPieces } from "./clauses";
import { findCjkRefs, readCjkStructure } from "./cjk";
import { readGrid } from "./grid";
import { readHeadings } from "./headings";
import { detectLanguage, languageName } from "./language";
import { normalisedLanguage, normaliseLine, ordinalDots } from "./normalise";
import { readLengths } from "./lengths";
import { expandShorthand } from "./shorthand";
import { guessSingular, isKnownUnitNoun, pluralOf } from "./level-names";
import { readRequirements, type ReadRequirement } from "./requirements";
import { readTitleLists } from "./title-lists";
import { readCountedKinds, readPositionNames, readSequenceLabels } from "./sequence-labels";
import { isNumberLabel } from "../units/labels";
import { declaresStructure, levelName, readStructure } from "./structure";
import type { BriefChange, CalendarSpec, Placement, StructureLevel } from "./types";
import type { RefContext } from "./unit-refs";

/** Budgets per unit a reader never takes silently. */
export const MIN_PER_UNIT = 50;
export const MAX_PER_UNIT = 15_000;
/** With units but no length at all: this much per unit, and the brief says so. */
const DEFAULT_PER_UNIT: Record<CountUnit, number> = { words: 1500, characters: 2500 };
/** Usual lengths of units far shorter than a chapter, in words, for a brief that gives none. */
const SHORT_FORMS: Record<string, number> = { poem: 200, haiku: 20, sonnet: 120, limerick: 50, recipe: 500, postcard: 150, prayer: 200, devotion: 400 };
/** Words on a typical page, for a length given in pages (the usual manuscript-page figure). */
const WORDS_PER_PAGE = 250;
/** With a length but no units: chapters of about this much. */
const DEFAULT_CHAPTER: Record<CountUnit, number> = { words: 1500, characters: 2500 };

export interface ReadNote {
  text: string;
  why: string;
  /** Index of the requirement the note concerns. */
  requirement?: number;
  alternative?: { description: string; change: BriefChange } | { description: string; placement: Placement };
}

export interface BriefReading {
  language: string;
  levels: StructureLevel[];
  calendar?: CalendarSpec;
  total?: number;
  unit: CountUnit;
  tolerance?: number;
  /** "at least N" per unit. */
  minimumPerUnit?: number;
  requirements: ReadRequirement[];
  unresolved: ReadNote[];
  assumed: ReadNote[];
  /** Whether the structure and the length were stated (not defaulted). */
  stated: { structure: boolean; length: boolean; calendar: boolean };
  /** The writer's clauses read as the work's shape (its units, lengths, calendar), in their own words. */
  shapeClauses: string[];
  pieces: BodyPieces;
}

export function leafCount(levels: StructureLevel[]): number {
  let parents = 1;
  for (const l of levels) parents = l.counts ? l.counts.reduce((a, b) => a + b, 0) : parents * l.count;
  return parents;
}

export interface ReadOptions {
  /** The structure the form fixed: the prose's references are read against it. */
  levels?: StructureLevel[];
  calendar?: CalendarSpec;
  /** The form gave the length: the prose's silence about it is nothing to assume. */
  lengthGiven?: boolean;
}

export function readBrief(body: string, options: ReadOptions = {}): BriefReading {
  const language = detectLanguage(body);
  // other languages are read through their structural words put into English; requirements keep the writer's sentences
  // and writers' shorthand ("25 chs", "70k", a table of chapters) is put into the words the reader knows
  const normalised = expandShorthand(normalisedLanguage(language) ? body.split("\n").map((l) => normaliseLine(l, language)).join("\n") : body);
  const original = normalised === body ? null : readBody(body.split("\n").map((l) => ordinalDots(l, language)).join("\n"));
  const pieces = readBody(normalised);
  const { clauses } = pieces;
  const cjk = language === "zh" || language === "ja";
  const assumed: ReadNote[] = [];
  const unresolved: ReadNote[] = [];
  const consumed = new Set<number>();
  // notes quote the writer's own sentence, not its English-ised reading
  const clauseText = (i: number | undefined) => (i === undefined ? "" : (original && original.clauses.length === clauses.length ? original.clauses[i]?.text : undefined) ?? clauses[i]?.text ?? "");

  // units
  // titles said where the units are counted ("four sections - Spring, Summer, Autumn and Winter - each …")
  const titled = readTitleLists(pieces);
  const structure = readStructure(titled.pieces, body);
  let levels = structure.levels;
  for (const [noun, titles] of titled.titles) {
    const l = levels.find((x) => x.name === levelName(noun));
    if (l && !l.titles?.some(Boolean) && leafCount(levels.slice(0, levels.indexOf(l) + 1)) === titles.length) l.titles = titles;
  }
  structure.consumed.forEach((i) => consumed.add(i));
  for (const a of structure.assumptions) {
    assumed.push({ text: clauseText(a.clause), why: a.why, ...(a.alternative ? { alternative: { description: a.alternative.description, change: { kind: "structure", structure: a.alternative.structure } } } : {}) });
  }
  if (cjk && levels.length === 0) {
    const c = readCjkStructure(clauses);
    if (c) {
      levels = c.levels;
      c.consumed.forEach((i) => consumed.add(i));
    }
  }

  // a grid of units
  const grid = readGrid(clauses, body);
  if (grid) {
    grid.consumed.forEach((i) => consumed.add(i));
    const cells = grid.grid.columns * grid.grid.rows;
    const named = grid.noun ? levelName(grid.noun) : undefined;
    const target = levels.find((l) => l.name === named) ?? (levels.length === 1 ? levels[0] : undefined);
    if (target) {
      // a count the grid overrides ("the four corner plots") was content, not structure
      for (const d of structure.declarations) if (d.count !== cells && levelName(d.noun) === target.name) consumed.delete(d.clause);
      if (target.count !== cells && structure.declarations.some((d) => d.count === target.count && grid.consumed.has(d.clause))) assumed.push({ text: clauseText([...grid.consumed][0]), why: `the brief counts ${target.count} ${target.name.toLowerCase()}s but its grid has ${cells} cells: the grid is taken` });
      target.count = cells;
      target.grid = grid.grid;
    } else {
      levels = [{ name: named ?? "Block", count: cells, grid: grid.grid }];
    }
    if (named && levels[0] && levels[0].name !== named && levels.length === 1) levels[0].name = named;
    for (const a of grid.assumed) assumed.push({ text: clauseText([...grid.consumed][0]), why: a.why, ...(a.alternative ? { alternative: { description: a.alternative.description, change: { kind: "grid", grid: a.alternative.grid } } } : {}) });
  }

  // calendar periods
  const cal = readCalendar(clauses, levels, body);
  let calendar: CalendarSpec | undefined;
  if (cal) {
    cal.consumed.forEach((i) => consumed.add(i));
    if (levels.length === 0 && cal.spanCount) levels = [{ name: cal.level, count: cal.spanCount }];
    // "52 weekly entries from 7 April to 29 September": the last day bounds the count
    const counted = levels.length === 1 ? levels[0]! : undefined;
    if (counted && cal.bounded && cal.spanCount && counted.count > cal.spanCount && !counted.grid) {
      assumed.push({ text: clauseText([...cal.consumed][0]), why: `the brief counts ${counted.count} ${pluralOf(counted.name)}, but from ${cal.start} to its last day there are ${cal.spanCount} ${cal.period}s: read as ${cal.spanCount}`, alternative: { description: `${counted.count} ${pluralOf(counted.name)}`, change: { kind: "structure", structure: [{ ...counted }] } } });
      counted.count = cal.spanCount;
    }
    if (levels.some((l) => l.name === cal.level) || levels.length === 1) {
      calendar = { start: cal.start, period: cal.period, level: levels.some((l) => l.name === cal.level) ? cal.level : levels[levels.length - 1]!.name };
      if (cal.assumed) assumed.push({ text: "", why: cal.assumed });
    }
  }

  let proseLevels: StructureLevel[] | undefined;
  if (options.levels) {
    proseLevels = levels;
    levels = options.levels.map((l) => ({ ...l }));
    calendar = options.calendar ?? (cal && levels.some((l) => l.name === cal.level) ? { start: cal.start, period: cal.period, level: cal.level } : undefined);
  }

  sequenceTitles(clauses.map((c) => c.text).join(" "), levels);
  if (levels.length <= 1 && !new RegExp(`\\b(?:${MONTH_SOURCE})\\b|\\b\\d{4}-\\d{2}`).test(body)) {
    // "one menu per day from Monday to Sunday": the days of a week, named
    const wd = /\bfrom\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:to|through|until|till)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.exec(body);
    if (wd) {
      const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
      const a = days.indexOf(wd[1]!);
      const b = days.indexOf(wd[2]!);
      const titles = Array.from({ length: ((b - a + 7) % 7) + 1 }, (_, k) => days[(a + k) % 7]!);
      const name = /\bone\s+([\p{L}]+)\s+(?:a|per|each)\s+day\b/iu.exec(body)?.[1];
      levels = [{ name: name ? levelName(name) : "Day", count: titles.length, titles }];
      calendar = undefined;
    }
  }

  // units numbered otherwise than 1, 2, 3… (a prologue and an epilogue, card 0 to card XXI, basements)
  // "8 starters, 12 mains and 6 desserts": sections by kind
  const kinds = proseLevelsFixed(options) ? null : readCountedKinds(clauses, levels);
  if (kinds) for (let k = assumed.length - 1; k >= 0; k--) if (/^the brief counts both/.test(assumed[k]!.why)) assumed.splice(k, 1);
  const sequence = proseLevelsFixed(options) ? null : readSequenceLabels(clauses, levels, new Set(structure.declarations.map((d) => d.clause)));
  const lengthClauses = sequence?.clauses ?? clauses;
  if (!proseLevelsFixed(options) && levels.length === 1) readPositionNames(clauses.map((c) => c.text).join(" "), levels[0]);
  sequence?.consumed.forEach((i) => consumed.add(i));
  for (const why of sequence?.notes ?? []) assumed.push({ text: "", why });
  const fixed = { count: sequence?.fixed.size ?? 0, words: [...(sequence?.fixed.values() ?? [])].reduce((a, b) => a + b, 0) };

  // headings
  const headings = readHeadings(clauses, levels);
  headings.consumed.forEach((i) => consumed.add(i));
  for (const l of levels) {
    const pattern = headings.patterns.get(l.name);
    if (pattern) l.heading = pattern;
  }

  // lengths
  const countNouns = new Set(structure.declarations.map((d) => guessSingular(d.noun)));
  const lengths = readLengths(lengthClauses, levels.map((l) => l.name), countNouns);
  // "# Salt Road (80,000 words)": a length in the brief's own title line counts when the prose gives no total
  const titleLine = pieces.headings.find((h) => h.order === 0);
  if (!lengths.total && titleLine) {
    const fromTitle = readLengths([{ text: titleLine.text, listItem: false }], levels.map((l) => l.name), countNouns);
    if (fromTitle.total) lengths.total = { ...fromTitle.total, clause: -1 };
    else if (!lengths.perUnit && fromTitle.perUnit) lengths.perUnit = { ...fromTitle.perUnit, clause: -1 };
  }
  lengths.consumed.forEach((i) => consumed.add(i));
  const unit: CountUnit = cjk ? "characters" : lengths.unit ?? "words";
  const leaves = leafCount(levels);
  let total: number | undefined;
  let minimumPerUnit: number | undefined;
  const per = lengths.perUnit;
  const perLeaf = (p: NonNullable<typeof per>) => {
    // "5,000 words per part": a length for a level above the leaves
    const at = p.noun ? levels.findIndex((l) => l.name.toLowerCase() === p.noun) : -1;
    if (at >= 0 && at < levels.length - 1) return (p.value * leafCount(levels.slice(0, at + 1))) / leaves;
    return p.value;
  };
  if (lengths.total && levels.length > 0) {
    const t = lengths.total;
    total = t.value;
    if (per) {
      const product = Math.round(perLeaf(per) * (leaves - fixed.count) + fixed.words);
      if (per.atLeast) {
        minimumPerUnit = Math.round(perLeaf(per));
        if (product > total) assumed.push({ text: clauseText(per.clause), why: `“${per.words}” for ${leaves} units needs at least ${product} ${unit}, more than the total of ${total}: the total is taken` });
      } else if (product !== total && lengths.prefer === "per-unit") {
        // the brief itself says which wins
        total = product;
        assumed.push({ text: clauseText(per.clause), why: `“${per.words}” for ${leaves} units makes ${product} ${unit}, not the brief's total of ${t.value}: the brief says the length per unit wins`, alternative: { description: `${t.value} ${unit} in all`, change: { kind: "length", total: t.value } } });
      } else if (product !== total) {
        assumed.push({ text: clauseText(per.clause), why: `“${per.words}” for ${leaves} units makes ${product} ${unit}, but the brief's total is ${total}: the total wins`, alternative: { description: `${product} ${unit} in all (${per.value} a unit)`, change: { kind: "length", total: product } } });
      }
    } else if (!t.explicit && t.value / leaves < MIN_PER_UNIT && t.value <= MAX_PER_UNIT) {
      // "one entry a day for 31 days, about 200 words": as a total, under 50 a unit; the writer means each
      total = t.value * leaves;
      assumed.push({ text: clauseText(t.clause), why: `“${t.words}” read as ${t.value} ${unit} for each of the ${leaves} units (${total} in all): as a total it would give under ${MIN_PER_UNIT} a unit`, alternative: { description: `${t.value} ${unit} in all`, change: { kind: "length", total: t.value } } });
    } else if (t.ambiguous) {
      const asPer = t.value * leaves;
      const perIfTotal = t.value / leaves;
      if (perIfTotal < MIN_PER_UNIT && asPer / leaves <= MAX_PER_UNIT) {
        total = asPer;
        assumed.push({ text: clauseText(t.clause), why: `“${t.words}” read as ${t.value} ${unit} for each of the ${leaves} units (${asPer} in all): as a total it would give under ${MIN_PER_UNIT} a unit`, alternative: { description: `${t.value} ${unit} in all`, change: { kind: "length", total: t.value } } });
      } else {
        assumed.push({ text: clauseText(t.clause), why: `“${t.words}” read as the total (${Math.round(perIfTotal)} ${unit} a unit), not ${t.value} for each unit`, alternative: { description: `${t.value} ${unit} for each unit (${asPer} in all)`, change: { kind: "length", total: asPer } } });
      }
    }
  } else if (lengths.total) {
    total = lengths.total.value;
  } else if (per && levels.length > 0) {
    total = Math.round(perLeaf(per) * (leaves - fixed.count) + fixed.words);
    if (per.atLeast) minimumPerUnit = Math.round(perLeaf(per));
  }
  if (sequence && sequence.fixed.size > 0) {
    const leaf = levels[levels.length - 1]!;
    leaf.targets = { ...(leaf.targets ?? {}), ...Object.fromEntries(sequence.fixed) };
  }
  for (const t of lengths.targets) {
    const l = levels.find((x) => x.name.toLowerCase() === t.noun);
    if (!l) continue;
    l.targets = { ...(l.targets ?? {}), [t.index]: t.value };
  }
  if (total === undefined && lengths.pages) {
    // "a 320-page novel": pages are turned into words at a typical book page's count, said as assumed
    total = lengths.pages.value * WORDS_PER_PAGE;
    assumed.push({ text: clauseText(lengths.pages.clause), why: `“${lengths.pages.words}” read as ${total} ${unit} (about ${WORDS_PER_PAGE} ${unit} a page)` });
  }
  const stated = { structure: (proseLevels ?? levels).length > 0, length: total !== undefined, calendar: calendar !== undefined };
  if (levels.length === 0 && total !== undefined) {
    const count = Math.max(1, Math.round(total / DEFAULT_CHAPTER[unit]));
    levels = [{ name: "Chapter", count }];
    assumed.push({ text: "", why: `the brief names no units: read as ${count} chapter${count === 1 ? "" : "s"} of about ${Math.round(total / count)} ${unit}` });
  }
  if (total === undefined && levels.length > 0) {
    // a poem is not a chapter: short forms get their own usual length
    const each = (unit === "words" ? SHORT_FORMS[levels[levels.length - 1]!.name.toLowerCase()] : undefined) ?? DEFAULT_PER_UNIT[unit];
    total = each * leafCount(levels);
    if (!options.lengthGiven) assumed.push({ text: "", why: `the brief gives no length: read as ${each} ${unit} a unit (${total} in all)` });
  }
  if (total !== undefined && levels.length > 0) {
    const each = total / leafCount(levels);
    if (each < MIN_PER_UNIT || each > MAX_PER_UNIT) {
      assumed.push({ text: clauseText(lengths.total?.clause ?? per?.clause), why: `${total} ${unit} over ${leafCount(levels)} units is ${Math.round(each)} a unit, ${each < MIN_PER_UNIT ? "under" : "over"} the ${each < MIN_PER_UNIT ? MIN_PER_UNIT : MAX_PER_UNIT} a reader takes without asking` });
    }
  }

  // required content
  const ctx: RefContext = {
    levels: levels.map((l) => l.name),
    ...(calendar ? { calendar: { level: calendar.level ?? levels[levels.length - 1]?.name ?? "Day", period: calendar.period, year: Number(calendar.start.slice(0, 4)), start: calendar.start, end: calendarEnd(calendar, levels) } } : {}),
    ...(levels.find((l) => l.grid) ? { gridLevel: levels.find((l) => l.grid)!.name, grid: { pair: levels.find((l) => l.grid)!.grid!.pair, letters: levels.find((l) => l.grid)!.grid!.letters } } : {}),
    aliases: { ...unitAliases(body, levels), ...headings.aliases },
    // units with names in place of numbers ("the prologue", "the ground floor") are found as titles are
    titles: [...levels.flatMap((l) => l.titles ?? []), ...levels.flatMap((l) => (l.labels ?? []).filter((x) => !isNumberLabel(x)))].filter(Boolean),
    labelNames: levels.flatMap((l) => (l.labels ?? []).filter((x) => !isNumberLabel(x))),
    ...(kinds ? { kinds: Object.fromEntries(kinds) } : {}),
    ...(sequence?.unplanned.length ? { unplannedNames: sequence.unplanned } : {}),
    ...(levels.find((l) => l.labels?.[0]?.startsWith("B")) ? { basements: { level: levels.find((l) => l.labels?.[0]?.startsWith("B"))!.name, count: levels.find((l) => l.labels?.[0]?.startsWith("B"))!.labels!.filter((x) => /^B\d+$/.test(x)).length } } : {}),
    labelled: levels.filter((l) => l.labels?.some((x) => /^\d+$/.test(x) && x !== "1")).map((l) => l.name),
    ...(levels.find((l) => l.labels?.[0] === "A" && l.labels[25] === "Z") ? { letterLevel: levels.find((l) => l.labels?.[0] === "A")!.name } : {}),
  };
  const { requirements, problems } = readRequirements({ pieces: withDeclarationsSplit(pieces, consumed), ctx, consumed, unitLists: structure.unitLists, unitHeadings: structure.unitHeadings });
  if (cjk) {
    clauses.forEach((c, i) => {
      if (consumed.has(i)) return;
      if (requirements.some((r) => r.clause === i)) return;
      const refs = findCjkRefs(original?.clauses[i]?.text ?? c.text, levels.map((l) => l.name));
      const own = original?.clauses[i]?.text ?? c.text;
      if (refs.length === 1) requirements.push({ text: own, content: own, placement: refs[0]!.placement, clause: i });
      else if (refs.length > 1) requirements.push({ text: own, content: own, placement: { kind: "union", of: refs.map((r) => r.placement) }, clause: i });
    });
  }
  if (original && original.clauses.length === clauses.length) restoreWording(requirements, problems, original.clauses);
  // a place given roughly is placed exactly where it says: the writer hears so, and can move it
  requirements.forEach((r, k) => {
    if (r.roughly) assumed.push({ text: r.text, why: `the brief gives its place roughly ("${r.roughly}"): it is placed exactly there; move it on the form if it belongs nearby`, requirement: k });
  });
  for (const p of problems) unresolved.push({ text: p.text, why: p.why, requirement: p.requirement, ...(p.alternative ? { alternative: p.alternative } : {}) });
  if (!cjk && language !== "en" && !normalisedLanguage(language)) {
    assumed.push({ text: "", why: `the brief is in ${languageName(language)}: its structure and lengths were read from digits; its sentences were not read for placements` });
  }
  const shapeClauses = [...consumed].filter((i) => !requirements.some((r) => r.clause === i)).sort((a, b) => a - b).map(clauseText).filter(Boolean);
  return { language, levels: proseLevels ?? levels, calendar, total, unit, tolerance: lengths.tolerance, minimumPerUnit, requirements, unresolved, assumed, stated, shapeClauses, pieces };
}

/** The form fixed the structure: the prose's labels are not read onto it. */
function proseLevelsFixed(options: ReadOptions): boolean {
  return options.levels !== undefined;
}

/** Requirements read from English-ised clauses get the writer's own sentence back (one per sentence). */
function restoreWording(requirements: ReadRequirement[], problems: { text: string; clause: number }[], clauses: BodyPieces["clauses"]): void {
  for (let k = requirements.length - 1; k >= 0; k--) {
    const r = requirements[k]!;
    const own = clauses[r.clause]?.text;
    if (!own) continue;
    const first = requirements.findIndex((x) => x.clause === r.clause);
    if (first !== k) {
      const keep = requirements[first]!;
      keep.placement = keep.placement.kind === "union" ? { kind: "union", of: [...keep.placement.of, r.placement] } : { kind: "union", of: [keep.placement, r.placement] };
      requirements.splice(k, 1);
      continue;
    }
    r.text = own;
    r.content = own;
  }
  for (const p of problems) p.text = clauses[p.clause]?.text ?? p.text;
}

/**
 * Other nouns the brief uses for its units: "one report per week" (reports are the weeks), "the
 * document consists of 300 entries" beside "300 floors".
 */
function unitAliases(body: string, levels: StructureLevel[]): Record<string, string> {
  const out: Record<string, string> = {};
  const names = new Map(levels.map((l) => [l.name.toLowerCase(), l.name]));
  for (const m of body.matchAll(/\bone\s+([\p{L}]+)\s+(?:per|a|each|every|for\s+each|for\s+every)\s+([\p{L}]+)/giu)) {
    const x = guessSingular(m[1]!);
    const y = names.get(guessSingular(m[2]!));
    if (y && !names.has(x) && x !== "one") out[x] = y;
  }
  const leaf = levels[levels.length - 1];
  if (leaf && levels.length === 1) {
    for (const m of body.matchAll(/\b(\d+)\s+([\p{L}]+)/gu)) {
      const x = guessSingular(m[2]!);
      if (Number(m[1]) === leaf.count && !names.has(x) && isKnownUnitNoun(x)) out[x] ??= leaf.name;
    }
  }
  return out;
}

/**
 * Units that follow a sequence of periods: "one chapter per century, from the 900s up to the
 * 2000s", "each set in a different decade, in order, starting with the 1920s": they are named by it.
 */
function sequenceTitles(text: string, levels: StructureLevel[]): void {
  const leaf = levels[levels.length - 1];
  if (!leaf || leaf.titles?.some(Boolean) || levels.length > 1) return;
  const m = /\b(?:from|starting\s+(?:with|in|from)|beginning\s+(?:with|in))\s+the\s+(\d{3,4})s\b/i.exec(text);
  if (!m) return;
  const step = /\bdecades?\b/i.test(text) ? 10 : /\bcentur(?:y|ies)\b/i.test(text) ? 100 : 0;
  if (!step) return;
  const first = Number(m[1]);
  leaf.titles = Array.from({ length: leaf.count }, (_, k) => `${first + k * step}s`);
}

/** The last day the calendar covers. */
function calendarEnd(calendar: CalendarSpec, levels: StructureLevel[]): string {
  const depth = Math.max(0, levels.findIndex((l) => l.name === calendar.level));
  const count = leafCount(levels.slice(0, depth + 1));
  return periodOf(calendar, count).end;
}

/**
 * A clause that declares structure or length may also place content after a semicolon or a dash
 * ("Twelve chapters; in chapter 3 the dog dies"): such tails become clauses of their own.
 */
function withDeclarationsSplit(pieces: BodyPieces, consumed: Set<number>): BodyPieces {
  const clauses = [...pieces.clauses];
  const extra: number[] = [];
  pieces.clauses.forEach((c, i) => {
    if (!consumed.has(i)) return;
    const parts = c.text.split(/;\s+|\s+[—–]\s+|,\s+(?:and|but)\s+(?=(?:in|on|during|at|by|from)\s)/);
    if (parts.length < 2) return;
    for (const part of parts.slice(1)) {
      if (declaresStructure(part, "")) continue;
      clauses.push({ ...c, text: part.trim() });
      extra.push(clauses.length - 1);
    }
  });
  void extra;
  return { ...pieces, clauses };
}
