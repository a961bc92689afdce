import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { QuireError } from "../../shared/contract/errors";
import { writeFileAtomic } from "../store/atomic-write";
import { withFileLock } from "../store/file-lock";
import { parseJsonFile, type JsonFormat } from "../store/json-file";

export interface RecentProject {
  path: string;
  title: string;
  openedAt: string | null;
}

export const RECENT_PROJECTS_FILE = "recent-projects.json";
const MAX_RECENT = 20;

const recentProject = z.object({ path: z.string().min(1).max(4096), title: z.string().max(1000), openedAt: z.string().max(100).nullable().default(null) });

/**
 * recent-projects.json: `{ "version": 1, "projects": [...] }`, newest first. Format 0 was the
 * bare array. One damaged entry costs only itself.
 */
const RECENT_FORMAT = 1;
const recentFormat: JsonFormat<RecentProject[]> = {
  what: "a list of recent projects",
  schema: z
    .object({ version: z.literal(RECENT_FORMAT), projects: z.array(z.unknown()).max(10_000) })
    .transform(({ projects }) => projects.flatMap((p) => {
      const r = recentProject.safeParse(p);
      return r.success ? [r.data] : [];
    })),
  version: { key: "version", current: RECENT_FORMAT, whenMissing: 0, migrations: { 0: (projects) => ({ version: 1, projects }) } },
};

/**
 * Issues the opaque handles the renderer uses instead of paths. A handle exists only for a
 * folder the backend itself was given: a recent project, one it created, --project, or a
 * native dialog in the desktop app.
 *
 * The desktop app and browser mode share the app data folder, so the recent list on disk may
 * change under us: each change is merged into the file as it is now, under a lock both
 * processes honour (a file lock, since an in-memory one cannot see the other process).
 */
export class ProjectRegistry {
  private readonly byHandle = new Map<string, string>();
  private recent: RecentProject[] = [];
  /** why the list on disk could not be read, if it could not (it costs only the recent menu) */
  loadProblem: string | null = null;

  constructor(private readonly appDataDir: string) {}

  private get file(): string {
    return join(this.appDataDir, RECENT_PROJECTS_FILE);
  }

  async load(): Promise<void> {
    this.recent = await this.readFromDisk();
    for (const r of this.recent) this.register(r.path);
  }

  register(path: string): string {
    const full = resolve(path);
    const handle = createHash("sha256").update(full).digest("base64url").slice(0, 22);
    this.byHandle.set(handle, full);
    return handle;
  }

  pathOf(handle: string): string {
    const path = this.byHandle.get(handle);
    if (!path) throw new QuireError("not-found", "That project is not known to this session. Open it again.");
    return path;
  }

  list(): (RecentProject & { handle: string })[] {
    return this.recent.map((r) => ({ ...r, handle: this.register(r.path) }));
  }

  /** Puts a project at the top of the recent list, merged with what another Quire process wrote meanwhile. */
  async touch(path: string, title: string): Promise<void> {
    const full = resolve(path);
    const entry: RecentProject = { path: full, title, openedAt: new Date().toISOString() };
    await withFileLock(`${this.file}.lock`, "updating the recent projects", async () => {
      const onDisk = await this.readFromDisk();
      this.recent = [entry, ...onDisk.filter((r) => r.path !== full)].slice(0, MAX_RECENT);
      await writeFileAtomic(this.file, JSON.stringify({ version: RECENT_FORMAT, projects: this.recent }, null, 2));
    });
    for (const r of this.recent) this.register(r.path);
  }

  private async readFromDisk(): Promise<RecentProject[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch {
      return []; // none yet
    }
    try {
      this.loadProblem = null;
      return parseJsonFile(text, this.file, recentFormat);
    } catch (e) {
      // a damaged list only costs the recent menu; it is rewritten whole on the next open
      this.loadProblem = e instanceof Error ? e.message : String(e);
      console.warn(`quire: ${this.loadProblem}; the recent projects start afresh`);
      return [];
    }
  }
}

/** Merges two recent lists (another folder's, say), newest first, each project once. */
export function mergeRecentProjects(a: RecentProject[], b: RecentProject[]): RecentProject[] {
  const byPath = new Map<string, RecentProject>();
  for (const r of [...a, ...b]) {
    const seen = byPath.get(r.path);
    if (!seen || (r.openedAt ?? "") > (seen.openedAt ?? "")) byPath.set(r.path, r);
  }
  return [...byPath.values()].sort((x, y) => ((y.openedAt ?? "") > (x.openedAt ?? "") ? 1 : (y.openedAt ?? "") < (x.openedAt ?? "") ? -1 : 0)).slice(0, MAX_RECENT);
}

/** Reads a recent-projects file (any format this Quire knows); [] when missing or unreadable. */
export async function readRecentProjectsFile(file: string): Promise<RecentProject[]> {
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return [];
  try {
    return parseJsonFile(text, file, recentFormat);
  } catch {
    return [];
  }
}

/** Writes a merged list into `file` under the same lock touch() takes. */
export async function mergeIntoRecentProjectsFile(file: string, more: RecentProject[]): Promise<void> {
  await withFileLock(`${file}.lock`, "updating the recent projects", async () => {
    const merged = mergeRecentProjects(await readRecentProjectsFile(file), more);
    await writeFileAtomic(file, JSON.stringify({ version: RECENT_FORMAT, projects: merged }, null, 2));
  });
}
