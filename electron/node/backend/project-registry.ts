import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { QuireError } from "../../shared/contract/errors";
import { writeFileAtomic } from "../store/atomic-write";

export interface RecentProject {
  path: string;
  title: string;
  openedAt: string | null;
}

/**
 * Issues the opaque handles the renderer uses instead of paths. A handle exists only for a
 * folder the backend itself was given: a recent project, one it created, --project, or a
 * native dialog in the desktop app.
 */
export class ProjectRegistry {
  private readonly byHandle = new Map<string, string>();
  private recent: RecentProject[] = [];

  constructor(private readonly appDataDir: string) {}

  private get file(): string {
    return join(this.appDataDir, "recent-projects.json");
  }

  async load(): Promise<void> {
    try {
      const parsed = JSON.parse(await readFile(this.file, "utf8")) as unknown;
      if (Array.isArray(parsed)) {
        this.recent = parsed.filter(
          (r): r is RecentProject => typeof r?.path === "string" && typeof r?.title === "string",
        );
      }
    } catch {
      this.recent = []; // a missing or damaged list only costs the recent menu
    }
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

  async touch(path: string, title: string): Promise<void> {
    const full = resolve(path);
    this.recent = [{ path: full, title, openedAt: new Date().toISOString() }, ...this.recent.filter((r) => r.path !== full)].slice(
      0,
      20,
    );
    await writeFileAtomic(this.file, JSON.stringify(this.recent, null, 2));
  }
}
