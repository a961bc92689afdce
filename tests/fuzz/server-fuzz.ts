/**
 * The fuzz run against browser mode: `quire serve` as a real process, thousands of malformed
 * HTTP requests and WebSocket frames from a seeded generator, and one well-behaved tab asking
 * app.info all along (in its own thread). It reports that tab's latency on the idle server and
 * under fuzzing, its failures, whether the server lived, and its resident memory after a
 * garbage collection: after warm-up, and after the run.
 *
 * Used by `npm run fuzz:server` (scripts/fuzz-server.ts, 10,000+ cases) and, smaller, by
 * tests/e2e/browser-mode-security.test.ts.
 */
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { startQuireServer, type RunningServer } from "../e2e/harness/quire-server";
import { makeWorkspace } from "../e2e/harness/workspace";
import { summary } from "../bench/stats";
import { fuzzCases, type Target } from "./fuzz-cases";

const MiB = 1024 * 1024;

export interface MemorySample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface FuzzReport {
  seed: number;
  cases: number;
  messages: number;
  byKind: Record<string, number>;
  driverErrors: string[];
  serverAlive: boolean;
  goodClient: {
    idle: ReturnType<typeof summary>;
    underFuzz: ReturnType<typeof summary>;
    failures: number;
    failureNotes: string[];
  };
  memory: { afterWarmup: MemorySample; afterRun: MemorySample; rssGrowthMiB: number };
  durationsSec: { warmup: number; fuzz: number };
}

/** `quire serve` with the memory probe loaded (tests/fuzz/gc-probe.mjs). */
export async function startFuzzTarget(name: string): Promise<{ server: RunningServer; cleanup(): Promise<void> }> {
  const ws = makeWorkspace(name);
  const probe = pathToFileURL(join(import.meta.dirname, "gc-probe.mjs")).href;
  const server = await startQuireServer({
    dataDir: ws.dataDir,
    projectsDir: ws.projectsDir,
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc --import=${probe}`.trim(), QUIRE_FUZZ_PROBE: "1" },
  });
  return {
    server,
    cleanup: async () => {
      await server.stop();
      ws.cleanup();
    },
  };
}

/** Asks the server to collect garbage and report its memory (SIGUSR2 to the probe). */
export async function serverMemory(server: RunningServer): Promise<MemorySample> {
  const seen = server.output().length;
  server.proc.kill("SIGUSR2");
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const m = /QUIRE_FUZZ_MEMORY (\{.*\})/.exec(server.output().slice(seen));
    if (m) return JSON.parse(m[1]!) as MemorySample;
  }
  throw new Error("the server's memory probe did not answer");
}

/**
 * Resident memory once it has settled: three samples half a second apart, each after a
 * collection, the lowest kept (RSS swings ±10 MiB as the allocator hands pages back).
 */
export async function settledMemory(server: RunningServer): Promise<MemorySample> {
  let best: MemorySample | null = null;
  for (let i = 0; i < 3; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 500));
    const m = await serverMemory(server);
    if (!best || m.rss < best.rss) best = m;
  }
  return best!;
}

/** Runs `cases` in `concurrency` lanes; a case that throws is noted, not fatal. */
export async function drive(target: Target, seed: number, count: number, concurrency: number, errors: string[]): Promise<{ messages: number; byKind: Record<string, number> }> {
  const cases = fuzzCases(seed, count, target);
  let next = 0;
  let messages = 0;
  const byKind: Record<string, number> = {};
  const lane = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
      messages += c.messages;
      await c.run(target).catch((e: unknown) => {
        if (errors.length < 20) errors.push(`${c.kind}: ${e instanceof Error ? e.message : String(e)}`);
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { messages, byKind };
}

type ClientReport = { samples: { idle: number[]; fuzz: number[] }; failures: number; failureNotes: string[] };

export async function runServerFuzz(opts: { server: RunningServer; seed: number; cases: number; warmupCases: number; concurrency: number; idleMs: number; log?: (line: string) => void }): Promise<FuzzReport> {
  const { server } = opts;
  const log = opts.log ?? (() => {});
  const target: Target = { port: server.port, token: server.token, origin: server.origin };
  const driverErrors: string[] = [];
  const client = new Worker(new URL("./good-client.mjs", import.meta.url), {
    workerData: { url: `ws://127.0.0.1:${server.port}/ws?token=${server.token}`, origin: server.origin, intervalMs: 20, timeoutMs: 5_000 },
  });
  const ask = (m: "report" | "stop") =>
    new Promise<ClientReport>((resolve) => {
      client.once("message", resolve);
      client.postMessage(m);
    });
  try {
    log(`good client on the idle server for ${opts.idleMs} ms`);
    await new Promise((r) => setTimeout(r, opts.idleMs));

    const t0 = performance.now();
    log(`warm-up: ${opts.warmupCases} cases`);
    client.postMessage("fuzz");
    const warm = await drive(target, opts.seed, opts.warmupCases, opts.concurrency, driverErrors);
    await new Promise((r) => setTimeout(r, 1_000));
    const afterWarmup = await settledMemory(server);
    const t1 = performance.now();

    log(`fuzzing: ${opts.cases} cases, ${opts.concurrency} at a time`);
    const main = await drive(target, opts.seed + 1, opts.cases, opts.concurrency, driverErrors);
    // let closing sockets finish closing before measuring what stays
    await new Promise((r) => setTimeout(r, 1_000));
    const afterRun = await settledMemory(server);
    const t2 = performance.now();

    const report = await ask("stop");
    const byKind: Record<string, number> = {};
    for (const [k, v] of [...Object.entries(warm.byKind), ...Object.entries(main.byKind)]) byKind[k] = (byKind[k] ?? 0) + v;
    return {
      seed: opts.seed,
      cases: opts.warmupCases + opts.cases,
      messages: warm.messages + main.messages,
      byKind,
      driverErrors,
      serverAlive: server.proc.exitCode === null && server.proc.signalCode === null,
      goodClient: {
        idle: summary(report.samples.idle),
        underFuzz: summary(report.samples.fuzz),
        failures: report.failures,
        failureNotes: report.failureNotes,
      },
      memory: { afterWarmup, afterRun, rssGrowthMiB: Math.round(((afterRun.rss - afterWarmup.rss) / MiB) * 10) / 10 },
      durationsSec: { warmup: Math.round((t1 - t0) / 100) / 10, fuzz: Math.round((t2 - t1) / 100) / 10 },
    };
  } finally {
    await client.terminate();
  }
}
