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
 *       [--deadline EPOCH_MS] [--extra FILE.json] [--no-bare] [--prebuilt-ok]
 *       The checks: which backend node-llama-cpp really uses, GPU memory, tokens/s through
 *       Quire's runtime (startLocalLlm: model host process, IPC, sequence pool) against bare
 *       node-llama-cpp, what gpu "auto" picks, and a 10,000-word engine draft. The JSON is
 *       rewritten after every step, so a crash or a timeout still leaves what was measured.
 *       Each check is a step of its own under ./check (run-checks.ts orders them); the test suite
 *       runs them on the CPU with a generated model (tests/model/cuda-check-steps.test.ts).
 */
import { parseArgs } from "node:util";
import { buildOptionsFor, finishBuild } from "./check/nlc-build";
import { readOptions } from "./check/options";
import { runChecks } from "./check/run-checks";

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
    case "run": {
      const { ok, summary } = await runChecks(readOptions(rest));
      console.log(summary);
      return ok ? 0 : 1;
    }
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
