/**
 * The manuscript as export sees it: units in document order, each with its heading text (from the
 * profile's patterns), its body as a normalised document without provenance marks, and where
 * chapters start and scene separators go. Markdown and DOCX export both write from this.
 */
import type { JSONContent } from "@tiptap/core";
import type { ProjectData, Unit } from "../../shared/domain/project";
import { buildUnitTree, flattenTree, levelName } from "../../shared/domain/unit-tree";
import { parseMarkdown } from "../../shared/markdown/markdown-codec";
import type { ExportProfile, LevelStyle } from "../../shared/export/export-profile";
import { numberWord as englishNumberWord, toRoman } from "../../engine/index";

export interface ManuscriptSection {
  unit: Unit;
  level: number;
  /** the printed heading, or null when the profile prints none at this level */
  heading: string | null;
  headingLevel: number;
  /** a chapter (or anything above one) starts here: new page / new file */
  startsChapter: boolean;
  /** a scene separator comes before this section */
  separatorBefore: boolean;
  synopsis: string | null;
  notes: string | null;
  /** body blocks; footnote definitions are in `footnotes`, labels made unique across the manuscript */
  blocks: JSONContent[];
  footnotes: JSONContent[];
}

export interface Manuscript {
  title: string;
  author: string;
  contact: string;
  language: string;
  sections: ManuscriptSection[];
}

/** "Twelve", "Twenty-One": a number in words for headings, capitalised word by word. */
export function numberWord(n: number): string {
  return englishNumberWord(n).replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

export function roman(n: number): string {
  return toRoman(n);
}

export function formatTitle(pattern: string, vars: { title: string; n: number; level: string }): string {
  return pattern
    .replace(/\{title\}/g, vars.title)
    .replace(/\{n\}/g, String(vars.n))
    .replace(/\{N\}/g, roman(vars.n))
    .replace(/\{word\}/g, numberWord(vars.n))
    .replace(/\{level\}/g, vars.level)
    .trim();
}

const styleFor = (profile: ExportProfile, level: number): LevelStyle => profile.levels[Math.min(level, profile.levels.length - 1)]!;

/** Relabels footnotes 1, 2, 3… in order of reference, so labels never clash between units. */
function relabelFootnotes(doc: JSONContent, next: () => string): { blocks: JSONContent[]; footnotes: JSONContent[] } {
  const map = new Map<string, string>();
  const defs = new Map<string, JSONContent>();
  const content = doc.content ?? [];
  const notesNode = content.find((n) => n.type === "footnotes");
  for (const def of notesNode?.content ?? []) {
    const label = String(def.attrs?.label ?? "");
    if (!defs.has(label)) defs.set(label, def);
  }
  const walk = (node: JSONContent): JSONContent => {
    if (node.type === "footnoteReference") {
      const old = String(node.attrs?.label ?? "");
      let label = map.get(old);
      if (!label) map.set(old, (label = next()));
      return { ...node, attrs: { label } };
    }
    return node.content ? { ...node, content: node.content.map(walk) } : node;
  };
  const blocks = content.filter((n) => n.type !== "footnotes").map(walk);
  const footnotes: JSONContent[] = [];
  for (const [old, label] of map) {
    const def = defs.get(old);
    footnotes.push({ type: "footnoteDefinition", attrs: { label }, content: def?.content ?? [{ type: "paragraph" }] });
  }
  return { blocks, footnotes };
}

const hasText = (blocks: JSONContent[]) => blocks.some((b) => b.type !== "paragraph" || (b.content?.length ?? 0) > 0);

/** Ids of the units that have text, themselves or anywhere below them. */
function unitsWithText(units: Unit[], ownText: (u: Unit) => boolean): Set<string> {
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const out = new Set<string>();
  for (const u of units) {
    if (!ownText(u)) continue;
    // walk up until an ancestor already known to hold text (the ids guard against a cycle)
    for (let id: string | null | undefined = u.id; id && !out.has(id); id = parent.get(id)) out.add(id);
  }
  return out;
}

/** "about 150,000 words", rounded as manuscripts do: to 100 below 10,000 words, to 1,000 above. */
export function roundedWordCount(words: number): number {
  if (words <= 0) return 0;
  const step = words < 10_000 ? 100 : 1000;
  return Math.max(step, Math.round(words / step) * step);
}

export function buildManuscript(project: ProjectData, profile: ExportProfile, options: { footnotesPerChapter?: boolean } = {}): Manuscript {
  const nodes = flattenTree(buildUnitTree(project.units));
  const counters = new Map<number, number>();
  let footnoteCounter = 0;
  const nextLabel = () => String(++footnoteCounter);
  const sections: ManuscriptSection[] = [];
  const docs = new Map(nodes.map(({ unit }) => [unit.id, parseMarkdown(unit.body, { dropProvenance: true })]));
  const withText = unitsWithText(project.units, (u) => hasText((docs.get(u.id)?.content ?? []).filter((n) => n.type !== "footnotes")));
  for (const { unit, depth } of nodes) {
    const level = depth;
    const style = styleFor(profile, level);
    const doc = docs.get(unit.id)!;
    const startsChapter = level <= profile.chapterLevel;
    if (startsChapter && options.footnotesPerChapter && level === profile.chapterLevel) footnoteCounter = 0;
    const { blocks, footnotes } = relabelFootnotes(doc, nextLabel);
    // a "to do" unit is left out only when nothing inside it has text either: a part or chapter
    // whose words live in its scenes keeps its heading
    if (!profile.include.emptyUnits && unit.status === "todo" && !withText.has(unit.id)) continue;
    const n = (counters.get(level) ?? 0) + 1;
    counters.set(level, n);
    // scenes number from 1 in each chapter; chapters run on across parts
    for (const k of [...counters.keys()]) if (k > level && k > profile.chapterLevel) counters.delete(k);
    const previous = sections[sections.length - 1];
    sections.push({
      unit,
      level,
      heading: style.heading ? formatTitle(style.titlePattern, { title: unit.title, n, level: levelName(project.meta.levels, level) }) : null,
      headingLevel: style.headingLevel,
      startsChapter,
      // only between units below chapter level (scenes): a headless part or chapter never gets one
      separatorBefore: !style.heading && level > profile.chapterLevel && previous !== undefined && previous.level >= level && hasText(previous.blocks),
      synopsis: profile.include.synopses && unit.synopsis.trim() ? unit.synopsis.trim() : null,
      notes: profile.include.notes && unit.notes.trim() ? unit.notes.trim() : null,
      blocks: blocks.filter((b) => !(b.type === "paragraph" && !(b.content?.length ?? 0))),
      footnotes,
    });
  }
  return { title: project.meta.title, author: project.meta.author, contact: project.meta.contact, language: project.meta.language, sections };
}
