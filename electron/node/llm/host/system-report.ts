/**
 * What the machine offers for running a model: backend, GPU names, VRAM and RAM. Reads
 * node-llama-cpp's view (the same one the loader uses), so fit decisions match reality.
 * In the studio this runs inside the model host (LocalLlm.system()); the CLI may call it directly.
 */
import { availableParallelism, freemem, totalmem } from "node:os";
import { getLlama, LlamaLogLevel, type Llama } from "node-llama-cpp";
import type { GpuChoice, SystemReport } from "../host-protocol";
import { defaultThreads } from "./threads";

export async function systemReportFor(llama: Llama, threads?: number): Promise<SystemReport> {
  const vram = await llama.getVramState();
  const cores = Math.max(1, llama.cpuMathCores || availableParallelism());
  return {
    backend: llama.gpu === false ? "cpu" : llama.gpu,
    deviceNames: llama.gpu === false ? [] : await llama.getGpuDeviceNames().catch(() => []),
    vramTotal: vram.total,
    vramFree: vram.free,
    unifiedMemory: vram.unifiedSize,
    ramTotal: totalmem(),
    ramFree: freemem(),
    cpuCores: cores,
    threads: threads ?? defaultThreads(cores, llama.gpu !== false),
  };
}

/** Probes the machine with a throwaway llama.cpp instance (never builds from source). */
export async function getSystemReport(gpu: GpuChoice = "auto"): Promise<SystemReport> {
  const llama = await getLlama({ build: "never", gpu, logLevel: LlamaLogLevel.error, progressLogs: false });
  try {
    return await systemReportFor(llama);
  } finally {
    await llama.dispose();
  }
}
