/**
 * Markdown export: CommonMark (+ footnotes), one file or one file per chapter. The output is
 * written by the same codec the editor saves with, so escaping is exact and pandoc reads back
 * the same headings, paragraphs, emphasis and footnotes. Provenance spans are removed.
 */
import type { JSONContent } from "@tiptap/core";
import { stringify as toYaml } from "yaml";
import { normalizeDoc, serializeMarkdown } from "../../shared/markdown/markdown-codec";
import type { ExportProfile } from "../../shared/export/export-profile";
import { buildManuscript, type Manuscript, type ManuscriptSection } from "./manuscript";
import type { ProjectData } from "../../shared/domain/project";
import { slugForFile } from "./file-names";

export interface ExportedFile {
  /** relative path inside the export target (a file name for single-file exports) */
  path: string;
  content: string;
}

const text = (t: string): JSONContent[] => (t ? [{ type: "text", text: t }] : []);

/** Blocks export makes up (headings from titles, synopses) are normalised here; unit bodies already are. */
function normalBlocks(blocks: JSONContent[]): JSONContent[] {
  return (normalizeDoc({ type: "doc", content: blocks }).content ?? []).filter((b) => b.type !== "paragraph" || (b.content?.length ?? 0) > 0);
}

function sectionBlocks(section: ManuscriptSection, separator: string): JSONContent[] {
  const made: JSONContent[] = [];
  const out: JSONContent[] = made;
  if (section.separatorBefore) {
    // a scene break: `* * *` or `***` is a thematic break (the codec writes `***`); any other separator is a line of text
    out.push(separator === "* * *" || separator === "***" ? { type: "horizontalRule" } : { type: "paragraph", content: text(separator) });
  }
  if (section.heading !== null) out.push({ type: "heading", attrs: { level: section.headingLevel }, content: text(section.heading) });
  if (section.synopsis) out.push({ type: "paragraph", content: [{ type: "text", text: section.synopsis, marks: [{ type: "italic" }] }] });
  if (section.notes) out.push({ type: "blockquote", content: [{ type: "paragraph", content: text(section.notes) }] });
  return [...normalBlocks(made), ...section.blocks];
}

function frontMatter(m: Manuscript): string {
  const data: Record<string, string> = { title: m.title };
  if (m.author) data.author = m.author;
  if (m.language) data.lang = m.language;
  return `---\n${toYaml(data).trimEnd()}\n---\n\n`;
}

function render(sections: ManuscriptSection[], profile: ExportProfile): string {
  const blocks: JSONContent[] = [];
  const footnotes: JSONContent[] = [];
  for (const s of sections) {
    blocks.push(...sectionBlocks(s, profile.sceneSeparator));
    footnotes.push(...s.footnotes);
  }
  const doc: JSONContent = { type: "doc", content: footnotes.length ? [...blocks, { type: "footnotes", content: footnotes }] : blocks };
  // unit bodies come from parseMarkdown and the made-up blocks from normalizeDoc: already normal
  return serializeMarkdown(doc, { normalized: true });
}

/** The files of a Markdown export, in memory. */
export function exportMarkdown(project: ProjectData, profile: ExportProfile): ExportedFile[] {
  const perChapter = profile.layout === "per-chapter";
  const m = buildManuscript(project, profile, { footnotesPerChapter: perChapter });
  const head = profile.include.frontMatter ? frontMatter(m) : "";
  if (!perChapter) return [{ path: `${slugForFile(m.title)}.md`, content: head + render(m.sections, profile) }];
  // one file per chapter; part headings (and a prologue above chapter level) open the next chapter's file
  const groups: ManuscriptSection[][] = [];
  let pending: ManuscriptSection[] = [];
  for (const s of m.sections) {
    if (s.level < profile.chapterLevel) pending.push(s);
    else if (s.level === profile.chapterLevel || groups.length === 0) {
      groups.push([...pending, s]);
      pending = [];
    } else groups[groups.length - 1]!.push(...pending.splice(0), s);
  }
  if (pending.length) groups.push(pending);
  const width = String(groups.length).length;
  return groups.map((g, i) => {
    const chapter = g.find((s) => s.level === profile.chapterLevel) ?? g[0]!;
    return {
      path: `${String(i + 1).padStart(Math.max(2, width), "0")}-${slugForFile(chapter.unit.title)}.md`,
      content: (i === 0 ? head : "") + render(g, profile),
    };
  });
}
