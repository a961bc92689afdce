/**
 * Decides where a model can run, from a reported memory state and the model's needs:
 * fully on the GPU, split (N layers on the GPU), CPU only, or not at all — in which case it
 * says what would fit. Pure, so every machine shape can be tested without that machine.
 */

export type FitBackend = "cuda" | "metal" | "vulkan" | "cpu";

export interface MemoryState {
  backend: FitBackend;
  vramTotal: number;
  vramFree: number;
  ramTotal: number;
  ramFree: number;
  /** GPU and CPU share one memory pool (Apple silicon): offloading moves nothing out of RAM. */
  unifiedMemory: boolean;
}

export interface ModelRequirements {
  /** Size of the weights, roughly the GGUF file size. */
  fileBytes: number;
  /** Transformer blocks; the offload unit. */
  layers: number;
  /** KV-cache bytes per token of context per sequence (2 × layers × kv width × 2 bytes for f16). */
  kvBytesPerToken: number;
  contextSize: number;
  sequences?: number;
}

export type FitDecision =
  | { kind: "full-gpu"; gpuLayers: number; needBytes: number }
  | { kind: "partial"; gpuLayers: number; totalLayers: number; needBytes: number }
  | { kind: "cpu-only"; needBytes: number; reason: string }
  | {
      kind: "does-not-fit";
      needBytes: number;
      availableBytes: number;
      /** Largest model file that would fit with this context. */
      maxModelBytes: number;
      /** Largest context (per sequence) this model would fit with; 0 when the weights alone are too big. */
      maxContextSize: number;
    };

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Scratch buffers llama.cpp needs besides weights and KV cache. */
export function overheadBytes(fileBytes: number): number {
  return Math.round(64 * MiB + 0.05 * fileBytes);
}

/** Memory the OS and the GPU driver keep for themselves. */
function reserve(total: number): number {
  return Math.max(256 * MiB, 0.06 * total);
}

export function decideFit(mem: MemoryState, req: ModelRequirements): FitDecision {
  const sequences = req.sequences ?? 1;
  const kv = req.kvBytesPerToken * req.contextSize * sequences;
  const overhead = overheadBytes(req.fileBytes);
  const need = req.fileBytes + kv + overhead;
  const layers = Math.max(1, req.layers);
  // embeddings and output weights count as one more layer-sized chunk
  const perLayer = req.fileBytes / (layers + 1);
  const ramUsable = Math.max(0, mem.ramFree - reserve(mem.ramTotal));

  if (mem.backend !== "cpu") {
    const vramUsable = Math.max(0, mem.vramFree - reserve(mem.vramTotal));
    if (need <= vramUsable) return { kind: "full-gpu", gpuLayers: layers, needBytes: need };
    if (!mem.unifiedMemory) {
      // KV cache and scratch stay on the GPU when any layer is offloaded
      const gpuLayers = Math.min(layers, Math.floor((vramUsable - kv - overhead) / perLayer));
      const cpuPart = req.fileBytes - gpuLayers * perLayer;
      if (gpuLayers >= 1 && cpuPart <= ramUsable) return { kind: "partial", gpuLayers, totalLayers: layers, needBytes: need };
    }
  }
  const cpuNeed = req.fileBytes + kv + overhead;
  if (cpuNeed <= ramUsable) {
    const reason =
      mem.backend === "cpu"
        ? "no GPU backend"
        : mem.unifiedMemory
          ? "larger than the GPU working-set limit of unified memory"
          : "too little free GPU memory for even one layer with the context";
    return { kind: "cpu-only", needBytes: cpuNeed, reason };
  }
  const budget = mem.backend !== "cpu" && !mem.unifiedMemory ? ramUsable + Math.max(0, mem.vramFree - reserve(mem.vramTotal)) : Math.max(ramUsable, mem.backend !== "cpu" ? mem.vramFree - reserve(mem.vramTotal) : 0);
  // solve fileBytes * 1.05 + 64 MiB + kv <= budget
  const maxModelBytes = Math.max(0, Math.floor((budget - kv - 64 * MiB) / 1.05));
  const perTokenAll = req.kvBytesPerToken * sequences;
  const left = budget - req.fileBytes - overhead;
  const maxContextSize = left > 0 && perTokenAll > 0 ? Math.floor(left / perTokenAll / 256) * 256 : 0;
  return { kind: "does-not-fit", needBytes: need, availableBytes: budget, maxModelBytes, maxContextSize };
}

export function formatBytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(1)} GB`;
  return `${Math.round(n / MiB)} MB`;
}

/** One sentence for the writer. */
export function describeFit(d: FitDecision): string {
  switch (d.kind) {
    case "full-gpu":
      return `runs fully on the GPU (${d.gpuLayers} layers, ~${formatBytes(d.needBytes)})`;
    case "partial":
      return `runs partly on the GPU: ${d.gpuLayers} of ${d.totalLayers} layers, the rest on the CPU (slower)`;
    case "cpu-only":
      return `runs on the CPU only (${d.reason}); expect slow generation`;
    case "does-not-fit": {
      const ctx = d.maxContextSize > 0 ? ` or this model with a context of at most ${d.maxContextSize} tokens` : "";
      return `the model needs about ${formatBytes(d.needBytes)} but only ${formatBytes(d.availableBytes)} is available; what would fit: a model file up to ${formatBytes(d.maxModelBytes)}${ctx}`;
    }
  }
}
