/**
 * The writer's models: files downloaded from the catalog into the app data folder and GGUF
 * files they already had (referenced where they are, never copied). Only verified, readable
 * files are listed; the index is rewritten atomically.
 */
import { mkdir, readFile, rm, stat } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../store/atomic-write";
import { ProjectFileError } from "../store/errors";
import { withFileLock } from "../store/file-lock";
import { parseJsonFile } from "../store/json-file";
import type { CatalogEntry } from "./catalog";
import { inspectGguf, type GgufSummary } from "./gguf-inspect";
import { ModelDownload, type DownloadOptions, type DownloadProgress } from "./model-download";

export const LibraryEntry = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  origin: z.enum(["catalog", "imported"]),
  bytes: z.number(),
  sha256: z.string().optional(),
  architecture: z.string(),
  parameters: z.number(),
  fileType: z.string().optional(),
  contextLength: z.number(),
  hasChatTemplate: z.boolean(),
  addedAt: z.string(),
});
export type LibraryEntry = z.infer<typeof LibraryEntry>;
const INDEX_FORMAT = 1;
const Index = z.object({ version: z.literal(INDEX_FORMAT), models: z.array(LibraryEntry) });
export const modelIndexFormat = { what: "the list of the writer's models", schema: Index, version: { key: "version", current: INDEX_FORMAT } };

export interface StartedDownload {
  download: ModelDownload;
  /** Resolves with the listed entry once the file is verified. */
  done: Promise<LibraryEntry>;
}

export class ModelLibrary {
  readonly modelsDir: string;
  private readonly indexPath: string;

  /** `dataDir`: the app data folder chosen by the caller (e.g. Electron's userData). */
  constructor(dataDir: string) {
    this.modelsDir = join(dataDir, "models");
    this.indexPath = join(this.modelsDir, "library.json");
  }

  /** Models whose files are still present. */
  async list(): Promise<LibraryEntry[]> {
    const all = await this.read();
    const present: LibraryEntry[] = [];
    for (const m of all) if (await exists(m.path)) present.push(m);
    return present;
  }

  /** Validates a GGUF the writer already has and lists it (the file stays where it is). */
  async addExisting(path: string): Promise<LibraryEntry> {
    const abs = resolve(path);
    const summary = await inspectGguf(abs); // throws GgufInspectError naming the file
    const entry = toEntry(summary, { id: `file-${basename(abs, ".gguf").toLowerCase().replace(/[^a-z0-9._-]+/g, "-")}`, origin: "imported" });
    await this.upsert(entry);
    return entry;
  }

  /** Starts (or resumes) downloading a catalog model into the data folder. */
  download(
    model: CatalogEntry,
    opts: { onProgress?: (p: DownloadProgress) => void; freeSpace?: DownloadOptions["freeSpace"]; allowUnverified?: boolean } = {},
  ): StartedDownload {
    const download = new ModelDownload({
      url: model.url,
      destDir: this.modelsDir,
      fileName: model.fileName,
      ...(model.sha256 ? { sha256: model.sha256 } : {}),
      ...(model.sizeBytes ? { size: model.sizeBytes } : { approxSize: Math.ceil(model.approxSizeGb * 1e9 * 1.02) }),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.freeSpace ? { freeSpace: opts.freeSpace } : {}),
    });
    const done = (async () => {
      // Without a published hash nothing proves the file is the model it claims to be.
      if (!model.sha256 && !opts.allowUnverified) {
        throw new Error(`${model.name}: no published sha256 for this file; confirm to download it unverified`);
      }
      await mkdir(this.modelsDir, { recursive: true });
      const result = await download.start();
      let summary: GgufSummary;
      try {
        summary = await inspectGguf(result.path);
      } catch (err) {
        await rm(result.path, { force: true });
        throw err;
      }
      const entry = toEntry(summary, { id: model.id, origin: "catalog", sha256: result.sha256, name: model.name });
      await this.upsert(entry);
      return entry;
    })();
    return { download, done };
  }

  /** Removes a model from the list; deletes the file only if Quire downloaded it. */
  async remove(id: string): Promise<void> {
    await this.change(async (all) => {
      const entry = all.find((m) => m.id === id);
      if (!entry) return all;
      if (entry.origin === "catalog" && resolve(entry.path).startsWith(resolve(this.modelsDir) + sep)) await rm(entry.path, { force: true });
      return all.filter((m) => m.id !== id);
    });
  }

  private async upsert(entry: LibraryEntry): Promise<void> {
    await this.change(async (all) => [...all.filter((m) => m.id !== entry.id), entry]);
  }

  /**
   * Read, change, write, under a lock the desktop app and browser mode both honour (they share
   * this folder): a model one of them adds is never lost to the other's write.
   */
  private async change(edit: (all: LibraryEntry[]) => Promise<LibraryEntry[]>): Promise<void> {
    await mkdir(this.modelsDir, { recursive: true });
    await withFileLock(`${this.indexPath}.lock`, "updating the model list", async () => this.write(await edit(await this.read())));
  }

  /** The index; none yet is an empty list, a damaged or newer one an error naming the file (ProjectFileError). */
  private async read(): Promise<LibraryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.indexPath, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new ProjectFileError(this.indexPath, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    return parseJsonFile(text, this.indexPath, modelIndexFormat).models;
  }

  private async write(models: LibraryEntry[]): Promise<void> {
    await writeFileAtomic(this.indexPath, JSON.stringify({ version: INDEX_FORMAT, models }, null, 2));
  }
}

function toEntry(s: GgufSummary, extra: { id: string; origin: LibraryEntry["origin"]; sha256?: string; name?: string }): LibraryEntry {
  return {
    id: extra.id,
    name: extra.name ?? s.name ?? basename(s.file),
    path: s.file,
    origin: extra.origin,
    bytes: s.fileSize,
    ...(extra.sha256 ? { sha256: extra.sha256 } : {}),
    architecture: s.architecture,
    parameters: s.parameters,
    ...(s.fileTypeName ? { fileType: s.fileTypeName } : {}),
    contextLength: s.contextLength,
    hasChatTemplate: s.chatTemplate !== undefined,
    addedAt: new Date().toISOString(),
  };
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
