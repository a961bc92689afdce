/**
 * The GPU check (scripts/device/cuda-check.ts) as it runs on the device, step by step, but on the
 * CPU with the generated test model and small settings: the backend node-llama-cpp loads, the
 * models, Quire's runtime against bare node-llama-cpp at 1 and 2 sequences, what gpu "auto"
 * picks, and a short engine draft planned by planBrief(). Every step must report, none fail.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readOptions } from "../../scripts/device/check/options";
import { runChecks } from "../../scripts/device/check/run-checks";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("the GPU check's steps, on the CPU", () => {
  it("backend, models, runtime throughput, gpu auto and an engine draft all report, with no problem", async () => {
    const dir = await mkdtemp(join(tmpdir(), "quire-cuda-check-"));
    dirs.push(dir);
    const out = join(dir, "cuda-check.json");
    const options = readOptions([
      "--mode", "cpu", "--out", out, "--threads", "1", "--params", "1M", "--tokens", "16", "--reps", "1", "--concurrency", "1,2",
      "--engine-parallel", "1", "--engine-words", "300", "--engine-units", "2", "--prebuilt-ok", "--deadline", String(Date.now() + 170_000),
    ]);
    const { ok, report, summary } = await runChecks(options);
    expect(report.problems, summary).toEqual([]);
    expect(ok).toBe(true);
    // what the device reads is what was written, step by step
    const written = JSON.parse(await readFile(out, "utf8")) as typeof report;
    expect(written.ok).toBe(true);
    expect(written.backend).toMatchObject({ gpu: false });
    expect(written.models).toHaveProperty("1M.bytes", expect.any(Number));
    const quire = written.quire as { loadReport: { backend: string }; throughput: { sequences: number; quireTokensPerSecond: number; bareTokensPerSecond: number }[] };
    expect(quire.loadReport.backend).toBe("cpu");
    expect(quire.throughput.map((r) => r.sequences)).toEqual([1, 2]);
    for (const r of quire.throughput) {
      expect(r.quireTokensPerSecond).toBeGreaterThan(0);
      expect(r.bareTokensPerSecond).toBeGreaterThan(0);
    }
    expect(written.auto).toMatchObject({ backend: "cpu" });
    const engine = written.engine as { status: string; wordsWritten: number; byKind: Record<string, unknown> };
    expect(engine.status).toBe("done");
    expect(engine.wordsWritten).toBeGreaterThan(0);
    // planned by planBrief with the model: planning calls are in the ledger
    expect(Object.keys(engine.byKind)).toEqual(expect.arrayContaining(["plan", "generate"]));
    expect(summary).toMatch(/^quire cuda-check \(cpu\): OK/);
  }, 180_000);
});
