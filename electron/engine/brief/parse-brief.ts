/**
 * brief.md → Brief. The front matter (what the studio's form writes) wins over the prose; the
 * prose fills what it leaves out; where the two disagree the brief says so. Every requirement's
 * place is checked against the structure, and whatever could not be placed is listed under
 * `unresolved`, whatever was assumed under `assumed`.
 */
import { countUnitForLanguage } from "../../shared/text/count-words";
import { gridsOf } from "../units/grids";
import { relabel } from "../units/labels";
import { skeletonUnits } from "../units/skeleton";
import { resolvePlacement, PlacementError } from "../units/resolve-placement";
import { readFrontMatter, splitFrontMatter, type FrontMatter } from "./front-matter";
import { capitalise } from "./level-names";
import { leafCount, readBrief, type ReadNote } from "./read-brief";
import { isChatter } from "./chatter";
import { splitSentences } from "./clauses";
import { findRefs } from "./unit-refs";
import type { Brief, BriefNote, CalendarSpec, Placement, Requirement, StructureLevel } from "./types";
import { BriefError } from "./types";

const DEFAULT_TOLERANCE = 0.1;

export function parseBrief(source: string, file = "brief.md"): Brief {
  const { yaml, body } = splitFrontMatter(source);
  const { fm, unread } = readFrontMatter(yaml, file);
  const provenance: Brief["provenance"] = {};
  const fmLevels = fm.structure?.map((st) => ({
    name: capitalise(st.level),
    count: st.count,
    heading: st.heading,
    titles: st.titles,
    ...(st.labels ? { labels: st.labels } : {}),
    ...(st.counts ? { counts: st.counts } : {}),
    ...(st.grid ? { grid: st.grid } : {}),
    targets: st.targets ? Object.fromEntries(Object.entries(st.targets).map(([k, v]) => [Number(k), v])) : undefined,
  }));
  const prose = readBrief(body, { levels: fmLevels, calendar: fm.calendar, lengthGiven: fm.length !== undefined });
  const unresolved: BriefNote[] = [];
  const assumed: BriefNote[] = [];
  const note = (list: BriefNote[], prefix: string, n: Omit<BriefNote, "id">) => list.push({ id: `${prefix}${list.length + 1}`, ...n });

  const headingTitle = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  const title = fm.title ?? headingTitle ?? file.replace(/^.*[\\/]/, "").replace(/\.md$/i, "");
  provenance.title = fm.title ? "front-matter" : headingTitle ? "prose" : "default";

  const language = fm.language ?? prose.language;
  provenance.language = fm.language ? "front-matter" : "prose";

  let levels: StructureLevel[];
  if (fmLevels) {
    levels = fmLevels;
    provenance.structure = "front-matter";
    if (prose.stated.structure && counts(prose.levels) !== counts(levels)) {
      note(assumed, "a", { text: body.trim().split("\n")[0] ?? "", why: `the form says ${shape(levels)} and the prose ${shape(prose.levels)}: the form wins` });
    }
  } else {
    levels = prose.levels;
    provenance.structure = prose.stated.structure ? "prose" : "default";
  }

  let unit = typeof fm.length === "object" ? fm.length.unit : undefined;
  unit ??= countUnitForLanguage(language) === "characters" ? "characters" : prose.unit;
  let total = typeof fm.length === "number" ? fm.length : fm.length?.total;
  provenance.length = total ? "front-matter" : prose.stated.length ? "prose" : "default";
  if (total !== undefined && prose.stated.length && prose.total !== undefined && prose.total !== total) {
    note(assumed, "a", { text: "", why: `the form says ${total} ${unit} and the prose ${prose.total}: the form wins` });
  }
  if (total === undefined) {
    const fixed = levels[levels.length - 1]?.targets;
    if (fm.structure && fixed && Object.keys(fixed).length === leafCount(levels)) total = Object.values(fixed).reduce((a, b) => a + b, 0);
  }
  total ??= prose.stated.length || !fm.structure ? prose.total : undefined;
  if (fm.structure && !prose.stated.length && total === undefined) {
    // the form gave units and nobody gave a length: said, never silent
    total = 1500 * leafCount(levels);
    note(assumed, "a", { text: "", why: `the brief gives no length: read as 1500 ${unit} a unit (${total} in all)` });
  }
  if (total !== undefined && levels.length === 0) {
    // a length and no units (the form gave the length): chapters of about 1,500 words, said so
    const count = Math.max(1, Math.round(total / 1500));
    levels = [{ name: "Chapter", count }];
    provenance.structure = "default";
    note(assumed, "a", { text: "", why: `the brief names no units: read as ${count} chapter${count === 1 ? "" : "s"} of about ${Math.round(total / count)} ${unit}` });
  }
  if (total === undefined || levels.length === 0) {
    throw new BriefError(file, "the brief gives neither a length nor its units: add `length: N` to the front matter or say e.g. \"about 10,000 words in 8 chapters\"");
  }

  let tolerance = typeof fm.length === "object" && fm.length.tolerance !== undefined ? fm.length.tolerance : prose.tolerance ?? DEFAULT_TOLERANCE;
  if (tolerance > 1) tolerance /= 100;

  const calendar: CalendarSpec | undefined = fm.calendar ?? prose.calendar;
  if (calendar) provenance.calendar = fm.calendar ? "front-matter" : "prose";

  const levelNames = levels.map((l) => l.name);
  const requirements: Requirement[] = [];
  for (const r of fm.required ?? []) requirements.push(frontMatterRequirement(r, levels, calendar, requirements.length + 1, file));
  const fromProse = new Map<number, string>();
  prose.requirements.forEach((r, k) => {
    const id = `r${requirements.length + 1}`;
    fromProse.set(k, id);
    requirements.push({ id, text: r.text, content: r.content, placement: r.placement, source: "prose" });
  });

  if (!fm.structure || counts(prose.levels) === counts(levels)) {
    for (const n of prose.assumed) note(assumed, "a", toNote(n, fromProse));
  }
  for (const n of prose.unresolved) note(unresolved, "u", toNote(n, fromProse));
  for (const key of unread) note(unresolved, "u", { text: `${key}:`, why: `the front matter field “${key}” is not one Quire reads (title, kind, length, structure, calendar, required, style, bible…)` });

  // units numbered otherwise than 1, 2, 3…: a number in a reference means the unit with that label
  // (a placement the form wrote as data already names positions; only references read from words are relabelled)
  const fromWords = new Set([...requirements.filter((r) => r.source === "prose").map((r) => r.id), ...(fm.required ?? []).flatMap((r, k) => (typeof r === "string" || !r.placement ? [`r${k + 1}`] : []))]);
  if (levels.some((l) => l.labels)) for (const r of requirements) if (fromWords.has(r.id)) r.placement = relabel(r.placement, levels);

  // every place is checked against the structure now, so the writer hears of it before planning
  const skeleton = skeletonUnits(levels, calendar);
  const grids = gridsOf({ structure: levels });
  for (const r of requirements) {
    if (r.placement.kind === "anywhere" || unresolved.some((u) => u.requirementId === r.id)) continue;
    try {
      const res = resolvePlacement(skeleton, r.placement, { calendar, grids });
      for (const why of res.notes) note(assumed, "a", { text: r.text, why, requirementId: r.id });
    } catch (error) {
      if (!(error instanceof PlacementError)) throw error;
      note(unresolved, "u", { text: r.text, why: error.message, requirementId: r.id });
    }
  }

  const premise = fm.premise ?? firstParagraph(body);
  return {
    title,
    kind: fm.kind ?? guessKind(body, prose.shapeClauses, levelNames),
    language,
    premise,
    instructions: fm.instructions ?? body.trim(),
    length: { total, unit, tolerance },
    structure: levels,
    calendar,
    requirements,
    style: { ...fm.style, avoid: fm.style?.avoid ?? [] },
    bible: (fm.bible ?? []).map((b) => ({ name: b.name, kind: b.kind, aliases: b.aliases, attributes: b.attributes })),
    provenance,
    unresolved,
    assumed,
    ...(prose.minimumPerUnit && !fm.length ? { minimumPerUnit: prose.minimumPerUnit } : {}),
  };
}

function toNote(n: ReadNote, ids: Map<number, string>): Omit<BriefNote, "id"> {
  const requirementId = n.requirement !== undefined ? ids.get(n.requirement) : undefined;
  let alternative: BriefNote["alternative"];
  if (n.alternative && "change" in n.alternative) alternative = n.alternative;
  else if (n.alternative && requirementId) alternative = { description: n.alternative.description, change: { kind: "placement", requirementId, placement: n.alternative.placement } };
  return { text: n.text, why: n.why, ...(requirementId ? { requirementId } : {}), ...(alternative ? { alternative } : {}) };
}

function counts(levels: StructureLevel[]): string {
  return levels.map((l) => (l.counts ? l.counts.join("+") : String(l.count))).join("x");
}

function shape(levels: StructureLevel[]): string {
  return levels.map((l) => `${l.counts ? l.counts.join("+") : l.count} ${l.name.toLowerCase()}${(l.counts ? 2 : l.count) === 1 ? "" : "s"}`).join(" of ");
}

function frontMatterRequirement(
  r: NonNullable<FrontMatter["required"]>[number],
  levels: StructureLevel[],
  calendar: Brief["calendar"],
  n: number,
  file: string,
): Requirement {
  const id = `r${n}`;
  const ctx = {
    levels: levels.map((l) => l.name),
    ...(calendar ? { calendar: { level: calendar.level ?? levels[levels.length - 1]!.name, period: calendar.period, year: Number(calendar.start.slice(0, 4)) } } : {}),
    ...(levels.find((l) => l.grid) ? { gridLevel: levels.find((l) => l.grid)!.name } : {}),
  };
  const read = (words: string): Placement | null => findRefs(words, ctx).refs[0]?.placement ?? null;
  if (typeof r === "string") {
    return { id, text: r, content: r, placement: read(r) ?? { kind: "anywhere" }, source: "front-matter" };
  }
  let placement: Placement = (r.placement as Placement | undefined) ?? { kind: "anywhere" };
  if (!r.placement && r.where && !/^\s*anywhere\s*$/i.test(r.where)) {
    const found = read(r.where);
    if (!found) throw new BriefError(file, `required "${r.text}": cannot read where "${r.where}" (try "chapter 3", "chapters 4-6", "every 3rd chapter from chapter 2", "13 May" or "anywhere")`);
    placement = found;
  }
  return { id, text: r.text, content: r.text, placement, source: "front-matter" };
}

function firstParagraph(body: string): string {
  const withoutHeadings = body.split("\n").filter((l) => !/^\s*#/.test(l)).join("\n");
  for (const para of withoutHeadings.split(/\n\s*\n/)) {
    const p = para.trim();
    if (!p || p.startsWith("#")) continue;
    // "Hi! I've been meaning to write this for years." is the writer talking to us, not the book
    const said = splitSentences(p).filter((s) => !isChatter(s));
    if (said.length > 0) return said.slice(0, 3).join(" ");
  }
  return "";
}

/** The kinds of work a brief can name itself, each as its words say it (singular or plural). */
const KINDS: [kind: string, words: RegExp][] = [
  ["novel", /\b(?:novels?|novelas?|romanzo)\b/], ["novella", /\bnovellas?\b/], ["diary", /\bdiar(?:y|ies)\b/], ["report", /\breports?\b/],
  ["course", /\bcourses?\b/], ["guide", /\bguides?\b/], ["itinerary", /\bitinerar(?:y|ies)\b/], ["memoir", /\bmemoirs?\b/],
  ["letters", /\b(?:letters|epistolary)\b/], ["essay", /\bessays?\b/], ["manual", /\bmanuals?\b/], ["menu", /\bmenus?\b/],
  ["podcast", /\bpodcasts?\b/], ["newsletter", /\bnewsletters?\b/], ["collection", /\b(?:collection|anthology)\b/],
];

/** A kind introduced anywhere in the brief: "a warm, funny road-trip novel", never "the letters in his coat". */
const INTRODUCED: [string, RegExp][] = KINDS.map(([kind, words]) => [kind, new RegExp(`\\b(?:a|an)\\s+(?:[\\p{L}'’-]+,?\\s+){0,3}(?:${words.source})`, "u")]);

/** What the units themselves say the work is, when its opening names no kind. */
const KIND_OF_LEVEL: Record<string, string> = { Letter: "letters", Episode: "podcast", Lesson: "course", Module: "course", Entry: "diary", Menu: "menu", Essay: "essay" };

/**
 * The kind of work: the one the brief's opening names first ("Scripts for a comedy podcast", "An
 * epistolary novella"), or the sentence that gives its shape ("a family saga novel of 22
 * chapters"), or one the brief introduces anywhere ("a warm, funny road-trip novel"), not any
 * word elsewhere ("the letters in his coat" is something in the story); else what its units
 * are; else a book of chapters or a document.
 */
function guessKind(body: string, shapeClauses: string[], levels: string[]): string {
  const first = (text: string, patterns: [string, RegExp][]) =>
    patterns.map(([kind, words]) => ({ kind, at: words.exec(text.toLowerCase())?.index ?? -1 })).filter((k) => k.at >= 0).sort((a, b) => a.at - b.at)[0]?.kind;
  const named = first(firstParagraph(body), KINDS) ?? first(shapeClauses.join(" "), KINDS) ?? first(body, INTRODUCED);
  if (named) return named;
  for (const l of levels) if (KIND_OF_LEVEL[l]) return KIND_OF_LEVEL[l]!;
  return levels.includes("Chapter") ? "book" : "document";
}
