/**
 * DOCX export with the `docx` package. Every paragraph carries a real Word style (Title,
 * Heading 1-3, Body Text, First Paragraph, Scene Break, Quote, Synopsis, Note), so the whole
 * manuscript can be restyled in Word or LibreOffice by editing styles, not paragraphs.
 *
 * Presets: "manuscript" is standard manuscript format (Times New Roman 12 pt, double spaced,
 * 1 inch margins, half-inch first-line indent, header "Surname / Title / page", a title page with
 * contact details and a rounded word count); "reading" is a comfortable reading copy.
 */
import type { JSONContent } from "@tiptap/core";
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  Header,
  Footer,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
  type IParagraphStyleOptions,
  type ParagraphChild,
} from "docx";
import type { ProjectData } from "../../shared/domain/project";
import { countUnitForLanguage } from "../../shared/text/count-words";
import { countWordsInDoc } from "../../shared/markdown/plain-text";
import type { ExportProfile } from "../../shared/export/export-profile";
import { buildManuscript, roundedWordCount, type Manuscript, type ManuscriptSection } from "./manuscript";

const TWIP_INCH = 1440;
const PAGE = { Letter: { width: 12240, height: 15840 }, A4: { width: 11906, height: 16838 } } as const;

interface Look {
  font: string;
  size: number; // half-points
  line: number; // 240 = single
  indent: number; // first-line indent, twips
  paraAfter: number;
  headingSize: number;
  headingBefore: number;
}

const LOOKS: Record<ExportProfile["docx"]["preset"], Look> = {
  manuscript: { font: "Times New Roman", size: 24, line: 480, indent: 720, paraAfter: 0, headingSize: 24, headingBefore: 2880 },
  reading: { font: "Georgia", size: 22, line: 300, indent: 360, paraAfter: 0, headingSize: 36, headingBefore: 1440 },
};

export const STYLE = {
  body: "BodyText",
  first: "FirstParagraph",
  sceneBreak: "SceneBreak",
  quote: "Quote",
  synopsis: "Synopsis",
  note: "Note",
  titleInfo: "TitleInfo",
} as const;

function paragraphStyles(look: Look): IParagraphStyleOptions[] {
  const body = { spacing: { line: look.line, after: look.paraAfter, before: 0 } };
  return [
    { id: STYLE.body, name: "Body Text", basedOn: "Normal", next: STYLE.body, quickFormat: true, paragraph: { ...body, indent: { firstLine: look.indent } } },
    // no indent after a heading or a scene break, as printed books and manuscripts do
    { id: STYLE.first, name: "First Paragraph", basedOn: STYLE.body, next: STYLE.body, quickFormat: true, paragraph: { indent: { firstLine: 0 } } },
    { id: STYLE.sceneBreak, name: "Scene Break", basedOn: "Normal", next: STYLE.first, quickFormat: true, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: look.line, before: 0, after: 0 } } },
    { id: STYLE.quote, name: "Quote", basedOn: "Normal", next: STYLE.body, quickFormat: true, paragraph: { indent: { left: 720, right: 720 }, spacing: { line: look.line, after: 0 } } },
    { id: STYLE.synopsis, name: "Synopsis", basedOn: STYLE.body, next: STYLE.first, run: { italics: true }, paragraph: { indent: { firstLine: 0 } } },
    { id: STYLE.note, name: "Note", basedOn: STYLE.quote, next: STYLE.body, run: { color: "555555" } },
    { id: STYLE.titleInfo, name: "Title Page Info", basedOn: "Normal", next: STYLE.titleInfo, paragraph: { spacing: { line: 240, after: 0 } } },
  ];
}

type Marks = { bold?: boolean; italics?: boolean };

interface Ctx {
  footnoteIds: Map<string, number>;
}

function runsOf(content: JSONContent[] | undefined, ctx: Ctx): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const nodes = content ?? [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.type === "hardBreak") {
      out.push(new TextRun({ text: "", break: 1 }));
      continue;
    }
    if (n.type === "footnoteReference") {
      const id = ctx.footnoteIds.get(String(n.attrs?.label ?? ""));
      if (id !== undefined) out.push(new FootnoteReferenceRun(id));
      continue;
    }
    if (n.type !== "text") continue;
    const link = (n.marks ?? []).find((m) => m.type === "link");
    if (link) {
      // one hyperlink for the run of text nodes sharing the href
      const href = String(link.attrs?.href ?? "");
      const children: TextRun[] = [];
      while (i < nodes.length) {
        const t = nodes[i]!;
        const l = t.type === "text" ? (t.marks ?? []).find((m) => m.type === "link") : undefined;
        if (!l || String(l.attrs?.href ?? "") !== href) break;
        children.push(new TextRun({ text: t.text ?? "", style: "Hyperlink", ...marksOf(t) }));
        i++;
      }
      i--;
      out.push(new ExternalHyperlink({ link: href, children }));
      continue;
    }
    out.push(new TextRun({ text: n.text ?? "", ...marksOf(n) }));
  }
  return out;
}

function marksOf(n: JSONContent): Marks {
  const m: Marks = {};
  for (const mark of n.marks ?? []) {
    if (mark.type === "bold") m.bold = true;
    if (mark.type === "italic") m.italics = true;
  }
  return m;
}

class BodyWriter {
  out: Paragraph[] = [];
  /** the next body paragraph follows a heading or break: no indent */
  fresh = true;
  pageBreakPending = false;
  orderedInstance = 0;
  constructor(
    private readonly ctx: Ctx,
    private readonly separator: string,
  ) {}

  private push(options: ConstructorParameters<typeof Paragraph>[0] & object) {
    const pageBreakBefore = this.pageBreakPending || undefined;
    this.pageBreakPending = false;
    this.out.push(new Paragraph({ ...(options as object), ...(pageBreakBefore ? { pageBreakBefore } : {}) }));
  }

  heading(text: string, level: number) {
    const heading = (["Heading1", "Heading2", "Heading3"] as const)[Math.min(3, Math.max(1, level)) - 1]!;
    this.push({ style: heading, children: [new TextRun(text)] });
    this.fresh = true;
  }

  sceneBreak() {
    this.push({ style: STYLE.sceneBreak, children: [new TextRun(this.separator)] });
    this.fresh = true;
  }

  styled(style: string, children: ParagraphChild[]) {
    this.push({ style, children });
  }

  blocks(blocks: JSONContent[], quote = false, listDepth = 0) {
    for (const b of blocks) {
      switch (b.type) {
        case "paragraph":
          this.push({ style: quote ? STYLE.quote : this.fresh ? STYLE.first : STYLE.body, children: runsOf(b.content, this.ctx) });
          this.fresh = false;
          break;
        case "heading":
          // a writer's subheading inside a unit sits below the unit's own heading
          this.heading((b.content ?? []).map((t) => t.text ?? "").join(""), Math.min(3, Number(b.attrs?.level ?? 1) + 1));
          break;
        case "horizontalRule":
          this.sceneBreak();
          break;
        case "blockquote":
          this.blocks(b.content ?? [], true, listDepth);
          this.fresh = false;
          break;
        case "bulletList":
        case "orderedList": {
          const ordered = b.type === "orderedList";
          const instance = ordered ? ++this.orderedInstance : 0;
          for (const item of b.content ?? []) {
            (item.content ?? []).forEach((child, k) => {
              if (k === 0 && child.type === "paragraph") {
                this.push({
                  style: quote ? STYLE.quote : undefined,
                  numbering: ordered ? { reference: "quire-numbers", level: Math.min(8, listDepth), instance } : { reference: "quire-bullets", level: Math.min(8, listDepth) },
                  children: runsOf(child.content, this.ctx),
                });
              } else if (child.type === "paragraph") {
                this.push({ indent: { left: 720 * (listDepth + 1) }, children: runsOf(child.content, this.ctx) });
              } else this.blocks([child], quote, listDepth + 1);
            });
          }
          this.fresh = false;
          break;
        }
      }
    }
  }
}

function surnameOf(author: string): string {
  const parts = author.trim().split(/\s+/);
  return parts[parts.length - 1] ?? "";
}

function titlePage(m: Manuscript, words: number, unitName: string, preset: ExportProfile["docx"]["preset"]): Paragraph[] {
  const out: Paragraph[] = [];
  const rounded = roundedWordCount(words).toLocaleString("en-US");
  if (preset === "manuscript") {
    out.push(new Paragraph({ style: STYLE.titleInfo, alignment: AlignmentType.RIGHT, children: [new TextRun(`about ${rounded} ${unitName}`)] }));
    for (const line of [m.author, ...m.contact.split(/\r?\n/)].filter((l) => l.trim())) {
      out.push(new Paragraph({ style: STYLE.titleInfo, children: [new TextRun(line.trim())] }));
    }
  }
  out.push(new Paragraph({ style: "Title", alignment: AlignmentType.CENTER, spacing: { before: preset === "manuscript" ? 3600 : 4320 }, children: [new TextRun(m.title)] }));
  if (m.author) out.push(new Paragraph({ style: STYLE.titleInfo, alignment: AlignmentType.CENTER, spacing: { before: 480 }, children: [new TextRun(`by ${m.author}`)] }));
  if (preset === "reading") out.push(new Paragraph({ style: STYLE.titleInfo, alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: [new TextRun(`${rounded} ${unitName}`)] }));
  return out;
}

function sectionParagraphs(m: Manuscript, profile: ExportProfile, ctx: Ctx, startOnNewPage: boolean): Paragraph[] {
  const w = new BodyWriter(ctx, profile.sceneSeparator);
  let first = true;
  for (const s of m.sections) {
    if (s.startsChapter && (!first || startOnNewPage)) w.pageBreakPending = true;
    first = false;
    if (s.separatorBefore) w.sceneBreak();
    if (s.heading !== null) w.heading(s.heading, s.headingLevel);
    if (s.synopsis) w.styled(STYLE.synopsis, [new TextRun(s.synopsis)]);
    if (s.notes) w.styled(STYLE.note, [new TextRun(s.notes)]);
    w.blocks(s.blocks);
  }
  return w.out;
}

function bulletLevels() {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: LevelFormat.BULLET,
    text: ["•", "◦", "▪"][level % 3]!,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

function numberLevels() {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3]!,
    text: `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** Words the manuscript holds (bodies, not headings or footnotes): the title page's count. */
export function manuscriptWords(m: Manuscript, language: string): number {
  const unit = countUnitForLanguage(language);
  let n = 0;
  for (const s of m.sections) n += countWordsInDoc({ type: "doc", content: s.blocks }, unit);
  return n;
}

export async function exportDocx(project: ProjectData, profile: ExportProfile): Promise<Buffer> {
  const m = buildManuscript(project, profile);
  const look = LOOKS[profile.docx.preset];
  const ctx: Ctx = { footnoteIds: new Map() };
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  let nextId = 1;
  for (const s of m.sections) {
    for (const def of s.footnotes) {
      const id = nextId++;
      ctx.footnoteIds.set(String(def.attrs?.label ?? ""), id);
      footnotes[id] = { children: (def.content ?? []).map((p) => new Paragraph({ style: "FootnoteText", children: runsOf(p.content, ctx) })) };
    }
  }
  const words = manuscriptWords(m, m.language);
  const unitName = countUnitForLanguage(m.language) === "characters" ? "characters" : "words";
  const front: (Paragraph | TableOfContents)[] = [];
  if (profile.include.frontMatter) front.push(...titlePage(m, words, unitName, profile.docx.preset));
  if (profile.include.toc) {
    front.push(new Paragraph({ style: "Heading1", pageBreakBefore: front.length > 0, children: [new TextRun("Contents")] }));
    front.push(new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-3" }));
  }
  const body = sectionParagraphs(m, profile, ctx, front.length > 0);
  const surname = profile.docx.surname ?? surnameOf(m.author);
  const lang = { value: m.language, eastAsia: m.language };
  const manuscript = profile.docx.preset === "manuscript";
  const headerLine = [surname, m.title].filter(Boolean).join(" / ");
  const doc = new Document({
    creator: m.author || "Quire",
    title: m.title,
    description: "Exported from Quire",
    features: profile.include.toc ? { updateFields: true } : undefined,
    styles: {
      default: {
        document: { run: { font: look.font, size: look.size, language: lang }, paragraph: { spacing: { line: look.line } } },
        title: { run: { font: look.font, size: manuscript ? 32 : 56, bold: manuscript }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } } },
        heading1: { run: { font: look.font, size: look.headingSize, bold: true, color: "000000" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: look.headingBefore, after: 480 }, keepNext: true } },
        heading2: { run: { font: look.font, size: look.headingSize, bold: true, color: "000000" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 480, after: 240 }, keepNext: true } },
        heading3: { run: { font: look.font, size: look.size, bold: true, italics: true, color: "000000" }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
      },
      paragraphStyles: paragraphStyles(look),
    },
    numbering: {
      config: [
        { reference: "quire-bullets", levels: bulletLevels() },
        { reference: "quire-numbers", levels: numberLevels() },
      ],
    },
    footnotes,
    sections: [
      {
        properties: {
          titlePage: profile.include.frontMatter,
          page: {
            size: PAGE[profile.docx.pageSize],
            margin: { top: TWIP_INCH, bottom: TWIP_INCH, left: TWIP_INCH, right: TWIP_INCH, header: 720, footer: 720 },
          },
        },
        headers: manuscript
          ? {
              default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: 240 }, children: [new TextRun({ children: [`${headerLine} / `, PageNumber.CURRENT] })] })] }),
              first: new Header({ children: [] }),
            }
          : undefined,
        footers: manuscript
          ? undefined
          : {
              default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }),
              first: new Footer({ children: [] }),
            },
        children: [...front, ...body],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
