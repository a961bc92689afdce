/** Readable eval reports: Markdown and a self-contained HTML page with an SVG chart of length against target. */
import type { EvalSummary, TaskResult } from "./metrics";

const f1 = (x: number) => x.toFixed(1);
const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)} %`);

export function markdownReport(model: string, tasks: TaskResult[], summary: EvalSummary): string {
  const rows = tasks.map((t) =>
    `| ${t.id} | ${t.targetWords} | ${t.quire.words} | ${f1(t.quire.lengthScore)} | ${pct(t.quire.unitsWithin10)} | ${t.quire.complete ? "yes" : "no"} | ${pct(t.quire.obligationsMet)} | ${pct(t.quire.repetitionRate)} | ${t.baseline.words} | ${f1(t.baseline.lengthScore)} | ${pct(t.baseline.obligationsMet)} |`,
  );
  const s = summary;
  return [
    `# Quire evaluation`,
    ``,
    `Model: \`${model}\`. ${s.tasks} task(s). S_l is LongBench-Write's length score (100 = exact).`,
    ``,
    `| | Quire | single pass |`,
    `| --- | --- | --- |`,
    `| S_l (mean) | ${f1(s.quire.lengthScore)} | ${f1(s.baseline.lengthScore)} |`,
    `| units within ±10 % | ${pct(s.quire.unitsWithin10)} | ${pct(s.baseline.unitsWithin10)} |`,
    `| completion | ${pct(s.quire.completion)} | ${pct(s.baseline.completion)} |`,
    `| obligations met | ${pct(s.quire.obligationsMet)} | ${pct(s.baseline.obligationsMet)} |`,
    `| repetition rate | ${pct(s.quire.repetitionRate)} | ${pct(s.baseline.repetitionRate)} |`,
    `| tokens | ${s.quire.tokens} | ${s.baseline.tokens} |`,
    `| seconds | ${f1(s.quire.seconds)} | ${f1(s.baseline.seconds)} |`,
    ``,
    `| task | target | Quire words | Quire S_l | units ±10 % | complete | obligations | repetition | single-pass words | single-pass S_l | single-pass obligations |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
    ...rows,
    ``,
  ].join("\n");
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** Bars of produced length relative to target per task (Quire and single pass), the target as a line at 100 %. */
export function lengthChartSvg(tasks: TaskResult[]): string {
  const w = 640;
  const rowH = 34;
  const h = 40 + tasks.length * rowH;
  const left = 150;
  const scale = (w - left - 20) / 2; // 0 … 200 % of target
  const bar = (ratio: number) => Math.max(1, Math.min(2, ratio) * scale);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Produced length as a share of the target, per task">`,
    `<style>text{font:12px sans-serif;fill:#222}</style>`,
  ];
  tasks.forEach((t, i) => {
    const y = 20 + i * rowH;
    parts.push(`<text x="4" y="${y + 14}">${escapeHtml(t.id.slice(0, 22))}</text>`);
    parts.push(`<rect x="${left}" y="${y}" width="${bar(t.quire.words / t.targetWords)}" height="12" fill="#2b6cb0"><title>Quire: ${t.quire.words} of ${t.targetWords}</title></rect>`);
    parts.push(`<rect x="${left}" y="${y + 14}" width="${bar(t.baseline.words / t.targetWords)}" height="12" fill="#c05621"><title>single pass: ${t.baseline.words} of ${t.targetWords}</title></rect>`);
  });
  parts.push(`<line x1="${left + scale}" y1="10" x2="${left + scale}" y2="${h - 20}" stroke="#000" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${left + scale + 4}" y="${h - 6}">target</text>`);
  parts.push(`<text x="${left}" y="${h - 6}" fill="#2b6cb0">■ Quire</text><text x="${left + 70}" y="${h - 6}">■ single pass</text>`);
  parts.push(`</svg>`);
  return parts.join("\n");
}

export function htmlReport(model: string, tasks: TaskResult[], summary: EvalSummary, markdownTables: string): string {
  const body = escapeHtml(markdownTables);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quire evaluation</title>
<style>body{font:14px/1.4 sans-serif;max-width:960px;margin:2em auto;padding:0 1em}pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}</style></head>
<body><h1>Quire evaluation</h1>
<p>Model: <code>${escapeHtml(model)}</code>. Mean S_l: Quire ${f1(summary.quire.lengthScore)}, single pass ${f1(summary.baseline.lengthScore)}.</p>
<h2>Length against target</h2>
${lengthChartSvg(tasks)}
<h2>Figures</h2>
<pre>${body}</pre>
</body></html>
`;
}
