/**
 * The drafting files of a project (runs/, binder.json) read and written through the store's path
 * guard: a relative path of plain names, every existing part of it inside the project by real
 * path (a runs/ that is a link leading elsewhere is refused, never followed), a size limit before
 * a file is read, and atomic writes.
 */
import { basename, dirname, join } from "node:path";
import { DataError, parseJsonText } from "../../engine/index";
import { writeFileAtomic } from "../store/atomic-write";
import type { ProjectPaths } from "../store/project-paths";

/** The file's text, or null when there is none (a missing folder on the way counts as none). */
export async function readProjectText(paths: ProjectPaths, relPath: string, maxBytes: number): Promise<string | null> {
  try {
    return (await paths.read(relPath, maxBytes)).toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw error;
  }
}

/** The file's JSON, or null when there is none; a DataError naming the file when it is not JSON. */
export async function readProjectJson(paths: ProjectPaths, relPath: string, maxBytes: number): Promise<unknown> {
  const text = await readProjectText(paths, relPath, maxBytes);
  return text === null ? null : parseJsonText(text, join(paths.dir, relPath));
}

/** Writes the file atomically, creating its folder inside the project if missing. */
export async function writeProjectFile(paths: ProjectPaths, relPath: string, data: string): Promise<void> {
  const folder = dirname(relPath) === "." ? paths.dir : await paths.folder(dirname(relPath));
  await writeFileAtomic(join(folder, basename(relPath)), data);
}

/** Where a relative path is, for messages. */
export const absolutePath = (paths: ProjectPaths, relPath: string) => join(paths.dir, relPath);

export { DataError };
