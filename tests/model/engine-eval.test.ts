/**
 * `quire eval` end to end on the three-task smoke suite with the generated test model: every
 * task is run through Quire and the single-pass baseline, and the JSON, Markdown and HTML
 * reports come out with the figures the harness promises.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeTestModel } from "../fixtures/gguf/test-model";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "quire-eval-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("runs the smoke suite through Quire and the baseline and writes the reports", async () => {
  const model = await makeTestModel({ params: "1M", variant: "whole" });
  const r = spawnSync(
    process.execPath,
    ["bin/quire.mjs", "eval", "--suite", "tests/fixtures/eval/smoke.jsonl", "--model", model, "--out", dir, "--threads", "1", "--parallel", "2", "--context", "2048", "--no-judge"],
    { encoding: "utf8", timeout: 590_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  const report = JSON.parse(await readFile(join(dir, "eval.json"), "utf8")) as {
    tasks: { id: string; targetWords: number; quire: { words: number; lengthScore: number; unitsWithin10: number; complete: boolean; tokens: number }; baseline: { lengthScore: number; tokens: number } }[];
    overall: { quire: { lengthScore: number; completion: number }; baseline: { lengthScore: number } };
  };
  expect(report.tasks.map((t) => t.id)).toEqual(["novel-4x150", "diary-5-days", "longbench-style (guide)"]);
  for (const t of report.tasks) {
    // length control does not depend on the model: every unit within ±10 %, so S_l ≥ 94.4
    expect(t.quire.unitsWithin10).toBe(1);
    expect(t.quire.complete).toBe(true);
    expect(t.quire.lengthScore).toBeGreaterThanOrEqual(94.4);
    expect(t.quire.tokens).toBeGreaterThan(0);
    expect(t.baseline.tokens).toBeGreaterThan(0);
  }
  expect(report.overall.quire.completion).toBe(1);
  expect(await readFile(join(dir, "eval.md"), "utf8")).toMatch(/\| S_l \(mean\) \|/);
  const html = await readFile(join(dir, "eval.html"), "utf8");
  expect(html).toContain("<svg");
  expect(html.match(/<rect /g)).toHaveLength(2 * report.tasks.length);
}, 600_000);
