/**
 * The story bible held by an open project: one Markdown file per character, place, object or
 * fact in bible/. The ProjectStore serialises calls; this keeps the entries and their files in step.
 */
import { readdir, rename } from "node:fs/promises";
import { join } from "node:path";
import type { BibleEntry, BibleKind } from "../../shared/domain/project";
import { writeTracked } from "./tracked-write";
import { NotFoundError } from "./errors";
import { parseBibleText, serializeBibleEntry } from "./file-codec";
import { newId } from "./ids";
import { bibleFileName, loadFile, type LoadedFile } from "./project-files";
import { BIBLE_DIR, TRASH_DIR, rel } from "./project-layout";
import type { ProjectPaths } from "./project-paths";

export type BibleEntryInput = { kind: BibleKind; name: string; aliases?: string[]; attributes?: Record<string, string>; notes?: string };
export type BibleEntryPatch = Partial<Omit<BibleEntry, "id">>;
export type BibleChange = { type: "bible-changed-on-disk"; id: string } | { type: "bible-removed-on-disk"; id: string };

interface BibleState {
  fileName: string;
  entry: BibleEntry;
  extra: Record<string, unknown>;
  /** sha256 of the file as last read or written, to tell outside edits from ours */
  hash: string;
}

export class BibleStore {
  private readonly entries = new Map<string, BibleState>();

  constructor(private readonly paths: ProjectPaths) {}

  load(files: LoadedFile<BibleEntry>[]): void {
    for (const f of files) this.entries.set(f.value.id, { fileName: f.fileName, entry: f.value, extra: f.extra, hash: f.hash });
  }

  list(): BibleEntry[] {
    return [...this.entries.values()].map((b) => structuredClone(b.entry)).sort((a, b) => a.name.localeCompare(b.name));
  }

  read(id: string): BibleEntry {
    return structuredClone(this.get(id).entry);
  }

  async create(input: BibleEntryInput): Promise<BibleEntry> {
    let id = newId("b");
    while (this.entries.has(id)) id = newId("b");
    const entry: BibleEntry = { id, kind: input.kind, name: input.name, aliases: input.aliases ?? [], attributes: input.attributes ?? {}, notes: input.notes ?? "" };
    const state: BibleState = { fileName: bibleFileName(entry), entry, extra: {}, hash: "" };
    this.entries.set(id, state);
    try {
      await this.write(state, entry);
    } catch (e) {
      this.entries.delete(id);
      throw e;
    }
    return structuredClone(entry);
  }

  async update(id: string, patch: BibleEntryPatch): Promise<BibleEntry> {
    const s = this.get(id);
    await this.write(s, { ...s.entry, ...patch, id });
    return structuredClone(s.entry);
  }

  /** Moves the entry's file to `.quire/trash/bible/`. */
  async delete(id: string): Promise<void> {
    const s = this.get(id);
    const source = await this.paths.resolve(rel(BIBLE_DIR, s.fileName));
    const trashDir = await this.paths.folder(`${TRASH_DIR}/bible`);
    await rename(source, join(trashDir, s.fileName)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
    this.entries.delete(id);
  }

  /** Brings in entries edited, added or removed outside Quire (by content hash, so our own writes do not count). */
  async checkDisk(): Promise<BibleChange[]> {
    const changes: BibleChange[] = [];
    const folder = await this.paths.resolve(BIBLE_DIR).catch(() => null);
    if (folder === null) return changes; // a link leading outside: reported on open, never read
    const dirents = await readdir(folder, { withFileTypes: true }).catch(() => []);
    const names = new Set(dirents.filter((e) => e.isFile() && /\.md$/i.test(e.name) && !e.name.startsWith(".")).map((e) => e.name));
    const byFile = new Map([...this.entries.values()].map((s) => [s.fileName, s]));
    for (const [name, s] of byFile) {
      if (!names.has(name)) {
        this.entries.delete(s.entry.id);
        changes.push({ type: "bible-removed-on-disk", id: s.entry.id });
        continue;
      }
      const loaded = await loadFile(this.paths, BIBLE_DIR, name, parseBibleText);
      if ("error" in loaded || loaded.file.hash === s.hash) continue;
      s.hash = loaded.file.hash;
      s.entry = { ...loaded.file.value, id: s.entry.id };
      s.extra = loaded.file.extra;
      changes.push({ type: "bible-changed-on-disk", id: s.entry.id });
    }
    for (const name of names) {
      if (byFile.has(name)) continue;
      const loaded = await loadFile(this.paths, BIBLE_DIR, name, parseBibleText);
      if ("error" in loaded || this.entries.has(loaded.file.value.id)) continue;
      this.entries.set(loaded.file.value.id, { fileName: name, entry: loaded.file.value, extra: loaded.file.extra, hash: loaded.file.hash });
      changes.push({ type: "bible-changed-on-disk", id: loaded.file.value.id });
    }
    return changes;
  }

  private get(id: string): BibleState {
    const s = this.entries.get(id);
    if (!s) throw new NotFoundError("bible entry", id);
    return s;
  }

  private async write(s: BibleState, entry: BibleEntry): Promise<void> {
    await writeTracked(s, await this.paths.resolve(rel(BIBLE_DIR, s.fileName)), serializeBibleEntry(entry, s.extra));
    s.entry = entry;
  }
}
