/**
 * Book-length round trips checked by a reader nobody here wrote (pandoc): a 150,000-word,
 * 40-chapter project exported to DOCX and to Markdown reads back with the same chapters,
 * paragraphs, italics, bold, footnotes and word count; importing both files back gives the
 * same units and text.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildManuscript, defaultExportProfile, exportDocx, exportMarkdown, manuscriptWords } from "../../electron/node/export/index";
import { importToProjectData, previewDocxBytes, previewMarkdownText } from "../../electron/node/import/index";
import type { ProjectData } from "../../electron/shared/domain/project";
import { parseMarkdown } from "../../electron/shared/markdown/markdown-codec";
import { blockTexts } from "../../electron/shared/markdown/plain-text";
import { countWords } from "../../electron/shared/text/count-words";
import { expectedManuscript, type Expected } from "../fixtures/manuscript-expect";
import { generateNovel } from "../fixtures/novel-project";
import { countNotes, emphasisTexts, headers, pandocJson, paragraphs } from "../fixtures/pandoc-ast";

let dir: string;
let project: ProjectData;
let expected: Expected;
let docx: Buffer;
let md: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "quire-export-"));
  project = generateNovel();
  expected = expectedManuscript(project);
  docx = await exportDocx(project, defaultExportProfile(project.meta.levels, "docx", "reading", { include: { synopses: false, notes: false, frontMatter: false, toc: false, emptyUnits: false } }));
  md = exportMarkdown(project, defaultExportProfile(project.meta.levels, "md"))[0]!.content;
  writeFileSync(join(dir, "book.docx"), docx);
  writeFileSync(join(dir, "book.md"), md);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("150,000-word project, read back by pandoc", () => {
  it("is the size the test promises", () => {
    const words = manuscriptWords(buildManuscript(project, defaultExportProfile(project.meta.levels)), "en");
    expect(project.units).toHaveLength(40);
    expect(words).toBeGreaterThanOrEqual(150_000);
    expect(expected.emph.length).toBeGreaterThan(500);
    expect(expected.footnotes).toBeGreaterThan(20);
  });

  it("DOCX: same chapters, paragraphs, italics, bold, footnotes and word count", () => {
    const ast = pandocJson(join(dir, "book.docx"), "docx");
    expect(headers(ast.blocks).map((h) => h.text)).toEqual(expected.titles);
    expect(headers(ast.blocks).every((h) => h.level === 1)).toBe(true);
    const paras = paragraphs(ast.blocks);
    const breaks = paras.filter((p) => p === "* * *");
    expect(breaks).toHaveLength(expected.sceneBreaks);
    const body = paras.filter((p) => p !== "* * *");
    expect(body).toEqual(expected.paragraphs);
    expect(emphasisTexts(ast.blocks, "Emph")).toEqual(expected.emph);
    expect(emphasisTexts(ast.blocks, "Strong")).toEqual(expected.strong);
    expect(countNotes(ast.blocks)).toBe(expected.footnotes);
    // the words pandoc reads are the words Quire counts (and prints, rounded, on the title page)
    const words = body.reduce((n, p) => n + countWords(p), 0);
    expect(words).toBe(manuscriptWords(buildManuscript(project, defaultExportProfile(project.meta.levels, "docx")), project.meta.language));
    expect(words).toBe(expected.paragraphs.reduce((n, p) => n + countWords(p), 0));
  }, 180_000);

  it("Markdown: pandoc (CommonMark + footnotes) sees the same structure", () => {
    const ast = pandocJson(join(dir, "book.md"), "commonmark_x");
    expect(headers(ast.blocks).map((h) => h.text)).toEqual(expected.titles);
    expect(paragraphs(ast.blocks)).toEqual(expected.paragraphs);
    expect(ast.blocks.filter((b) => b.t === "HorizontalRule")).toHaveLength(expected.sceneBreaks);
    expect(emphasisTexts(ast.blocks, "Emph")).toEqual(expected.emph);
    expect(emphasisTexts(ast.blocks, "Strong")).toEqual(expected.strong);
    expect(countNotes(ast.blocks)).toBe(expected.footnotes);
    expect(md).not.toContain("data-quire");
  }, 180_000);

  it("importing the DOCX gives back the same units and text", async () => {
    const preview = await previewDocxBytes(docx, "book.docx", { splitLevel: 1 });
    expect(preview.notes).toEqual([]);
    const back = importToProjectData(preview);
    expect(back.units.map((u) => u.title)).toEqual(expected.titles);
    expect(back.units.map((u) => blockTexts(parseMarkdown(u.body)))).toEqual(expected.unitTexts);
  }, 180_000);

  it("importing the Markdown gives back the same units and text", () => {
    const preview = previewMarkdownText(md, "book.md", { splitLevel: 1 });
    const back = importToProjectData(preview);
    expect(back.units.map((u) => u.title)).toEqual(expected.titles);
    expect(back.units.map((u) => blockTexts(parseMarkdown(u.body)))).toEqual(expected.unitTexts);
  });
});
