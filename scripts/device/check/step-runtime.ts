/**
 * Step 3: Quire's runtime (the model host process) on the chosen backend: load report, memory,
 * tokens/s at each number of sequences, beside bare node-llama-cpp doing the same work.
 */
import { cpus } from "node:os";
import { LlamaChat, type Llama } from "node-llama-cpp";
import { LlmHostClient, nodeHostLauncher } from "../../../electron/node/llm";
import { DEFAULT_SAMPLING } from "../../../electron/node/llm/host/llm-runtime";
import { defaultThreads } from "../../../electron/node/llm/host/threads";
import { gpuMemory, rssOf } from "./gpu-info";
import type { CheckOptions } from "./options";
import { log, median, round, type Json, type Report } from "./report";

/** Tokens per second for `c` sequences at once, repetition `rep`. */
type Measure = (c: number, rep: number) => Promise<number>;

const prompt = (i: number) => `Write scene ${i} of the chapter.`;

function measureHost(client: LlmHostClient, tokens: number): Measure {
  return async (c, rep) => {
    const t0 = performance.now();
    const rs = await Promise.all(
      Array.from({ length: c }, (_, i) => client.generate({ messages: [{ role: "user", content: prompt(i) }], maxTokens: tokens, minTokens: tokens - 1, sampling: { seed: rep * 100 + i } })),
    );
    return rs.reduce((s, r) => s + r.completionTokens, 0) / ((performance.now() - t0) / 1000);
  };
}

/** Bare node-llama-cpp in this process, with the thread rule Quire's runtime applies (so the comparison is about the runtime). */
async function bareMeasure(llama: Llama, modelPath: string, o: CheckOptions, sequences: number): Promise<{ measure: Measure; dispose(): Promise<void> }> {
  const model = await llama.loadModel({ modelPath });
  const threads = o.threads ?? defaultThreads(llama.cpuMathCores || cpus().length, llama.gpu !== false);
  const context = await model.createContext({ contextSize: 1024, sequences, threads });
  const chats = Array.from({ length: sequences }, () => new LlamaChat({ contextSequence: context.getSequence(), autoDisposeSequence: false }));
  return {
    measure: async (c, rep) => {
      const t0 = performance.now();
      let n = 0;
      await Promise.all(
        chats.slice(0, c).map((chat, i) =>
          chat.generateResponse([{ type: "user", text: prompt(i) }, { type: "model", response: [] }], {
            maxTokens: o.tokens, ...DEFAULT_SAMPLING, repeatPenalty: false, seed: rep * 100 + i, onToken: (tk) => (n += tk.length),
          }),
        ),
      );
      return n / ((performance.now() - t0) / 1000);
    },
    dispose: async () => {
      for (const c of chats) c.dispose();
      await context.dispose();
      await model.dispose();
    },
  };
}

/** One row per number of sequences: medians over the repetitions, Quire against bare. */
async function throughput(o: CheckOptions, report: Report, quire: Measure, bare: Measure | null, partial: (rows: Json[]) => void): Promise<Json[]> {
  await quire(1, 99); // warm-up
  if (bare) await bare(1, 99);
  const rows: Json[] = [];
  for (const c of o.concurrencies) {
    if (report.left() < 15) {
      report.problems.push(`quire: stopped before ${c} sequences (deadline)`);
      break;
    }
    const q: number[] = [];
    const b: number[] = [];
    for (let rep = 0; rep < o.reps; rep++) {
      q.push(await quire(c, rep));
      if (bare) b.push(await bare(c, rep));
    }
    const row: Json = { sequences: c, tokensPerSequence: o.tokens, quireTokensPerSecond: round(median(q)), quireSamples: q.map((x) => round(x)) };
    if (bare) Object.assign(row, { bareTokensPerSecond: round(median(b)), bareSamples: b.map((x) => round(x)), quireVsBare: round(median(q) / median(b), 3) });
    rows.push(row);
    log(`  ${c} seq: quire ${median(q).toFixed(1)} tok/s${bare ? `, bare ${median(b).toFixed(1)} tok/s` : ""}`);
    partial(rows);
  }
  return rows;
}

export async function measureRuntime(o: CheckOptions, report: Report, modelPath: string | undefined, bareLlama: Llama | null): Promise<Json> {
  if (!modelPath) throw new Error("no model (the models step failed)");
  const maxSeq = Math.max(...o.concurrencies);
  const client = new LlmHostClient(nodeHostLauncher(), { gpu: o.gpu, ...(o.threads ? { threads: o.threads } : {}) });
  try {
    await client.start();
    const before = await client.system();
    const memBefore = gpuMemory(client.pid);
    const t = performance.now();
    const loadReport = await client.load({ modelPath, sequences: maxSeq, contextSize: 1024 });
    const loadMs = performance.now() - t;
    const afterLoad = await client.system();
    const memLoaded = gpuMemory(client.pid);
    if (o.mode === "cuda") {
      if (loadReport.backend !== "cuda") report.problems.push(`quire: the host loaded the model on ${loadReport.backend}, not CUDA`);
      if (loadReport.gpuLayers < loadReport.totalLayers) report.problems.push(`quire: only ${loadReport.gpuLayers}/${loadReport.totalLayers} layers on the GPU`);
    }
    const bare = o.bare && bareLlama ? await bareMeasure(bareLlama, modelPath, o, maxSeq) : null;
    const rows = await throughput(o, report, measureHost(client, o.tokens), bare?.measure ?? null, (r) => report.partial("quire", { partial: true, loadReport, throughput: r }));
    const memAfterRun = gpuMemory(client.pid);
    await bare?.dispose();
    return {
      loadReport,
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
}
