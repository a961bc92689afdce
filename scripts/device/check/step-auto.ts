/** Step 4: what the studio's default (gpu "auto") picks on this machine, through the same host. */
import { startLocalLlm } from "../../../electron/node/llm";
import type { CheckOptions } from "./options";
import type { Json } from "./report";

export async function checkAuto(o: CheckOptions, problems: string[], modelPath: string | undefined): Promise<Json> {
  if (!modelPath) throw new Error("no model");
  const llm = await startLocalLlm({ modelPath, gpu: "auto", contextSize: 1024 });
  try {
    const r = llm.loadReport!;
    if (o.mode === "cuda" && r.backend !== "cuda") problems.push(`auto: the studio's default picked ${r.backend}, not CUDA (${r.fallbacks.join("; ")})`);
    return { backend: r.backend, deviceNames: r.deviceNames, gpuLayers: r.gpuLayers, totalLayers: r.totalLayers, threads: r.threads, fallbacks: r.fallbacks };
  } finally {
    await llm.dispose();
  }
}
