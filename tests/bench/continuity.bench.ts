/**
 * What continuity costs (issue 15): a flat book of 20 chapters drafted 4 at a time by the realistic
 * scripted model, today's way before issue 15 (every chapter on its own, as the old "chapters"
 * strategy did for a book without parts: no states in the plan, no seam checks) against the
 * default now (chains of consecutive chapters, states at the joins, a seam check on every join).
 *
 * The model's time is simulated: each sequence takes `--ms-per-token` per generated token and a
 * tenth of that per prompt token, side by side (as a GPU batching its sequences; a real batch
 * slows each sequence a little as it grows, the same for both ways). Wall time is the drafting
 * phase (run.start() to its end), not planning. Repetitions alternate the two ways; medians.
 * Beside it, `modelSeconds`: the simulated model time of the drafting phase's calls divided by the
 * workers (what the wall time would be with no CPU work and perfect balance): it does not move
 * with the load on the machine, so it says what the states and seams cost the model.
 * Writes bench-results/continuity.json: wall times, the median number of units in flight
 * (time-weighted), how many chapters started from the text before them, the seam checks and
 * bridges, and the share of generated tokens outside drafting, both ways.
 *
 *   npm run bench:continuity [-- --units 20 --words 10000 --parallel 4 --ms-per-token 0.5 --reps 5]
 */
import { parseArgs } from "node:util";
import { DraftRun, MemoryRunStore, parseBrief, planBrief, type LedgerEntry, type Plan, type RunEvent } from "../../electron/engine/index";
import { RealisticModel } from "../fixtures/realistic-model/realistic-model";
import { writeBenchResult } from "./write-result";

const { values } = parseArgs({
  options: {
    units: { type: "string", default: "20" },
    words: { type: "string", default: "10000" },
    parallel: { type: "string", default: "4" },
    "ms-per-token": { type: "string", default: "0.5" },
    reps: { type: "string", default: "5" },
  },
});
const units = Number(values.units);
const words = Number(values.words);
const parallel = Number(values.parallel);
const msPerToken = Number(values["ms-per-token"]);
const reps = Math.max(1, Number(values.reps));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

const BRIEF = `---
bible:
  - { name: Anna Berg, attributes: { eyes: green } }
  - { name: Tom Berg, attributes: { relation: brother } }
---
# The Island
A novel of ${units} chapters, ${words} words in total. Anna returns to the island where her grandmother kept the lighthouse.

In chapter 2, Anna finds the letter hidden in the piano.
In chapter ${Math.min(units, 9)}, Anna meets the ferryman at the harbour.
`;

const model = () => new RealisticModel({ seed: 4, sequences: parallel, msPerToken, msPerPromptToken: msPerToken / 10 });

/** Time-weighted median of the units started and not yet done. */
function medianInFlight(marks: { at: number; type: string }[]): number {
  const spans: { n: number; ms: number }[] = [];
  let n = 0;
  for (let i = 0; i < marks.length; i++) {
    n += marks[i]!.type === "unit-started" ? 1 : -1;
    if (marks[i + 1]) spans.push({ n, ms: marks[i + 1]!.at - marks[i]!.at });
  }
  spans.sort((a, b) => a.n - b.n);
  const total = spans.reduce((a, s) => a + s.ms, 0);
  let acc = 0;
  for (const s of spans) if ((acc += s.ms) >= total / 2) return s.n;
  return 0;
}

const DRAFTING = new Set(["generate", "continue"]);
function shareOutside(ledger: LedgerEntry[], skip: (k: string) => boolean = () => false): number {
  const kept = ledger.filter((e) => !skip(e.kind));
  const all = kept.reduce((a, e) => a + e.completionTokens, 0);
  const drafting = kept.filter((e) => DRAFTING.has(e.kind)).reduce((a, e) => a + e.completionTokens, 0);
  return (all - drafting) / Math.max(1, all);
}

async function draft(way: "before" | "now", plan: Plan, planning: LedgerEntry[], rep: number) {
  const run = await DraftRun.create({ llm: model(), store: new MemoryRunStore() }, {
    runId: `${way}-${rep}`, brief: parseBrief(BRIEF), plan: structuredClone(plan),
    options: way === "before" ? { strategy: "parallel", parallel, seams: false, seed: 1 } : { parallel, seed: 1 },
  });
  const marks: { at: number; type: string }[] = [];
  run.on((e: RunEvent) => (e.type === "unit-started" || e.type === "unit-done") && marks.push({ at: performance.now(), type: e.type }));
  const t0 = performance.now();
  const state = await run.start();
  const seconds = (performance.now() - t0) / 1000;
  const texts = await run.texts();
  const ledger = [...planning, ...texts.flatMap((u) => u.record.ledger)];
  const drafts = ledger.filter((e) => e.kind === "generate" && e.sections);
  return {
    status: state.status,
    seconds,
    inFlight: medianInFlight(marks),
    fromTextBefore: drafts.filter((e) => e.sections!.some((s) => s.name === "previous-tail")).length,
    withStates: drafts.filter((e) => e.sections!.some((s) => s.name === "start-state")).length,
    modelSeconds: texts.flatMap((u) => u.record.ledger).reduce((a, e) => a + e.completionTokens * msPerToken + e.promptTokens * (msPerToken / 10), 0) / 1000 / parallel,
    seamChecks: ledger.filter((e) => e.kind === "seam").length,
    bridges: ledger.filter((e) => e.kind === "bridge").length,
    tokens: { generated: ledger.reduce((a, e) => a + e.completionTokens, 0), drafting: ledger.filter((e) => DRAFTING.has(e.kind)).reduce((a, e) => a + e.completionTokens, 0) },
    shareOutsideDrafting: shareOutside(ledger),
    shareOutsideDraftingNoRevisions: shareOutside(ledger, (k) => k === "revise" || k === "bridge"),
  };
}

async function main() {
  const planningNow: LedgerEntry[] = [];
  const planningBefore: LedgerEntry[] = [];
  const brief = parseBrief(BRIEF);
  const now = (await planBrief(brief, { llm: model(), onLedger: (e) => planningNow.push(e) })).plan;
  const before = (await planBrief(brief, { llm: model(), states: false, onLedger: (e) => planningBefore.push(e) })).plan;
  const runs: { before: Awaited<ReturnType<typeof draft>>[]; now: Awaited<ReturnType<typeof draft>>[] } = { before: [], now: [] };
  for (let rep = 1; rep <= reps; rep++) {
    // alternated, so a busy spell on the machine hits both ways
    const order = rep % 2 === 1 ? (["before", "now"] as const) : (["now", "before"] as const);
    for (const way of order) {
      const r = await draft(way, way === "now" ? now : before, way === "now" ? planningNow : planningBefore, rep);
      runs[way].push(r);
      process.stderr.write(`rep ${rep} ${way}: ${r.seconds.toFixed(2)} s, ${r.inFlight} in flight, ${r.fromTextBefore} from the text before, ${r.seamChecks} seam checks\n`);
    }
  }
  const summary = (rs: typeof runs.now) => ({
    seconds: median(rs.map((r) => r.seconds)),
    modelSeconds: median(rs.map((r) => r.modelSeconds)),
    inFlight: median(rs.map((r) => r.inFlight)),
    fromTextBefore: median(rs.map((r) => r.fromTextBefore)),
    withStates: median(rs.map((r) => r.withStates)),
    seamChecks: median(rs.map((r) => r.seamChecks)),
    bridges: median(rs.map((r) => r.bridges)),
    shareOutsideDrafting: median(rs.map((r) => r.shareOutsideDrafting)),
    shareOutsideDraftingNoRevisions: median(rs.map((r) => r.shareOutsideDraftingNoRevisions)),
  });
  const b = summary(runs.before);
  const n = summary(runs.now);
  const file = writeBenchResult("continuity", {
    book: { units, words, parallel },
    simulated: { msPerToken, msPerPromptToken: msPerToken / 10, note: "each sequence takes msPerToken per generated token and msPerPromptToken per prompt token, side by side" },
    before: b,
    now: n,
    wallTimeRatio: n.seconds / b.seconds,
    modelTimeRatio: n.modelSeconds / b.modelSeconds,
    targets: { inFlight: 3, wallTimeRatio: 1.15, shareOutsideDraftingNoRevisions: 0.2 },
    repetitions: runs,
  });
  console.log(`wrote ${file}: before ${b.seconds.toFixed(2)} s, now ${n.seconds.toFixed(2)} s (×${(n.seconds / b.seconds).toFixed(3)}; model time ×${(n.modelSeconds / b.modelSeconds).toFixed(3)}), ${n.inFlight} in flight, share outside drafting ${(b.shareOutsideDraftingNoRevisions * 100).toFixed(1)} % → ${(n.shareOutsideDraftingNoRevisions * 100).toFixed(1)} %`);
}

await main();
