/**
 * `npm run bench:briefs [-- [--held-out] FILE.json ...]`: how well Quire understands briefs, with no
 * model. Scores the project's corpus (tests/fixtures/brief-corpus/own; held-out with --held-out) and every
 * LongGenBench JSON file named on the command line (Dataset_short.json, Dataset_long.json or a
 * sample of either, read where it lies: never copied into the repository). Prints, per set and
 * per brief type, units right, placement recall and precision, budgets summing to the total, the
 * lowest brief, and every miss; writes bench-results/briefs.json.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { briefScore, byType, figures, loadCorpus, precision, recall, scoreCorpusBrief, scoreLongGenBench, type BriefScore, type Figures, type LongGenBenchEntry } from "./briefs-score";
import { writeBenchResult } from "./write-result";

const corpus = join(import.meta.dirname, "../fixtures/brief-corpus");
const args = process.argv.slice(2);
const quiet = args.includes("--quiet");
const sets: { name: string; scores: BriefScore[] }[] = [];

const started = performance.now();
// the held-out set is scored only when asked (--held-out): it is kept for measuring, not for tuning
for (const set of ["own", ...(args.includes("--held-out") ? ["held-out", "held-out-2", "held-out-3"] : [])]) {
  if (args.includes(`--skip-${set}`)) continue;
  const briefs = loadCorpus(join(corpus, set));
  if (briefs.length > 0) sets.push({ name: set, scores: briefs.map((b) => scoreCorpusBrief(b.id, b.source, b.expected)) });
}
for (const path of args.filter((a) => !a.startsWith("--"))) {
  const entries = JSON.parse(readFileSync(path, "utf8")) as LongGenBenchEntry[];
  if (!Array.isArray(entries)) throw new Error(`${path}: not a JSON array of LongGenBench entries`);
  sets.push({ name: basename(path), scores: entries.map((e, i) => scoreLongGenBench(`${basename(path)}#${i + 1}`, e)) });
}
const millis = Math.round(performance.now() - started);

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const line = (label: string, f: Figures) =>
  `${label.padEnd(22)} ${String(f.briefs).padStart(4)} briefs  units right ${pct(f.unitsRight).padStart(7)}  recall ${pct(f.recall).padStart(7)}  precision ${pct(f.precision).padStart(7)}  budgets ${pct(f.budgetsOk).padStart(7)}  lowest ${f.lowest ? `${f.lowest.id} ${f.lowest.score.toFixed(2)}` : "-"}`;

const report: Record<string, unknown> = { millis, sets: {} };
for (const { name, scores } of sets) {
  const all = figures(scores);
  console.log(`\n== ${name}`);
  console.log(line("all", all));
  const types = byType(scores);
  for (const [type, f] of types) console.log(line(`  ${type}`, f));
  const missed = scores.filter((s) => s.misses.length > 0);
  if (!quiet) {
    for (const s of missed) {
      console.log(`  ✗ ${s.id} (${s.type}) recall ${recall(s).toFixed(2)} precision ${precision(s).toFixed(2)}`);
      for (const m of s.misses) console.log(`      ${m}`);
    }
  }
  const unscored = [...new Set(scores.flatMap((s) => s.unscored))];
  if (unscored.length > 0) console.log(`  brief items with no gold entry (listed, not scored): ${unscored.length} distinct, e.g. ${unscored.slice(0, 3).map((u) => `“${u}”`).join("; ")}`);
  (report.sets as Record<string, unknown>)[name] = {
    ...all,
    types: Object.fromEntries(types),
    briefsBelow090: scores.filter((s) => briefScore(s) < 0.9).map((s) => s.id),
    misses: Object.fromEntries(missed.map((s) => [s.id, s.misses])),
    unresolved: Object.fromEntries(scores.filter((s) => s.unresolved.length > 0).map((s) => [s.id, s.unresolved])),
  };
}
console.log(`\n${sets.reduce((a, s) => a + s.scores.length, 0)} briefs in ${millis} ms`);
console.log(`wrote ${writeBenchResult("briefs", report)}`);
