/**
 * Required content and where it goes. Every clause that places something on units becomes a
 * requirement in the writer's own words; a clause with several places for several things
 * ("husband (birthday on May 13), my wife (birthday on September 19)") becomes one requirement
 * each; one thing in several places ("in chapter 2 and again in the last chapter") stays one. A
 * clause whose place cannot be read is kept (placed "anywhere") and reported, never dropped.
 */
import type { Clause, BodyPieces } from "./clauses";
import { findRefs, levelOf, type FoundRef, type RefContext, type RefProblem } from "./unit-refs";
import { capitalise, pluralOf, singularOf } from "./level-names";
import { declaresStructure, titleOf } from "./structure";
import { expandUnitAbbreviation, opensWithUnitRef } from "./unit-abbreviations";
import type { Placement } from "./types";
import { whyNoContent } from "./not-content";
import { restatedIndices } from "./restatements";

export interface ReadRequirement {
  text: string;
  content: string;
  placement: Placement;
  clause: number;
  /** the brief's words that give the place only roughly ("or so", "around"): it is placed exactly, and the writer told */
  roughly?: string;
}

export interface ReadProblem {
  text: string;
  why: string;
  clause: number;
  /** Index into the requirements of the requirement kept for it. */
  requirement: number;
  alternative?: RefProblem["alternative"];
}

/** Instructions about layout and markers, not content ("Use '#*#' to separate each entry"). */
const FORMAT = /\b(?:use|using)\b[^.]{0,60}\bto\s+(?:separate|mark|denote|indicate|begin|start|label|head|divide|delimit|introduce)\b|\b(?:conclude|finish|end|close)\s+(?:the\s+[\p{L}’']+(?:\s+[\p{L}’']+)?\s+)?with\s+["'‘“*#]|\bseparat(?:e|ed|ing)\s+(?:each|every|the)\b|^\s*(?:#|\*\*\*)|\bheading\s+(?:format|style)\b/iu;
/** General instructions that apply to every unit but place no content: voice, tense, tone, format, length. */
const STYLE = /\b(?:first|second|third)[- ]person\b|\b(?:tense|tone|voice|point\s+of\s+view|pov|style|register|reading\s+level|font|markdown|bold|italic|format(?:ted)?|heading|headed|titled|numbered|words?|characters?|clarity|continuity|consistent|interruptions|omissions|detailed\s+descriptions?)\b/i;
const REQUIRED = /\b(?:must|should|has\s+to|have\s+to|needs?\s+to|is\s+to|are\s+to|will)\b/i;
const RELATIVE_TO_EVENT = /\b(?:before|after|until|by\s+the\s+time|as\s+soon\s+as|just\s+as)\s+(?:the|a|an|his|her|their|its|[A-Z])\w*/;
const EMPTY_CONTENT = /^(?:and|also|again|too|as\s+well|then|once\s+more|both|or|plus|in|on|at|during|for|the|so|i\.e\.?|that\s+is|meaning|namely|[\s,;:.()—–-])*$/i;

export interface RequirementsInput {
  pieces: BodyPieces;
  ctx: RefContext;
  consumed: Set<number>;
  unitLists: Map<number, string>;
  unitHeadings: Map<number, { level: string; index: number }>;
}

export function readRequirements(input: RequirementsInput): { requirements: ReadRequirement[]; problems: ReadProblem[] } {
  const { pieces, ctx, consumed, unitLists, unitHeadings } = input;
  const requirements: ReadRequirement[] = [];
  const problems: ReadProblem[] = [];
  pieces.clauses.forEach((read, i) => {
    let clause = read;
    if ((consumed.has(i) && !topicOf(clause.text, ctx)) || FORMAT.test(clause.text)) return;
    // "2.3 Payroll": the outline number the list marker carried is the item's place
    if (clause.outline && ctx.levels.length >= 2) clause = { ...clause, text: `${clause.outline} ${clause.text}` };
    const { refs, problems: clauseProblems } = findRefs(clause.text, ctx);
    // "S2:" over "- Ep. 1: the new owners": a list under a unit's name is inside that unit
    const leadUnit = clause.listItem && clause.lead ? unitOfLead(clause.lead, ctx) : null;
    if (leadUnit) {
      const depth = (p: Placement) => ctx.levels.indexOf(levelOf(p) ?? "");
      for (const r of refs) if (r.placement.kind !== "within" && depth(r.placement) > depth(leadUnit)) r.placement = { kind: "within", outer: leadUnit, inner: r.placement };
    }
    if (refs.length === 0) {
      const own = ownUnit(clause, unitLists, unitHeadings) ?? (leadUnit && !FORMAT.test(clause.text) ? leadUnit : null);
      if (own) {
        const content = clause.list !== undefined && unitLists.has(clause.list) ? descriptionOf(clause.text) : clause.text;
        if (content) requirements.push({ text: clause.text, content: tidy(content), placement: own, clause: i });
        return;
      }
      // "Ines must learn to swim before the ferry sinks": content placed by an event, not by a unit
      if (clauseProblems.length === 0 && REQUIRED.test(clause.text) && RELATIVE_TO_EVENT.test(clause.text)) {
        clauseProblems.push({ why: "it is placed relative to an event in the story, not to a unit", start: 0, end: 0 });
      }
      if (clauseProblems.length > 0) {
        requirements.push({ text: clause.text, content: clause.text, placement: { kind: "anywhere" }, clause: i });
        const p = clauseProblems[0]!;
        problems.push({ text: clause.text, why: p.why, clause: i, requirement: requirements.length - 1, alternative: p.alternative });
      }
      return;
    }
    // "days 1–4 are in Tokyo, days 5–7 in Kyoto, and the rest in Osaka": the units after the last one named
    const rest = /\b(?:the\s+rest|the\s+remaining(?:\s+\p{L}+)?|all\s+the\s+others|the\s+others)\b/iu.exec(clause.text);
    if (rest && refs.length > 0 && !refs.some((r) => r.start <= rest.index && rest.index < r.end)) {
      const before = refs.filter((r) => r.end <= rest.index);
      const last = (p: Placement): number | null => (p.kind === "range" ? p.to : p.kind === "once" ? p.index : p.kind === "set" ? Math.max(...p.indices) : null);
      const prior = before.map((r) => ({ level: "level" in r.placement ? (r.placement as { level: string }).level : "", n: last(r.placement) })).filter((x) => x.n !== null && x.level);
      if (prior.length > 0 && prior.every((x) => x.level === prior[0]!.level)) {
        const start = Math.max(...prior.map((x) => x.n!)) + 1;
        refs.push({ placement: { kind: "periodic", level: prior[0]!.level, every: 1, start }, start: rest.index, end: rest.index + rest[0].length });
        refs.sort((a, b) => a.start - b.start);
      }
    }
    // "Lesson 2 of this module" under "## Module 2": the unit inside the one the heading names
    const own = clause.heading ? unitHeadings.get(clause.heading.order) : undefined;
    if (own) {
      for (const r of refs) {
        const tail = /^\s*(?:of|in|within)\s+this\s+(\p{L}+)/iu.exec(clause.text.slice(r.end));
        if (!tail || (singularOf(tail[1]!) ?? tail[1]!.toLowerCase()) !== own.level.toLowerCase() || r.placement.kind === "within" || r.placement.kind === "anywhere") continue;
        r.placement = { kind: "within", outer: { kind: "once", level: own.level, index: own.index }, inner: r.placement };
        r.end += tail[0].length;
      }
    }
    // "eventually, but I'm not sure when": two ways of saying "no place" are one item
    for (let k = refs.length - 2; k >= 0; k--) {
      if (refs[k]!.placement.kind !== "anywhere" || refs[k + 1]!.placement.kind !== "anywhere") continue;
      // with the item's words between them ("In one of the chapters, the bicycle story - wherever you think best") the second only repeats the first
      if (/\p{L}{3,}/u.test(clause.text.slice(refs[k]!.end, refs[k + 1]!.start).replace(/\b(?:but|and|or|I'?m|not|sure|when|where|which|though|really)\b/gi, ""))) refs.splice(k + 1, 1);
      else refs.splice(k, 2, { ...refs[k]!, end: refs[k + 1]!.end });
    }
    // "somewhere in part 2": a place inside the unit named, which one not said (someUnitInside says so)
    const somewhereIn = new WeakSet<Placement>();
    for (let k = refs.length - 2; k >= 0; k--) {
      const gap = clause.text.slice(refs[k]!.end, refs[k + 1]!.start);
      if (refs[k]!.placement.kind !== "anywhere" || refs[k + 1]!.placement.kind === "anywhere" || !/^\s*(?:in|during|within|inside)\s+(?:the\s+)?$/i.test(gap)) continue;
      somewhereIn.add(refs[k + 1]!.placement);
      refs.splice(k, 2, { ...refs[k + 1]!, start: refs[k]!.start });
    }
    // "the first poem of 'Iron'", "the first recipe in Summer": a unit inside a named one
    for (let k = refs.length - 2; k >= 0; k--) {
      const gap = clause.text.slice(refs[k]!.end, refs[k + 1]!.start);
      const inner = refs[k]!.placement;
      const outer = refs[k + 1]!.placement;
      if (!/^\s*(?:of|in|from)\s+(?:the\s+)?$/i.test(gap) || outer.kind !== "name") continue;
      if (!["once", "last", "fraction", "set", "range", "periodic"].includes(inner.kind)) continue;
      refs.splice(k, 2, { placement: { kind: "within", outer, inner }, start: refs[k]!.start, end: refs[k + 1]!.end });
    }
    // "every letter written in 1913": the second reference narrows the first, it is not a second place
    for (let k = refs.length - 2; k >= 0; k--) {
      const gap = clause.text.slice(refs[k]!.end, refs[k + 1]!.start);
      if (isEveryUnit(refs[k]!.placement) && /^\s*(?:[\p{L}-]+\s+){0,2}$/u.test(gap) && !/\b(?:and|or|but)\b/i.test(gap)) refs.splice(k, 1);
    }
    const pieces = splitByRefs(clause, refs);
    // an outline line's topic is the content, without its unit, markup or counts
    const topic = pieces.length === 1 ? topicOf(clause.text, ctx) : null;
    if (topic) pieces[0]!.content = topic;
    for (const piece of pieces) {
      if (isEveryUnit(piece.placement) && STYLE.test(piece.content)) continue;
      if (whyNoContent(piece.text, piece.content, piece.placement)) continue;
      piece.placement = atTheEdge(piece.placement, piece.text, ctx);
      if (!/[\p{L}\p{N}]/u.test(piece.content)) continue;
      // "Part 3: at some point in it, a duel": a unit and "no particular place" are a place inside that unit
      if (piece.placement.kind === "union" && piece.placement.of.length === 2 && piece.placement.of.some((q) => q.kind === "anywhere")) {
        piece.placement = piece.placement.of.find((q) => q.kind !== "anywhere")!;
        somewhereIn.add(piece.placement);
      }
      const some = someUnitInside(piece.text, piece.placement, ctx, somewhereIn.has(piece.placement));
      if (some) {
        // "In Part Two, one chapter should be about the Cod Wars": which chapter is not said, so none is guessed
        requirements.push({ text: piece.text, content: tidy(piece.content), placement: { kind: "anywhere" }, clause: i });
        problems.push({ text: piece.text, why: `it goes in one ${some.noun} of ${some.where}, and the brief does not say which`, clause: i, requirement: requirements.length - 1, alternative: { description: `the first ${some.noun} of ${some.where}`, placement: { kind: "within", outer: piece.placement, inner: { kind: "once", level: some.level, index: 1 } } } });
        continue;
      }
      requirements.push({ text: piece.text, content: tidy(piece.content), placement: piece.placement, clause: i, ...(piece.roughly ? { roughly: piece.roughly } : {}) });
    }
  });
  // a heading's own words ("## Part One: The Coast") are the unit's title, which the structure reader owns: no item
  return dropRestatements(requirements, problems);
}

/** The item said once as a label and once as a sentence is planned once (restatements.ts). */
function dropRestatements(requirements: ReadRequirement[], problems: ReadProblem[]): { requirements: ReadRequirement[]; problems: ReadProblem[] } {
  const drop = restatedIndices(requirements, new Set(problems.map((p) => p.requirement)));
  if (drop.size === 0) return { requirements, problems };
  const newIndex = new Map<number, number>();
  const kept = requirements.filter((_, k) => {
    if (drop.has(k)) return false;
    newIndex.set(k, newIndex.size);
    return true;
  });
  return { requirements: kept, problems: problems.map((p) => ({ ...p, requirement: newIndex.get(p.requirement)! })) };
}

/** The one unit a list's lead-in names and little else ("S2", "Season 2:", "In part two"), when it is no leaf. */
function unitOfLead(lead: string, ctx: RefContext): Placement | null {
  const { refs } = findRefs(lead, ctx);
  if (refs.length !== 1) return null;
  const p = refs[0]!.placement;
  const rest = `${lead.slice(0, refs[0]!.start)} ${lead.slice(refs[0]!.end)}`.match(/\p{L}+/gu) ?? [];
  const level = levelOf(p);
  if (!level || level === ctx.levels[ctx.levels.length - 1] || !["once", "range", "set", "last"].includes(p.kind) || rest.length > 5) return null;
  return p;
}

/**
 * "one chapter" of a larger unit the piece names ("In Part Two, one chapter should be about …"):
 * the level of that one unskipped unit, when it lies below the named one.
 */
function someUnitInside(text: string, p: Placement, ctx: RefContext, somewhere = false): { level: string; noun: string; where: string } | null {
  if (p.kind !== "once" && p.kind !== "range") return null;
  const below = ctx.levels[ctx.levels.indexOf(p.level) + 1];
  let level: string | undefined;
  if (somewhere) level = below;
  else {
    const m = /\b(?:one|a\s+single|any\s+one|just\s+one|an?)\s+(?:of\s+(?:the|its|their)\s+)?(\p{L}+)\b/iu.exec(text);
    if (!m) return null;
    const noun = (expandUnitAbbreviation(m[1]!) ?? m[1]!).toLowerCase();
    const single = singularOf(noun) ?? noun;
    level = ctx.levels.find((l) => l.toLowerCase() === single);
  }
  if (!level || ctx.levels.indexOf(level) <= ctx.levels.indexOf(p.level)) return null;
  const single = level.toLowerCase();
  const where = p.kind === "once" ? `${p.level} ${p.index}` : `${pluralOf(p.level.toLowerCase())} ${p.from}–${p.to}`;
  return { level, noun: single, where };
}

/**
 * "Module 2 – VAT (all three lessons)", "Part One: Childhood in Dundee (chapters 1–6)", "Module 2
 * (VAT and invoices, all three lessons)", "**Module 1: Getting set up**": an outline line that
 * gives a unit its topic. The structure reader may take the line for its counts; its topic is
 * still content for all of that unit's leaves. Returns the topic, or null for a line that only
 * counts or sizes ("Chapter 1: The Crossing (4,000 words)", "Part 1: 4 chapters"), and for a
 * title: a unit that holds prose itself ("Episode 1: "Static"", "Module 2 – VAT" where modules
 * are the units written) is given its title there, which the structure reader owns, and a quoted
 * name is a title at any level.
 */
function topicOf(text: string, ctx: RefContext): string | null {
  const plain = text.replace(/[*_]{1,3}/g, "").trim();
  if (!opensWithUnitRef(plain)) return null;
  const m = /^\s*\p{L}+\.?\s*[\p{L}\d]+\s*(?:[:–—=]|\s-|(?=\())\s*(.+)$/u.exec(plain);
  if (!m) return null;
  const rest = m[1]!;
  if (/^["“‘'][^"”’]+["”’']\s*$/u.test(rest.trim())) return null;
  const leafLevel = ctx.levels[ctx.levels.length - 1];
  const named = findRefs(plain, ctx).refs[0];
  if (leafLevel && named && levelOf(named.placement) === leafLevel) return null;
  // "Chapter 1: The Crossing (4,000 words)" gives a title and a length, which the structure reader owns
  if (/\b(?:words?|characters?|pages?|k)\b/i.test(rest)) return null;
  // a bracket may hold the topic ("Module 2 (VAT and invoices, all three lessons)"); what counts units is dropped
  const counts = (part: string) => /\b(?:all|each|both)\b|\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+\p{L}+/iu.test(part) && /\p{L}+s\b/u.test(part) && declaresStructure(part.replace(/\b(?:all|each|both)\s+/i, ""), "");
  const inBrackets = /^\(([^)]*)\)\s*$/.exec(rest)?.[1];
  const topic = (inBrackets ?? rest.replace(/\([^)]*\)/g, ""))
    .split(/\s*[,;]\s*/)
    .filter((part) => !counts(part) && !/^(?:all|each|both)\s+(?:\p{L}+\s+)?\p{L}+s$/iu.test(part))
    .join(", ")
    .trim();
  if (!/\p{L}{3,}/u.test(topic) || /\d/.test(topic) || /\b(?:words?|characters?|pages?|long|each)\b/i.test(topic) || declaresStructure(topic, "")) return null;
  return topic;
}

/**
 * "Every module ends with a case study", "Part Two opens in Venice": content at the end (or the
 * start) of a larger unit goes in its last (or first) unit, not in all of them.
 */
function atTheEdge(p: Placement, text: string, ctx: RefContext): Placement {
  if (p.kind === "union") {
    const of = p.of.map((q) => atTheEdge(q, text, ctx)).filter((q, k, all) => all.findIndex((x) => JSON.stringify(x) === JSON.stringify(q)) === k);
    return of.length === 1 ? of[0]! : { kind: "union", of };
  }
  const leaf = ctx.levels[ctx.levels.length - 1];
  const level = "level" in p ? p.level : undefined;
  if (!leaf || !level || level === leaf || p.kind === "within" || !ctx.levels.includes(level)) return p;
  // "End every module with a quiz": the imperative says the same as "every module ends with"
  if (/\b(?:ends|closes|finishes|concludes|wraps\s+up)\b|^\s*(?:please\s+)?(?:end|close|finish|conclude|wrap\s+up)\s+(?:every|each|all|the)\b/i.test(text)) return { kind: "within", outer: p, inner: { kind: "last", level: leaf } };
  if (/\b(?:opens|begins|starts)\s+(?:with|on|in|under|at)\b|^\s*(?:please\s+)?(?:open|begin|start)\s+(?:every|each|all|the)\b[^.]*?\bwith\b/i.test(text)) return { kind: "within", outer: p, inner: { kind: "once", level: leaf, index: 1 } };
  return p;
}

function isEveryUnit(p: Placement): boolean {
  return p.kind === "periodic" && p.every === 1 && p.start === 1;
}

/** The unit a clause belongs to by where it sits: under "## Chapter 3", or as item 3 of the chapter list. */
function ownUnit(clause: Clause, unitLists: Map<number, string>, unitHeadings: Map<number, { level: string; index: number }>): Placement | null {
  if (clause.list !== undefined && clause.itemIndex !== undefined && unitLists.has(clause.list)) {
    if (!descriptionOf(clause.text)) return null;
    return { kind: "once", level: unitLists.get(clause.list)!, index: clause.itemIndex + 1 };
  }
  if (clause.heading && unitHeadings.has(clause.heading.order)) {
    const u = unitHeadings.get(clause.heading.order)!;
    return { kind: "once", level: u.level, index: u.index };
  }
  return null;
}

/** What a list item says beyond its title ("The Storm: the lighthouse fails" → "the lighthouse fails"). */
function descriptionOf(item: string): string {
  const title = titleOf(item);
  if (!title) return item;
  const rest = item.slice(item.indexOf(title) + title.length).replace(/^["”'’*_]*\s*(?::|—|–|\s-\s)?\s*/, "").trim();
  return rest;
}

interface Piece {
  text: string;
  content: string;
  placement: Placement;
  roughly?: string;
}

/**
 * One piece per reference, cut at the separator before each next reference; a piece with nothing
 * left but connectives ("and again in chapter 9") adds its reference to the piece before.
 */
function splitByRefs(clause: Clause, refs: FoundRef[]): Piece[] {
  const text = clause.text;
  // a lead-in with no reference of its own ("Family member birthday: …") belongs to every piece
  const colon = text.indexOf(":");
  const lead = refs.length > 1 && colon > 0 && colon < refs[0]!.start ? text.slice(0, colon).trim() : "";
  const bodyStart = lead ? colon + 1 : 0;
  const cuts: number[] = [bodyStart];
  for (let k = 1; k < refs.length; k++) {
    const between = text.slice(refs[k - 1]!.end, refs[k]!.start);
    const sep = /(?:[;,]\s*(?:and\s+|but\s+|while\s+|whereas\s+|then\s+)?|\s+(?:and|but|while|whereas|then)\s+)(?!.*(?:[;,]\s|\s(?:and|but|while|whereas|then)\s))/i.exec(between);
    cuts.push(sep ? refs[k - 1]!.end + sep.index : refs[k]!.start);
  }
  cuts.push(text.length);
  const pieces: Piece[] = [];
  for (let k = 0; k < refs.length; k++) {
    const from = cuts[k]!;
    const to = cuts[k + 1]!;
    const raw = text.slice(from, to).replace(/^[\s,;]+|[\s,;]+$/g, "").replace(/^(?:and|but|while|whereas|then)\s+/i, "");
    const ref = refs[k]!;
    let content = stripRef(text.slice(from, to), ref.start - from, ref.end - from);
    // "Each Friday entry ends with …", "Monday's entry starts …": the unit noun after a day's name is part of the place
    if (ref.placement.kind === "name" || ref.placement.kind === "date" || ref.placement.kind === "union") {
      const after = /^\s*(?:['’]s\s+)?(\p{L}+)\b/u.exec(text.slice(ref.end, to));
      if (after && singularOf(after[1]!)) content = stripRef(text.slice(from, to), ref.start - from, ref.end - from + after[0].length);
    }
    const rough = APPROXIMATE_BEFORE.exec(text.slice(from, ref.start))?.[0] ?? APPROXIMATE_AFTER.exec(text.slice(ref.end, to))?.[0];
    const roughly = rough ? (APPROXIMATE_BEFORE.test(rough) ? `${rough.trim()} ${text.slice(ref.start, ref.end)}` : `${text.slice(ref.start, ref.end)} ${rough.trim()}`) : undefined;
    if (pieces.length > 0 && (EMPTY_CONTENT.test(content) || onlyUnitWords(content))) {
      const prev = pieces[pieces.length - 1]!;
      prev.placement = union(prev.placement, ref.placement);
      prev.text = `${prev.text}${text.slice(cuts[k]!, to).replace(/[\s,;]+$/, "")}`;
      continue;
    }
    pieces.push({ text: raw, content: lead ? `${lead}: ${content}` : content, placement: ref.placement, ...(roughly ? { roughly } : {}) });
  }
  // a first piece with nothing but its unit ("The entry for 31 August is") belongs with the next
  while (pieces.length > 1 && onlyUnitWords(pieces[0]!.content.replace(/^[^:]*:\s*/, lead ? "" : "$&"))) {
    const [first, second] = pieces as [Piece, Piece];
    pieces.splice(0, 2, { text: `${first.text} ${second.text}`.trim(), content: second.content, placement: union(first.placement, second.placement) });
  }
  if (pieces.length === 1 && !lead) pieces[0]!.text = text;
  return pieces;
}

/** "The entry for … is": a piece that names its unit and nothing else. */
function onlyUnitWords(content: string): boolean {
  const words = content.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  return words.every((w) => /^(?:the|a|an|is|are|was|were|be|for|of|on|in|at|to|and|also|again|too|this|that|it|its|written|set|dated)$/.test(w) || singularOf(w) !== null);
}

function union(a: Placement, b: Placement): Placement {
  // "L2 (lesson 2)": the same place said twice is one place
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  if (a.kind === "once" && b.kind === "once" && a.level === b.level) return { kind: "set", level: a.level, indices: [a.index, b.index] };
  if (a.kind === "set" && b.kind === "once" && a.level === b.level) return { ...a, indices: [...a.indices, b.index] };
  if (a.kind === "union") return { kind: "union", of: [...a.of, b] };
  return { kind: "union", of: [a, b] };
}

/** What an approximate place leaves behind once its unit is taken out: "(chapter 6 or so)", "around chapter 6". */
const APPROXIMATE_AFTER = /^\s*(?:or\s+so|or\s+thereabouts|-?ish|at\s+the\s+latest|at\s+the\s+earliest)\b/i;
const APPROXIMATE_BEFORE = /\b(?:around|about|roughly|approximately|circa|somewhere\s+(?:around|near|in))\s*$/i;
/** A position in words that the reference restates: "Around the middle (chapter 6 or so) Rose finds …". */
const POSITION_WORDS = /^(?:(?:somewhere\s+)?(?:around|about|near|towards?|at|in|by)\s+the\s+(?:middle|midpoint|start|beginning|end|close|climax)(?:\s+of\s+the\s+(?:book|story|novel))?)\s*(?=\()/i;

const WHOLE_WORK = "(?:book|novel|novella|story|series|course|collection|season|year|play|podcast|diary|memoir)";
const WHOLE_WORK_BEFORE = new RegExp(`\\b(?:the|this|my|our)\\s+${WHOLE_WORK}['’]s\\s*$`, "i");
const WHOLE_WORK_AFTER = new RegExp(`^\\s*(?:of|in)\\s+(?:the|this|my|our)\\s+(?:whole\\s+|entire\\s+)?${WHOLE_WORK}\\b`, "i");

/** The piece without its place: what the unit must contain. */
function stripRef(piece: string, start: number, end: number): string {
  // "the book's last chapter", "the final chapter of the book": the whole work, which the place already implies
  const before = piece.slice(0, start).replace(/\b(?:in|on|at|during|for|by|from|within|throughout|across|over)\s*$/i, "").replace(APPROXIMATE_BEFORE, "").replace(WHOLE_WORK_BEFORE, "");
  const after = piece.slice(end).replace(APPROXIMATE_AFTER, "").replace(WHOLE_WORK_AFTER, "");
  return `${before.replace(POSITION_WORDS, "")} ${after}`
    .replace(/\(\s*\)/g, "")
    // a bracket the reference sat in, cut in two with the piece ("L2 (lesson 2) skies")
    .replace(/^\s*\)|\(\s*(?:so|i\.e\.?|that\s+is|meaning|namely)?,?\s*$/gi, "")
    .replace(/\s+/g, " ")
    .replace(/\s+([,.;:!?)])/g, "$1")
    .replace(/^[\s,;:=—–-]+|[\s,;:=—–-]+$/g, "")
    .trim();
}

/**
 * A lead-in that only announces required content ("Things that have to happen:", "Must include:",
 * "Key scene:"), not one that says something ("Family birthdays: …").
 */
const ANNOUNCING_LEAD = /^([^:]{1,60}):\s*(?=\S)/;
const ANNOUNCES = /\b(?:must|include[sd]?|including|happen(?:s|ed)?|required|requirements?|need(?:s|ed)?|key|beats?|events?|moments?|plot\s+points?|musts?|essentials?)\b/i;

function tidy(content: string): string {
  let c = content.replace(/^(?:then|also|and|but)\s+/i, "").trim();
  const lead = ANNOUNCING_LEAD.exec(c);
  if (lead && lead[1]!.split(/\s+/).length <= 6 && ANNOUNCES.test(lead[1]!)) c = c.slice(lead[0].length);
  return capitalise(c);
}
