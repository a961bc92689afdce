/**
 * bench:export — the 150,000-word, 40-chapter project exported to Markdown and DOCX and each
 * imported back, against baselines measured in the same run:
 *   - Markdown export vs pandoc rewriting the same Markdown (CommonMark in, CommonMark out);
 *   - DOCX export vs a plain `docx` build of the same paragraphs (no styles, marks, notes) and
 *     vs pandoc writing DOCX from the same Markdown;
 *   - DOCX import vs mammoth's HTML conversion alone (the library Quire builds on) and pandoc's reader;
 *   - Markdown import vs pandoc reading the same Markdown.
 * Writes bench-results/export.json. Rounds: BENCH_ROUNDS (default 3), median reported.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, Packer, Paragraph, TextRun } from "docx";
import mammoth from "mammoth";
import { defaultExportProfile, exportDocx, exportMarkdown } from "../../electron/node/export/index";
import { previewDocxBytes, previewMarkdownText } from "../../electron/node/import/index";
import { parseMarkdown } from "../../electron/shared/markdown/markdown-codec";
import { blockTexts } from "../../electron/shared/markdown/plain-text";
import { generateNovel } from "../fixtures/novel-project";
import { median, round } from "./stats";
import { writeBenchResult } from "./write-result";

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const dir = mkdtempSync(join(tmpdir(), "quire-bench-export-"));
const project = generateNovel();
const mdProfile = defaultExportProfile(project.meta.levels, "md");
const docxProfile = defaultExportProfile(project.meta.levels, "docx", "manuscript");

async function time(fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}
const ms = (xs: number[]) => round(median(xs), 1);

// warm-up: module loading and JIT are not what a writer waits for on the second export
const md = exportMarkdown(project, mdProfile)[0]!.content;
const docx = await exportDocx(project, docxProfile);
const mdFile = join(dir, "book.md");
const docxFile = join(dir, "book.docx");
writeFileSync(mdFile, md);
writeFileSync(docxFile, docx);
await previewDocxBytes(docx, docxFile, { splitLevel: 1 });
previewMarkdownText(md, mdFile, { splitLevel: 1 });

const plainParagraphs = project.units.flatMap((u) => blockTexts(parseMarkdown(u.body, { dropProvenance: true })));
const pandoc = (args: string[]) => execFileSync("pandoc", args, { maxBuffer: 1 << 30 });

const quire = {
  exportMarkdown: await time(() => exportMarkdown(project, mdProfile)),
  exportDocx: await time(() => exportDocx(project, docxProfile)),
  importMarkdown: await time(() => previewMarkdownText(md, mdFile, { splitLevel: 1 })),
  importDocx: await time(() => previewDocxBytes(docx, docxFile, { splitLevel: 1 })),
};
const baseline = {
  pandocMarkdownToMarkdown: await time(() => pandoc(["-f", "commonmark_x", "-t", "commonmark_x", mdFile, "-o", join(dir, "b.md")])),
  plainDocxBuild: await time(() => Packer.toBuffer(new Document({ sections: [{ children: plainParagraphs.map((t) => new Paragraph({ children: [new TextRun(t)] })) }] }))),
  pandocMarkdownToDocx: await time(() => pandoc(["-f", "commonmark_x", "-t", "docx", mdFile, "-o", join(dir, "b.docx")])),
  mammothHtmlOnly: await time(() => mammoth.convertToHtml({ buffer: docx })),
  pandocReadDocx: await time(() => pandoc(["-f", "docx", "-t", "json", docxFile, "-o", join(dir, "b.json")])),
  pandocReadMarkdown: await time(() => pandoc(["-f", "commonmark_x", "-t", "json", mdFile, "-o", join(dir, "c.json")])),
};

const targets = { exportMarkdown: 500, exportDocx: 1500, importMarkdown: 3000, importDocx: 3000 };
const result = {
  project: { chapters: project.units.length, words: plainParagraphs.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0), markdownBytes: md.length, docxBytes: docx.length },
  rounds: ROUNDS,
  unit: "ms (median)",
  quire: Object.fromEntries(
    Object.entries(quire).map(([k, v]) => [k, { ms: ms(v), runs: v.map((x) => round(x, 1)), targetMs: targets[k as keyof typeof targets], meetsTarget: ms(v) < targets[k as keyof typeof targets] }]),
  ),
  baseline: Object.fromEntries(Object.entries(baseline).map(([k, v]) => [k, { ms: ms(v), runs: v.map((x) => round(x, 1)) }])),
  ratios: {
    exportMarkdown_vs_pandoc: round(ms(quire.exportMarkdown) / ms(baseline.pandocMarkdownToMarkdown)),
    exportDocx_vs_plainDocx: round(ms(quire.exportDocx) / ms(baseline.plainDocxBuild)),
    exportDocx_vs_pandoc: round(ms(quire.exportDocx) / ms(baseline.pandocMarkdownToDocx)),
    importDocx_vs_mammoth: round(ms(quire.importDocx) / ms(baseline.mammothHtmlOnly)),
    importDocx_vs_pandoc: round(ms(quire.importDocx) / ms(baseline.pandocReadDocx)),
    importMarkdown_vs_pandoc: round(ms(quire.importMarkdown) / ms(baseline.pandocReadMarkdown)),
  },
};
const file = writeBenchResult("export", result);
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ quire: result.quire, baseline: result.baseline, ratios: result.ratios }, null, 1)}\nwritten ${file}\n`);
