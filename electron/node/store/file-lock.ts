/**
 * A lock between processes: a lock file, created exclusively, naming its holder (pid, host, a
 * token, since when, and whatever the kind of lock adds). The desktop app and browser mode share
 * one app data folder, so the recent-projects list is merged under one, a model download in
 * progress holds one next to its partial file, and each open project holds `.quire/lock` (see
 * project-lock). In-process locks (withLock) cannot see the other process; this can.
 *
 * A lock whose holder died on this machine (kill -9, a crash, a power cut) is taken over. A lock
 * file still empty or half-written is someone taking it right now, unless it is older than the
 * kind's grace period.
 */
import { open, rm, stat } from "node:fs/promises";
import { readFileSync, rmSync } from "node:fs";
import { hostname, uptime } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { newId } from "./ids";
import { parseJsonFile, type JsonFormat } from "./json-file";

/** What every lock file says about its holder. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken */
  startedAt: string;
  /** tells our own lock apart from another one with a reused pid */
  token: string;
}

/** One kind of lock file: how its holder reads, and how long an unreadable one is given. */
export interface LockKind<H extends LockHolder> {
  format: JsonFormat<H>;
  /** a lock file still empty or half-written this young is someone taking it right now */
  unreadableGraceMs: number;
}

export interface FileLockHolder extends LockHolder {
  /** what it is held for, in a writer's words ("downloading a model") */
  purpose: string;
}

const purposeLock: LockKind<FileLockHolder> = {
  format: {
    what: "a lock",
    schema: z.object({
      pid: z.number().int().positive(),
      hostname: z.string().max(1000),
      token: z.string().min(1).max(100),
      startedAt: z.string().max(100),
      purpose: z.string().max(200).default(""),
    }),
  },
  unreadableGraceMs: 5_000,
};

/** This process as a lock's holder, taking it now. */
export function thisHolder(): LockHolder {
  return { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), token: newId("") };
}

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

export class FileLock<H extends LockHolder = FileLockHolder> {
  private released = false;
  private readonly onExit = () => this.releaseSync();

  private constructor(
    readonly file: string,
    readonly holder: H,
    private readonly kind: LockKind<H>,
  ) {
    // Best effort on a normal exit; a killed holder is taken over as stale.
    process.once("exit", this.onExit);
  }

  /** Takes `file` for `holder` if it is free or stale; otherwise says who holds it (null: being written, or unreadable). */
  static async take<H extends LockHolder>(file: string, holder: H, kind: LockKind<H>): Promise<FileLock<H> | { heldBy: H | null }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await create(file, holder)) return new FileLock(file, holder, kind);
      let text: string;
      let mtimeMs: number;
      try {
        text = await readLockText(file);
        mtimeMs = (await stat(file)).mtimeMs;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // released meanwhile
        throw e;
      }
      const current = parseHolder(text, file, kind);
      const stale = current ? isStale(current) : Date.now() - mtimeMs > kind.unreadableGraceMs;
      if (!stale) return { heldBy: current };
      // Remove only the stale lock we looked at, not one another process just took.
      if ((await readLockText(file).catch(() => null)) === text) await rm(file, { force: true });
    }
    return { heldBy: await FileLock.readHolder(file, kind) };
  }

  /** Takes the lock if it is free or stale; null when a live holder has it (see `holderOf`). */
  static async tryAcquire(file: string, purpose: string): Promise<FileLock | null> {
    const taken = await FileLock.take(file, { ...thisHolder(), purpose }, purposeLock);
    return taken instanceof FileLock ? taken : null;
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

  static holderOf(file: string): Promise<FileLockHolder | null> {
    return FileLock.readHolder(file, purposeLock);
  }

  static async readHolder<H extends LockHolder>(file: string, kind: LockKind<H>): Promise<H | null> {
    const text = await readLockText(file).catch(() => null);
    return text === null ? null : parseHolder(text, file, kind);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.removeListener("exit", this.onExit);
    if ((await FileLock.readHolder(this.file, this.kind))?.token === this.holder.token) await rm(this.file, { force: true });
  }

  private releaseSync(): void {
    if (this.released) return;
    this.released = true;
    try {
      if (parseHolder(readFileSync(this.file, "utf8"), this.file, this.kind)?.token === this.holder.token) rmSync(this.file, { force: true });
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

/** A holder is a few hundred bytes: a lock file is read up to this much (a larger one reads as unreadable). */
const MAX_LOCK_BYTES = 64 * 1024;

async function readLockText(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_LOCK_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** null while the lock file is being written, or if it is not a lock Quire can read (held all the same for the grace period). */
function parseHolder<H extends LockHolder>(text: string, file: string, kind: LockKind<H>): H | null {
  try {
    return parseJsonFile(text, file, kind.format);
  } catch {
    return null;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process not yet reaped by its parent (a zombie) still answers signal 0 on Linux.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

function isStale(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return false; // cannot see processes on another machine
  const bootTime = Date.now() - uptime() * 1000;
  if (Date.parse(holder.startedAt) < bootTime - 60_000) return true; // taken before this boot: its pid may be reused now
  return !isProcessAlive(holder.pid);
}

async function create(file: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    await handle.writeFile(JSON.stringify(holder, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}
