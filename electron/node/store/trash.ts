/**
 * The project's trash: `.quire/trash/<unitId>/` holds a trashed unit and everything under it
 * (their files unchanged) plus `entry.json` saying where it was, so a restore puts it back.
 */
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { fsyncDir, writeFileAtomic } from "./atomic-write";
import { NotFoundError } from "./errors";
import { MANUSCRIPT_DIR, TRASH_DIR, abs } from "./project-layout";

export interface TrashEntry {
  /** the unit that was trashed (its children went with it) */
  id: string;
  title: string;
  trashedAt: string;
  parentId: string | null;
  order: number;
  /** file names (in manuscript/) of the unit and its descendants */
  files: string[];
}

export class Trash {
  private readonly root: string;
  private readonly manuscript: string;

  constructor(projectDir: string) {
    this.root = abs(projectDir, TRASH_DIR);
    this.manuscript = abs(projectDir, MANUSCRIPT_DIR);
  }

  async put(entry: TrashEntry): Promise<void> {
    const dir = join(this.root, entry.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // The manifest first: if we crash mid-move, restore still knows what belongs here.
    await writeFileAtomic(join(dir, "entry.json"), JSON.stringify(entry, null, 2));
    for (const f of entry.files) await rename(join(this.manuscript, f), join(dir, f)).catch(ignoreMissing);
    await fsyncDir(dir);
    await fsyncDir(this.manuscript);
  }

  async list(): Promise<TrashEntry[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const out: TrashEntry[] = [];
    for (const name of names) {
      const entry = await this.read(name).catch(() => null);
      if (entry) out.push(entry);
    }
    return out.sort((a, b) => (a.trashedAt < b.trashedAt ? 1 : -1));
  }

  async read(id: string): Promise<TrashEntry> {
    const text = await readFile(join(this.root, id, "entry.json"), "utf8").catch(() => null);
    if (text === null) throw new NotFoundError("trash entry", id);
    return JSON.parse(text) as TrashEntry;
  }

  /** Moves the files back into manuscript/ and forgets the entry. */
  async takeBack(entry: TrashEntry): Promise<void> {
    const dir = join(this.root, entry.id);
    for (const f of entry.files) await rename(join(dir, f), join(this.manuscript, f)).catch(ignoreMissing);
    await fsyncDir(this.manuscript);
    await rm(dir, { recursive: true, force: true });
  }
}

function ignoreMissing(e: unknown): void {
  if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
}
