/**
 * The JavaScript half of scripts/device/cuda-check.sh (read that first). Bundled with esbuild
 * by prepare-cuda-check.sh (node-llama-cpp stays external: it must keep its own file layout),
 * then run on a machine that has no npm, no network and no repository node_modules.
 *
 *   node cuda-check.js build-info --gpu cuda|cpu
 *       JSON for the shell: node-llama-cpp's folder, the local-build folder name and library
 *       variant that getLlama() will look for, and the header folders cmake-js would pass.
 *   node cuda-check.js finish-build --gpu cuda|cpu
 *       After cmake: lays the build out as node-llama-cpp's own compile step does (libraries
 *       next to llama-addon.node, build metadata, buildDone.status), so that
 *       getLlama({ gpu, build: "never" }) loads it like any local build.
 *   node cuda-check.js run --mode cuda|cpu --out FILE [--threads N] [--params 50M|1M]
 *       [--tokens 256] [--reps 3] [--concurrency 1,2,4,8] [--engine-parallel 2] [--no-engine]
 *       [--deadline EPOCH_MS] [--extra FILE.json]
 *       The checks: which backend node-llama-cpp really uses, GPU memory, tokens/s through
 *       Quire's runtime (startLocalLlm: model host process, IPC, sequence pool) against bare
 *       node-llama-cpp, what gpu "auto" picks, and a 10,000-word engine draft. The JSON is
 *       rewritten after every step, so a crash or a timeout still leaves what was measured.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { getLlama, LlamaChat, LlamaLogLevel, type Llama } from "node-llama-cpp";
import { LlmHostClient, nodeHostLauncher, startLocalLlm, type GpuChoice } from "../../electron/node/llm";
import { DEFAULT_SAMPLING } from "../../electron/node/llm/host/llm-runtime";
import { defaultThreads } from "../../electron/node/llm/host/threads";
import { makeTestModel, type TestModelParams } from "../../tests/fixtures/gguf/test-model";
import { parseBrief } from "../../electron/engine/brief/parse-brief";
import { buildPlan } from "../../electron/engine/plan/build-plan";
import { fillPlanWithModel } from "../../electron/engine/plan/model-planner";
import type { LedgerEntry } from "../../electron/engine/draft/ledger";
import { DraftRun } from "../../electron/engine/run/runner";
import { MemoryRunStore } from "../../electron/engine/run/memory-run-store";

type Mode = "cuda" | "cpu";
type Json = Record<string, unknown>;

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
const errorText = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));
const log = (msg: string) => process.stderr.write(`[cuda-check ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function nlcDir(): string {
  // dist/index.js -> package root (the package's "exports" hide its internals from import specifiers, not from paths)
  return dirname(dirname(createRequire(import.meta.url).resolve("node-llama-cpp")));
}

async function nlcInternal<T>(rel: string): Promise<T> {
  return (await import(pathToFileURL(join(nlcDir(), "dist", rel)).href)) as T;
}

/** The build options getLlama() derives for { gpu, no cmake options }, hence the folder it looks in. */
async function buildOptionsFor(gpu: "cuda" | false) {
  const { getPlatform } = await nlcInternal<{ getPlatform(): string }>("bindings/utils/getPlatform.js");
  const { getPlatformInfo } = await nlcInternal<{ getPlatformInfo(): Promise<{ name: string; version: string }> }>("bindings/utils/getPlatformInfo.js");
  const { builtinLlamaCppRelease } = await nlcInternal<{ builtinLlamaCppRelease: string }>("bindings/utils/binariesGithubRelease.js");
  const { builtinLlamaCppGitHubRepo } = await nlcInternal<{ builtinLlamaCppGitHubRepo: string }>("config.js");
  const { getBuildFolderNameForBuildOptions } = await nlcInternal<{
    getBuildFolderNameForBuildOptions(o: unknown): Promise<{ withCustomCmakeOptions: string; binVariant: string }>;
  }>("bindings/utils/getBuildFolderNameForBuildOptions.js");
  const { convertBuildOptionsToBuildOptionsJSON } = await nlcInternal<{ convertBuildOptionsToBuildOptionsJSON(o: unknown): unknown }>("bindings/types.js");
  const buildOptions = {
    customCmakeOptions: new Map<string, string>(),
    progressLogs: false,
    platform: getPlatform(),
    platformInfo: await getPlatformInfo(),
    arch: process.arch,
    gpu,
    llamaCpp: { repo: builtinLlamaCppGitHubRepo, release: builtinLlamaCppRelease },
  };
  const folder = await getBuildFolderNameForBuildOptions(buildOptions);
  const dir = nlcDir();
  const req = createRequire(join(dir, "package.json"));
  const apiHeaders = req("node-api-headers") as { include_dir: string };
  const addonApi = dirname(req.resolve("node-addon-api/package.json"));
  return {
    nlcDir: dir,
    llamaDir: join(dir, "llama"),
    folderName: folder.withCustomCmakeOptions,
    outDir: join(dir, "llama", "localBuilds", folder.withCustomCmakeOptions),
    binVariant: folder.binVariant,
    platform: buildOptions.platform,
    arch: process.arch,
    nodeVersion: process.version.slice(1),
    cmakeJsInc: [apiHeaders.include_dir, addonApi].join(";"),
    metadata: { buildOptions: convertBuildOptionsToBuildOptionsJSON(buildOptions) },
  };
}

/** Mirrors node-llama-cpp's moveBuildFilesToResultDir + the files compileLlamaCpp writes after a build. */
async function finishBuild(gpu: "cuda" | false): Promise<Json> {
  const info = await buildOptionsFor(gpu);
  const release = join(info.outDir, "Release");
  if (!existsSync(join(release, "llama-addon.node"))) throw new Error(`no ${join(release, "llama-addon.node")}: the build did not produce the addon`);
  for (const binDir of [join(info.outDir, "bin"), join(info.outDir, "llama.cpp", "bin")]) {
    if (!existsSync(binDir)) continue;
    for (const name of readdirSync(binDir)) {
      const to = join(release, name);
      if (!existsSync(to)) cpSync(join(binDir, name), to, { recursive: true, verbatimSymlinks: true });
    }
  }
  const nested = join(release, "Release");
  if (existsSync(nested)) {
    for (const name of readdirSync(nested)) renameSync(join(nested, name), join(release, name));
    rmSync(nested, { recursive: true, force: true });
  }
  rmSync(join(release, "vulkan-shaders-gen"), { force: true });
  writeFileSync(join(release, "_nlcBuildMetadata.json"), JSON.stringify(info.metadata));
  writeFileSync(join(info.outDir, "buildDone.status"), "");
  const files = readdirSync(release).map((f) => ({ file: f, bytes: statSync(join(release, f)).size }));
  return { release, files };
}

function nvidiaSmi(args: string[]): string | null {
  try {
    return execFileSync("nvidia-smi", args, { encoding: "utf8", timeout: 20_000, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** GPU memory in use, whole device and per process where the driver tells (MiB). */
function gpuMemory(pid?: number): Json | null {
  const used = nvidiaSmi(["--query-gpu=memory.used,memory.total", "--format=csv,noheader,nounits"]);
  if (used === null) return null;
  const [u, t] = used.split("\n")[0]!.split(",").map((s) => Number(s.trim()));
  const apps = nvidiaSmi(["--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits"]);
  const perProcess = (apps ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(",").map((s) => Number(s.trim())))
    .map(([p, m]) => ({ pid: p, usedMiB: m }));
  return { deviceUsedMiB: u, deviceTotalMiB: t, hostProcessMiB: pid ? (perProcess.find((a) => a.pid === pid)?.usedMiB ?? null) : null, perProcess };
}

const rssOf = (pid: number): number | null => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
};

async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      mode: { type: "string", default: "cuda" },
      out: { type: "string" },
      threads: { type: "string" },
      params: { type: "string", default: "50M" },
      tokens: { type: "string", default: "256" },
      reps: { type: "string", default: "3" },
      concurrency: { type: "string", default: "1,2,4,8" },
      "engine-parallel": { type: "string", default: "2" },
      "engine-words": { type: "string", default: "10000" },
      "engine-units": { type: "string", default: "20" },
      "no-engine": { type: "boolean", default: false },
      "no-bare": { type: "boolean", default: false },
      deadline: { type: "string" },
      extra: { type: "string" },
    },
  });
  const mode = values.mode as Mode;
  if (mode !== "cuda" && mode !== "cpu") throw new Error(`--mode must be cuda or cpu, not ${values.mode}`);
  if (!values.out) throw new Error("--out FILE is required");
  const outFile = values.out;
  const gpu: GpuChoice = mode === "cuda" ? "cuda" : false;
  const threads = values.threads ? Number(values.threads) : undefined;
  const params = values.params as TestModelParams;
  const tokens = Math.max(1, Number(values.tokens));
  const reps = Math.max(1, Number(values.reps));
  const concurrencies = values.concurrency.split(",").map(Number).filter((n) => n > 0);
  const maxSeq = Math.max(...concurrencies);
  const deadline = values.deadline ? Number(values.deadline) : Date.now() + 10 * 60_000;
  const left = () => (deadline - Date.now()) / 1000;

  const result: Json = {
    check: "quire-cuda-check",
    mode,
    ok: false,
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    settings: { params, tokens, reps, concurrencies, threads: threads ?? "Quire default" },
    problems: [] as string[],
  };
  const problems = result.problems as string[];
  if (values.extra && existsSync(values.extra)) result.shell = JSON.parse(readFileSync(values.extra, "utf8"));
  mkdirSync(dirname(outFile), { recursive: true });
  const save = () => writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");
  const step = async (name: string, minSeconds: number, fn: () => Promise<unknown>): Promise<void> => {
    if (left() < minSeconds) {
      result[name] = { skipped: `only ${Math.round(left())} s left before the deadline (needs ~${minSeconds} s)` };
      problems.push(`${name}: skipped (deadline)`);
      log(`${name}: SKIPPED, ${Math.round(left())} s left`);
      save();
      return;
    }
    const t = performance.now();
    log(`${name}: start (${Math.round(left())} s left)`);
    try {
      const value = await fn();
      result[name] = { ...(value as Json), seconds: round((performance.now() - t) / 1000, 2) };
      log(`${name}: done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } catch (err) {
      // keep what the step had already saved (throughput rows measured before the failure)
      result[name] = { ...((result[name] as Json | undefined) ?? {}), error: errorText(err), seconds: round((performance.now() - t) / 1000, 2) };
      problems.push(`${name}: ${errorText(err)}`);
      log(`${name}: FAILED: ${errorText(err)}`);
    }
    save();
  };
  save();

  // 1. Bare node-llama-cpp in this process: which binary and backend it really loads.
  let bare: Llama | null = null;
  await step("backend", 10, async () => {
    const llama = await getLlama({ gpu, build: "never", logLevel: LlamaLogLevel.warn, progressLogs: false }).catch(async (err: unknown) => {
      const info = await buildOptionsFor(gpu === false ? false : "cuda").catch(() => null);
      const addon = info ? join(info.outDir, "Release", "llama-addon.node") : "?";
      throw new Error(
        `${errorText(err)}: node-llama-cpp could not load ${addon} (${existsSync(addon) ? "it exists: see the load error above, often a library missing from LD_LIBRARY_PATH" : "it does not exist: the build did not finish"})`,
      );
    });
    bare = llama;
    const vram = await llama.getVramState();
    const r = {
      gpu: llama.gpu,
      buildType: llama.buildType,
      supportsGpuOffloading: llama.supportsGpuOffloading,
      deviceNames: llama.gpu === false ? [] : await llama.getGpuDeviceNames(),
      vram: { total: vram.total, used: vram.used, free: vram.free },
      cpuMathCores: llama.cpuMathCores,
      llamaCppRelease: llama.llamaCppRelease,
      systemInfo: llama.systemInfo,
      // what gpu "auto" would consider (node-llama-cpp looks for the driver and CUDA libraries by file name)
      detectedComputeLayers: await nlcInternal<{ detectAvailableComputeLayers(): Promise<unknown> }>("bindings/utils/detectAvailableComputeLayers.js")
        .then((m) => m.detectAvailableComputeLayers())
        .catch((err: unknown) => `could not ask: ${errorText(err)}`),
    };
    if (mode === "cuda" && llama.gpu !== "cuda") throw new Error(`node-llama-cpp loaded the ${String(llama.gpu)} backend, not CUDA`);
    if (llama.buildType !== "localBuild") problems.push(`backend: loaded a ${llama.buildType} binary, not the local build`);
    return r;
  });

  // 2. The generated test models (the same generator the tests and benchmarks use).
  const models: Partial<Record<TestModelParams, string>> = {};
  await step("models", 20, async () => {
    const out: Json = {};
    for (const p of [...new Set<TestModelParams>([params, "1M"])]) {
      const t = performance.now();
      const path = await makeTestModel({ params: p, variant: "whole" });
      models[p] = path;
      out[p] = { path, bytes: statSync(path).size, ms: round(performance.now() - t) };
    }
    return out;
  });

  // 3. Quire's runtime (model host process) on the chosen backend: load report, memory, tokens/s.
  await step("quire", 40, async () => {
    const modelPath = models[params];
    if (!modelPath) throw new Error("no model (the models step failed)");
    const client = new LlmHostClient(nodeHostLauncher(), { gpu, ...(threads ? { threads } : {}) });
    try {
      await client.start();
      const before = await client.system();
      const memBefore = gpuMemory(client.pid);
      const t = performance.now();
      const report = await client.load({ modelPath, sequences: maxSeq, contextSize: 1024 });
      const loadMs = performance.now() - t;
      const afterLoad = await client.system();
      const memLoaded = gpuMemory(client.pid);
      if (mode === "cuda") {
        if (report.backend !== "cuda") problems.push(`quire: the host loaded the model on ${report.backend}, not CUDA`);
        if (report.gpuLayers < report.totalLayers) problems.push(`quire: only ${report.gpuLayers}/${report.totalLayers} layers on the GPU`);
      }
      const prompt = (i: number) => `Write scene ${i} of the chapter.`;
      const runQuire = async (c: number, rep: number) => {
        const t0 = performance.now();
        const rs = await Promise.all(
          Array.from({ length: c }, (_, i) => client.generate({ messages: [{ role: "user", content: prompt(i) }], maxTokens: tokens, minTokens: tokens - 1, sampling: { seed: rep * 100 + i } })),
        );
        const n = rs.reduce((s, r) => s + r.completionTokens, 0);
        return n / ((performance.now() - t0) / 1000);
      };
      // bare node-llama-cpp doing the same work in this process, for the runtime's overhead
      let runBare: ((c: number, rep: number) => Promise<number>) | null = null;
      let bareCleanup = async () => {};
      const bareLlama = bare as Llama | null;
      if (!values["no-bare"] && bareLlama) {
        const model = await bareLlama.loadModel({ modelPath });
        // the thread rule Quire's runtime applies, so the comparison is about the runtime, not threads
        const bareThreads = threads ?? defaultThreads(bareLlama.cpuMathCores || cpus().length, bareLlama.gpu !== false);
        const context = await model.createContext({ contextSize: 1024, sequences: maxSeq, threads: bareThreads });
        const chats = Array.from({ length: maxSeq }, () => new LlamaChat({ contextSequence: context.getSequence(), autoDisposeSequence: false }));
        runBare = async (c, rep) => {
          const t0 = performance.now();
          let n = 0;
          await Promise.all(
            chats.slice(0, c).map((chat, i) =>
              chat.generateResponse([{ type: "user", text: prompt(i) }, { type: "model", response: [] }], {
                maxTokens: tokens,
                ...DEFAULT_SAMPLING,
                repeatPenalty: false,
                seed: rep * 100 + i,
                onToken: (tk) => (n += tk.length),
              }),
            ),
          );
          return n / ((performance.now() - t0) / 1000);
        };
        bareCleanup = async () => {
          for (const c of chats) c.dispose();
          await context.dispose();
          await model.dispose();
        };
      }
      await runQuire(1, 99); // warm-up
      if (runBare) await runBare(1, 99);
      const rows: Json[] = [];
      for (const c of concurrencies) {
        if (left() < 15) {
          problems.push(`quire: stopped before ${c} sequences (deadline)`);
          break;
        }
        const q: number[] = [];
        const b: number[] = [];
        for (let rep = 0; rep < reps; rep++) {
          q.push(await runQuire(c, rep));
          if (runBare) b.push(await runBare(c, rep));
        }
        const row: Json = { sequences: c, tokensPerSequence: tokens, quireTokensPerSecond: round(median(q)), quireSamples: q.map((x) => round(x)) };
        if (runBare) Object.assign(row, { bareTokensPerSecond: round(median(b)), bareSamples: b.map((x) => round(x)), quireVsBare: round(median(q) / median(b), 3) });
        rows.push(row);
        log(`  ${c} seq: quire ${median(q).toFixed(1)} tok/s${runBare ? `, bare ${median(b).toFixed(1)} tok/s` : ""}`);
        result.quire = { partial: true, loadReport: report, throughput: rows };
        save();
      }
      const memAfterRun = gpuMemory(client.pid);
      await bareCleanup();
      return {
        loadReport: report,
        loadMs: round(loadMs),
        systemBeforeLoad: before,
        systemAfterLoad: afterLoad,
        vramUsedByModelBytes: Math.max(0, before.vramFree - afterLoad.vramFree),
        nvidiaSmi: { beforeLoad: memBefore, afterLoad: memLoaded, afterRuns: memAfterRun },
        hostRssBytes: client.pid ? rssOf(client.pid) : null,
        throughput: rows,
      };
    } finally {
      await client.dispose().catch(() => {});
    }
  });
  if (bare) await (bare as Llama).dispose().catch(() => {});

  // 4. What the studio's default (gpu "auto") picks on this machine, through the same host.
  await step("auto", 20, async () => {
    const modelPath = models["1M"];
    if (!modelPath) throw new Error("no model");
    const llm = await startLocalLlm({ modelPath, gpu: "auto", contextSize: 1024 });
    try {
      const r = llm.loadReport!;
      if (mode === "cuda" && r.backend !== "cuda") problems.push(`auto: the studio's default picked ${r.backend}, not CUDA (${r.fallbacks.join("; ")})`);
      return { backend: r.backend, deviceNames: r.deviceNames, gpuLayers: r.gpuLayers, totalLayers: r.totalLayers, threads: r.threads, fallbacks: r.fallbacks };
    } finally {
      await llm.dispose();
    }
  });

  // 5. A short engine draft (tests/bench/engine.bench.ts's brief) on the same backend.
  if (!values["no-engine"]) {
    await step("engine", 60, async () => {
      const modelPath = models["1M"];
      if (!modelPath) throw new Error("no model");
      const parallel = Number(values["engine-parallel"]);
      const words = Number(values["engine-words"]);
      const units = Number(values["engine-units"]);
      const llm = await startLocalLlm({ modelPath, sequences: parallel, contextSize: 2048, gpu, ...(threads ? { threads } : {}) });
      const budgetMs = Math.max(10_000, (left() - 10) * 1000);
      let timer: NodeJS.Timeout | undefined;
      try {
        const work = (async () => {
          const brief = parseBrief(`# Bench\nA novel of ${units} chapters, ${words} words in total. In chapter 2, the ferry leaves without Ines.`);
          const ledger: LedgerEntry[] = [];
          const t0 = performance.now();
          const plan = buildPlan(brief);
          await fillPlanWithModel(plan, brief, { llm, onLedger: (e) => ledger.push(e) });
          const tPlanned = performance.now();
          const run = await DraftRun.create({ llm, store: new MemoryRunStore() }, { runId: "cuda-check", brief, plan, options: { parallel, seed: 1 } });
          const state = await run.start();
          const wall = (performance.now() - t0) / 1000;
          const texts = await run.texts();
          for (const u of texts) ledger.push(...u.record.ledger);
          const byKind: Record<string, { calls: number; promptTokens: number; completionTokens: number }> = {};
          for (const e of ledger) {
            const k = (byKind[e.kind] ??= { calls: 0, promptTokens: 0, completionTokens: 0 });
            k.calls++;
            k.promptTokens += e.promptTokens;
            k.completionTokens += e.completionTokens;
          }
          const completion = Object.values(byKind).reduce((a, k) => a + k.completionTokens, 0);
          return {
            backend: llm.loadReport?.backend,
            brief: { words, units, parallel },
            status: state.status,
            wallSeconds: round(wall, 2),
            planningSeconds: round((tPlanned - t0) / 1000, 2),
            draftingSeconds: round((performance.now() - tPlanned) / 1000, 2),
            wordsWritten: texts.reduce((a, u) => a + u.record.words, 0),
            completionTokens: completion,
            completionTokensPerSecond: round(completion / wall),
            byKind,
          };
        })();
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`draft not done within ${Math.round(budgetMs / 1000)} s (deadline)`)), budgetMs);
        });
        return await Promise.race([work, timeout]);
      } finally {
        if (timer) clearTimeout(timer);
        await llm.dispose().catch(() => {});
      }
    });
  }

  const backend = result.backend as Json | undefined;
  const quire = result.quire as Json | undefined;
  result.ok = problems.length === 0 && (mode !== "cuda" || backend?.gpu === "cuda") && Array.isArray(quire?.throughput);
  result.finishedAt = new Date().toISOString();
  save();

  // the short table the device tool's output tail shows
  const lines = [`quire cuda-check (${mode}): ${result.ok ? "OK" : "PROBLEMS"}`];
  lines.push(`  backend: ${backend?.gpu ?? "?"} (${backend?.buildType ?? "?"}) ${JSON.stringify(backend?.deviceNames ?? [])}`);
  const lr = quire?.loadReport as Json | undefined;
  if (lr) lines.push(`  host load: ${lr.backend}, layers ${lr.gpuLayers}/${lr.totalLayers}, ctx ${lr.contextSize} x ${lr.sequences}, ${lr.threads} threads, vram used by model ${(((quire?.vramUsedByModelBytes as number) ?? 0) / 2 ** 20).toFixed(0)} MiB`);
  for (const r of (quire?.throughput as Json[] | undefined) ?? [])
    lines.push(`  ${String(r.sequences).padStart(2)} seq: quire ${String(r.quireTokensPerSecond).padStart(8)} tok/s   bare ${String(r.bareTokensPerSecond ?? "-").padStart(8)} tok/s   x${r.quireVsBare ?? "-"}`);
  const auto = result.auto as Json | undefined;
  if (auto) lines.push(`  gpu "auto": ${auto.backend ?? auto.error ?? auto.skipped}`);
  const eng = result.engine as Json | undefined;
  if (eng) lines.push(eng.error || eng.skipped ? `  engine: ${eng.error ?? eng.skipped}` : `  engine: ${eng.status}, ${eng.wordsWritten} words in ${eng.wallSeconds} s, ${eng.completionTokensPerSecond} tok/s`);
  for (const p of problems) lines.push(`  problem: ${p}`);
  console.log(lines.join("\n"));
  return result.ok ? 0 : 1;
}

async function main(): Promise<number> {
  const [cmd, ...rest] = process.argv.slice(2);
  const gpuArg = () => {
    const { values } = parseArgs({ args: rest, options: { gpu: { type: "string", default: "cuda" } } });
    if (values.gpu !== "cuda" && values.gpu !== "cpu") throw new Error(`--gpu must be cuda or cpu, not ${values.gpu}`);
    return values.gpu === "cuda" ? ("cuda" as const) : false;
  };
  switch (cmd) {
    case "build-info":
      console.log(JSON.stringify(await buildOptionsFor(gpuArg())));
      return 0;
    case "finish-build":
      console.log(JSON.stringify(await finishBuild(gpuArg())));
      return 0;
    case "run":
      return run(rest);
    default:
      console.error("usage: cuda-check.js build-info|finish-build --gpu cuda|cpu | run --mode cuda|cpu --out FILE [...]");
      return 2;
  }
}

// Exit explicitly: a stuck native handle must not keep the device machine busy.
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`cuda-check: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
