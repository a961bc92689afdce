import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultExportProfile, exportDocx } from "../../../electron/node/export/index";
import { blocksText, countNotes, emphasisTexts, headers, inlineText, pandocJson } from "../../fixtures/pandoc-ast";
import { smallProject } from "./small-project";

let dir: string;
let manuscript: JSZip;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "quire-docx-"));
  const p = smallProject();
  const base = defaultExportProfile(p.meta.levels, "docx", "manuscript");
  const buf = await exportDocx(p, { ...base, include: { ...base.include, synopses: true, toc: true }, docx: { ...base.docx, pageSize: "A4" } });
  file = join(dir, "small.docx");
  writeFileSync(file, buf);
  manuscript = await JSZip.loadAsync(buf);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const part = (name: string) => manuscript.file(name)!.async("string");

describe("DOCX export", () => {
  it("defines real, restylable paragraph styles and uses them", async () => {
    const styles = await part("word/styles.xml");
    for (const name of ["Title", "Heading 1", "Heading 2", "Body Text", "First Paragraph", "Scene Break", "Quote", "Synopsis"]) {
      expect(styles, name).toMatch(new RegExp(`<w:name w:val="${name}"/>`, "i"));
    }
    const doc = await part("word/document.xml");
    for (const id of ["Title", "Heading1", "Heading2", "FirstParagraph", "SceneBreak", "Quote", "Synopsis"]) expect(doc, id).toContain(`<w:pStyle w:val="${id}"/>`);
  });

  it("uses manuscript format: Times New Roman 12 pt, double spacing, 1 inch margins, A4, the project's language", async () => {
    const styles = await part("word/styles.xml");
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:sz w:val="24"\/>/);
    expect(styles).toContain('w:line="480"');
    expect(styles).toContain('w:val="fr-FR"');
    const doc = await part("word/document.xml");
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/);
  });

  it("puts Surname / Title / page in the header, but not on the title page", async () => {
    const names = Object.keys(manuscript.files).filter((n) => /^word\/header\d+\.xml$/.test(n));
    const headersXml = await Promise.all(names.map(part));
    const running = headersXml.find((x) => x.includes("March / Small Hours / "));
    expect(running).toBeDefined();
    expect(running).toMatch(/PAGE/);
    expect(await part("word/document.xml")).toContain("<w:titlePg/>");
  });

  it("starts every chapter on a new page, no indent after headings and breaks", async () => {
    const doc = await part("word/document.xml");
    const paragraphs = doc.split("<w:p>").slice(1);
    const chapterHeads = paragraphs.filter((p) => p.includes('w:val="Heading2"'));
    expect(chapterHeads.length).toBe(3);
    // parts get a page of their own; every chapter starts a new page
    expect(chapterHeads.every((p) => p.includes("<w:pageBreakBefore/>"))).toBe(true);
    const afterBreak = paragraphs.findIndex((p) => p.includes('w:val="SceneBreak"'));
    expect(paragraphs[afterBreak + 1]).toContain('w:val="FirstParagraph"');
  });

  it("reads back in pandoc with headings, emphasis, links, lists, quotes and footnotes; provenance gone", () => {
    const ast = pandocJson(file, "docx");
    expect(headers(ast.blocks).map((h) => h.text)).toEqual(["Contents", "Morning", "The Letter", "The Reply", "Evening", "Lamps"]);
    expect(emphasisTexts(ast.blocks, "Emph")).toContain("twice");
    expect(emphasisTexts(ast.blocks, "Strong")).toContain("nothing");
    const json = JSON.stringify(ast.blocks);
    expect(json).toContain("https://example.com/map");
    expect(json).toContain('"BulletList"');
    expect(json).toContain('"OrderedList"');
    expect(countNotes(ast.blocks)).toBe(2);
    expect(json).not.toContain("data-quire");
    const text = ast.blocks.filter((b) => b.t === "Para" || b.t === "BlockQuote").map((b) => (b.t === "Para" ? inlineText(b.c as never) : blocksText(b.c as never)));
    expect(text.some((t) => t.includes("The model added this."))).toBe(true);
    expect(text.some((t) => t.includes("A quoted line"))).toBe(true);
  });
});
