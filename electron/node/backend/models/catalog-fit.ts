import { decideFit, describeFit, type MemoryState } from "../../llm/fit-decision";
import type { CatalogEntry } from "../../models/catalog";
import type { SystemReport } from "../../llm/host-protocol";

/** Transformer blocks by model size class, for a fit estimate before the file is on disk. */
function layersFor(parameters: string): number {
  const b = Number.parseFloat(parameters);
  if (!Number.isFinite(b)) return 32;
  if (b <= 1.5) return 16;
  if (b <= 4) return 28;
  if (b <= 9) return 32;
  if (b <= 13) return 40;
  return 48;
}

/** How a catalog model would run on this machine, from node-llama-cpp's memory report. */
export function catalogFit(entry: CatalogEntry, system: SystemReport | null, contextSize = 8192) {
  if (!system) return { fit: "unknown" as const, fitLabel: "Checking this machine…" };
  const layers = layersFor(entry.parameters);
  const mem: MemoryState = {
    backend: system.backend,
    vramTotal: system.vramTotal,
    vramFree: system.vramFree,
    ramTotal: system.ramTotal,
    ramFree: system.ramFree,
    unifiedMemory: system.unifiedMemory > 0,
  };
  const decision = decideFit(mem, {
    fileBytes: entry.sizeBytes ?? entry.approxSizeGb * 1e9,
    layers,
    // grouped-query attention: about 8 KV heads of 128 dims, f16, keys and values
    kvBytesPerToken: 2 * layers * 1024 * 2,
    contextSize: Math.min(contextSize, entry.contextLength),
  });
  return { fit: decision.kind, fitLabel: describeFit(decision) };
}
