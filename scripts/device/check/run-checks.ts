/**
 * `cuda-check.js run`: the checks, step by step, into one report (see cuda-check.sh). Each step
 * is its own module; this only orders them and sums up. It runs on the CPU too (--mode cpu), as
 * the test suite does with a generated model (tests/model/cuda-check-steps.test.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import type { Llama } from "node-llama-cpp";
import type { CheckOptions } from "./options";
import { Report, type Json } from "./report";
import { checkAuto } from "./step-auto";
import { describeBackend, loadBareLlama } from "./step-backend";
import { engineDraft } from "./step-engine";
import { makeModels, type Models } from "./step-models";
import { measureRuntime } from "./step-runtime";

export async function runChecks(o: CheckOptions): Promise<{ ok: boolean; report: Json; summary: string }> {
  const report = new Report(o.out, o.deadline, {
    check: "quire-cuda-check",
    mode: o.mode,
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    settings: { params: o.params, tokens: o.tokens, reps: o.reps, concurrencies: o.concurrencies, threads: o.threads ?? "Quire default" },
  });
  if (o.extra && existsSync(o.extra)) report.result.shell = JSON.parse(readFileSync(o.extra, "utf8")) as unknown;
  report.save();

  let bare: Llama | null = null;
  await report.step("backend", 10, async () => {
    bare = await loadBareLlama(o);
    return describeBackend(bare, o, report.problems);
  });
  const models: Models = {};
  await report.step("models", 20, () => makeModels(o, models));
  await report.step("quire", 40, () => measureRuntime(o, report, models[o.params], bare));
  if (bare) await (bare as Llama).dispose().catch(() => {});
  await report.step("auto", 20, () => checkAuto(o, report.problems, models["1M"]));
  if (o.engine.run) await report.step("engine", 60, () => engineDraft(o, report, models["1M"]));

  const r = report.result;
  const backend = r.backend as Json | undefined;
  const quire = r.quire as Json | undefined;
  r.ok = report.problems.length === 0 && (o.mode !== "cuda" || backend?.gpu === "cuda") && Array.isArray(quire?.throughput);
  r.finishedAt = new Date().toISOString();
  report.save();
  return { ok: r.ok === true, report: r, summary: summaryLines(o, r, report.problems).join("\n") };
}

/** The short table the device tool's output tail shows. */
function summaryLines(o: CheckOptions, r: Json, problems: string[]): string[] {
  const backend = r.backend as Json | undefined;
  const quire = r.quire as Json | undefined;
  const lines = [`quire cuda-check (${o.mode}): ${r.ok ? "OK" : "PROBLEMS"}`];
  lines.push(`  backend: ${backend?.gpu ?? "?"} (${backend?.buildType ?? "?"}) ${JSON.stringify(backend?.deviceNames ?? [])}`);
  const lr = quire?.loadReport as Json | undefined;
  if (lr) lines.push(`  host load: ${lr.backend}, layers ${lr.gpuLayers}/${lr.totalLayers}, ctx ${lr.contextSize} x ${lr.sequences}, ${lr.threads} threads, vram used by model ${(((quire?.vramUsedByModelBytes as number) ?? 0) / 2 ** 20).toFixed(0)} MiB`);
  for (const row of (quire?.throughput as Json[] | undefined) ?? [])
    lines.push(`  ${String(row.sequences).padStart(2)} seq: quire ${String(row.quireTokensPerSecond).padStart(8)} tok/s   bare ${String(row.bareTokensPerSecond ?? "-").padStart(8)} tok/s   x${row.quireVsBare ?? "-"}`);
  const auto = r.auto as Json | undefined;
  if (auto) lines.push(`  gpu "auto": ${auto.backend ?? auto.error ?? auto.skipped}`);
  const eng = r.engine as Json | undefined;
  if (eng) lines.push(eng.error || eng.skipped ? `  engine: ${eng.error ?? eng.skipped}` : `  engine: ${eng.status}, ${eng.wordsWritten} words in ${eng.wallSeconds} s, ${eng.completionTokensPerSecond} tok/s`);
  for (const p of problems) lines.push(`  problem: ${p}`);
  return lines;
}
