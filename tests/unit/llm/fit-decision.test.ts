import { describe, expect, it } from "vitest";
import { decideFit, describeFit, type MemoryState, type ModelRequirements } from "../../../electron/node/llm/fit-decision";

const GB = 1024 ** 3;
// Llama-3-8B-like: 32 layers, 8 KV heads × 128 dims, f16 cache
const kv8b = 32 * 8 * (128 + 128) * 2;
const q4_8b: ModelRequirements = { fileBytes: 4.9 * GB, layers: 32, kvBytesPerToken: kv8b, contextSize: 8192 };
const q4_3b: ModelRequirements = { fileBytes: 2.0 * GB, layers: 28, kvBytesPerToken: 28 * 8 * 256 * 2, contextSize: 8192 };
const q4_14b: ModelRequirements = { fileBytes: 9.0 * GB, layers: 48, kvBytesPerToken: 48 * 8 * 256 * 2, contextSize: 8192 };
const q4_70b: ModelRequirements = { fileBytes: 42.5 * GB, layers: 80, kvBytesPerToken: 80 * 8 * 256 * 2, contextSize: 8192 };

const gpu6: MemoryState = { backend: "cuda", vramTotal: 6 * GB, vramFree: 5.6 * GB, ramTotal: 32 * GB, ramFree: 24 * GB, unifiedMemory: false };
const gpu24: MemoryState = { backend: "cuda", vramTotal: 24 * GB, vramFree: 23 * GB, ramTotal: 64 * GB, ramFree: 50 * GB, unifiedMemory: false };
const mac32: MemoryState = { backend: "metal", vramTotal: 21 * GB, vramFree: 21 * GB, ramTotal: 32 * GB, ramFree: 22 * GB, unifiedMemory: true };
const cpu16: MemoryState = { backend: "cpu", vramTotal: 0, vramFree: 0, ramTotal: 16 * GB, ramFree: 12 * GB, unifiedMemory: false };

describe("fit decision", () => {
  it("6 GB GPU: a 3B model runs fully on the GPU, an 8B model is split across GPU and CPU", () => {
    expect(decideFit(gpu6, q4_3b).kind).toBe("full-gpu");
    const d = decideFit(gpu6, q4_8b);
    expect(d.kind).toBe("partial");
    if (d.kind !== "partial") return;
    expect(d.gpuLayers).toBeGreaterThan(10);
    expect(d.gpuLayers).toBeLessThan(32);
    expect(describeFit(d)).toMatch(new RegExp(`${d.gpuLayers} of 32 layers`));
  });

  it("6 GB GPU: fewer layers fit when the context is longer", () => {
    const short = decideFit(gpu6, { ...q4_8b, contextSize: 2048 });
    const long = decideFit(gpu6, { ...q4_8b, contextSize: 16384 });
    expect(short.kind === "partial" || short.kind === "full-gpu").toBe(true);
    expect(long.kind).toBe("partial");
    const layers = (d: typeof short) => (d.kind === "partial" || d.kind === "full-gpu" ? d.gpuLayers : 0);
    expect(layers(long)).toBeLessThan(layers(short));
  });

  it("24 GB GPU: a 14B model runs fully on the GPU; a 70B one is split", () => {
    expect(decideFit(gpu24, q4_14b)).toMatchObject({ kind: "full-gpu", gpuLayers: 48 });
    expect(decideFit(gpu24, q4_70b).kind).toBe("partial");
  });

  it("Mac unified memory: 14B runs on the GPU; 70B does not fit and says what would", () => {
    expect(decideFit(mac32, q4_14b).kind).toBe("full-gpu");
    const d = decideFit(mac32, q4_70b);
    expect(d.kind).toBe("does-not-fit");
    if (d.kind !== "does-not-fit") return;
    expect(d.maxModelBytes).toBeGreaterThan(10 * GB);
    expect(d.maxModelBytes).toBeLessThan(q4_70b.fileBytes);
    expect(describeFit(d)).toMatch(/what would fit: a model file up to \d+(\.\d)? GB/);
  });

  it("Mac unified memory never splits layers (offloading frees no memory there)", () => {
    const d = decideFit({ ...mac32, vramFree: 6 * GB }, q4_8b);
    expect(d.kind).toBe("cpu-only");
  });

  it("CPU only: 8B runs on the CPU; a 32B model does not fit", () => {
    expect(decideFit(cpu16, q4_8b)).toMatchObject({ kind: "cpu-only" });
    const d = decideFit(cpu16, { ...q4_8b, fileBytes: 19 * GB, layers: 64 });
    expect(d.kind).toBe("does-not-fit");
    if (d.kind === "does-not-fit") expect(d.maxModelBytes).toBeLessThan(12 * GB);
  });

  it("too long a context: says the largest context the model would fit with", () => {
    const d = decideFit(cpu16, { ...q4_8b, contextSize: 131072 });
    expect(d.kind).toBe("does-not-fit");
    if (d.kind !== "does-not-fit") return;
    expect(d.maxContextSize).toBeGreaterThan(8192);
    expect(d.maxContextSize).toBeLessThan(131072);
    expect(decideFit(cpu16, { ...q4_8b, contextSize: d.maxContextSize }).kind).toBe("cpu-only");
    expect(describeFit(d)).toMatch(new RegExp(`context of at most ${d.maxContextSize} tokens`));
  });

  it("more sequences need more memory", () => {
    const one = decideFit(gpu6, { ...q4_3b, sequences: 1 });
    const four = decideFit(gpu6, { ...q4_3b, sequences: 4 });
    expect(one.kind).toBe("full-gpu");
    expect(four.kind).toBe("partial");
  });
});
