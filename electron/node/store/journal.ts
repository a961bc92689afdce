/**
 * The journal of unsaved edits: `.quire/journal/<unitId>.<client>.json` (or `<unitId>.json`
 * for a client that gave no id), written about once a second while the writer types, so a
 * crash or a killed server loses at most that second. One entry per unit AND per client: two
 * tabs on one unit each keep their own unsaved text, and a crash offers both back. On the next
 * open, entries whose text differs from the file are offered back (see ProjectStore).
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
  /** the client (a tab, a window) whose edits these are; null for one that gave no id */
  client: string | null;
  body: string;
  /** sha256 of the saved body these edits started from, or null if unknown */
  baseHash: string | null;
  /** ISO time of the edit */
  savedAt: string;
}

/** Every path is built from a checked unit id and goes through the path guard. */
export class Journal {
  constructor(private readonly paths: ProjectPaths) {}

  /** The entry's file name: ids only (checked), so never a path. */
  static fileName(unitId: string, client: string | null): string {
    return `${checkId("unit", unitId)}${client === null ? "" : `.${checkId("client", client)}`}.json`;
  }

  private static rel(unitId: string, client: string | null): string {
    return rel(JOURNAL_DIR, Journal.fileName(unitId, client));
  }

  async write(entry: JournalEntry): Promise<void> {
    const dir = await this.paths.folder(JOURNAL_DIR);
    const { client, ...rest } = entry;
    await writeFileAtomic(join(dir, Journal.fileName(entry.unitId, client)), JSON.stringify({ version: JOURNAL_FORMAT, ...rest, ...(client === null ? {} : { client }) }));
  }

  /** Queued behind any write of the same entry, so a late write cannot resurrect it. */
  async remove(unitId: string, client: string | null): Promise<void> {
    let file: string;
    try {
      file = await this.paths.resolve(Journal.rel(unitId, client));
    } catch (e) {
      if (e instanceof OutsideProjectError) return; // the journal leads outside: nothing of ours is there to remove
      throw e;
    }
    return withFileQueue(file, (f) => rm(f, { force: true }));
  }

  async read(unitId: string, client: string | null): Promise<JournalEntry | null> {
    const text = await this.paths.read(Journal.rel(unitId, client), MAX_JOURNAL_ENTRY_BYTES).then(
      (b) => b.toString("utf8"),
      (e: unknown) => {
        if (e instanceof ProjectFileError) throw e;
        return null;
      },
    );
    if (text === null) return null;
    try {
      return parseEntry(text, unitId, client);
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
      // "<unitId>.json" (a client that gave no id) or "<unitId>.<client>.json"
      const [unitId = "", client = null, ...more] = name.slice(0, -5).split(".");
      if (!isValidId(unitId) || (client !== null && !isValidId(client)) || more.length > 0) {
        problems.push({ file, message: `${file} is not named for a unit (its name is not a unit id); it was left in place` });
        continue;
      }
      try {
        entries.push(parseEntry((await this.paths.read(file, MAX_JOURNAL_ENTRY_BYTES)).toString("utf8"), unitId, client));
      } catch (e) {
        problems.push({ file, message: e instanceof ProjectFileError ? `${e.message}; it was left in place` : `${file} cannot be read (${errorMessage(e)})` });
      }
    }
    return { entries, problems };
  }
}

/** Format 1 is the first with a version; entries written before it had none and read the same. */
const JOURNAL_FORMAT = 1;
const journalEntryFormat: JsonFormat<Omit<JournalEntry, "client">> = {
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
function parseEntry(text: string, unitId: string, client: string | null): JournalEntry {
  const file = rel(JOURNAL_DIR, Journal.fileName(unitId, client));
  const entry = parseJsonFile(text, file, journalEntryFormat);
  if (entry.unitId !== unitId) throw new ProjectFileError(file, `holds edits of another unit (${entry.unitId}) than its name says`);
  // the file's name says whose edits these are
  return { ...entry, client };
}

/** One journal entry's key: a unit and the client whose edits they are. */
export const journalKey = (unitId: string, client: string | null): string => (client === null ? unitId : `${unitId}.${client}`);

/**
 * Debounces journal writes: the editor stages every change, the writer persists the latest
 * text per unit and client at most once per `delayMs`. Knows which units have edits not yet saved.
 */
export class JournalWriter {
  private readonly staged = new Map<string, JournalEntry>();
  /** entries on disk by key, with the text we wrote there (null: left by a previous session) */
  private readonly onDisk = new Map<string, { unitId: string; client: string | null; body: string | null }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly journal: Journal,
    private readonly delayMs = 1000,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Call once on open with the entries already on disk. */
  adopt(entries: Iterable<{ unitId: string; client: string | null }>): void {
    for (const e of entries) this.onDisk.set(journalKey(e.unitId, e.client), { unitId: e.unitId, client: e.client, body: null });
  }

  stage(unitId: string, client: string | null, body: string, baseHash: string | null, when = new Date()): void {
    this.staged.set(journalKey(unitId, client), { unitId, client, body, baseHash, savedAt: when.toISOString() });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(this.onError);
    }, this.delayMs);
  }

  /** Whether any client has unsaved edits of the unit. */
  hasUnsaved(unitId: string): boolean {
    return [...this.staged.values(), ...this.onDisk.values()].some((e) => e.unitId === unitId);
  }

  /** The clients with an entry for the unit, staged or on disk. */
  clientsOf(unitId: string): (string | null)[] {
    const out = new Set<string | null>();
    for (const e of [...this.staged.values(), ...this.onDisk.values()]) if (e.unitId === unitId) out.add(e.client);
    return [...out];
  }

  stagedBody(unitId: string, client: string | null = null): string | undefined {
    return this.staged.get(journalKey(unitId, client))?.body;
  }

  flush(): Promise<void> {
    const batch = [...this.staged.values()];
    this.staged.clear();
    // one flush at a time, in order, so an older batch never lands after a newer one
    return withLock([this, "flush"], async () => {
      for (const entry of batch) {
        this.onDisk.set(journalKey(entry.unitId, entry.client), { unitId: entry.unitId, client: entry.client, body: entry.body });
        await this.journal.write(entry);
      }
    });
  }

  /**
   * After `savedBody` reached the unit file from this client: its journal entry is no longer
   * needed, unless it typed more since (then the newer text stays, staged or already written).
   * Other clients' entries are theirs: their text is still unsaved.
   */
  settle(unitId: string, client: string | null, savedBody: string): Promise<void> {
    const key = journalKey(unitId, client);
    const staged = this.staged.get(key);
    if (staged && staged.body !== savedBody) return Promise.resolve();
    return this.removeEntry(unitId, client, () => {
      if (this.staged.has(key)) return true;
      // newer typing already written (the save was of older text) stays; a previous session's entry (null) goes
      const written = this.onDisk.get(key)?.body;
      return !staged && typeof written === "string" && written !== savedBody;
    });
  }

  /**
   * The writer's latest text is the file's own (they typed a word and deleted it again): no
   * entry is newer than the file, unless typing staged since says otherwise.
   */
  clear(unitId: string, client: string | null): Promise<void> {
    return this.removeEntry(unitId, client, () => this.staged.has(journalKey(unitId, client)));
  }

  /** Drops one client's entry for a unit whatever it holds (after recovery was applied or set aside). */
  drop(unitId: string, client: string | null): Promise<void> {
    return this.removeEntry(unitId, client, () => false);
  }

  private async removeEntry(unitId: string, client: string | null, keep: () => boolean): Promise<void> {
    const key = journalKey(unitId, client);
    this.staged.delete(key);
    await withLock([this, "flush"], () => undefined); // a write already under way must land before the removal
    if (keep()) return;
    this.onDisk.delete(key);
    await this.journal.remove(unitId, client);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
