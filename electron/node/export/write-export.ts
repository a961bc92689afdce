/**
 * Writing an export: where the writer chose, never over an existing file unless `overwrite` is
 * true, each file atomically (temp file in the same folder, fsync, rename, fsync the folder) so a
 * crash leaves the old file or the new one, never half of one.
 */
import { access, constants, mkdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { writeFileAtomic } from "../store/atomic-write";

export class ExportError extends Error {
  override name = "ExportError";
  constructor(
    readonly target: string,
    message: string,
  ) {
    super(`${target}: ${message}`);
  }
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

async function checkWritableFolder(dir: string): Promise<void> {
  const s = await stat(dir).catch(() => null);
  if (!s) throw new ExportError(dir, "the folder does not exist; choose an existing folder");
  if (!s.isDirectory()) throw new ExportError(dir, "is not a folder");
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new ExportError(dir, "the folder is not writable (permission denied); choose another folder");
  }
}

export interface WriteOptions {
  overwrite?: boolean;
}

/** Writes one export file. */
export async function writeExportFile(target: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<string> {
  const file = resolve(target);
  await checkWritableFolder(dirname(file));
  if (!options.overwrite && (await exists(file))) throw new ExportError(file, "already exists; export again with overwrite to replace it");
  await writeFileAtomic(file, data).catch((e: NodeJS.ErrnoException) => {
    throw new ExportError(file, `could not be written (${e.code ?? e.message})`);
  });
  return file;
}

/** Writes several files into `folder` (created if its parent is writable); checks every name before writing any. */
export async function writeExportFolder(folder: string, files: { path: string; content: string | Uint8Array }[], options: WriteOptions = {}): Promise<string[]> {
  const dir = resolve(folder);
  if (!(await exists(dir))) {
    await checkWritableFolder(dirname(dir));
    await mkdir(dir);
  } else await checkWritableFolder(dir);
  const targets = files.map((f) => join(dir, f.path));
  if (!options.overwrite) {
    for (const t of targets) if (await exists(t)) throw new ExportError(t, "already exists; export again with overwrite to replace it");
  }
  const written: string[] = [];
  for (const [i, f] of files.entries()) {
    await writeFileAtomic(targets[i]!, f.content).catch((e: NodeJS.ErrnoException) => {
      throw new ExportError(targets[i]!, `could not be written (${e.code ?? e.message})`);
    });
    written.push(targets[i]!);
  }
  return written;
}
