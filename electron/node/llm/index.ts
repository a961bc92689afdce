/**
 * Entry point for the rest of Quire: start a model host process, load a GGUF, get an LlmPort.
 *
 *   const llm = await startLocalLlm({ modelPath: "book-model.gguf", sequences: 2 });
 *   const r = await llm.generate({ messages, maxTokens: 400 });
 *   await llm.dispose();
 */
import type { LlmPort } from "../../shared/llm/llm-port";
import type { GpuChoice, LoadOptions, LoadReport, SystemReport } from "./host-protocol";
import { LlmHostClient, type CrashListener } from "./llm-host-client";
import { nodeHostLauncher, type HostLauncher } from "./host-transport";

export interface LocalLlmOptions {
  modelPath: string;
  /** Tokens per sequence; default: fit between 2048 and 8192. */
  contextSize?: number | "auto" | { min?: number; max?: number };
  /** Sequences that can generate at once (default 1). */
  sequences?: number;
  /** CPU threads; default physical cores minus one on CPU-only machines (at least 1). */
  threads?: number;
  /** Backend; default "auto" (CUDA, Metal or Vulkan when usable, else CPU). Never compiles. */
  gpu?: GpuChoice;
  gpuLayers?: LoadOptions["gpuLayers"];
  /** Most memory (bytes) the model may use; larger models are refused with what would fit. */
  memoryBudget?: number;
  /** Name shown to the writer; default: the file name. */
  name?: string;
  /** Starts the host process; default: a Node child process. The Electron app passes a utilityProcess launcher. */
  launcher?: HostLauncher;
}

export interface LocalLlm extends LlmPort {
  /** What the last load got: backend, layers on the GPU, context size, and any fallbacks. */
  readonly loadReport: LoadReport | null;
  /** OS process id of the model host. */
  readonly pid: number | undefined;
  load(options: LoadOptions): Promise<LoadReport>;
  /** Cancels running generations, then frees the model (the host keeps running). */
  unload(): Promise<void>;
  system(): Promise<SystemReport>;
  /** Unloads and ends the host process. */
  dispose(): Promise<void>;
  /** Called when the host process dies unexpectedly; returns an unsubscribe function. */
  onCrash(cb: CrashListener): () => void;
  /** Starts a fresh host and reloads the last model. */
  restart(): Promise<LoadReport | null>;
}

export async function startLocalLlm(opts: LocalLlmOptions): Promise<LocalLlm> {
  const client = new LlmHostClient(opts.launcher ?? nodeHostLauncher(), {
    gpu: opts.gpu ?? "auto",
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    ...(opts.memoryBudget !== undefined ? { memoryBudget: opts.memoryBudget } : {}),
  });
  try {
    await client.start();
    await client.load({
      modelPath: opts.modelPath,
      ...(opts.name !== undefined ? { name: opts.name } : {}),
      ...(opts.contextSize !== undefined ? { contextSize: opts.contextSize } : {}),
      ...(opts.sequences !== undefined ? { sequences: opts.sequences } : {}),
      ...(opts.gpuLayers !== undefined ? { gpuLayers: opts.gpuLayers } : {}),
    });
  } catch (err) {
    await client.dispose().catch(() => {});
    throw err;
  }
  return client;
}

export { LlmHostClient, type CrashListener } from "./llm-host-client";
export { nodeHostLauncher, type HostChannel, type HostLauncher, type HostExit } from "./host-transport";
export type { GpuChoice, HostSettings, LoadOptions, LoadReport, SystemReport } from "./host-protocol";
export { decideFit, describeFit, type FitDecision, type MemoryState, type ModelRequirements } from "./fit-decision";

/**
 * Probes the machine in this process (loads llama.cpp here). The studio should prefer
 * LocalLlm.system(), which asks the host process; this is for the CLI and diagnostics.
 */
export async function getSystemReport(gpu: GpuChoice = "auto"): Promise<SystemReport> {
  return (await import("./host/system-report")).getSystemReport(gpu);
}
export { LlmError } from "../../shared/llm/llm-port";
