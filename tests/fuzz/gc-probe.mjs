// Loaded into `quire serve` by the fuzz run (NODE_OPTIONS="--expose-gc --import=…/gc-probe.mjs"):
// on SIGUSR2 it collects garbage and prints the process's memory on one line of stderr.
import { isMainThread } from "node:worker_threads";

if (isMainThread && typeof globalThis.gc === "function" && process.env.QUIRE_FUZZ_PROBE === "1") {
  process.on("SIGUSR2", () => {
    globalThis.gc();
    setImmediate(() => {
      globalThis.gc();
      const m = process.memoryUsage();
      process.stderr.write(`QUIRE_FUZZ_MEMORY ${JSON.stringify({ rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
    });
  });
}
