/**
 * One writer per project. `.quire/lock` names the process holding the project (pid, host,
 * which Quire, since when). A second Quire gets ProjectLockedError saying who holds it. A lock
 * left by a process that died on this machine (kill -9, power cut) is taken over (the lock file
 * itself is file-lock's: one way to take, read, release and take over a lock between processes).
 */
import { z } from "zod";
import { FileLock, thisHolder, type LockHolder, type LockKind } from "./file-lock";
import { INTERNAL_DIR, LOCK_FILE } from "./project-layout";
import { ProjectPaths } from "./project-paths";

export type AppKind = "desktop" | "browser" | "cli" | "test";

export interface LockInfo extends LockHolder {
  app: AppKind;
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

const projectLock: LockKind<LockInfo> = {
  format: {
    what: "a project lock",
    // `app` is read as any text: a newer Quire may name an app this one does not know, and its lock still holds
    schema: z.object({
      pid: z.number().int().positive(),
      hostname: z.string().max(1000),
      app: z.string().max(100) as unknown as z.ZodType<AppKind>,
      startedAt: z.string().max(100),
      token: z.string().min(1).max(100),
    }),
  },
  // opening a project takes longer than a lock around one file: a young unreadable lock is someone opening it
  unreadableGraceMs: 10_000,
};

/** Who holds the project (null: nobody, or a lock file not readable yet), read through the project's path guard. */
export async function readLock(projectDir: string): Promise<LockInfo | null> {
  try {
    return await FileLock.readHolder(await (await ProjectPaths.of(projectDir)).resolve(LOCK_FILE), projectLock);
  } catch {
    return null;
  }
}

export class ProjectLock {
  private constructor(
    readonly projectDir: string,
    private readonly held: FileLock<LockInfo>,
  ) {}

  get info(): LockInfo {
    return this.held.holder;
  }

  static async acquire(projectDir: string, app: AppKind): Promise<ProjectLock> {
    // .quire/ that is a link leading outside refuses the open here, before anything is written
    const paths = await ProjectPaths.of(projectDir);
    await paths.folder(INTERNAL_DIR);
    const taken = await FileLock.take(await paths.resolve(LOCK_FILE), { ...thisHolder(), app }, projectLock);
    if (!(taken instanceof FileLock)) throw new ProjectLockedError(projectDir, taken.heldBy);
    return new ProjectLock(projectDir, taken);
  }

  release(): Promise<void> {
    return this.held.release();
  }
}
