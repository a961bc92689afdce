/** Step 1: bare node-llama-cpp in this process: which binary and backend it really loads. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { getLlama, LlamaLogLevel, type Llama } from "node-llama-cpp";
import { buildOptionsFor, nlcInternal } from "./nlc-build";
import type { CheckOptions } from "./options";
import { errorText, type Json } from "./report";

export async function loadBareLlama(o: CheckOptions): Promise<Llama> {
  return getLlama({ gpu: o.gpu, build: "never", logLevel: LlamaLogLevel.warn, progressLogs: false }).catch(async (err: unknown) => {
    const info = await buildOptionsFor(o.gpu === false ? false : "cuda").catch(() => null);
    const addon = info ? join(info.outDir, "Release", "llama-addon.node") : "?";
    throw new Error(
      `${errorText(err)}: node-llama-cpp could not load ${addon} (${existsSync(addon) ? "it exists: see the load error above, often a library missing from LD_LIBRARY_PATH" : "it does not exist: the build did not finish"})`,
    );
  });
}

export async function describeBackend(llama: Llama, o: CheckOptions, problems: string[]): Promise<Json> {
  const vram = await llama.getVramState();
  const r = {
    gpu: llama.gpu,
    buildType: llama.buildType,
    supportsGpuOffloading: llama.supportsGpuOffloading,
    deviceNames: llama.gpu === false ? [] : await llama.getGpuDeviceNames(),
    vram: { total: vram.total, used: vram.used, free: vram.free },
    cpuMathCores: llama.cpuMathCores,
    llamaCppRelease: llama.llamaCppRelease,
    systemInfo: llama.systemInfo,
    // what gpu "auto" would consider (node-llama-cpp looks for the driver and CUDA libraries by file name)
    detectedComputeLayers: await nlcInternal<{ detectAvailableComputeLayers(): Promise<unknown> }>("bindings/utils/detectAvailableComputeLayers.js")
      .then((m) => m.detectAvailableComputeLayers())
      .catch((err: unknown) => `could not ask: ${errorText(err)}`),
  };
  if (o.mode === "cuda" && llama.gpu !== "cuda") throw new Error(`node-llama-cpp loaded the ${String(llama.gpu)} backend, not CUDA`);
  if (o.expectLocalBuild && llama.buildType !== "localBuild") problems.push(`backend: loaded a ${llama.buildType} binary, not the local build`);
  return r;
}
