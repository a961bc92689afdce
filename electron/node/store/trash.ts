/**
 * The project's trash: `.quire/trash/<unitId>/` holds a trashed unit and everything under it
 * (their files unchanged) plus `entry.json` saying where it was, so a restore puts it back.
 *
 * An entry on disk is not trusted: a shared project can hold any entry.json. Its id must be
 * its folder's name, its files plain file names (a `../` name would move project files out on
 * restore, or load an outside file as a unit), each a plain file inside the entry, and a
 * restore never replaces a file already in manuscript/. Anything else refuses the restore
 * before a single file moves.
 */
import { lstat, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { entityId } from "../../shared/contract/common";
import { fsyncDir, writeFileAtomic } from "./atomic-write";
import { NotFoundError, ProjectFileError } from "./errors";
import { checkId, isValidId } from "./ids";
import { MAX_SMALL_FILE_BYTES } from "./limits";
import { MANUSCRIPT_DIR, TRASH_DIR, rel } from "./project-layout";
import { isPlainName, type ProjectPaths } from "./project-paths";
import { parseJsonFile, type JsonFormat } from "./json-file";

/** A unit file's name as the trash may list it: one plain Markdown file name, never a path. */
const trashedFileName = z
  .string()
  .refine((n) => isPlainName(n) && !n.startsWith(".") && /\.md$/i.test(n), "names a path that leads outside the trash entry (only plain .md file names are restored)");

export const trashEntrySchema = z.object({
  /** the unit that was trashed (its children went with it) */
  id: entityId,
  title: z.string().max(10_000),
  trashedAt: z.string().max(100),
  parentId: entityId.nullable(),
  order: z.number().int().nonnegative(),
  /** file names (in manuscript/) of the unit and its descendants */
  files: z.array(trashedFileName).max(100_000),
});
export type TrashEntry = z.infer<typeof trashEntrySchema>;

/** Format 1 is the first with a version; entries written before it had none and read the same. */
const TRASH_FORMAT = 1;
const trashEntryFormat: JsonFormat<TrashEntry> = {
  what: "a trash entry",
  schema: trashEntrySchema,
  version: { key: "version", current: TRASH_FORMAT, whenMissing: 1 },
};

export class Trash {
  constructor(private readonly paths: ProjectPaths) {}

  async put(entry: TrashEntry): Promise<void> {
    const folder = rel(TRASH_DIR, checkId("unit", entry.id));
    // every path checked before anything moves
    const sources = await Promise.all(entry.files.map((f) => this.paths.resolve(rel(MANUSCRIPT_DIR, f))));
    const manuscript = await this.paths.resolve(MANUSCRIPT_DIR);
    await rm(await this.paths.resolve(folder), { recursive: true, force: true });
    const dir = await this.paths.folder(folder);
    // The manifest first: if we crash mid-move, restore still knows what belongs here.
    await writeFileAtomic(join(dir, "entry.json"), JSON.stringify({ version: TRASH_FORMAT, ...entry }, null, 2));
    for (const [i, f] of entry.files.entries()) await rename(sources[i]!, join(dir, f)).catch(ignoreMissing);
    await fsyncDir(dir);
    await fsyncDir(manuscript);
  }

  /** The readable entries, newest first; an entry that is not one (a hostile or damaged entry.json) is left out. */
  async list(): Promise<TrashEntry[]> {
    const names = await readdir(await this.paths.resolve(TRASH_DIR)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return [] as string[];
      throw e;
    });
    const out: TrashEntry[] = [];
    for (const name of names) {
      if (!isValidId(name)) continue;
      const entry = await this.read(name).catch(() => null);
      if (entry) out.push(entry);
    }
    return out.sort((a, b) => (a.trashedAt < b.trashedAt ? 1 : -1));
  }

  async read(id: string): Promise<TrashEntry> {
    const file = rel(TRASH_DIR, checkId("unit", id), "entry.json");
    let text: string;
    try {
      text = (await this.paths.read(file, MAX_SMALL_FILE_BYTES)).toString("utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new NotFoundError("trash entry", id);
      throw e;
    }
    let entry: TrashEntry;
    try {
      entry = parseJsonFile(text, file, trashEntryFormat);
    } catch (e) {
      if (e instanceof ProjectFileError) throw new ProjectFileError(file, `${e.detail}; nothing was restored`);
      throw e;
    }
    if (entry.id !== id) throw new ProjectFileError(file, `names another unit than its folder does; nothing was restored`);
    return entry;
  }

  /** Moves the files back into manuscript/ and forgets the entry. Checks every file before moving any. */
  async takeBack(entry: TrashEntry): Promise<void> {
    const folder = rel(TRASH_DIR, checkId("unit", entry.id));
    const moves: [string, string][] = [];
    for (const f of entry.files) {
      const source = await this.paths.resolve(rel(folder, f));
      const kind = await lstat(source).then(
        (st) => (st.isFile() ? "file" : "other"),
        () => "missing",
      );
      if (kind === "missing") continue;
      if (kind !== "file") throw new ProjectFileError(rel(folder, f), "is not a plain file (a link or a folder); nothing was restored");
      const target = await this.paths.resolve(rel(MANUSCRIPT_DIR, f));
      if (await lstat(target).then(() => true, () => false)) throw new ProjectFileError(rel(MANUSCRIPT_DIR, f), "already exists; the trashed file was not put over it, and nothing was restored");
      moves.push([source, target]);
    }
    for (const [source, target] of moves) await rename(source, target).catch(ignoreMissing);
    await fsyncDir(await this.paths.resolve(MANUSCRIPT_DIR));
    await rm(await this.paths.resolve(folder), { recursive: true, force: true });
  }
}

function ignoreMissing(e: unknown): void {
  if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
}
