/**
 * One writer per project. `.quire/lock` names the process holding the project (pid, host,
 * which Quire, since when). A second Quire gets ProjectLockedError saying who holds it. A lock
 * left by a process that died on this machine (kill -9, power cut) is taken over.
 */
import { open, readFile, rm, stat } from "node:fs/promises";
import { rmSync, readFileSync } from "node:fs";
import { hostname, uptime } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { newId } from "./ids";
import { parseJsonFile, type JsonFormat } from "./json-file";
import { INTERNAL_DIR, LOCK_FILE } from "./project-layout";
import { ProjectPaths } from "./project-paths";

export type AppKind = "desktop" | "browser" | "cli" | "test";

export interface LockInfo {
  pid: number;
  hostname: string;
  app: AppKind;
  /** ISO time the lock was taken */
  startedAt: string;
  /** tells our own lock apart from another one with a reused pid */
  token: string;
}

const APP_NAMES: Record<AppKind, string> = { desktop: "the Quire desktop app", browser: "Quire browser mode", cli: "the quire command", test: "a Quire test" };

export class ProjectLockedError extends Error {
  override readonly name = "ProjectLockedError";
  constructor(
    readonly projectDir: string,
    /** null when the lock file is being written or cannot be read */
    readonly holder: LockInfo | null,
  ) {
    super(
      holder
        ? `${projectDir} is already open in ${APP_NAMES[holder.app] ?? holder.app} (process ${holder.pid} on ${holder.hostname}, since ${holder.startedAt}). Close it there first.`
        : `${projectDir} is being opened by another Quire process (its lock file ${LOCK_FILE} is not readable yet). Try again in a moment.`,
    );
  }
}

// A lock file still empty or half-written this young is someone opening the project right now.
const UNREADABLE_GRACE_MS = 10_000;

const lockFormat: JsonFormat<LockInfo> = {
  what: "a project lock",
  // `app` is read as any text: a newer Quire may name an app this one does not know, and its lock still holds
  schema: z.object({
    pid: z.number().int().positive(),
    hostname: z.string().max(1000),
    app: z.string().max(100) as unknown as z.ZodType<AppKind>,
    startedAt: z.string().max(100),
    token: z.string().min(1).max(100),
  }),
};

/** null while the lock file is being written, or if it is not a lock Quire can read (held all the same, see UNREADABLE_GRACE_MS). */
function parseLock(text: string): LockInfo | null {
  try {
    return parseJsonFile(text, LOCK_FILE, lockFormat);
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

function isStale(info: LockInfo): boolean {
  if (info.hostname !== hostname()) return false; // cannot see processes on another machine
  const bootTime = Date.now() - uptime() * 1000;
  if (Date.parse(info.startedAt) < bootTime - 60_000) return true; // taken before this boot: its pid may be reused now
  return !isProcessAlive(info.pid);
}

export async function readLock(projectDir: string): Promise<LockInfo | null> {
  try {
    return parseLock((await (await ProjectPaths.of(projectDir)).read(LOCK_FILE, 64 * 1024)).toString("utf8"));
  } catch {
    return null;
  }
}

export class ProjectLock {
  private released = false;
  private readonly onExit = () => this.releaseSync();

  private constructor(
    readonly projectDir: string,
    readonly info: LockInfo,
  ) {
    // Best effort on a normal exit; kill -9 and crashes are handled by stale-lock takeover.
    process.once("exit", this.onExit);
  }

  static async acquire(projectDir: string, app: AppKind): Promise<ProjectLock> {
    // .quire/ that is a link leading outside refuses the open here, before anything is written
    const paths = await ProjectPaths.of(projectDir);
    await paths.folder(INTERNAL_DIR);
    const file = await paths.resolve(LOCK_FILE);
    const info: LockInfo = { pid: process.pid, hostname: hostname(), app, startedAt: new Date().toISOString(), token: newId("") };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await tryCreate(file, info)) return new ProjectLock(projectDir, info);
      let text = "";
      let mtimeMs = Date.now();
      try {
        text = await readFile(file, "utf8");
        mtimeMs = (await stat(file)).mtimeMs;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // released meanwhile
        throw e;
      }
      const holder = parseLock(text);
      const stale = holder ? isStale(holder) : Date.now() - mtimeMs > UNREADABLE_GRACE_MS;
      if (!stale) throw new ProjectLockedError(projectDir, holder);
      // Remove only the stale lock we looked at, not one another process just created.
      const again = await readFile(file, "utf8").catch(() => null);
      if (again === text) await rm(file, { force: true });
    }
    throw new ProjectLockedError(projectDir, await readLock(projectDir));
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.removeListener("exit", this.onExit);
    const current = await readLock(this.projectDir);
    if (current?.token === this.info.token) await rm(join(this.projectDir, LOCK_FILE), { force: true });
  }

  private releaseSync(): void {
    if (this.released) return;
    this.released = true;
    try {
      const file = join(this.projectDir, LOCK_FILE);
      if (parseLock(readFileSync(file, "utf8"))?.token === this.info.token) rmSync(file, { force: true });
    } catch {
      /* exiting anyway */
    }
  }
}

async function tryCreate(file: string, info: LockInfo): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    await handle.writeFile(JSON.stringify(info, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}
