/**
 * The journal of unsaved edits: `.quire/journal/<unitId>.json`, written about once a second
 * while the writer types, so a crash or a killed server loses at most that second. On the
 * next open, entries whose text differs from the file are offered back (see ProjectStore).
 */
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { withLock } from "lifecycle-utils";
import { z } from "zod";
import { entityId } from "../../shared/contract/common";
import { withFileQueue, writeFileAtomic, isTempFileName } from "./atomic-write";
import { errorMessage, ProjectFileError, type FileProblem } from "./errors";
import { checkId, isValidId } from "./ids";
import { parseJsonFile, type JsonFormat } from "./json-file";
import { MAX_JOURNAL_ENTRY_BYTES } from "./limits";
import { JOURNAL_DIR, rel } from "./project-layout";
import { OutsideProjectError, type ProjectPaths } from "./project-paths";

export interface JournalEntry {
  unitId: string;
  body: string;
  /** sha256 of the saved body these edits started from, or null if unknown */
  baseHash: string | null;
  /** ISO time of the edit */
  savedAt: string;
}

/** Every path is built from a checked unit id and goes through the path guard. */
export class Journal {
  constructor(private readonly paths: ProjectPaths) {}

  private static rel(unitId: string): string {
    return rel(JOURNAL_DIR, `${checkId("unit", unitId)}.json`);
  }

  async write(entry: JournalEntry): Promise<void> {
    const dir = await this.paths.folder(JOURNAL_DIR);
    await writeFileAtomic(join(dir, `${checkId("unit", entry.unitId)}.json`), JSON.stringify({ version: JOURNAL_FORMAT, ...entry }));
  }

  /** Queued behind any write of the same entry, so a late write cannot resurrect it. */
  async remove(unitId: string): Promise<void> {
    let file: string;
    try {
      file = await this.paths.resolve(Journal.rel(unitId));
    } catch (e) {
      if (e instanceof OutsideProjectError) return; // the journal leads outside: nothing of ours is there to remove
      throw e;
    }
    return withFileQueue(file, (f) => rm(f, { force: true }));
  }

  async read(unitId: string): Promise<JournalEntry | null> {
    const text = await this.paths.read(Journal.rel(unitId), MAX_JOURNAL_ENTRY_BYTES).then(
      (b) => b.toString("utf8"),
      (e: unknown) => {
        if (e instanceof ProjectFileError) throw e;
        return null;
      },
    );
    if (text === null) return null;
    try {
      return parseEntry(text, unitId);
    } catch {
      return null; // list() names a broken entry when the project opens
    }
  }

  /** All entries on disk; an unreadable one is reported, and left on disk for a person to look at. */
  async list(): Promise<{ entries: JournalEntry[]; problems: FileProblem[] }> {
    const entries: JournalEntry[] = [];
    const problems: FileProblem[] = [];
    let names: string[];
    try {
      names = await readdir(await this.paths.resolve(JOURNAL_DIR));
    } catch (e) {
      if (e instanceof OutsideProjectError) problems.push({ file: `${JOURNAL_DIR}/`, message: `${e.message}; nothing in it was opened` });
      return { entries, problems };
    }
    for (const name of names.sort()) {
      if (!name.endsWith(".json") || isTempFileName(name)) continue;
      const file = rel(JOURNAL_DIR, name);
      const unitId = name.slice(0, -5);
      if (!isValidId(unitId)) {
        problems.push({ file, message: `${file} is not named for a unit (its name is not a unit id); it was left in place` });
        continue;
      }
      try {
        entries.push(parseEntry((await this.paths.read(file, MAX_JOURNAL_ENTRY_BYTES)).toString("utf8"), unitId));
      } catch (e) {
        problems.push({ file, message: e instanceof ProjectFileError ? `${e.message}; it was left in place` : `${file} cannot be read (${errorMessage(e)})` });
      }
    }
    return { entries, problems };
  }
}

/** Format 1 is the first with a version; entries written before it had none and read the same. */
const JOURNAL_FORMAT = 1;
const journalEntryFormat: JsonFormat<JournalEntry> = {
  what: "a journal entry",
  schema: z
    .object({
      unitId: entityId,
      body: z.string(),
      baseHash: z.string().regex(/^[0-9a-f]{64}$/).nullable().default(null),
      savedAt: z.string().max(100),
    })
    .transform(({ unitId, body, baseHash, savedAt }) => ({ unitId, body, baseHash, savedAt })),
  version: { key: "version", current: JOURNAL_FORMAT, whenMissing: 1 },
};

/** Throws ProjectFileError naming the entry when it is not one (or belongs to another unit than its name says). */
function parseEntry(text: string, unitId: string): JournalEntry {
  const file = rel(JOURNAL_DIR, `${unitId}.json`);
  const entry = parseJsonFile(text, file, journalEntryFormat);
  if (entry.unitId !== unitId) throw new ProjectFileError(file, `holds edits of another unit (${entry.unitId}) than its name says`);
  return entry;
}

/**
 * Debounces journal writes: the editor stages every change, the writer persists the latest
 * text per unit at most once per `delayMs`. Knows which units have edits not yet saved.
 */
export class JournalWriter {
  private readonly staged = new Map<string, JournalEntry>();
  /** units with an entry on disk, with the text we wrote there (null: left by a previous session) */
  private readonly onDisk = new Map<string, string | null>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly journal: Journal,
    private readonly delayMs = 1000,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Call once on open with the entries already on disk. */
  adopt(unitIds: Iterable<string>): void {
    for (const id of unitIds) this.onDisk.set(id, null);
  }

  stage(unitId: string, body: string, baseHash: string | null, when = new Date()): void {
    this.staged.set(unitId, { unitId, body, baseHash, savedAt: when.toISOString() });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(this.onError);
    }, this.delayMs);
  }

  hasUnsaved(unitId: string): boolean {
    return this.staged.has(unitId) || this.onDisk.has(unitId);
  }

  stagedBody(unitId: string): string | undefined {
    return this.staged.get(unitId)?.body;
  }

  flush(): Promise<void> {
    const batch = [...this.staged.values()];
    this.staged.clear();
    // one flush at a time, in order, so an older batch never lands after a newer one
    return withLock([this, "flush"], async () => {
      for (const entry of batch) {
        this.onDisk.set(entry.unitId, entry.body);
        await this.journal.write(entry);
      }
    });
  }

  /**
   * After `savedBody` reached the unit file: the journal entry is no longer needed, unless
   * the writer has typed more since (then the newer text stays, staged or already written).
   */
  settle(unitId: string, savedBody: string): Promise<void> {
    const staged = this.staged.get(unitId);
    if (staged && staged.body !== savedBody) return Promise.resolve();
    return this.removeEntry(unitId, () => {
      if (this.staged.has(unitId)) return true;
      // newer typing already written (the save was of older text) stays; a previous session's entry (null) goes
      const written = this.onDisk.get(unitId);
      return !staged && typeof written === "string" && written !== savedBody;
    });
  }

  /**
   * The writer's latest text is the file's own (they typed a word and deleted it again): no
   * entry is newer than the file, unless typing staged since says otherwise.
   */
  clear(unitId: string): Promise<void> {
    return this.removeEntry(unitId, () => this.staged.has(unitId));
  }

  /** Drops the entry for a unit whatever it holds (after recovery was applied or set aside). */
  drop(unitId: string): Promise<void> {
    return this.removeEntry(unitId, () => false);
  }

  private async removeEntry(unitId: string, keep: () => boolean): Promise<void> {
    this.staged.delete(unitId);
    await withLock([this, "flush"], () => undefined); // a write already under way must land before the removal
    if (keep()) return;
    this.onDisk.delete(unitId);
    await this.journal.remove(unitId);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
