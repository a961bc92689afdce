/** What the driver says about GPU memory (nvidia-smi), and a process's resident memory: facts beside node-llama-cpp's own. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Json } from "./report";

export function nvidiaSmi(args: string[]): string | null {
  try {
    return execFileSync("nvidia-smi", args, { encoding: "utf8", timeout: 20_000, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** GPU memory in use, whole device and per process where the driver tells (MiB). */
export function gpuMemory(pid?: number): Json | null {
  const used = nvidiaSmi(["--query-gpu=memory.used,memory.total", "--format=csv,noheader,nounits"]);
  if (used === null) return null;
  const [u, t] = used.split("\n")[0]!.split(",").map((s) => Number(s.trim()));
  const apps = nvidiaSmi(["--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits"]);
  const perProcess = (apps ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(",").map((s) => Number(s.trim())))
    .map(([p, m]) => ({ pid: p, usedMiB: m }));
  return { deviceUsedMiB: u, deviceTotalMiB: t, hostProcessMiB: pid ? (perProcess.find((a) => a.pid === pid)?.usedMiB ?? null) : null, perProcess };
}

export const rssOf = (pid: number): number | null => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
};
