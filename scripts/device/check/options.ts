/** What `cuda-check.js run` is asked to do: the command line, read once into plain settings. */
import { parseArgs } from "node:util";
import type { GpuChoice } from "../../../electron/node/llm";
import type { TestModelParams } from "../../../tests/fixtures/gguf/test-model";

export type Mode = "cuda" | "cpu";

export interface CheckOptions {
  mode: Mode;
  out: string;
  gpu: GpuChoice;
  threads?: number;
  /** the model the runtime is measured with (the engine draft uses the 1M one) */
  params: TestModelParams;
  tokens: number;
  reps: number;
  concurrencies: number[];
  engine: { run: boolean; parallel: number; words: number; units: number };
  /** also measure bare node-llama-cpp in this process, for the runtime's overhead */
  bare: boolean;
  /** a prebuilt binary is a problem (on the device the addon is built locally); tests run the prebuilt one */
  expectLocalBuild: boolean;
  deadline: number;
  /** facts the shell gathered (a JSON file), kept in the report */
  extra?: string;
}

export function readOptions(argv: string[]): CheckOptions {
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
      "prebuilt-ok": { type: "boolean", default: false },
      deadline: { type: "string" },
      extra: { type: "string" },
    },
  });
  const mode = values.mode;
  if (mode !== "cuda" && mode !== "cpu") throw new Error(`--mode must be cuda or cpu, not ${values.mode}`);
  if (!values.out) throw new Error("--out FILE is required");
  if (values.params !== "50M" && values.params !== "1M") throw new Error(`--params must be 50M or 1M, not ${values.params}`);
  return {
    mode,
    out: values.out,
    gpu: mode === "cuda" ? "cuda" : false,
    threads: values.threads ? Number(values.threads) : undefined,
    params: values.params,
    tokens: Math.max(1, Number(values.tokens)),
    reps: Math.max(1, Number(values.reps)),
    concurrencies: values.concurrency.split(",").map(Number).filter((n) => n > 0),
    engine: { run: !values["no-engine"], parallel: Number(values["engine-parallel"]), words: Number(values["engine-words"]), units: Number(values["engine-units"]) },
    bare: !values["no-bare"],
    expectLocalBuild: !values["prebuilt-ok"],
    deadline: values.deadline ? Number(values.deadline) : Date.now() + 10 * 60_000,
    ...(values.extra ? { extra: values.extra } : {}),
  };
}
