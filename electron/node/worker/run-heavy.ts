/**
 * Runs heavy parsing in a worker thread with memory limits and a deadline, so an input that
 * would take seconds holds no event loop (browser mode keeps answering every tab), and one that
 * would take gigabytes or forever ends its worker, not the studio.
 *
 *   const preview = await runHeavy("import.preview", { path, options }, { deadlineMs: 60_000 });
 *
 * Workers are kept a little while for the next task; at most two run at once (more queue).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { HeavyTaskName, HeavyTasks } from "./heavy-tasks";
import type { TaskReply, TaskRequest } from "./heavy-worker";

export interface HeavyWorkLimits {
  deadlineMs: number;
  resourceLimits: ResourceLimits;
}

export const DEFAULT_HEAVY_LIMITS: HeavyWorkLimits = {
  deadlineMs: 5 * 60_000,
  resourceLimits: { maxOldGenerationSizeMb: 3072, maxYoungGenerationSizeMb: 64 },
};

/** Why a task did not finish: it ran out of memory, past its deadline, the worker died, or the task threw (`remote`). */
export class HeavyWorkError extends Error {
  override name = "HeavyWorkError";
  constructor(
    readonly kind: "out-of-memory" | "deadline" | "crashed" | "failed",
    message: string,
    readonly remote?: { name: string; message: string; [field: string]: unknown },
  ) {
    super(message);
  }
}

const MAX_WORKERS = 2;
const IDLE_MS = 30_000;

interface Pooled {
  worker: Worker;
  key: string;
  idleTimer: NodeJS.Timeout | null;
}

const idle: Pooled[] = [];
let running = 0;
const queue: (() => void)[] = [];
let nextId = 1;

function workerEntry(): { url: URL; typescript: boolean } {
  // built (electron-vite puts heavy-worker.js beside main's bundle), else the source through tsx
  for (const rel of ["./heavy-worker.js", "../heavy-worker.js"]) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === "file:" && existsSync(fileURLToPath(url))) return { url, typescript: false };
  }
  return { url: new URL("./heavy-worker.ts", import.meta.url), typescript: true };
}

/** tsx's ESM register API, found from this package whatever the working directory. */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports["./esm/api"]!.import.default)).href;
}

function spawn(resourceLimits: ResourceLimits): Worker {
  const entry = workerEntry();
  if (!entry.typescript) return new Worker(entry.url, { resourceLimits });
  // a worker does not inherit the tsx loader registered in the main thread: register it there first
  const tsx = tsxApi();
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.url.href)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

async function acquire(key: string, resourceLimits: ResourceLimits): Promise<Pooled> {
  while (running >= MAX_WORKERS) await new Promise<void>((r) => queue.push(r));
  running++;
  const at = idle.findIndex((p) => p.key === key);
  if (at >= 0) {
    const pooled = idle.splice(at, 1)[0]!;
    if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
    pooled.worker.ref();
    return pooled;
  }
  try {
    return { worker: spawn(resourceLimits), key, idleTimer: null };
  } catch (error) {
    running--;
    queue.shift()?.();
    throw new HeavyWorkError("crashed", `no worker thread could be started (${error instanceof Error ? error.message : String(error)})`);
  }
}

function release(pooled: Pooled, reusable: boolean): void {
  running--;
  queue.shift()?.();
  if (!reusable) {
    void pooled.worker.terminate();
    return;
  }
  // an idle worker keeps nothing alive and goes after a while
  pooled.worker.unref();
  pooled.idleTimer = setTimeout(() => {
    const at = idle.indexOf(pooled);
    if (at >= 0) idle.splice(at, 1);
    void pooled.worker.terminate();
  }, IDLE_MS);
  pooled.idleTimer.unref();
  idle.push(pooled);
}

export async function runHeavy<K extends HeavyTaskName>(
  task: K,
  input: Parameters<HeavyTasks[K]>[0],
  limits: Partial<HeavyWorkLimits> = {},
): Promise<Awaited<ReturnType<HeavyTasks[K]>>> {
  const { deadlineMs, resourceLimits } = { ...DEFAULT_HEAVY_LIMITS, ...limits };
  const pooled = await acquire(JSON.stringify(resourceLimits), resourceLimits);
  const { worker } = pooled;
  const id = nextId++;
  return new Promise<Awaited<ReturnType<HeavyTasks[K]>>>((resolve, reject) => {
    let settled = false;
    const finish = (reusable: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      release(pooled, reusable);
      outcome();
    };
    const onMessage = (reply: TaskReply) => {
      if (reply.id !== id) return;
      if (reply.ok) finish(true, () => resolve(reply.value as never));
      else finish(true, () => reject(new HeavyWorkError("failed", reply.error.message, reply.error)));
    };
    const onError = (error: Error & { code?: string }) => {
      const kind = error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "out-of-memory" : "crashed";
      finish(false, () => reject(new HeavyWorkError(kind, error.message)));
    };
    const onExit = (code: number) => finish(false, () => reject(new HeavyWorkError("crashed", `the worker stopped (exit code ${code})`)));
    const deadline = setTimeout(() => finish(false, () => reject(new HeavyWorkError("deadline", `took longer than ${deadlineMs} ms`))), deadlineMs);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    try {
      worker.postMessage({ id, task, input } satisfies TaskRequest);
    } catch (error) {
      // input a worker cannot receive (a function, a class instance): a bug in the caller
      finish(true, () => reject(error));
    }
  });
}
