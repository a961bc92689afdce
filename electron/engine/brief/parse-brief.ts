/** brief.md → Brief: front matter wins over prose; prose fills what the front matter leaves out. */
import { countUnitForLanguage } from "../../shared/text/count-words";
import type { Brief, Placement, Requirement, StructureLevel } from "./types";
import { BriefError } from "./types";
import { parseFrontMatter, splitFrontMatter, type FrontMatter } from "./front-matter";
import { extractRequirements, extractStructure, splitSentences } from "./extract-prose";
import { capitalise } from "./level-names";

const DEFAULT_TOLERANCE = 0.1;
/** Without a stated structure, chapters of about this many words. */
const DEFAULT_CHAPTER_WORDS = 1500;

export function parseBrief(source: string, file = "brief.md"): Brief {
  const { yaml, body } = splitFrontMatter(source);
  const fm = parseFrontMatter(yaml, file);
  const provenance: Brief["provenance"] = {};
  const prose = extractStructure(body);

  const headingTitle = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  const title = fm.title ?? headingTitle ?? file.replace(/^.*[\\/]/, "").replace(/\.md$/i, "");
  provenance.title = fm.title ? "front-matter" : headingTitle ? "prose" : "default";

  const language = fm.language ?? guessLanguage(body);
  provenance.language = fm.language ? "front-matter" : "default";

  const levels: StructureLevel[] = fm.structure
    ? fm.structure.map((s) => ({
        name: capitalise(s.level),
        count: s.count,
        heading: s.heading,
        titles: s.titles,
        targets: s.targets ? Object.fromEntries(Object.entries(s.targets).map(([k, v]) => [Number(k), v])) : undefined,
      }))
    : prose.levels;
  provenance.structure = fm.structure ? "front-matter" : prose.levels.length > 0 ? "prose" : "default";

  let unit = typeof fm.length === "object" ? fm.length.unit : undefined;
  unit ??= prose.unit && countUnitForLanguage(language) === "words" ? prose.unit : countUnitForLanguage(language);
  let total = typeof fm.length === "number" ? fm.length : fm.length?.total;
  provenance.length = total ? "front-matter" : "prose";
  const leafCount = () => levels.reduce((n, l) => n * l.count, 1);
  if (total === undefined) total = prose.total;
  if (total === undefined && prose.perUnit !== undefined && levels.length > 0) total = prose.perUnit * leafCount();
  if (total === undefined) {
    const fixed = levels[levels.length - 1]?.targets;
    if (fixed && Object.keys(fixed).length === leafCount()) total = Object.values(fixed).reduce((a, b) => a + b, 0);
  }
  if (total === undefined) throw new BriefError(file, "the brief gives no length: add `length: N` to the front matter or say e.g. \"about 10,000 words\"");

  if (levels.length === 0) {
    levels.push({ name: "Chapter", count: Math.max(1, Math.round(total / DEFAULT_CHAPTER_WORDS)) });
    provenance.structure = "default";
  }

  let tolerance = typeof fm.length === "object" && fm.length.tolerance !== undefined ? fm.length.tolerance : prose.tolerance ?? DEFAULT_TOLERANCE;
  if (tolerance > 1) tolerance /= 100;

  const calendar = fm.calendar ?? prose.calendar;
  if (calendar) provenance.calendar = fm.calendar ? "front-matter" : "prose";

  const levelNames = levels.map((l) => l.name);
  const requirements: Requirement[] = [];
  for (const r of fm.required ?? []) requirements.push(frontMatterRequirement(r, levelNames, calendar, requirements.length + 1, file));
  for (const r of extractRequirements(body, levelNames, calendar)) {
    requirements.push({ id: `r${requirements.length + 1}`, text: r.text, content: r.content, placement: r.placement, source: "prose" });
  }

  const premise = fm.premise ?? firstParagraph(body);
  return {
    title,
    kind: fm.kind ?? guessKind(body, levelNames),
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
  };
}

function frontMatterRequirement(
  r: NonNullable<FrontMatter["required"]>[number],
  levels: string[],
  calendar: Brief["calendar"],
  n: number,
  file: string,
): Requirement {
  const id = `r${n}`;
  if (typeof r === "string") {
    const found = extractRequirements(r, levels, calendar)[0];
    return { id, text: r, content: found?.content ?? r, placement: found?.placement ?? { kind: "anywhere" }, source: "front-matter" };
  }
  let placement: Placement = r.placement ?? { kind: "anywhere" };
  if (!r.placement && r.where && !/^\s*anywhere\s*$/i.test(r.where)) {
    const found = extractRequirements(`${r.where}: x.`, levels, calendar)[0];
    if (!found) throw new BriefError(file, `required "${r.text}": cannot read where "${r.where}" (try "chapter 3", "chapters 4-6", "every 3rd chapter from chapter 2", "13 May" or "anywhere")`);
    placement = found.placement;
  }
  return { id, text: r.text, content: r.text, placement, source: "front-matter" };
}

function firstParagraph(body: string): string {
  const withoutHeadings = body.split("\n").filter((l) => !/^\s*#/.test(l)).join("\n");
  for (const para of withoutHeadings.split(/\n\s*\n/)) {
    const p = para.trim();
    if (p && !p.startsWith("#")) return splitSentences(p).slice(0, 3).join(" ");
  }
  return "";
}

function guessLanguage(body: string): string {
  const han = (body.match(/\p{Script=Han}/gu) ?? []).length;
  const kana = (body.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length;
  const letters = (body.match(/\p{L}/gu) ?? []).length || 1;
  if (kana / letters > 0.1) return "ja";
  if (han / letters > 0.3) return "zh";
  return "en";
}

function guessKind(body: string, levels: string[]): string {
  const lower = body.toLowerCase();
  for (const k of ["novel", "diary", "report", "course", "guide", "itinerary", "memoir", "letters", "essay", "manual"]) {
    if (lower.includes(k)) return k;
  }
  return levels.includes("Chapter") ? "book" : "document";
}
