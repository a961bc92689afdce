import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, Packer, Paragraph } from "docx";
import { afterEach, describe, expect, it } from "vitest";
import { previewImport } from "../../../electron/node/import/index";

/** DOCX files written by other tools than Quire's export: pandoc (as a writer converting their Markdown would), and Word-style ornaments. */
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "quire-docx-others-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const docxOf = (children: Paragraph[]) => Packer.toBuffer(new Document({ sections: [{ children }] }));

describe("DOCX import of what other tools write (pandoc: notes numbered from 20, a rule drawn as VML)", () => {
  const pandocDocx = (dir: string, markdown: string): string => {
    const md = join(dir, "book.md");
    const docx = join(dir, "book.docx");
    writeFileSync(md, markdown);
    execFileSync("pandoc", [md, "-o", docx]);
    return docx;
  };

  it("keeps a horizontal-rule scene break and numbers each unit's notes from 1", async () => {
    const dir = tmp();
    const file = pandocDocx(
      dir,
      "# One\n\nThe lamp burned[^a] and the sea kept on[^b].\n\n---\n\nMorning came.\n\n# Two\n\nThe keeper slept[^c].\n\n[^a]: Oil, not gas.\n[^b]: As it does.\n[^c]: Badly.\n",
    );
    const preview = await previewImport(file);
    expect(preview.units.map((u) => u.title)).toEqual(["One", "Two"]);
    const [one, two] = preview.units;
    expect(one!.body).toMatch(/kept on\[\^2\]\.\n\n\*\*\*\n\nMorning came\./);
    expect(one!.body).toMatch(/burned\[\^1\]/);
    expect(one!.body).toMatch(/\[\^1\]: Oil, not gas\.\n\n\[\^2\]: As it does\./);
    // the book's third note is the second unit's first
    expect(two!.body).toMatch(/slept\[\^1\]\.[\s\S]*\[\^1\]: Badly\./);
    expect(`${one!.body}${two!.body}`).not.toMatch(/\[\^2[0-9]\]/);
  });

  it("takes ornament lines of any usual kind as scene breaks, not as text", async () => {
    const dir = tmp();
    const file = join(dir, "ornaments.docx");
    const lines = ["⁂", "* * * * * *", "~", "❦", "— — —"];
    writeFileSync(file, await docxOf(lines.flatMap((l, i) => [new Paragraph(`Scene ${i + 1}.`), new Paragraph(l)]).concat(new Paragraph("The end."))));
    const preview = await previewImport(file);
    expect(preview.units[0]!.body.match(/^\*\*\*$/gm)).toHaveLength(lines.length);
    expect(preview.units[0]!.body).not.toMatch(/⁂|❦|~/);
  });

  it("leaves notes a Markdown writer named by their names", async () => {
    const dir = tmp();
    const file = join(dir, "named.md");
    writeFileSync(file, "# One\n\nA claim[^source].\n\n[^source]: The archive.\n");
    const preview = await previewImport(file);
    expect(preview.units[0]!.body).toContain("[^source]: The archive.");
  });
});
