/** Step 2: the generated test models (the same generator the tests and benchmarks use). */
import { statSync } from "node:fs";
import { makeTestModel, type TestModelParams } from "../../../tests/fixtures/gguf/test-model";
import type { CheckOptions } from "./options";
import { round, type Json } from "./report";

export type Models = Partial<Record<TestModelParams, string>>;

export async function makeModels(o: CheckOptions, models: Models): Promise<Json> {
  const out: Json = {};
  for (const p of [...new Set<TestModelParams>([o.params, "1M"])]) {
    const t = performance.now();
    const path = await makeTestModel({ params: p, variant: "whole" });
    models[p] = path;
    out[p] = { path, bytes: statSync(path).size, ms: round(performance.now() - t) };
  }
  return out;
}
