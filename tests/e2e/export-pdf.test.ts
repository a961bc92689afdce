/**
 * The manuscript DOCX as LibreOffice lays it out: converted to PDF once (the slow step, so one
 * conversion per run), then pdftotext must find every chapter heading, the title page's rounded
 * word count and the "Surname / Title / page" running header.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildManuscript, defaultExportProfile, exportDocx, manuscriptWords, roundedWordCount } from "../../electron/node/export/index";
import { generateNovel } from "../fixtures/novel-project";

const project = generateNovel();
const profile = defaultExportProfile(project.meta.levels, "docx", "manuscript", {
  include: { synopses: false, notes: false, frontMatter: true, toc: false, emptyUnits: false },
});
let dir: string;
let pages: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "quire-pdf-"));
  writeFileSync(join(dir, "book.docx"), await exportDocx(project, profile));
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, join(dir, "book.docx")],
    { stdio: "ignore", timeout: 170_000 },
  );
  execFileSync("pdftotext", ["-layout", join(dir, "book.pdf"), join(dir, "book.txt")]);
  pages = readFileSync(join(dir, "book.txt"), "utf8").split("\f");
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("manuscript DOCX through LibreOffice to PDF", () => {
  it("has every chapter heading, each at the top of a new page", () => {
    for (const unit of project.units) {
      const page = pages.find((p) => p.includes(unit.title));
      expect(page, unit.title).toBeDefined();
      // the heading is the first body text on its page (below the running header)
      const lines = page!.split("\n").map((l) => l.trim()).filter(Boolean);
      expect(lines.slice(0, 3).some((l) => l === unit.title), unit.title).toBe(true);
    }
  });

  it("has the title page with the rounded word count, and the Surname / Title / page header after it", () => {
    const words = manuscriptWords(buildManuscript(project, profile), "en");
    expect(pages[0]).toContain(`about ${roundedWordCount(words).toLocaleString("en-US")} words`);
    expect(pages[0]).toContain("The Orchard House");
    expect(pages[0]).not.toMatch(/Quill \/ The Orchard House \/ \d/);
    expect(pages[1]).toMatch(/Quill \/ The Orchard House \/ 2/);
    const last = pages.filter((p) => p.trim()).length;
    expect(pages[last - 1]).toMatch(new RegExp(`Quill / The Orchard House / ${last}`));
    expect(last).toBeGreaterThan(300);
  });
});
