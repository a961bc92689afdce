/**
 * A lock between processes: `<something>.lock`, created exclusively, naming its holder (pid,
 * host, a token, since when). The desktop app and browser mode share one app data folder, so
 * the recent-projects list is merged under one, and a model download in progress holds one next
 * to its partial file. In-process locks (withLock) cannot see the other process; this can.
 *
 * A lock whose holder died on this machine (kill -9, a crash, a power cut) is taken over, as
 * the project lock does (see project-lock). A lock file still empty or half-written is someone
 * taking it right now, unless it is older than a few seconds.
 */
import { open, readFile, rm, stat } from "node:fs/promises";
import { readFileSync, rmSync } from "node:fs";
import { hostname, uptime } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { newId } from "./ids";
import { parseJsonFile } from "./json-file";
import { isProcessAlive } from "./project-lock";

export interface FileLockHolder {
  pid: number;
  hostname: string;
  token: string;
  startedAt: string;
  /** what it is held for, in a writer's words ("downloading a model") */
  purpose: string;
}

const holderSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string().max(1000),
  token: z.string().min(1).max(100),
  startedAt: z.string().max(100),
  purpose: z.string().max(200).default(""),
});

const UNREADABLE_GRACE_MS = 5_000;

export class FileLockBusyError extends Error {
  override readonly name = "FileLockBusyError";
  constructor(
    readonly lockFile: string,
    readonly holder: FileLockHolder | null,
  ) {
    super(
      holder
        ? `${lockFile} is held by another Quire process (${holder.purpose || "busy"}: process ${holder.pid} on ${holder.hostname}, since ${holder.startedAt})`
        : `${lockFile} is being taken by another Quire process`,
    );
  }
}

export class FileLock {
  private released = false;
  private readonly onExit = () => this.releaseSync();

  private constructor(
    readonly file: string,
    readonly holder: FileLockHolder,
  ) {
    // Best effort on a normal exit; a killed holder is taken over as stale.
    process.once("exit", this.onExit);
  }

  /** Takes the lock if it is free or stale; null when a live holder has it (see `holderOf`). */
  static async tryAcquire(file: string, purpose: string): Promise<FileLock | null> {
    const holder: FileLockHolder = { pid: process.pid, hostname: hostname(), token: newId(""), startedAt: new Date().toISOString(), purpose };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await create(file, holder)) return new FileLock(file, holder);
      let text: string;
      let mtimeMs: number;
      try {
        text = await readFile(file, "utf8");
        mtimeMs = (await stat(file)).mtimeMs;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // released meanwhile
        throw e;
      }
      const current = parseHolder(text, file);
      const stale = current ? isStale(current) : Date.now() - mtimeMs > UNREADABLE_GRACE_MS;
      if (!stale) return null;
      // Remove only the stale lock we looked at, not one another process just took.
      if ((await readFile(file, "utf8").catch(() => null)) === text) await rm(file, { force: true });
    }
    return null;
  }

  /** Waits for the lock (polling) up to `timeoutMs`, then throws FileLockBusyError naming the holder. */
  static async acquire(file: string, purpose: string, timeoutMs = 10_000): Promise<FileLock> {
    const deadline = Date.now() + timeoutMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      const lock = await FileLock.tryAcquire(file, purpose);
      if (lock) return lock;
      if (Date.now() > deadline) throw new FileLockBusyError(file, await FileLock.holderOf(file));
      await sleep(wait);
    }
  }

  static async holderOf(file: string): Promise<FileLockHolder | null> {
    const text = await readFile(file, "utf8").catch(() => null);
    return text === null ? null : parseHolder(text, file);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.removeListener("exit", this.onExit);
    const text = await readFile(this.file, "utf8").catch(() => null);
    if (text !== null && parseHolder(text, this.file)?.token === this.holder.token) await rm(this.file, { force: true });
  }

  private releaseSync(): void {
    if (this.released) return;
    this.released = true;
    try {
      if (parseHolder(readFileSync(this.file, "utf8"), this.file)?.token === this.holder.token) rmSync(this.file, { force: true });
    } catch {
      /* exiting anyway */
    }
  }
}

/** Runs `fn` holding the lock file `file` (waiting for another process's turn), and releases it. */
export async function withFileLock<T>(file: string, purpose: string, fn: () => Promise<T>, timeoutMs?: number): Promise<T> {
  const lock = await FileLock.acquire(file, purpose, timeoutMs);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

function parseHolder(text: string, file: string): FileLockHolder | null {
  try {
    return parseJsonFile(text, file, { what: "a lock", schema: holderSchema });
  } catch {
    return null;
  }
}

function isStale(holder: FileLockHolder): boolean {
  if (holder.hostname !== hostname()) return false; // cannot see processes on another machine
  const bootTime = Date.now() - uptime() * 1000;
  if (Date.parse(holder.startedAt) < bootTime - 60_000) return true; // taken before this boot: its pid may be reused now
  return !isProcessAlive(holder.pid);
}

async function create(file: string, holder: FileLockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    await handle.writeFile(JSON.stringify(holder));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}
