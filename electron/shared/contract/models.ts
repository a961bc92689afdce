import { z } from "zod";
import { event, method } from "./define";

const backend = z.enum(["cuda", "metal", "vulkan", "cpu"]);

export const systemSummary = z.object({
  backend,
  deviceNames: z.array(z.string()),
  vramTotal: z.number(),
  vramFree: z.number(),
  unifiedMemory: z.number(),
  ramTotal: z.number(),
  ramFree: z.number(),
  cpuCores: z.number(),
  threads: z.number(),
});

export const loadedModel = z.object({
  id: z.string().nullable(),
  name: z.string(),
  backend,
  deviceNames: z.array(z.string()),
  gpuLayers: z.number(),
  totalLayers: z.number(),
  contextSize: z.number(),
  sequences: z.number(),
  threads: z.number(),
  /** why the model runs with less than asked (fewer GPU layers, CPU, smaller context); shown, never silent */
  fallbacks: z.array(z.string()),
});

export const installedModel = z.object({
  id: z.string(),
  name: z.string(),
  origin: z.enum(["catalog", "imported", "command-line"]),
  bytes: z.number(),
  architecture: z.string(),
  parameters: z.number(),
  fileType: z.string().optional(),
  contextLength: z.number(),
  hasChatTemplate: z.boolean(),
});

export const fitKind = z.enum(["full-gpu", "partial", "cpu-only", "does-not-fit", "unknown"]);

export const catalogModel = z.object({
  id: z.string(),
  name: z.string(),
  quantisation: z.string(),
  parameters: z.string(),
  approxSizeGb: z.number(),
  contextLength: z.number(),
  licence: z.string(),
  minVramGb: z.number(),
  unverified: z.boolean(),
  installed: z.boolean(),
  fit: fitKind,
  fitLabel: z.string(),
});

export const downloadState = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["downloading", "paused", "verifying", "failed"]),
  receivedBytes: z.number(),
  totalBytes: z.number().nullable(),
  bytesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  error: z.string().nullable(),
});

export const modelsState = z.object({
  system: systemSummary.nullable(),
  loaded: loadedModel.nullable(),
  installed: z.array(installedModel),
  catalog: z.array(catalogModel),
  downloads: z.array(downloadState),
  /** the last crash of the model host, until a model is loaded again */
  crash: z.string().nullable(),
});
export type ModelsState = z.infer<typeof modelsState>;

const modelId = z.string().min(1).max(200);

export const modelsMethods = {
  /** probeSystem: also measure the GPU and memory (starts a model host once; the Models page asks, the status bar does not) */
  "models.state": method(z.object({ probeSystem: z.boolean().default(false) }), modelsState),
  "models.load": method(z.object({ id: modelId }), loadedModel),
  "models.unload": method(z.object({}), z.object({})),
  "models.download": method(z.object({ id: modelId, allowUnverified: z.boolean().default(false) }), z.object({})),
  "models.pauseDownload": method(z.object({ id: modelId }), z.object({})),
  "models.resumeDownload": method(z.object({ id: modelId }), z.object({})),
  "models.cancelDownload": method(z.object({ id: modelId }), z.object({})),
  "models.remove": method(z.object({ id: modelId }), z.object({})),
  /** Desktop app: a native dialog picks a GGUF the writer already has. Browser mode: use `quire serve --model FILE`. */
  "models.addFile": method(z.object({}), installedModel.nullable()),
};

export const modelsEvents = {
  "models.changed": event(modelsState),
  "models.downloadProgress": event(downloadState),
  /** live generation speed while the model writes; 0 when it stops */
  "models.throughput": event(z.object({ tokensPerSecond: z.number() })),
};
