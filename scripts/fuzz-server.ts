/**
 * `npm run fuzz:server [-- --cases N --seed S --concurrency C]`: at least 10,000 malformed HTTP
 * requests and WebSocket frames against browser mode (`quire serve` as a real process), with a
 * good client answered throughout. Prints the report and writes bench-results/fuzz-server.json.
 * Exits 1 if the server died, the good client missed a reply, or resident memory after a
 * garbage collection grew more than 20 MiB past its value after warm-up.
 */
import { parseArgs } from "node:util";
import { writeBenchResult } from "../tests/bench/write-result";
import { runServerFuzz, startFuzzTarget } from "../tests/fuzz/server-fuzz";

const { values } = parseArgs({
  options: { cases: { type: "string", default: "10000" }, seed: { type: "string", default: String(Date.now() % 1_000_000) }, concurrency: { type: "string", default: "8" } },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
// long enough for the server's resident memory to plateau (a few hundred cases are not)
const warmupCases = Math.max(1_000, Math.round(cases * 0.1));

const started = new Date();
const { server, cleanup } = await startFuzzTarget("fuzz");
let failed = true;
try {
  const report = await runServerFuzz({ server, seed, cases, warmupCases, concurrency, idleMs: 10_000, log: (line) => console.error(line) });
  const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
  const c = report.goodClient;
  console.log(`fuzz:server (${started.toISOString()}, seed ${seed}): ${report.cases} cases, ${report.messages} requests and frames`);
  console.log(`  server alive: ${report.serverAlive}; driver errors: ${report.driverErrors.length}`);
  console.log(`  good client (app.info round trip, ms): idle p50 ${c.idle.p50} p95 ${c.idle.p95} (n=${c.idle.n}); under fuzz p50 ${c.underFuzz.p50} p95 ${c.underFuzz.p95} (n=${c.underFuzz.n}); failures ${c.failures}`);
  console.log(`  server RSS after GC: after warm-up ${mib(report.memory.afterWarmup.rss)}, after the run ${mib(report.memory.afterRun.rss)} (${report.memory.rssGrowthMiB >= 0 ? "+" : ""}${report.memory.rssGrowthMiB} MiB)`);
  console.log(`  took: warm-up ${report.durationsSec.warmup} s, fuzz ${report.durationsSec.fuzz} s`);
  for (const note of [...report.driverErrors, ...c.failureNotes]) console.log(`  ! ${note}`);
  const file = writeBenchResult("fuzz-server", { startedAt: started.toISOString(), ...report });
  console.log(`  written to ${file}`);
  failed = !report.serverAlive || c.failures > 0 || report.memory.rssGrowthMiB > 20 || report.driverErrors.length > 0;
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
