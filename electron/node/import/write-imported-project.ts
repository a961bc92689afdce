/**
 * Writes an imported project so that it appears whole or not at all: into a hidden folder
 * beside the target, renamed into place once every file is written; on any failure the hidden
 * folder is removed and the target never existed. A crash mid-way leaves only the hidden
 * folder (".Name.quire.importing-…"), never a project with half its units.
 */
import { randomBytes } from "node:crypto";
import { readdir, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { ProjectData } from "../../shared/domain/project";
import { ProjectFileError } from "../store/errors";
import { writeNewProject } from "../store/project-files";

export async function writeImportedProject(dir: string, data: ProjectData): Promise<void> {
  const existing = await readdir(dir).catch(() => null);
  if (existing && existing.length > 0) throw new ProjectFileError(dir, "already exists and is not empty; a new project needs a new folder");
  const staging = join(dirname(dir), `.${basename(dir)}.importing-${randomBytes(4).toString("hex")}`);
  try {
    await writeNewProject(staging, data);
    // an empty folder the writer named with --out gives way to the finished project
    if (existing) await rmdir(dir);
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
