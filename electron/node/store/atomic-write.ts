/**
 * Crash-safe file writes. A save goes to a temp file in the same folder (same filesystem,
 * so the rename is atomic), is fsynced, renamed over the target, then the folder is fsynced
 * so the rename itself survives a power cut. After a crash the target holds either the old
 * or the new content, never a torn mix. Writes to one path are queued so two saves never
 * interleave and the last one queued is the one that lands.
 */
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { withLock } from "lifecycle-utils";

/** Phases a write passes through; a probe lets the fault test observe (and stretch) them. */
export type AtomicWritePhase = "temp-created" | "temp-synced" | "renamed" | "dir-synced";
export type AtomicWriteProbe = (phase: AtomicWritePhase, file: string) => void | Promise<void>;

let probe: AtomicWriteProbe | undefined;

/** Test hook only: the kill-during-save test uses it to know when a write is between temp file and rename. */
export function setAtomicWriteProbe(p: AtomicWriteProbe | undefined): void {
  probe = p;
}

/** The lock scope of per-file queues (withLock needs an object in its scope); the path is the key. */
const fileQueues = {};
/** Operations queued or running, so flushAtomicWrites can wait for all of them. */
const inFlight = new Set<Promise<unknown>>();
let tempCounter = 0;

/** Temp files are hidden, next to their target, and end in ".tmp" so readers skip them. */
export function isTempFileName(name: string): boolean {
  return name.startsWith(".") && name.endsWith(".tmp");
}

export function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  return withFileQueue(file, (key) => writeNow(key, data));
}

/** The same, creating the file's folder first (run records, CLI output). */
export async function writeFileAtomicCreatingFolder(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, data);
}

/** Runs `op` after every earlier queued operation on `file` (writes, removals, moves) has finished. */
export function withFileQueue<T>(file: string, op: (absolutePath: string) => Promise<T>): Promise<T> {
  const key = resolve(file);
  // A failed earlier operation does not block later ones (its caller already got the error).
  const run = withLock([fileQueues, key], () => op(key));
  inFlight.add(run);
  const forget = () => inFlight.delete(run);
  run.then(forget, forget);
  return run;
}

/** Resolves once every write queued so far (to any path) has finished. */
export async function flushAtomicWrites(): Promise<void> {
  await Promise.allSettled([...inFlight]);
}

async function writeNow(file: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${++tempCounter}.tmp`);
  const mode = await stat(file).then(
    (s) => s.mode & 0o777,
    () => 0o644,
  );
  const handle = await open(tmp, "wx", mode);
  try {
    try {
      await probe?.("temp-created", file);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await probe?.("temp-synced", file);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await probe?.("renamed", file);
  await fsyncDir(dir);
  await probe?.("dir-synced", file);
}

/** Makes a rename or create in `dir` durable. Some platforms cannot open folders for sync (Windows): skip there. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EBADF") throw e;
  } finally {
    await handle.close();
  }
}
