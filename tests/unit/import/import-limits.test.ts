import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterEach, describe, expect, it } from "vitest";
import { ImportError, previewImport } from "../../../electron/node/import/index";
import { xmlNesting } from "../../../electron/node/import/docx-precheck";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "quire-import-limits-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const MiB = 1024 * 1024;

/** A DOCX whose parts are given as XML strings, deflated as hard as zip goes. */
async function docxFrom(documentXml: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file("word/document.xml", documentXml);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

async function refusal(file: string): Promise<ImportError> {
  const error = await previewImport(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("imports are refused by size before the work starts", () => {
  it("refuses a small DOCX that inflates to 60 MB of XML (mammoth has no limit of its own), saying so", async () => {
    const dir = tmp();
    const body = para("All work and no play makes Jack a dull boy. ".repeat(25)).repeat(55_000);
    const bytes = await docxFrom(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
    expect(bytes.length).toBeLessThan(1 * MiB);
    const file = join(dir, "bomb.docx");
    writeFileSync(file, bytes);
    const error = await refusal(file);
    expect(error.message).toMatch(/bomb\.docx: .*(inflates|unpacks) to more than \d+ MiB/);
  });

  it("refuses a file over the import limit before reading it", async () => {
    const dir = tmp();
    const file = join(dir, "huge.docx");
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    truncateSync(file, 65 * MiB); // sparse: costs no disk
    const error = await refusal(file);
    expect(error.message).toMatch(/huge\.docx: .*over 64 MiB/);
  });

  it("refuses a Markdown or text file over the text limit, saying which limit", async () => {
    const dir = tmp();
    for (const name of ["long.md", "long.txt"]) {
      const file = join(dir, name);
      writeFileSync(file, "");
      truncateSync(file, 17 * MiB);
      const error = await refusal(file);
      expect(error.message).toMatch(new RegExp(`${name.replace(".", "\\.")}: .*over 16 MiB`));
    }
  });
});

describe("Markdown with very many headings or deep nesting", () => {
  it("refuses 200,000 headings by the unit limit with a clear error, not a stack overflow", async () => {
    const dir = tmp();
    const file = join(dir, "headings.md");
    writeFileSync(file, Array.from({ length: 200_000 }, (_, i) => `## H${i}\n`).join("\n"));
    const error = await refusal(file);
    expect(error.message).toMatch(/headings\.md: .*200,000 units.*25,000/);
  });

  it("imports 20,000 headings as 20,000 units", async () => {
    const dir = tmp();
    const file = join(dir, "many.md");
    writeFileSync(file, Array.from({ length: 20_000 }, (_, i) => `## Chapter ${i + 1}\n\nText ${i + 1}.\n`).join("\n"));
    const preview = await previewImport(file);
    expect(preview.units).toHaveLength(20_000);
    expect(preview.units.at(-1)).toMatchObject({ title: "Chapter 20000", body: "Text 20000.\n" });
  });

  it("refuses block quotes nested 1,000 deep with a clear error, not a stack overflow", async () => {
    const dir = tmp();
    const file = join(dir, "quotes.md");
    writeFileSync(file, `# One\n\n${">".repeat(1_000)} deep\n`);
    const error = await refusal(file);
    expect(error.message).toMatch(/quotes\.md: line 3 is nested 1,000 levels deep; Quire reads up to 100/);
  });

  it("refuses lists nested 400 deep, and quotes and lists mixed, with a clear error", async () => {
    const dir = tmp();
    const lists = join(dir, "lists.md");
    writeFileSync(lists, Array.from({ length: 400 }, (_, i) => `${" ".repeat(i * 2)}- item`).join("\n"));
    expect((await refusal(lists)).message).toMatch(/lists\.md: line \d+ is nested [\d,]+ levels deep/);
    const mixed = join(dir, "mixed.md");
    writeFileSync(mixed, Array.from({ length: 300 }, (_, i) => `${"> - ".repeat(i)}item`).join("\n"));
    expect((await refusal(mixed)).message).toMatch(/mixed\.md: line \d+ is nested [\d,]+ levels deep/);
  });

  it("still reads ordinary nesting: quotes in lists in quotes, a few levels deep", async () => {
    const dir = tmp();
    const file = join(dir, "ok.md");
    writeFileSync(file, "## One\n\n> - a\n>   - b\n>     > c\n\n- x\n  - y\n    - z\n");
    const preview = await previewImport(file);
    expect(preview.units[0]!.body).toContain("> c");
  });
});

describe("DOCX with deep nesting", () => {
  it("refuses tables nested 500 deep with a clear error", async () => {
    const dir = tmp();
    const open = "<w:tbl><w:tr><w:tc>".repeat(500);
    const close = "</w:tc></w:tr></w:tbl>".repeat(500);
    const file = join(dir, "tables.docx");
    writeFileSync(file, await docxFrom(`<?xml version="1.0"?><w:document ${W}><w:body>${open}${para("deep")}${close}</w:body></w:document>`));
    const error = await refusal(file);
    expect(error.message).toMatch(/tables\.docx: .*nested .* deep/);
  });
});

describe("how deep a DOCX's XML nests, read before mammoth", () => {
  it("refuses elements nested 3,000 deep (mammoth's stack would overflow)", async () => {
    const dir = tmp();
    const file = join(dir, "links.docx");
    const deep = `<w:p>${"<w:hyperlink>".repeat(3_000)}<w:r><w:t>x</w:t></w:r>${"</w:hyperlink>".repeat(3_000)}</w:p>`;
    writeFileSync(file, await docxFrom(`<?xml version="1.0"?><w:document ${W}><w:body>${deep}</w:body></w:document>`));
    expect((await refusal(file)).message).toMatch(/links\.docx: nests its XML 3,00\d elements deep \(word\/document\.xml\)/);
  });

  it("counts tags, not what looks like one inside a quoted attribute, a comment or CDATA", () => {
    const xml = Buffer.from('<?xml version="1.0"?><a x="/>"><!-- <b> --><w:tbl><c y=\'>\'/><![CDATA[<d>]]><w:tbl></w:tbl></w:tbl></a>');
    expect(xmlNesting(xml)).toEqual({ elements: 3, tables: 2 });
  });
});
