/**
 * One open project. Holds the project in memory (bodies included: a 150,000-word book is a few
 * megabytes), is the only writer of its folder while open (see project-lock), and writes every
 * change straight through to disk atomically. All changes run one at a time through a queue,
 * so a version check and the write it guards can never be split by another save.
 *
 * Versions: each unit body has a version number, bumped whenever the body changes (a save, a
 * restore, a recovery, an outside edit). A save names the version it was based on and is
 * refused if that is not the current one, so a late save can never undo newer text. Numbers
 * start from the clock at open, so a version held over from an earlier run is refused too.
 */
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { BibleEntry, ProjectMeta, Unit, UnitMeta } from "../../shared/domain/project";
import { BibleStore, type BibleEntryInput, type BibleEntryPatch } from "./bible-store";
import { countUnitForLanguage, countWords, type CountUnit } from "../../shared/text/count-words";
import { isTempFileName, writeFileAtomic } from "./atomic-write";
import { errorMessage, InvalidOperationError, NotFoundError, ProjectFileError, StaleVersionError, type FileProblem } from "./errors";
import { parseUnitText, serializeUnit } from "./file-codec";
import { newId, safeFileTitle, sha256 } from "./ids";
import { Journal, JournalWriter } from "./journal";
import { ProjectLock, type AppKind } from "./project-lock";
import {
  arrangeUnits,
  ensureProjectDirs,
  loadFile,
  readQuireJson,
  scanBibleFiles,
  scanUnitFiles,
  serializeQuireJson,
  unitFileName,
  writeNewProject,
  type LoadedFile,
} from "./project-files";
import { BIBLE_DIR, BRIEF_FILE, JOURNAL_DIR, MANUSCRIPT_DIR, PLAN_FILE, PROJECT_EXTENSION, QUIRE_JSON, abs, rel } from "./project-layout";
import { addWordsToHistory, localDate, newProjectMeta, type NewProjectOptions } from "./project-meta";
import { describeIssues, projectMetaSchema } from "./schemas";
import { Snapshots, type Snapshot, type SnapshotInfo, type SnapshotReason } from "./snapshots";
import { diffTexts, type DiffGranularity, type TextDiff } from "./text-diff";
import { Trash, type TrashEntry } from "./trash";
import { arrangeTree, subtreeIds } from "../../shared/domain/unit-tree";
import { FolderWatcher } from "./watcher";

export type StoreEvent =
  /** changed outside Quire with no unsaved edits here: reloaded; read it again for the new body and version */
  | { type: "unit-changed-on-disk"; id: string }
  /** changed outside Quire while it had unsaved edits here: the disk text is now current (the edits' base version is stale) */
  | { type: "conflict"; id: string }
  /** its file vanished; the unit stays open with its last text and a save writes the file again */
  | { type: "unit-removed-on-disk"; id: string }
  | { type: "unit-added-on-disk"; id: string }
  /** the tree or a unit's metadata changed from outside: read units() again */
  | { type: "units-changed" }
  | { type: "bible-changed-on-disk"; id: string }
  | { type: "bible-removed-on-disk"; id: string }
  | { type: "meta-changed-on-disk" }
  | { type: "problem"; problem: FileProblem };

export interface OpenOptions {
  /** who is opening, for the lock message another process sees */
  app?: AppKind;
  /** watch the folders for outside edits (default true) */
  watch?: boolean;
  /** also look for outside edits every pollMs (default 0: fs.watch only) */
  pollMs?: number;
  /** how long the journal waits before writing unsaved edits (default 1000 ms) */
  journalDelayMs?: number;
}

export interface UnitWithVersion extends Unit {
  version: number;
}

export interface RecoveryEntry {
  unitId: string;
  title: string;
  journalBody: string;
  /** the unit's text on disk now ("" if the unit no longer exists) */
  diskBody: string;
  /** when the unsaved edit was made */
  savedAt: string;
  /** the file changed after these edits began (an outside edit), so taking them back replaces that change */
  diskChanged: boolean;
}

export type UnitMetaPatch = Partial<Pick<UnitMeta, "title" | "synopsis" | "targetWords" | "targetPinned" | "status" | "notes" | "level">>;
export type ProjectMetaPatch = Partial<Omit<ProjectMeta, "schemaVersion" | "id" | "createdAt" | "updatedAt" | "history">>;
export type { BibleEntryInput, BibleEntryPatch } from "./bible-store";

interface UnitState {
  fileName: string;
  unit: Unit;
  extra: Record<string, unknown>;
  /** sha256 of the file as we last read or wrote it; an outside edit shows as a different hash */
  hash: string;
  version: number;
  /** the file is gone from disk; the text lives on here until saved again */
  missing: boolean;
  /** mtime and size when the file last matched `hash`: an unchanged stamp spares reading it again */
  stamp?: string;
}


export class ProjectStore {
  private readonly units_ = new Map<string, UnitState>();
  private readonly bible: BibleStore;
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private readonly problems_: FileProblem[] = [];
  private readonly recovery = new Map<string, RecoveryEntry>();
  private readonly journal: Journal;
  private readonly journalWriter: JournalWriter;
  private readonly snapshots: Snapshots;
  private readonly trash: Trash;
  private watcher: FolderWatcher | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lastVersion = Date.now();
  private quireHash = "";
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly lock: ProjectLock,
    private meta_: ProjectMeta,
    private metaExtra: Record<string, unknown>,
    journalDelayMs: number,
  ) {
    this.journal = new Journal(dir);
    this.journalWriter = new JournalWriter(this.journal, journalDelayMs, (e) =>
      this.report({ file: JOURNAL_DIR, message: `unsaved edits could not be written to ${JOURNAL_DIR} (${errorMessage(e)})` }),
    );
    this.snapshots = new Snapshots(dir, () => this.countUnit());
    this.trash = new Trash(dir);
    this.bible = new BibleStore(dir);
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
      const store = new ProjectStore(dir, lock, quire.meta, quire.extra, options.journalDelayMs ?? 1000);
      await store.load();
      if (options.watch ?? true) store.startWatching(options.pollMs ?? 0);
      return store;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  private async load(): Promise<void> {
    this.quireHash = sha256(await readFile(join(this.dir, QUIRE_JSON)));
    await ensureProjectDirs(this.dir);
    await this.removeInterruptedSaves();
    const unitScan = await scanUnitFiles(this.dir);
    const arranged = arrangeUnits(unitScan.files);
    for (const f of arranged.units) this.units_.set(f.value.id, this.unitState(f));
    const bibleScan = await scanBibleFiles(this.dir);
    this.bible.load(bibleScan.files);
    this.problems_.push(...unitScan.problems, ...arranged.problems, ...bibleScan.problems);

    const { entries, problems } = await this.journal.list();
    this.problems_.push(...problems);
    for (const entry of entries) {
      const state = this.units_.get(entry.unitId);
      const diskBody = state?.unit.body ?? "";
      if (entry.body === diskBody) {
        await this.journal.remove(entry.unitId); // already saved: nothing to offer
        continue;
      }
      this.recovery.set(entry.unitId, {
        unitId: entry.unitId,
        title: state?.unit.title ?? "Unit no longer in the project",
        journalBody: entry.body,
        diskBody,
        savedAt: entry.savedAt,
        diskChanged: entry.baseHash !== null && entry.baseHash !== sha256(diskBody),
      });
    }
    this.journalWriter.adopt(this.recovery.keys());
  }

  /** A temp file left by a save that was killed never became the file; we hold the lock, so nobody else is writing it. */
  private async removeInterruptedSaves(): Promise<void> {
    for (const sub of [MANUSCRIPT_DIR, BIBLE_DIR, JOURNAL_DIR, ""]) {
      const folder = sub ? abs(this.dir, sub) : this.dir;
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        if (isTempFileName(name)) await rm(join(folder, name), { force: true });
      }
    }
  }

  private unitState(f: LoadedFile<Unit>): UnitState {
    return { fileName: f.fileName, unit: f.value, extra: f.extra, hash: f.hash, version: this.bump(), missing: false };
  }

  private startWatching(pollMs: number): void {
    this.watcher = new FolderWatcher(
      [abs(this.dir, MANUSCRIPT_DIR), abs(this.dir, BIBLE_DIR), this.dir],
      () => void this.checkDisk().catch((e) => this.report({ file: MANUSCRIPT_DIR, message: `checking for outside changes failed: ${errorMessage(e)}` })),
      { pollMs },
    );
    this.watcher.start();
  }

  /** Writes pending journal entries, waits for queued writes, releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.watcher?.close();
    await this.serial(async () => {
      await this.journalWriter.close();
      this.closed = true;
    });
    await this.lock.release();
    this.listeners.clear();
  }

  // ── events and problems ─────────────────────────────────────────────

  onEvent(cb: (e: StoreEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(e: StoreEvent): void {
    for (const cb of this.listeners) {
      try {
        cb(e);
      } catch {
        /* a listener's bug must not break the store */
      }
    }
  }

  private report(problem: FileProblem): void {
    // The watcher looks again on every change; say each thing once.
    if (this.problems_.some((p) => p.file === problem.file && p.message === problem.message)) return;
    this.problems_.push(problem);
    this.emit({ type: "problem", problem });
  }

  /** Files that could not be used, each named; the rest of the project is open. */
  problems(): FileProblem[] {
    return [...this.problems_];
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
    const text = serializeQuireJson(meta, this.metaExtra);
    const previous = this.quireHash;
    this.quireHash = sha256(text);
    try {
      await writeFileAtomic(join(this.dir, QUIRE_JSON), text);
    } catch (e) {
      this.quireHash = previous;
      throw e;
    }
    this.meta_ = meta;
  }

  // ── units ───────────────────────────────────────────────────────────

  /** Every unit's metadata in document order (depth first, siblings by order). */
  units(): UnitMeta[] {
    const { ordered } = arrangeTree([...this.units_.values()].map((s) => s.unit));
    return ordered.map(({ body: _body, ...meta }) => meta);
  }

  /** Words per unit, with the project's counter. */
  wordCounts(): Record<string, number> {
    const unit = this.countUnit();
    const out: Record<string, number> = {};
    for (const [id, s] of this.units_) out[id] = countWords(s.unit.body, unit);
    return out;
  }

  /** The unit with its body and the version a save must name. Served from memory, so it works even if the file was deleted. */
  async readUnit(id: string): Promise<UnitWithVersion> {
    const s = this.unitOrThrow(id);
    return { ...s.unit, version: s.version };
  }

  readUnitWithVersion(id: string): Promise<UnitWithVersion> {
    return this.readUnit(id);
  }

  /** Where a unit's file is (it keeps its name for the unit's life; the UI shows it, never sends it back). */
  unitFilePath(id: string): string {
    return abs(this.dir, rel(MANUSCRIPT_DIR, this.unitOrThrow(id).fileName));
  }

  createUnit(input: { parentId: string | null; level: number; title: string; index?: number }): Promise<UnitMeta> {
    return this.serial(async () => {
      if (input.parentId !== null) this.unitOrThrow(input.parentId);
      let id = newId("u");
      while (this.units_.has(id)) id = newId("u");
      const unit: Unit = { id, parentId: input.parentId, level: input.level, order: 0, title: input.title, synopsis: "", targetWords: null, status: "todo", notes: "", body: "" };
      const state: UnitState = { fileName: unitFileName(unit), unit, extra: {}, hash: "", version: this.bump(), missing: false };
      const siblings = this.children(input.parentId);
      siblings.splice(clampIndex(input.index, siblings.length), 0, state);
      this.units_.set(id, state);
      await this.writeUnitFile(state);
      await this.renumber(siblings);
      return this.metaOf(state);
    });
  }

  updateUnit(id: string, patch: UnitMetaPatch): Promise<UnitMeta> {
    return this.serial(async () => {
      const s = this.unitOrThrow(id);
      const next = { ...s.unit };
      if (patch.title !== undefined) next.title = patch.title;
      if (patch.synopsis !== undefined) next.synopsis = patch.synopsis;
      if (patch.targetWords !== undefined) next.targetWords = patch.targetWords;
      if (patch.targetPinned !== undefined) next.targetPinned = patch.targetPinned || undefined;
      if (patch.status !== undefined) next.status = patch.status;
      if (patch.notes !== undefined) next.notes = patch.notes;
      if (patch.level !== undefined) next.level = patch.level;
      await this.replaceUnit(s, next);
      return this.metaOf(s);
    });
  }

  /** Moves a unit (with everything under it) to `index` among the children of `newParentId` (null: top level). */
  moveUnit(id: string, newParentId: string | null, index: number, level?: number): Promise<UnitMeta[]> {
    return this.serial(async () => {
      const s = this.unitOrThrow(id);
      if (newParentId !== null) {
        this.unitOrThrow(newParentId);
        if (subtreeIds(this.allUnits(), id).includes(newParentId)) throw new InvalidOperationError("A unit cannot be moved inside itself.");
      }
      const oldSiblings = this.children(s.unit.parentId).filter((x) => x !== s);
      const newSiblings = newParentId === s.unit.parentId ? oldSiblings : this.children(newParentId);
      newSiblings.splice(clampIndex(index, newSiblings.length), 0, s);
      if (s.unit.parentId !== newParentId || (level !== undefined && level !== s.unit.level)) {
        await this.replaceUnit(s, { ...s.unit, parentId: newParentId, level: level ?? s.unit.level });
      }
      await this.renumber(oldSiblings);
      await this.renumber(newSiblings);
      return this.units();
    });
  }

  /** Moves the unit and everything under it to the project trash, from where restoreUnit brings it back. */
  trashUnit(id: string): Promise<UnitMeta[]> {
    return this.serial(async () => {
      const s = this.unitOrThrow(id);
      const ids = subtreeIds(this.allUnits(), id);
      const states = ids.map((x) => this.units_.get(x)!);
      // Write each file as it is in memory first, so what goes to the trash is the latest text.
      for (const st of states) if (st.missing) await this.writeUnitFile(st);
      // Unsaved edits of trashed units become snapshots, so the next open does not offer text for units that are gone.
      for (const st of states) await this.setAsideUnsavedEdit(st);
      await this.trash.put({ id, title: s.unit.title, trashedAt: new Date().toISOString(), parentId: s.unit.parentId, order: s.unit.order, files: states.map((st) => st.fileName) });
      for (const x of ids) this.units_.delete(x);
      await this.renumber(this.children(s.unit.parentId));
      return this.units();
    });
  }

  async listTrash(): Promise<{ id: string; title: string; trashedAt: string }[]> {
    return (await this.trash.list()).map(({ id, title, trashedAt }) => ({ id, title, trashedAt }));
  }

  /** Brings a trashed unit back where it was (at the top level if its parent is gone). */
  restoreUnit(id: string): Promise<UnitMeta[]> {
    return this.serial(async () => {
      const entry: TrashEntry = await this.trash.read(id);
      if (this.units_.has(id)) throw new InvalidOperationError(`Unit ${id} is already in the project.`);
      await this.trash.takeBack(entry);
      const restored: UnitState[] = [];
      for (const fileName of entry.files) {
        const loaded = await loadFile(this.dir, MANUSCRIPT_DIR, fileName, parseUnitText);
        if ("error" in loaded) {
          if (loaded.error) this.report({ file: rel(MANUSCRIPT_DIR, fileName), message: `${rel(MANUSCRIPT_DIR, fileName)} ${loaded.error}` });
          continue;
        }
        if (this.units_.has(loaded.file.value.id)) continue;
        const st: UnitState = { fileName, unit: loaded.file.value, extra: loaded.file.extra, hash: loaded.file.hash, version: this.bump(), missing: false };
        this.units_.set(st.unit.id, st);
        restored.push(st);
      }
      const root = this.units_.get(id);
      if (root) {
        const parentId = entry.parentId !== null && this.units_.has(entry.parentId) ? entry.parentId : null;
        if (parentId !== root.unit.parentId) await this.replaceUnit(root, { ...root.unit, parentId });
        const siblings = this.children(parentId).filter((x) => x !== root);
        siblings.splice(clampIndex(entry.order, siblings.length), 0, root);
        await this.renumber(siblings);
      }
      return this.units();
    });
  }

  /**
   * Saves a unit's body if `baseVersion` is still current; otherwise throws StaleVersionError
   * and writes nothing. Returns the new version.
   */
  saveUnitBody(id: string, body: string, baseVersion: number): Promise<{ version: number }> {
    return this.serial(async () => {
      const s = this.unitOrThrow(id);
      await this.syncFromDisk(s); // an outside edit since the last check makes this save stale
      if (s.version !== baseVersion) throw new StaleVersionError(id, baseVersion, s.version);
      if (body !== s.unit.body || s.missing) {
        await this.replaceUnit(s, { ...s.unit, body });
        s.version = this.bump();
      }
      await this.journalWriter.settle(id, body);
      return { version: s.version };
    });
  }

  /** For automated edits: snapshots the current text first, then saves like saveUnitBody. */
  async rewriteUnitBody(id: string, body: string, baseVersion: number, reason: SnapshotReason = "before-rewrite"): Promise<{ version: number; snapshot: SnapshotInfo }> {
    return this.serial(async () => {
      const s = this.unitOrThrow(id);
      await this.syncFromDisk(s); // an outside edit since the last check makes this save stale
      if (s.version !== baseVersion) throw new StaleVersionError(id, baseVersion, s.version);
      const snapshot = await this.snapshots.create(s.unit, reason);
      await this.replaceUnit(s, { ...s.unit, body });
      s.version = this.bump();
      return { version: s.version, snapshot };
    });
  }

  // ── the journal of unsaved edits ────────────────────────────────────

  /** The editor calls this on every change; the text reaches `.quire/journal/` within about a second. */
  stageUnsavedEdit(id: string, body: string, baseVersion: number): void {
    if (this.closed) throw new InvalidOperationError("The project is closed.");
    const s = this.unitOrThrow(id);
    const pending = this.recovery.get(id);
    if (pending) {
      // The writer is typing over a unit whose crash-recovered text was never dealt with: keep that text as a snapshot.
      this.recovery.delete(id);
      void this.snapshots.create({ id, title: pending.title, body: pending.journalBody }, "recovery-set-aside").catch(() => undefined);
    }
    if (baseVersion === s.version && body === s.unit.body) {
      // typed back to what the file holds (a word added then deleted): nothing is unsaved, so
      // an outside edit now reloads instead of raising a conflict over identical text
      void this.journalWriter.clear(id).catch((e) => this.report({ file: JOURNAL_DIR, message: `the journal entry could not be removed (${errorMessage(e)})` }));
      return;
    }
    this.journalWriter.stage(id, body, baseVersion === s.version ? sha256(s.unit.body) : null);
  }

  /**
   * The writer chose the text on disk over their unsaved edits (after a conflict, say): the
   * journal entry goes, kept as a snapshot rather than lost.
   */
  discardUnsavedEdit(id: string): Promise<void> {
    return this.serial(() => this.setAsideUnsavedEdit(this.unitOrThrow(id)));
  }

  private async setAsideUnsavedEdit(s: UnitState): Promise<void> {
    if (!this.journalWriter.hasUnsaved(s.unit.id)) return;
    await this.journalWriter.flush();
    const entry = await this.journal.read(s.unit.id);
    if (entry && entry.body !== s.unit.body) await this.snapshots.create({ id: s.unit.id, title: s.unit.title, body: entry.body }, "unsaved-edits-set-aside");
    await this.journalWriter.drop(s.unit.id);
  }

  /** Writes staged journal entries now (on blur, before quitting). */
  flushJournal(): Promise<void> {
    return this.journalWriter.flush();
  }

  /** Edits found in the journal on open that never reached the unit files. */
  pendingRecovery(): RecoveryEntry[] {
    return [...this.recovery.values()].map((r) => ({ ...r }));
  }

  /** Takes the journal text back into the unit (snapshotting the disk text first). Returns the new version. */
  applyRecovery(unitId: string): Promise<{ version: number }> {
    return this.serial(async () => {
      const r = this.recovery.get(unitId);
      if (!r) throw new NotFoundError("recovery", unitId);
      let s = this.units_.get(unitId);
      if (!s) {
        // The unit is gone (trashed or deleted outside): the text comes back as a new top-level unit.
        const unit: Unit = { id: unitId, parentId: null, level: 0, order: this.children(null).length, title: "Recovered text", synopsis: "", targetWords: null, status: "draft", notes: "", body: "" };
        s = { fileName: unitFileName({ id: unitId, title: `recovered-${unitId}` }), unit, extra: {}, hash: "", version: this.bump(), missing: true };
        this.units_.set(unitId, s);
      } else {
        await this.snapshots.create(s.unit, "before-recovery");
      }
      await this.replaceUnit(s, { ...s.unit, body: r.journalBody });
      s.version = this.bump();
      this.recovery.delete(unitId);
      await this.journalWriter.drop(unitId);
      return { version: s.version };
    });
  }

  /** Declines the journal text; it is kept as a snapshot of the unit, not thrown away. */
  discardRecovery(unitId: string): Promise<void> {
    return this.serial(async () => {
      const r = this.recovery.get(unitId);
      if (!r) throw new NotFoundError("recovery", unitId);
      await this.snapshots.create({ id: unitId, title: r.title, body: r.journalBody }, "recovery-set-aside");
      this.recovery.delete(unitId);
      await this.journalWriter.drop(unitId);
    });
  }

  // ── snapshots ───────────────────────────────────────────────────────

  createSnapshot(unitId: string, reason: SnapshotReason = "manual"): Promise<SnapshotInfo> {
    return this.serial(() => this.snapshots.create(this.unitOrThrow(unitId).unit, reason));
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
    const after = options.againstSnapshotId ? (await this.snapshots.read(unitId, options.againstSnapshotId)).body : this.unitOrThrow(unitId).unit.body;
    return diffTexts(before.body, after, options.granularity ?? "words");
  }

  /** Puts a snapshot's text back, snapshotting the current text first so the restore can itself be undone. */
  restoreSnapshot(unitId: string, snapshotId: string): Promise<{ body: string; version: number; snapshot: SnapshotInfo }> {
    return this.serial(async () => {
      const s = this.unitOrThrow(unitId);
      const snap = await this.snapshots.read(unitId, snapshotId);
      const snapshot = await this.snapshots.create(s.unit, "before-restore");
      await this.replaceUnit(s, { ...s.unit, body: snap.body });
      s.version = this.bump();
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
    return readFile(join(this.dir, BRIEF_FILE), "utf8").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return "";
      throw new ProjectFileError(join(this.dir, BRIEF_FILE), `cannot be read (${e.code ?? e.message})`);
    });
  }

  writeBrief(text: string): Promise<void> {
    return this.serial(() => writeFileAtomic(join(this.dir, BRIEF_FILE), text));
  }

  /** The engine's plan, or null if there is none yet. Its shape belongs to the engine. */
  async readPlan(): Promise<unknown> {
    const file = join(this.dir, PLAN_FILE);
    const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return null;
      throw new ProjectFileError(file, `cannot be read (${e.code ?? e.message})`);
    });
    if (text === null) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new ProjectFileError(file, `is not valid JSON (${errorMessage(e)})`);
    }
  }

  writePlan(plan: unknown): Promise<void> {
    return this.serial(() => writeFileAtomic(join(this.dir, PLAN_FILE), `${JSON.stringify(plan, null, 2)}\n`));
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
      await this.checkUnits();
      for (const change of await this.bible.checkDisk()) this.emit(change);
    });
  }

  private async checkQuireJson(): Promise<void> {
    const bytes = await readFile(join(this.dir, QUIRE_JSON)).catch(() => null);
    if (bytes === null || sha256(bytes) === this.quireHash) return;
    this.quireHash = sha256(bytes);
    try {
      const { meta, extra } = await readQuireJson(this.dir);
      this.meta_ = meta;
      this.metaExtra = extra;
      this.emit({ type: "meta-changed-on-disk" });
    } catch (e) {
      this.report({ file: QUIRE_JSON, message: `${errorMessage(e)}; Quire keeps the settings it had and will write them back on the next change` });
    }
  }

  private async checkUnits(): Promise<void> {
    const names = new Set(await this.listFolder(MANUSCRIPT_DIR));
    const byFile = new Map([...this.units_.values()].map((s) => [s.fileName, s]));
    let treeChanged = false;

    // New files first, so a file renamed outside Quire is followed rather than reported as removed.
    for (const name of names) {
      if (byFile.has(name)) continue;
      const file = rel(MANUSCRIPT_DIR, name);
      const loaded = await loadFile(this.dir, MANUSCRIPT_DIR, name, parseUnitText);
      if ("error" in loaded) {
        if (loaded.error) this.report({ file, message: `${file} ${loaded.error}; it was not opened and is left as it is` });
        continue;
      }
      const id = loaded.file.value.id;
      const existing = this.units_.get(id);
      if (existing && (existing.missing || !names.has(existing.fileName))) {
        existing.fileName = name;
        existing.missing = false;
        this.takeFromDisk(existing, loaded.file, false);
        treeChanged = true;
        continue;
      }
      if (existing) {
        this.report({ file, message: `${file} has the same id (${id}) as ${rel(MANUSCRIPT_DIR, existing.fileName)}; it was not opened and is left as it is` });
        continue;
      }
      for (const w of loaded.warnings) this.report({ file, message: `${file} ${w}` });
      this.units_.set(id, this.unitState(loaded.file));
      this.emit({ type: "unit-added-on-disk", id });
      treeChanged = true;
    }

    for (const s of byFile.values()) {
      const file = rel(MANUSCRIPT_DIR, s.fileName);
      if (this.units_.get(s.unit.id) !== s || !byFile.has(s.fileName)) continue;
      if (!names.has(s.fileName)) {
        if (!s.missing) {
          s.missing = true;
          s.stamp = undefined;
          this.report({ file, message: `${file} was removed outside Quire; its text is still open and the next save writes it again` });
          this.emit({ type: "unit-removed-on-disk", id: s.unit.id });
        }
        continue;
      }
      const stamp = await this.stampOf(s.fileName);
      if (stamp !== undefined && stamp === s.stamp && !s.missing) continue;
      const loaded = await loadFile(this.dir, MANUSCRIPT_DIR, s.fileName, parseUnitText);
      if ("error" in loaded) {
        if (loaded.error) this.report({ file, message: `${file} ${loaded.error}; Quire keeps the text it had` });
        continue;
      }
      const wasMissing = s.missing;
      s.missing = false;
      if (loaded.file.hash === s.hash) {
        s.stamp = stamp; // verified as what we wrote or read: skip it next time until it changes
        if (wasMissing) this.emit({ type: "unit-changed-on-disk", id: s.unit.id });
        continue;
      }
      if (loaded.file.value.id !== s.unit.id) {
        this.report({ file, message: `${file}: its id was changed outside Quire; Quire keeps ${s.unit.id}` });
        loaded.file.value.id = s.unit.id;
      }
      if (await this.takeFromDisk(s, loaded.file, true)) treeChanged = true;
      s.stamp = stamp;
    }
    if (treeChanged) this.emit({ type: "units-changed" });
  }

  /**
   * Brings a unit's file content in. With unsaved edits here and a new body there, both sides
   * changed: the disk text becomes current, both disk texts are kept as snapshots and the
   * editor's text stays in the journal; the writer decides. Returns whether the metadata changed.
   */
  private async takeFromDisk(s: UnitState, f: LoadedFile<Unit>, checkConflict: boolean): Promise<boolean> {
    const next = f.value;
    const bodyChanged = next.body !== s.unit.body;
    const metaChanged = JSON.stringify({ ...next, body: "" }) !== JSON.stringify({ ...s.unit, body: "" });
    const conflict = checkConflict && bodyChanged && this.journalWriter.hasUnsaved(s.unit.id);
    if (conflict) {
      await this.snapshots.create(s.unit, "before-external-change");
      await this.snapshots.create(next, "external-change");
    }
    s.unit = next;
    s.extra = f.extra;
    s.hash = f.hash;
    if (bodyChanged) s.version = this.bump();
    this.emit(conflict ? { type: "conflict", id: next.id } : { type: "unit-changed-on-disk", id: next.id });
    return metaChanged;
  }

  /** Checks one unit's file against what we last read or wrote, taking in an outside change. */
  private async syncFromDisk(s: UnitState): Promise<void> {
    if (s.missing || s.hash === "") return; // no file yet, or gone: the next write creates it
    const file = rel(MANUSCRIPT_DIR, s.fileName);
    const stamp = await this.stampOf(s.fileName);
    if (stamp === undefined) {
      s.missing = true;
      this.report({ file, message: `${file} was removed outside Quire; its text is still open and the next save writes it again` });
      this.emit({ type: "unit-removed-on-disk", id: s.unit.id });
      return;
    }
    if (stamp === s.stamp) return;
    const loaded = await loadFile(this.dir, MANUSCRIPT_DIR, s.fileName, parseUnitText);
    if ("error" in loaded) {
      if (loaded.error) this.report({ file, message: `${file} ${loaded.error}; Quire keeps the text it had` });
      return;
    }
    if (loaded.file.hash !== s.hash) {
      loaded.file.value.id = s.unit.id;
      if (await this.takeFromDisk(s, loaded.file, true)) this.emit({ type: "units-changed" });
    }
    s.stamp = stamp;
  }

  private async stampOf(fileName: string): Promise<string | undefined> {
    try {
      const st = await stat(abs(this.dir, rel(MANUSCRIPT_DIR, fileName)));
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return undefined;
    }
  }

  private async listFolder(sub: string): Promise<string[]> {
    const entries = await readdir(abs(this.dir, sub), { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile() && /\.md$/i.test(e.name) && !e.name.startsWith(".")).map((e) => e.name);
  }

  // ── internals ───────────────────────────────────────────────────────

  /** Runs `op` after every earlier change, so checks and the writes they guard never interleave. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new InvalidOperationError("The project is closed.");
      return op();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private bump(): number {
    return ++this.lastVersion;
  }

  private unitOrThrow(id: string): UnitState {
    const s = this.units_.get(id);
    if (!s) throw new NotFoundError("unit", id);
    return s;
  }

  private allUnits(): Unit[] {
    return [...this.units_.values()].map((s) => s.unit);
  }

  /** Children of `parentId` in their current order. */
  private children(parentId: string | null): UnitState[] {
    return [...this.units_.values()].filter((s) => s.unit.parentId === parentId).sort((a, b) => a.unit.order - b.unit.order || a.unit.title.localeCompare(b.unit.title));
  }

  private metaOf(s: UnitState): UnitMeta {
    const { body: _body, ...meta } = s.unit;
    return meta;
  }

  /** Gives siblings orders 0..n-1 in the array's order, rewriting only the files whose order changed. */
  private async renumber(siblings: UnitState[]): Promise<void> {
    for (const [i, s] of siblings.entries()) if (s.unit.order !== i) await this.replaceUnit(s, { ...s.unit, order: i });
  }

  /**
   * Writes `next` as the unit's file. What the caller changed is applied on top of the file as
   * it is now: an outside edit that landed since the last check is taken in first, not overwritten.
   */
  private async replaceUnit(s: UnitState, next: Unit): Promise<void> {
    const changed = (Object.keys(next) as (keyof Unit)[]).filter((k) => next[k] !== s.unit[k]);
    await this.syncFromDisk(s);
    const previous = s.unit;
    s.unit = { ...s.unit };
    for (const k of changed) (s.unit as Record<keyof Unit, unknown>)[k] = next[k];
    try {
      await this.writeUnitFile(s);
    } catch (e) {
      s.unit = previous;
      throw e;
    }
  }

  /** The hash is recorded before the write, so a watcher event during the write sees it as ours. */
  private async writeUnitFile(s: UnitState): Promise<void> {
    const text = serializeUnit(s.unit, s.extra);
    const previous = s.hash;
    s.hash = sha256(text);
    try {
      await writeFileAtomic(abs(this.dir, rel(MANUSCRIPT_DIR, s.fileName)), text);
    } catch (e) {
      s.hash = previous;
      throw e;
    }
    s.missing = false;
  }

}

function clampIndex(index: number | undefined, length: number): number {
  if (index === undefined || !Number.isFinite(index)) return length;
  return Math.max(0, Math.min(length, Math.trunc(index)));
}
