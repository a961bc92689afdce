import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import JSZip from "jszip";
import { afterEach, describe, expect, it } from "vitest";
import { defaultExportProfile, exportDocx } from "../../../electron/node/export/index";
import { ImportError, importToProjectData, previewImport } from "../../../electron/node/import/index";
import { firstInvalidUtf8 } from "../../../electron/node/import/utf8";
import { smallProject } from "../export/small-project";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "quire-import-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("Markdown import", () => {
  it("splits one file at the chosen heading level into a tree of units", async () => {
    const dir = tmp();
    const file = join(dir, "draft.md");
    writeFileSync(file, "---\ntitle: Drafty\nauthor: A. Writer\n---\nOpening words.\n\n# Part One\n\n## First\n\nIt *began*.[^n]\n\n### Sub\n\nStays inside.\n\n## Second\n\nEnded.\n\n[^n]: A note.\n");
    const preview = await previewImport(file, { splitLevel: 2 });
    expect(preview.title).toBe("Drafty");
    expect(preview.author).toBe("A. Writer");
    expect(preview.units.map((u) => [u.level, u.title])).toEqual([[0, "Opening"], [0, "Part One"], [1, "First"], [1, "Second"]]);
    expect(preview.units[2]!.body).toBe("It *began*.[^n]\n\n### Sub\n\nStays inside.\n\n[^n]: A note.\n");
    const project = importToProjectData(preview);
    expect(project.meta.levels).toEqual(["Part", "Chapter"]);
    const first = project.units[2]!;
    expect(first.parentId).toBe(project.units[1]!.id);
    expect(project.units.map((u) => u.order)).toEqual([0, 1, 0, 1]);
  });

  it("stops at invalid UTF-8 with the file name and byte offset, creating nothing", async () => {
    const dir = tmp();
    const file = join(dir, "latin1.md");
    writeFileSync(file, Buffer.concat([Buffer.from("# Caf"), Buffer.from([0xe9]), Buffer.from(" au lait\n")]));
    await expect(previewImport(file)).rejects.toThrow(`${file}: is not valid UTF-8 (first bad byte at offset 5)`);
    expect(firstInvalidUtf8(Buffer.from("a€b"))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });

  it("imports a folder of files, one unit each, in name order", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "10-end.md"), "# The End\n\nDone.\n");
    writeFileSync(join(dir, "2-middle.md"), "Middle text.[^1]\n\n[^1]: Middle note.\n");
    writeFileSync(join(dir, "1-start.md"), "# Start\n\nFirst text.[^1]\n\n[^1]: Start note.\n");
    const preview = await previewImport(dir);
    expect(preview.units.map((u) => u.title)).toEqual(["Start", "middle", "The End"]);
    expect(preview.units[0]!.body).toBe("First text.[^f1-1]\n\n[^f1-1]: Start note.\n");
    expect(preview.units[1]!.body).toBe("Middle text.[^f2-1]\n\n[^f2-1]: Middle note.\n");
  });

  it("takes a huge single paragraph as one unit with every word", async () => {
    const dir = tmp();
    const file = join(dir, "wall.md");
    const words = Array.from({ length: 60_000 }, (_, i) => (i % 50 === 0 ? "*word*" : "word")).join(" ");
    writeFileSync(file, words);
    const preview = await previewImport(file);
    expect(preview.units).toHaveLength(1);
    expect(preview.units[0]!.words).toBe(60_000);
    expect(preview.notes[0]).toMatch(/No headings/);
  });
});

describe("plain text import", () => {
  it("turns Chapter lines into units and * * * into scene breaks, taking the text literally", async () => {
    const dir = tmp();
    const file = join(dir, "novel.txt");
    writeFileSync(file, "Chapter 1\n\nIt was *not* markdown.\nStill the same paragraph.\n\n* * *\n\n# not a heading\n\nChapter 2\n\nEnd.\n");
    const preview = await previewImport(file);
    expect(preview.units.map((u) => u.title)).toEqual(["Chapter 1", "Chapter 2"]);
    expect(preview.units[0]!.body).toBe("It was \\*not\\* markdown. Still the same paragraph.\n\n***\n\n\\# not a heading\n");
  });
});

async function docxOf(children: Paragraph[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

describe("DOCX import", () => {
  it("splits at headings and keeps emphasis", async () => {
    const dir = tmp();
    const file = join(dir, "book.docx");
    writeFileSync(
      file,
      await docxOf([
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("One")] }),
        new Paragraph({ children: [new TextRun("Plain "), new TextRun({ text: "slanted", italics: true }), new TextRun(" and "), new TextRun({ text: "heavy", bold: true }), new TextRun(".")] }),
        new Paragraph({ children: [new TextRun("***")] }),
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("Two")] }),
        new Paragraph({ children: [new TextRun("More.")] }),
      ]),
    );
    const preview = await previewImport(file);
    expect(preview.units.map((u) => u.title)).toEqual(["One", "Two"]);
    expect(preview.units[0]!.body).toBe("Plain *slanted* and **heavy**.\n\n***\n");
  });

  it("makes one unit, with a note, from a DOCX without headings", async () => {
    const dir = tmp();
    const file = join(dir, "flat.docx");
    writeFileSync(file, await docxOf([new Paragraph("Just text."), new Paragraph("More text.")]));
    const preview = await previewImport(file);
    expect(preview.units).toHaveLength(1);
    expect(preview.units[0]!.title).toBe("flat");
    expect(preview.notes.join(" ")).toMatch(/No headings .*one unit/);
  });

  it("brings a Quire export back as the same units, synopses and notes included", async () => {
    const dir = tmp();
    const p = smallProject();
    const base = defaultExportProfile(p.meta.levels, "docx", "manuscript");
    const file = join(dir, "small.docx");
    writeFileSync(file, await exportDocx(p, { ...base, include: { ...base.include, synopses: true, notes: true } }));
    const preview = await previewImport(file, { splitLevel: 2 });
    expect(preview.title).toBe("Small Hours");
    expect(preview.author).toBe("Jo March");
    expect(preview.units.map((u) => `${u.level} ${u.title}`)).toEqual(["0 Morning", "1 The Letter", "1 The Reply", "0 Evening", "1 Lamps"]);
    const letter = preview.units[1]!;
    expect(letter.synopsis).toBe("A letter comes.");
    expect(letter.notes).toBe("Check the date.");
    expect(letter.body).toBe(
      "She read it *twice*.[^1] The model added this.\n\n> A quoted line.\n\n***\n\nThen **nothing** at all, see [the map](https://example.com/map).\n\n- one\n- two\n\n1. first\n2. second\n\n[^1]: The first note.\n",
    );
  });

  it("refuses corrupt and password-protected files with a clear message", async () => {
    const dir = tmp();
    const junk = join(dir, "junk.docx");
    writeFileSync(junk, Buffer.from("this is not a zip file at all"));
    await expect(previewImport(junk)).rejects.toThrow(`${junk}: is not a DOCX file (it is damaged or in another format)`);
    const locked = join(dir, "locked.docx");
    writeFileSync(locked, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]));
    await expect(previewImport(locked)).rejects.toThrow(/locked\.docx: is password-protected \(encrypted\)/);
    const zip = new JSZip();
    zip.file("hello.txt", "not a word document");
    const notWord = join(dir, "notword.docx");
    writeFileSync(notWord, await zip.generateAsync({ type: "nodebuffer" }));
    await expect(previewImport(notWord)).rejects.toThrow(ImportError);
    await expect(previewImport(notWord)).rejects.toThrow(/notword\.docx: could not be read as DOCX/);
    const truncated = join(dir, "truncated.docx");
    writeFileSync(truncated, (await docxOf([new Paragraph("x")])).subarray(0, 300));
    await expect(previewImport(truncated)).rejects.toThrow(/truncated\.docx: could not be read as DOCX/);
  });

  it("rejects files it does not import", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "empty"));
    await expect(previewImport(join(dir, "x.pdf"))).rejects.toThrow(/x\.pdf: is not a file Quire imports/);
    await expect(previewImport(join(dir, "empty"))).rejects.toThrow(/empty: holds no Markdown files/);
    expect(existsSync(join(dir, "x.pdf"))).toBe(false);
  });
});
