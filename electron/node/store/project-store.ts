/**
 * One open project, behind one facade. Holds the project in memory (bodies included: a
 * 150,000-word book is a few megabytes), is the only writer of its folder while open (see
 * project-lock), and writes every change straight through to disk atomically. All changes run
 * one at a time through a queue, so a version check and the write it guards can never be split
 * by another save.
 *
 * The work is done by its parts, which share one StoreState: UnitFiles (the tree and the unit
 * files), FolderSync (the scan on open and outside changes), CrashRecovery (the journal of
 * unsaved edits), Snapshots, Trash and BibleStore. This class keeps the metadata, the brief and
 * the plan, and the order of calls.
 *
 * Versions: a save names the version it was based on and is refused if that is not the current
 * one, so a late save can never undo newer text (see store-state).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { withLock } from "lifecycle-utils";
import type { BibleEntry, ProjectMeta, Unit, UnitMeta } from "../../shared/domain/project";
import { BibleStore, type BibleEntryInput, type BibleEntryPatch } from "./bible-store";
import { countUnitForLanguage, type CountUnit } from "../../shared/text/count-words";
import { countWordsInMarkdown } from "../../shared/markdown/plain-text";
import { writeFileAtomic } from "./atomic-write";
import { CrashRecovery, type RecoveryEntry } from "./crash-recovery";
import { errorMessage, InvalidOperationError, ProjectFileError, type FileProblem } from "./errors";
import { FolderSync } from "./folder-sync";
import { safeFileTitle, sha256 } from "./ids";
import { ProjectLock, type AppKind } from "./project-lock";
import { ensureProjectDirs, readQuireJson, scanBibleFiles, serializeQuireJson, writeNewProject } from "./project-files";
import { MAX_PLAN_FILE_BYTES, MAX_SETTINGS_FILE_BYTES } from "./limits";
import { BIBLE_DIR, BRIEF_FILE, MANUSCRIPT_DIR, PLAN_FILE, PROJECT_EXTENSION, QUIRE_JSON, abs, rel } from "./project-layout";
import { ProjectPaths } from "./project-paths";
import { writeTracked } from "./tracked-write";
import { addWordsToHistory, localDate, newProjectMeta, type NewProjectOptions } from "./project-meta";
import { describeIssues, projectMetaSchema } from "./schemas";
import { Snapshots, type Snapshot, type SnapshotInfo, type SnapshotReason } from "./snapshots";
import { StoreState, type StoreEvent } from "./store-state";
import { diffTexts, type DiffGranularity, type TextDiff } from "../../shared/text/diff";
import { Trash } from "./trash";
import { UnitFiles, type UnitMetaPatch } from "./unit-files";
import { arrangeTree } from "../../shared/domain/unit-tree";
import { FolderWatcher } from "./watcher";

export type { StoreEvent } from "./store-state";
export type { RecoveryEntry } from "./crash-recovery";
export type { UnitMetaPatch } from "./unit-files";

export interface OpenOptions {
  /** who is opening, for the lock message another process sees */
  app?: AppKind;
  /** watch the folders for outside edits (default true) */
  watch?: boolean;
  /** also look for outside edits every pollMs (default 0: fs.watch only) */
  pollMs?: number;
  /** how long the journal waits before writing unsaved edits (default JOURNAL_DELAY_MS) */
  journalDelayMs?: number;
}

export interface UnitWithVersion extends Unit {
  version: number;
}

export type ProjectMetaPatch = Partial<Omit<ProjectMeta, "schemaVersion" | "id" | "createdAt" | "updatedAt" | "history">>;
export type { BibleEntryInput, BibleEntryPatch } from "./bible-store";

/**
 * The editor already sends a unit's unsaved text at most once a second (renderer save-scheduler);
 * waiting another second here made a crash lose up to two. This only gathers what arrives
 * together (several units, several windows) into one write.
 */
export const JOURNAL_DELAY_MS = 150;

export class ProjectStore {
  private readonly state: StoreState;
  private readonly bible: BibleStore;
  private readonly snapshots: Snapshots;
  private readonly sync: FolderSync;
  private readonly unitFiles: UnitFiles;
  private readonly recovery: CrashRecovery;
  private watcher: FolderWatcher | undefined;
  /** quire.json's hash as last read or written, to tell outside edits from ours */
  private readonly quireFile = { hash: "" };
  private closed = false;

  readonly dir: string;

  private constructor(
    /** the path guard: whatever reads or writes in the project folder outside the store (exports, runs) goes through it */
    readonly paths: ProjectPaths,
    private readonly lock: ProjectLock,
    private meta_: ProjectMeta,
    private metaExtra: Record<string, unknown>,
    journalDelayMs: number,
  ) {
    this.dir = paths.dir;
    this.state = new StoreState(paths);
    this.snapshots = new Snapshots(paths, () => this.countUnit());
    this.bible = new BibleStore(paths);
    this.recovery = new CrashRecovery(this.state, this.snapshots, journalDelayMs);
    this.sync = new FolderSync(this.state, this.snapshots, (id) => this.recovery.writer.hasUnsaved(id));
    this.unitFiles = new UnitFiles(this.state, this.sync, this.snapshots, new Trash(paths));
  }

  // ── opening and closing ─────────────────────────────────────────────

  /** Makes `<parentDir>/<Title>.quire/` (with " 2", " 3"… if taken) and opens it. */
  static async create(parentDir: string, options: NewProjectOptions, openOptions: OpenOptions = {}): Promise<ProjectStore> {
    const meta = newProjectMeta(options);
    const base = safeFileTitle(meta.title);
    await mkdir(parentDir, { recursive: true });
    for (let n = 1; ; n++) {
      const dir = join(parentDir, `${n === 1 ? base : `${base} ${n}`}${PROJECT_EXTENSION}`);
      try {
        await mkdir(dir); // not recursive: fails if taken, which is how we find a free name
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST" && n < 1000) continue;
        throw e;
      }
      await writeNewProject(dir, { meta, units: [], bible: [] });
      return ProjectStore.open(dir, openOptions);
    }
  }

  static async open(dir: string, options: OpenOptions = {}): Promise<ProjectStore> {
    // quire.json before the lock: a folder that is not a project must not get a .quire/ folder.
    const quire = await readQuireJson(dir);
    const lock = await ProjectLock.acquire(dir, options.app ?? "desktop");
    try {
      const store = new ProjectStore(await ProjectPaths.of(dir), lock, quire.meta, quire.extra, options.journalDelayMs ?? JOURNAL_DELAY_MS);
      await store.load();
      if (options.watch ?? true) await store.startWatching(options.pollMs ?? 0);
      return store;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  private async load(): Promise<void> {
    this.quireFile.hash = sha256(await this.paths.read(QUIRE_JSON, MAX_SETTINGS_FILE_BYTES));
    this.state.addProblems(await ensureProjectDirs(this.paths));
    await this.sync.loadUnits();
    const bibleScan = await scanBibleFiles(this.paths);
    this.bible.load(bibleScan.files);
    this.state.addProblems(bibleScan.problems);
    await this.recovery.load();
  }

  private async startWatching(pollMs: number): Promise<void> {
    // a folder leading outside is not watched (it is not read either)
    const folders = await Promise.all([MANUSCRIPT_DIR, BIBLE_DIR, ""].map((sub) => this.paths.resolve(sub).catch(() => null)));
    this.watcher = new FolderWatcher(
      folders.filter((f): f is string => f !== null),
      () => void this.checkDisk().catch((e) => this.state.report({ file: MANUSCRIPT_DIR, message: `checking for outside changes failed: ${errorMessage(e)}` })),
      { pollMs },
    );
    this.watcher.start();
  }

  /** Writes pending journal entries, waits for queued writes, releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.watcher?.close();
    await this.serial(async () => {
      await this.recovery.writer.close();
      this.closed = true;
    });
    await this.lock.release();
    this.state.listeners.clear();
  }

  // ── events and problems ─────────────────────────────────────────────

  onEvent(cb: (e: StoreEvent) => void): () => void {
    this.state.listeners.add(cb);
    return () => this.state.listeners.delete(cb);
  }

  /** Files that could not be used, each named; the rest of the project is open. */
  problems(): FileProblem[] {
    return [...this.state.problems];
  }

  // ── project metadata ────────────────────────────────────────────────

  meta(): ProjectMeta {
    return structuredClone(this.meta_);
  }

  /** The counter in use: "auto" follows the project language (characters for Chinese and Japanese). */
  countUnit(): CountUnit {
    const c = this.meta_.settings.counter;
    return c === "auto" ? countUnitForLanguage(this.meta_.language) : c;
  }

  updateMeta(patch: ProjectMetaPatch): Promise<ProjectMeta> {
    return this.serial(async () => {
      const parsed = projectMetaSchema.safeParse({ ...this.meta_, ...patch, updatedAt: new Date().toISOString() });
      if (!parsed.success) throw new InvalidOperationError(`Project settings not changed: ${describeIssues(parsed.error)}`);
      await this.writeMeta(parsed.data);
      return this.meta();
    });
  }

  /** Adds the writer's own words (negative when they cut) to a day's count; `date` is YYYY-MM-DD, local. */
  recordWordsWritten(delta: number, date: string = localDate()): Promise<ProjectMeta> {
    return this.serial(async () => {
      if (delta !== 0) await this.writeMeta({ ...this.meta_, history: addWordsToHistory(this.meta_.history, delta, date) });
      return this.meta();
    });
  }

  private async writeMeta(meta: ProjectMeta): Promise<void> {
    await writeTracked(this.quireFile, await this.paths.resolve(QUIRE_JSON), serializeQuireJson(meta, this.metaExtra));
    this.meta_ = meta;
  }

  // ── units ───────────────────────────────────────────────────────────

  /** Every unit's metadata in document order (depth first, siblings by order). */
  units(): UnitMeta[] {
    const { ordered } = arrangeTree(this.state.allUnits());
    return ordered.map(({ body: _body, ...meta }) => meta);
  }

  /** Words per unit, with the project's counter. */
  wordCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const id of this.state.units.keys()) out[id] = this.unitWordCount(id)!;
    return out;
  }

  /** Each unit's count with the text and counter it was made for: counting parses the Markdown. */
  private readonly counted = new Map<string, { body: string; unit: CountUnit; words: number }>();

  /** One unit's words (null if there is no such unit), counted once per text. */
  unitWordCount(id: string): number | null {
    const s = this.state.units.get(id);
    if (!s) return null;
    const unit = this.countUnit();
    const kept = this.counted.get(id);
    if (kept && kept.body === s.unit.body && kept.unit === unit) return kept.words;
    // the words of the text, as the editor and export count them: markup (the model's provenance
    // spans, footnote markers, link targets) is no word
    const words = countWordsInMarkdown(s.unit.body, unit);
    this.counted.set(id, { body: s.unit.body, unit, words });
    return words;
  }

  /** The unit with its body and the version a save must name. Served from memory, so it works even if the file was deleted. */
  async readUnit(id: string): Promise<UnitWithVersion> {
    const s = this.state.unitOrThrow(id);
    return { ...s.unit, version: s.version };
  }

  readUnitWithVersion(id: string): Promise<UnitWithVersion> {
    return this.readUnit(id);
  }

  /** Where a unit's file is (it keeps its name for the unit's life; the UI shows it, never sends it back). */
  unitFilePath(id: string): string {
    return abs(this.dir, rel(MANUSCRIPT_DIR, this.state.unitOrThrow(id).fileName));
  }

  createUnit(input: { parentId: string | null; level: number; title: string; index?: number }): Promise<UnitMeta> {
    return this.serial(() => this.unitFiles.create(input));
  }

  updateUnit(id: string, patch: UnitMetaPatch): Promise<UnitMeta> {
    return this.serial(() => this.unitFiles.update(id, patch));
  }

  /** Moves a unit (with everything under it) to `index` among the children of `newParentId` (null: top level). */
  moveUnit(id: string, newParentId: string | null, index: number, level?: number): Promise<UnitMeta[]> {
    return this.serial(async () => {
      await this.unitFiles.move(id, newParentId, index, level);
      return this.units();
    });
  }

  /** Moves the unit and everything under it to the project trash, from where restoreUnit brings it back. */
  trashUnit(id: string): Promise<UnitMeta[]> {
    return this.serial(async () => {
      // Unsaved edits of trashed units become snapshots, so the next open does not offer text for units that are gone.
      await this.unitFiles.trashSubtree(id, (s) => this.recovery.setAside(s));
      return this.units();
    });
  }

  async listTrash(): Promise<{ id: string; title: string; trashedAt: string }[]> {
    return (await this.unitFiles.listTrash()).map(({ id, title, trashedAt }) => ({ id, title, trashedAt }));
  }

  /** Brings a trashed unit back where it was (at the top level if its parent is gone). */
  restoreUnit(id: string): Promise<UnitMeta[]> {
    return this.serial(async () => {
      await this.unitFiles.restore(id);
      return this.units();
    });
  }

  /**
   * Saves a unit's body if `baseVersion` is still current; otherwise throws StaleVersionError
   * and writes nothing. Returns the new version.
   */
  saveUnitBody(id: string, body: string, baseVersion: number, client: string | null = null): Promise<{ version: number }> {
    return this.serial(async () => {
      const result = await this.unitFiles.saveBody(id, body, baseVersion);
      // this client's unsaved edits are saved now; another client's (a second tab) stay its own
      await this.recovery.writer.settle(id, client, body);
      return result;
    });
  }

  /** For automated edits: snapshots the current text first, then saves like saveUnitBody. */
  async rewriteUnitBody(id: string, body: string, baseVersion: number, reason: SnapshotReason = "before-rewrite"): Promise<{ version: number; snapshot: SnapshotInfo }> {
    return this.serial(() => this.unitFiles.rewriteBody(id, body, baseVersion, reason));
  }

  // ── the journal of unsaved edits ────────────────────────────────────

  /**
   * The editor calls this on every change; the text reaches `.quire/journal/` within about a
   * second. `client` names the tab or window typing, so two of them on one unit keep apart.
   */
  stageUnsavedEdit(id: string, body: string, baseVersion: number, client: string | null = null): void {
    if (this.closed) throw new InvalidOperationError("The project is closed.");
    this.recovery.stage(id, client, body, baseVersion);
  }

  /**
   * The writer chose the text on disk over their unsaved edits (after a conflict, say): the
   * journal entry goes, kept as a snapshot rather than lost.
   */
  discardUnsavedEdit(id: string, client: string | null = null): Promise<void> {
    return this.serial(() => this.recovery.setAsideOf(this.state.unitOrThrow(id), client));
  }

  /** Writes staged journal entries now (on blur, before quitting). */
  flushJournal(): Promise<void> {
    return this.recovery.writer.flush();
  }

  /** Edits found in the journal on open that never reached the unit files. */
  pendingRecovery(): RecoveryEntry[] {
    return this.recovery.pending();
  }

  /** Takes the journal text back into the unit (snapshotting the disk text first). Returns the new version. */
  applyRecovery(unitId: string, client: string | null = null): Promise<{ version: number }> {
    return this.serial(() => this.recovery.apply(unitId, client, this.unitFiles));
  }

  /** Declines the journal text; it is kept as a snapshot of the unit, not thrown away. */
  discardRecovery(unitId: string, client: string | null = null): Promise<void> {
    return this.serial(() => this.recovery.discard(unitId, client));
  }

  // ── snapshots ───────────────────────────────────────────────────────

  createSnapshot(unitId: string, reason: SnapshotReason = "manual"): Promise<SnapshotInfo> {
    return this.serial(() => this.snapshots.create(this.state.unitOrThrow(unitId).unit, reason));
  }

  listSnapshots(unitId: string): Promise<SnapshotInfo[]> {
    return this.snapshots.list(unitId);
  }

  readSnapshot(unitId: string, snapshotId: string): Promise<Snapshot> {
    return this.snapshots.read(unitId, snapshotId);
  }

  /** The snapshot (before) against the current text, or against another snapshot (after). */
  async diffSnapshot(unitId: string, snapshotId: string, options: { granularity?: DiffGranularity; againstSnapshotId?: string } = {}): Promise<TextDiff> {
    const before = await this.snapshots.read(unitId, snapshotId);
    const after = options.againstSnapshotId ? (await this.snapshots.read(unitId, options.againstSnapshotId)).body : this.state.unitOrThrow(unitId).unit.body;
    return diffTexts(before.body, after, options.granularity ?? "words");
  }

  /** Puts a snapshot's text back, snapshotting the current text first so the restore can itself be undone. */
  restoreSnapshot(unitId: string, snapshotId: string): Promise<{ body: string; version: number; snapshot: SnapshotInfo }> {
    return this.serial(async () => {
      const s = this.state.unitOrThrow(unitId);
      const snap = await this.snapshots.read(unitId, snapshotId);
      const snapshot = await this.snapshots.create(s.unit, "before-restore");
      await this.unitFiles.replaceUnit(s, { ...s.unit, body: snap.body });
      s.version = this.state.bump();
      return { body: snap.body, version: s.version, snapshot };
    });
  }

  // ── bible ───────────────────────────────────────────────────────────

  listBible(): BibleEntry[] {
    return this.bible.list();
  }

  async readBibleEntry(id: string): Promise<BibleEntry> {
    return this.bible.read(id);
  }

  createBibleEntry(input: BibleEntryInput): Promise<BibleEntry> {
    return this.serial(() => this.bible.create(input));
  }

  updateBibleEntry(id: string, patch: BibleEntryPatch): Promise<BibleEntry> {
    return this.serial(() => this.bible.update(id, patch));
  }

  /** Moves the entry's file to `.quire/trash/bible/`. */
  deleteBibleEntry(id: string): Promise<void> {
    return this.serial(() => this.bible.delete(id));
  }

  // ── brief and plan ──────────────────────────────────────────────────

  async readBrief(): Promise<string> {
    return (await this.readOptional(BRIEF_FILE)) ?? "";
  }

  writeBrief(text: string): Promise<void> {
    return this.serial(async () => writeFileAtomic(await this.paths.resolve(BRIEF_FILE), text));
  }

  /** The engine's plan, or null if there is none yet. Its shape belongs to the engine. */
  async readPlan(): Promise<unknown> {
    const file = join(this.dir, PLAN_FILE);
    const text = await this.readOptional(PLAN_FILE);
    if (text === null) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new ProjectFileError(file, `is not valid JSON (${errorMessage(e)})`);
    }
  }

  writePlan(plan: unknown): Promise<void> {
    return this.serial(async () => writeFileAtomic(await this.paths.resolve(PLAN_FILE), `${JSON.stringify(plan, null, 2)}\n`));
  }

  /** A file of the project's root as text, or null if there is none; one that leads outside or cannot be read is an error naming it. */
  private async readOptional(name: string): Promise<string | null> {
    try {
      return (await this.paths.read(name, MAX_PLAN_FILE_BYTES)).toString("utf8");
    } catch (e) {
      if (e instanceof ProjectFileError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return null;
      throw new ProjectFileError(join(this.dir, name), `cannot be read (${code ?? errorMessage(e)})`);
    }
  }

  // ── outside changes ─────────────────────────────────────────────────

  /**
   * Compares the files with what the store last read or wrote (by content hash, so our own
   * writes never count) and brings outside changes in: clean units are reloaded, units with
   * unsaved edits are reported as conflicts, nothing is silently overwritten. The watcher
   * calls this; callers may too (on window focus, say).
   */
  checkDisk(): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return;
      await this.checkQuireJson();
      await this.sync.checkUnits();
      for (const change of await this.bible.checkDisk()) this.state.emit(change);
    });
  }

  private async checkQuireJson(): Promise<void> {
    let bytes: Buffer | null;
    try {
      bytes = await this.paths.read(QUIRE_JSON, MAX_SETTINGS_FILE_BYTES);
    } catch (e) {
      if (e instanceof ProjectFileError) this.state.report({ file: QUIRE_JSON, message: `${e.message}; Quire keeps the settings it had` });
      bytes = null;
    }
    if (bytes === null || sha256(bytes) === this.quireFile.hash) return;
    this.quireFile.hash = sha256(bytes);
    try {
      const { meta, extra } = await readQuireJson(this.paths);
      this.meta_ = meta;
      this.metaExtra = extra;
      this.state.emit({ type: "meta-changed-on-disk" });
    } catch (e) {
      this.state.report({ file: QUIRE_JSON, message: `${errorMessage(e)}; Quire keeps the settings it had and will write them back on the next change` });
    }
  }

  // ── internals ───────────────────────────────────────────────────────

  /** Runs `op` after every earlier change (in the order asked), so checks and the writes they guard never interleave. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    return withLock([this, "changes"], () => {
      if (this.closed) throw new InvalidOperationError("The project is closed.");
      return op();
    });
  }
}
