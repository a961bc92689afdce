/**
 * The local model runtime with the real node-llama-cpp and the generated 1M-parameter GGUF,
 * through the model host process (startLocalLlm), as the engine and the CLI use it.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlmError, startLocalLlm, type LocalLlm } from "../../electron/node/llm";
import { makeTestModel, writeTestModel } from "../fixtures/gguf/test-model";
import { buildVocabulary, PUNCTUATION, referenceTokenize, SAMPLE_SENTENCES, WORDS } from "../fixtures/gguf/vocab";

const base = { gpu: false as const, threads: 1, contextSize: 1024 };
const ask = [{ role: "user" as const, content: "Write the next scene." }];

async function expectLlmError(p: Promise<unknown>, code: string, pattern?: RegExp): Promise<LlmError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LlmError);
  expect((err as LlmError).code).toBe(code);
  if (pattern) expect((err as LlmError).message).toMatch(pattern);
  return err as LlmError;
}

describe("local model host with the generated model", () => {
  let llm: LocalLlm;
  let modelPath: string;

  beforeAll(async () => {
    modelPath = await makeTestModel({ params: "1M", variant: "whole" });
    llm = await startLocalLlm({ ...base, modelPath, sequences: 4 });
  });
  afterAll(async () => {
    await llm?.dispose();
  });

  it("loads and reports what it got", async () => {
    const report = llm.loadReport!;
    expect(report.backend).toBe("cpu");
    expect(report.architecture).toBe("llama");
    expect(report.contextSize).toBeGreaterThanOrEqual(1024);
    expect(report.sequences).toBe(4);
    expect(report.threads).toBe(1);
    expect(report.fallbacks).toEqual([]);
    const info = await llm.info();
    expect(info).toMatchObject({ architecture: "llama", backend: "cpu", sequences: 4, trainContextSize: 4096 });
  });

  it("reports the machine: backend, memory and the thread count in use", async () => {
    const sys = await llm.system();
    expect(sys.backend).toBe("cpu");
    expect(sys.vramTotal).toBe(0);
    expect(sys.ramTotal).toBeGreaterThan(sys.ramFree);
    expect(sys.ramFree).toBeGreaterThan(0);
    expect(sys.threads).toBe(1);
  });

  it("repeat penalty and DRY break the loops greedy decoding falls into", async () => {
    const distinct = (t: string) => {
      const words = t.trim().split(/\s+/);
      return new Set(words).size / words.length;
    };
    const greedy = await llm.generate({ messages: ask, maxTokens: 150, sampling: { temperature: 0 } });
    const penalised = await llm.generate({
      messages: ask,
      maxTokens: 150,
      sampling: { temperature: 0, repeatPenalty: { penalty: 1.5, presencePenalty: 0.5, lastTokens: 128 } },
    });
    const dry = await llm.generate({ messages: ask, maxTokens: 150, sampling: { temperature: 0, dry: { strength: 0.9, lastTokens: 128, allowedLength: 1 } } });
    expect(distinct(penalised.text)).toBeGreaterThan(distinct(greedy.text));
    expect(distinct(dry.text)).toBeGreaterThan(distinct(greedy.text));
  });

  it("streams 200 tokens, and the streamed pieces add up to the result", async () => {
    const deltas: string[] = [];
    const r = await llm.generate({ messages: ask, maxTokens: 200, sampling: { seed: 7 }, onDelta: (d) => deltas.push(d) });
    expect(r.stopReason).toBe("length");
    expect(r.completionTokens).toBe(200);
    expect(r.promptTokens).toBeGreaterThan(0);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(r.text);
    expect(r.text.trim().split(/\s+/).length).toBeGreaterThan(50);
  });

  it("cancelling mid-generation keeps the partial text", async () => {
    const ac = new AbortController();
    let streamed = "";
    const r = await llm.generate({
      messages: ask,
      maxTokens: 100_000,
      signal: ac.signal,
      onDelta: (d) => {
        streamed += d;
        if (streamed.length > 200) ac.abort();
      },
    });
    expect(r.stopReason).toBe("cancelled");
    expect(r.text.length).toBeGreaterThanOrEqual(200);
    expect(r.text.startsWith(streamed.slice(0, 200))).toBe(true);
    expect(r.completionTokens).toBeLessThan(100_000);
  });

  it("continues a partial reply without repeating it, keeping the word boundary", async () => {
    const start = "The river ran through the city";
    const r = await llm.generate({ messages: ask, continueFrom: start, maxTokens: 20, sampling: { seed: 3 } });
    expect(r.completionTokens).toBe(20);
    expect(r.text.startsWith(start)).toBe(false);
    // every generated token in this model is a "▁word" piece, so the continuation starts with a space
    expect(r.text).toMatch(/^ \S/);
  });

  it("produces JSON that parses and matches the schema", async () => {
    const schema = {
      type: "object",
      properties: {
        title: { type: "string", maxLength: 40 },
        words: { type: "array", items: { type: "string", maxLength: 12 }, maxItems: 3 },
        done: { type: "boolean" },
      },
      required: ["title", "words", "done"],
    };
    for (const seed of [1, 2]) {
      const r = await llm.generate({ messages: ask, maxTokens: 300, jsonSchema: schema, sampling: { seed } });
      expect(r.stopReason).toBe("eos");
      const value = JSON.parse(r.text) as { title: string; words: string[]; done: boolean };
      expect(typeof value.title).toBe("string");
      expect(value.title.length).toBeLessThanOrEqual(40);
      expect(Array.isArray(value.words) && value.words.length <= 3).toBe(true);
      expect(typeof value.done).toBe("boolean");
    }
  });

  it("ends on a stop string and leaves it out of the text", async () => {
    const r = await llm.generate({ messages: ask, maxTokens: 400, stop: [" the"], sampling: { seed: 5 } });
    expect(r.stopReason).toBe("stop");
    expect(r.stopString).toBe(" the");
    expect(r.text.endsWith(" the")).toBe(false);
  });

  it("refuses a prompt larger than the context instead of silently dropping its start", async () => {
    const long = "the story went on and on ".repeat(300);
    await expectLlmError(llm.generate({ messages: [{ role: "user", content: long }], maxTokens: 5 }), "context-overflow", /context holds/);
    // the sequence is still usable afterwards
    expect((await llm.generate({ messages: ask, maxTokens: 3 })).completionTokens).toBe(3);
  });

  it("runs several sequences at once and queues a lease until one is released", async () => {
    const leases = await Promise.all([0, 1, 2, 3].map(() => llm.leaseSequence()));
    expect(new Set(leases.map((l) => l.id)).size).toBe(4);
    let fifthGranted = false;
    const fifth = llm.leaseSequence().then((l) => {
      fifthGranted = true;
      return l;
    });
    const results = await Promise.all(
      leases.map((lease, i) => llm.generate({ messages: ask, maxTokens: 40, lease, sampling: { seed: 100 + i } })),
    );
    for (const r of results) expect(r.completionTokens).toBe(40);
    expect(new Set(results.map((r) => r.text)).size).toBeGreaterThan(1);
    expect(fifthGranted).toBe(false);
    leases[0]!.release();
    const l5 = await fifth;
    const r5 = await llm.generate({ messages: ask, maxTokens: 10, lease: l5 });
    expect(r5.completionTokens).toBe(10);
    l5.release();
    for (const l of leases.slice(1)) l.release();
    // a released lease cannot be used any more
    await expectLlmError(llm.generate({ messages: ask, maxTokens: 5, lease: leases[1]! }), "invalid-request");
  });

  it("a queued lease request can be withdrawn", async () => {
    const leases = await Promise.all([0, 1, 2, 3].map(() => llm.leaseSequence()));
    const ac = new AbortController();
    const waiting = llm.leaseSequence(ac.signal);
    ac.abort(new Error("writer closed the panel"));
    await expect(waiting).rejects.toThrow("writer closed the panel");
    for (const l of leases) l.release();
    const again = await llm.leaseSequence();
    again.release();
  });

  it("counts tokens with the model's tokenizer, matching the generator's vocabulary", async () => {
    const vocab = buildVocabulary("whole");
    for (const s of SAMPLE_SENTENCES) {
      const n = await llm.countTokens(s);
      expect(n).toBe(referenceTokenize(vocab, s).length);
      // whole-word variant: vocabulary words with punctuation attached take one token each
      const words = s.split(" ").map((w) => w.replace(/[.,!?;:]$/, ""));
      if (words.every((w) => WORDS.includes(w.toLowerCase()))) {
        const punct = [...s].filter((ch) => PUNCTUATION.includes(ch)).length;
        expect(n).toBe(words.length + punct);
      }
    }
  });

  it("unloads when idle, refuses work without a model, and loads again", async () => {
    await llm.unload();
    expect(await llm.info()).toBeNull();
    await expectLlmError(llm.generate({ messages: ask, maxTokens: 5 }), "no-model");
    await expectLlmError(llm.countTokens("hello"), "no-model");
    const report = await llm.load({ modelPath, contextSize: 1024, sequences: 4 });
    expect(report.sequences).toBe(4);
    expect((await llm.generate({ messages: ask, maxTokens: 5 })).completionTokens).toBe(5);
  });

  it("a load and an unload asked at once run one after the other, in the order asked", async () => {
    // without the runtime's lock the unload would finish first and the load would leave a model behind
    await Promise.all([llm.load({ modelPath, contextSize: 1024, sequences: 4 }), llm.unload()]);
    expect(await llm.info()).toBeNull();
    await llm.load({ modelPath, contextSize: 1024, sequences: 4 });
    expect(await llm.info()).not.toBeNull();
  });

  it("a context range larger than the model allows is fitted and the report says why", async () => {
    const report = await llm.load({ modelPath, contextSize: { min: 512, max: 100_000 }, sequences: 4 });
    expect(report.contextSize).toBeLessThan(100_000);
    expect(report.contextSize).toBeGreaterThanOrEqual(512);
    expect(report.fallbacks.join("\n")).toMatch(new RegExp(`context is ${report.contextSize} tokens per sequence \\(asked for up to 100000\\)`));
    await llm.load({ modelPath, contextSize: 1024, sequences: 4 });
  });

  it("unloading while generating cancels cleanly first and keeps the partial text", async () => {
    let streamed = "";
    let unloading: Promise<void> | null = null;
    const r = await llm.generate({
      messages: ask,
      maxTokens: 100_000,
      onDelta: (d) => {
        streamed += d;
        if (!unloading && streamed.length > 100) unloading = llm.unload();
      },
    });
    await unloading;
    expect(r.stopReason).toBe("cancelled");
    expect(r.text.length).toBeGreaterThan(100);
    expect(await llm.info()).toBeNull();
    await llm.load({ modelPath, contextSize: 1024, sequences: 4 });
  });

  it("a killed host is reported to in-flight calls and can be restarted", async () => {
    const crashes: string[] = [];
    const off = llm.onCrash((c) => crashes.push(c.message));
    const pid = llm.pid!;
    let killed = false;
    const running = llm.generate({
      messages: ask,
      maxTokens: 100_000,
      onDelta: () => {
        if (!killed) {
          killed = true;
          process.kill(pid, "SIGKILL");
        }
      },
    });
    await expectLlmError(running, "host-crashed", /model host/);
    expect(crashes).toHaveLength(1);
    await expectLlmError(llm.countTokens("x"), "host-crashed");
    const report = await llm.restart();
    expect(report?.architecture).toBe("llama");
    expect(llm.pid).not.toBe(pid);
    expect((await llm.generate({ messages: ask, maxTokens: 8 })).completionTokens).toBe(8);
    off();
  });

  describe("bad model files", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "quire-bad-gguf-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("refuses a truncated GGUF, naming the file, and keeps the loaded model", async () => {
      const bytes = readFileSync(modelPath);
      const cut = join(dir, "cut-short.gguf");
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await expectLlmError(llm.load({ modelPath: cut }), "load-failed", /cut-short\.gguf.*truncated/);
      expect(await llm.info()).not.toBeNull();
    });

    it("refuses a file that is not a GGUF", async () => {
      const notGguf = join(dir, "chapter-notes.gguf");
      writeFileSync(notGguf, "# Chapter 1\nThis is a Markdown file, not a model.\n");
      await expectLlmError(llm.load({ modelPath: notGguf }), "load-failed", /chapter-notes\.gguf.*not a GGUF/);
    });

    it("refuses an unsupported architecture", async () => {
      const alien = join(dir, "alien.gguf");
      writeTestModel(alien, { architecture: "frobnicator" });
      await expectLlmError(llm.load({ modelPath: alien }), "load-failed", /alien\.gguf.*"frobnicator" is not supported/);
    });

    it("refuses a model too large for the memory available, saying what would fit", async () => {
      const small = await startLocalLlm({ ...base, modelPath, memoryBudget: 2 * 1024 ** 3 }).catch((e: unknown) => e);
      // sanity: the real model fits in a 2 GB budget
      expect(small).not.toBeInstanceOf(Error);
      await (small as LocalLlm).dispose();

      const big = join(dir, "too-big.gguf");
      copyFileSync(await makeTestModel({ params: "50M", variant: "whole" }), big);
      const err = await startLocalLlm({ ...base, modelPath: big, memoryBudget: 64 * 1024 ** 2 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LlmError);
      expect((err as LlmError).code).toBe("load-failed");
      expect((err as LlmError).message).toMatch(/too-big\.gguf: the model needs about .* what would fit: a model file up to/);
    });
  });
});

describe("token counts with split words", () => {
  it("counts several tokens per word exactly as the generator's vocabulary says", async () => {
    const llm = await startLocalLlm({ ...base, modelPath: await makeTestModel({ variant: "split" }) });
    try {
      const vocab = buildVocabulary("split");
      for (const s of SAMPLE_SENTENCES) {
        const n = await llm.countTokens(s);
        expect(n).toBe(referenceTokenize(vocab, s).length);
        expect(n).toBeGreaterThan(s.split(" ").length);
      }
    } finally {
      await llm.dispose();
    }
  });
});

describe("ending early and minTokens", () => {
  it("the early-eos model can end its turn early, and minTokens holds it back", async () => {
    const llm = await startLocalLlm({ ...base, modelPath: await makeTestModel({ variant: "early-eos" }), sequences: 2 });
    try {
      const seeds = [1, 2, 3, 4, 5, 6];
      const free = await Promise.all(seeds.map((seed) => llm.generate({ messages: ask, maxTokens: 200, sampling: { seed } })));
      expect(free.some((r) => r.stopReason === "eos" && r.completionTokens < 40)).toBe(true);
      const held = await Promise.all(seeds.map((seed) => llm.generate({ messages: ask, maxTokens: 200, minTokens: 40, sampling: { seed } })));
      for (const r of held) expect(r.completionTokens).toBeGreaterThanOrEqual(40);
    } finally {
      await llm.dispose();
    }
  });
});

/**
 * On a machine that has a GPU (CI's GPU job, the device check) QUIRE_EXPECT_GPU is set: "1" for
 * any GPU, or the backend that must be used ("cuda", "vulkan", "metal"). There a silent fall back
 * to the CPU is a failure, not a fallback; everywhere else this check says it was skipped.
 */
const expectGpu = process.env.QUIRE_EXPECT_GPU?.trim().toLowerCase();

describe("the GPU a machine is expected to have", () => {
  it.skipIf(!expectGpu)(`runs on ${expectGpu && expectGpu !== "1" ? expectGpu.toUpperCase() : "the GPU"} (QUIRE_EXPECT_GPU), not on a CPU fallback`, async () => {
    const want = expectGpu === "1" || expectGpu === "true" ? "auto" : (expectGpu as "cuda" | "vulkan" | "metal");
    const llm = await startLocalLlm({ ...base, gpu: want, modelPath: await makeTestModel() });
    try {
      const r = llm.loadReport!;
      expect(r.fallbacks, "the runtime fell back").toEqual([]);
      expect(r.backend).not.toBe("cpu");
      if (want !== "auto") expect(r.backend).toBe(want);
      expect(r.gpuLayers).toBe(r.totalLayers);
      expect((await llm.generate({ messages: ask, maxTokens: 4 })).completionTokens).toBe(4);
    } finally {
      await llm.dispose();
    }
  });
});

describe("backend choice", () => {
  it("asking for CUDA gets CUDA, or the CPU with the reason in the load report", async () => {
    const llm = await startLocalLlm({ ...base, gpu: "cuda", modelPath: await makeTestModel() });
    try {
      const r = llm.loadReport!;
      if (r.backend === "cuda") expect(r.fallbacks).toEqual([]);
      else expect(r.fallbacks.join("\n")).toMatch(/^CUDA is not available on this machine \(.+\); using .+ instead$/m);
      expect((await llm.generate({ messages: ask, maxTokens: 4 })).completionTokens).toBe(4);
    } finally {
      await llm.dispose();
    }
  });
});
