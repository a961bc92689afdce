/**
 * CPU thread choice. On a CPU-only machine llama.cpp's threads spin while they wait for each
 * other, so using every core starves the process that feeds them (and the studio's UI): on a
 * 2-core machine 2 threads measured ~20x slower than 1. Physical cores minus one, at least one.
 * With a GPU doing the math, a few threads are enough.
 */
export function defaultThreads(physicalCores: number, gpuOffloading: boolean): number {
  const cores = Math.max(1, Math.floor(physicalCores));
  const cpuOnly = Math.max(1, cores - 1);
  return gpuOffloading ? Math.min(4, cpuOnly) : cpuOnly;
}
