/**
 * Local model runtime benchmark: Quire's runtime (model host process + IPC + sequence pool)
 * against a plain node-llama-cpp loop doing the same work in-process, alternated, on the
 * generated test model. Writes bench-results/llm.json.
 *
 *   npm run bench:llm [-- --params 50M|1M --reps 7 --tokens 256]
 */
import { readFileSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { getLlama, LlamaChat, LlamaLogLevel } from "node-llama-cpp";
import { startLocalLlm } from "../../electron/node/llm";
import { DEFAULT_SAMPLING } from "../../electron/node/llm/host/llm-runtime";
import { defaultThreads } from "../../electron/node/llm/host/threads";
import { makeTestModel, type TestModelParams } from "../fixtures/gguf/test-model";
import { median } from "./stats";
import { writeBenchResult } from "./write-result";

const { values } = parseArgs({
  options: {
    params: { type: "string", default: "50M" },
    reps: { type: "string", default: "7" },
    tokens: { type: "string", default: "256" },
  },
});
const params = values.params as TestModelParams;
const reps = Math.max(1, Number(values.reps));
const tokens = Math.max(1, Number(values.tokens));
const concurrencies = [1, 2, 4, 8];
const maxSeq = Math.max(...concurrencies);

const rssOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : null;
};
const prompt = (i: number) => `Write scene ${i} of the chapter.`;

async function main() {
  const genStart = performance.now();
  const modelPath = await makeTestModel({ params, variant: "whole" });
  const generateMs = performance.now() - genStart;

  // Same thread rule for both sides, so the comparison is about the runtime, not threads.
  const bareLlamaStart = performance.now();
  const llama = await getLlama({ build: "never", gpu: false, logLevel: LlamaLogLevel.error, progressLogs: false, maxThreads: 1 });
  const threads = defaultThreads(llama.cpuMathCores || cpus().length, llama.gpu !== false);
  llama.maxThreads = threads;
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 1024, sequences: maxSeq, threads });
  const bareLoadMs = performance.now() - bareLlamaStart;
  const bareChats = Array.from({ length: maxSeq }, () => new LlamaChat({ contextSequence: context.getSequence(), autoDisposeSequence: false }));

  const quireStart = performance.now();
  const llm = await startLocalLlm({ modelPath, gpu: false, threads, sequences: maxSeq, contextSize: 1024 });
  const quireLoadMs = performance.now() - quireStart;

  const runBare = async (c: number, rep: number) => {
    const t = performance.now();
    let n = 0;
    await Promise.all(
      bareChats.slice(0, c).map(async (chat, i) => {
        const r = await chat.generateResponse([{ type: "user", text: prompt(i) }, { type: "model", response: [] }], {
          maxTokens: tokens,
          ...DEFAULT_SAMPLING,
          repeatPenalty: false,
          seed: rep * 100 + i,
          onToken: (tk) => (n += tk.length),
        });
        if (r.metadata.stopReason !== "maxTokens") throw new Error("bare run ended early");
      }),
    );
    return n / ((performance.now() - t) / 1000);
  };
  const runQuire = async (c: number, rep: number) => {
    const t = performance.now();
    const rs = await Promise.all(
      Array.from({ length: c }, (_, i) =>
        llm.generate({ messages: [{ role: "user", content: prompt(i) }], maxTokens: tokens, sampling: { seed: rep * 100 + i } }),
      ),
    );
    const n = rs.reduce((s, r) => s + r.completionTokens, 0);
    if (rs.some((r) => r.stopReason !== "length")) throw new Error("quire run ended early");
    return n / ((performance.now() - t) / 1000);
  };

  // warm-up, not measured
  await runBare(1, 99);
  await runQuire(1, 99);

  const rows = [];
  for (const c of concurrencies) {
    const bare: number[] = [];
    const quire: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      // alternate which side goes first so drift on a shared machine hits both equally
      if (rep % 2 === 0) {
        bare.push(await runBare(c, rep));
        quire.push(await runQuire(c, rep));
      } else {
        quire.push(await runQuire(c, rep));
        bare.push(await runBare(c, rep));
      }
    }
    const row = {
      sequences: c,
      tokensPerSequence: tokens,
      quireTokensPerSecond: median(quire),
      bareTokensPerSecond: median(bare),
      speedVsBare: median(quire) / median(bare),
      quireSamples: quire,
      bareSamples: bare,
    };
    rows.push(row);
    console.log(`${c} seq: quire ${row.quireTokensPerSecond.toFixed(1)} tok/s, bare ${row.bareTokensPerSecond.toFixed(1)} tok/s, x${row.speedVsBare.toFixed(3)}`);
  }
  const base1 = rows[0]!;
  const result = {
    backend: llm.loadReport!.backend,
    threads,
    model: { params, path: modelPath, bytes: statSync(modelPath).size, generateMs, variant: "whole" },
    repetitions: reps,
    loadMs: { quire: quireLoadMs, bare: bareLoadMs, note: "quire includes starting the host process" },
    residentMemoryBytes: { quireHost: llm.pid ? rssOf(llm.pid) : null, bareProcess: process.memoryUsage().rss, note: "bare process also holds the bench harness" },
    concurrency: rows,
    speedVsBare: Object.fromEntries(rows.map((r) => [r.sequences, r.speedVsBare])),
    scaling: {
      quire: Object.fromEntries(rows.map((r) => [r.sequences, r.quireTokensPerSecond / base1.quireTokensPerSecond])),
      bare: Object.fromEntries(rows.map((r) => [r.sequences, r.bareTokensPerSecond / base1.bareTokensPerSecond])),
    },
  };
  const file = writeBenchResult("llm", result);
  console.log(`wrote ${file} (backend ${result.backend}, load quire ${quireLoadMs.toFixed(0)} ms / bare ${bareLoadMs.toFixed(0)} ms)`);

  await llm.dispose();
  for (const c of bareChats) c.dispose();
  await context.dispose();
  await model.dispose();
  await llama.dispose();
}

await main();
