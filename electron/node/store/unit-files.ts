/**
 * The units of an open project and their files in manuscript/: the tree (create, move,
 * renumber, trash, restore) and the bodies (save, rewrite), each change written straight
 * through to disk atomically. ProjectStore runs every call here one at a time.
 */
import { rm } from "node:fs/promises";
import type { Unit, UnitMeta } from "../../shared/domain/project";
import { subtreeIds } from "../../shared/domain/unit-tree";
import { InvalidOperationError, StaleVersionError } from "./errors";
import { parseUnitText, serializeUnit } from "./file-codec";
import type { FolderSync } from "./folder-sync";
import { newId } from "./ids";
import { loadFile, unitFileName } from "./project-files";
import { MANUSCRIPT_DIR, rel } from "./project-layout";
import type { SnapshotInfo, SnapshotReason, Snapshots } from "./snapshots";
import { clampIndex, type StoreState, type UnitState } from "./store-state";
import type { Trash, TrashEntry } from "./trash";
import { writeTracked } from "./tracked-write";

export type UnitMetaPatch = Partial<Pick<UnitMeta, "title" | "synopsis" | "targetWords" | "targetPinned" | "status" | "notes" | "level">>;

export class UnitFiles {
  constructor(
    private readonly state: StoreState,
    private readonly sync: FolderSync,
    private readonly snapshots: Snapshots,
    private readonly trash: Trash,
  ) {}

  /** Versions of units in the trash (this session), with the text's hash they belong to. */
  private readonly trashedVersions = new Map<string, { version: number; hash: string }>();

  async create(input: { parentId: string | null; level: number; title: string; index?: number }): Promise<UnitMeta> {
    const { state } = this;
    if (input.parentId !== null) state.unitOrThrow(input.parentId);
    let id = newId("u");
    while (state.units.has(id)) id = newId("u");
    const unit: Unit = { id, parentId: input.parentId, level: input.level, order: 0, title: input.title, synopsis: "", targetWords: null, status: "todo", notes: "", body: "" };
    const s: UnitState = { fileName: unitFileName(unit), unit, extra: {}, hash: "", version: state.bump(), missing: false };
    const siblings = state.children(input.parentId);
    siblings.splice(clampIndex(input.index, siblings.length), 0, s);
    state.units.set(id, s);
    try {
      await this.writeUnitFile(s);
      await this.renumber(siblings);
    } catch (e) {
      // all or nothing: a unit the writer was told failed must not turn up later (its file may have
      // landed before a failed fsync or a neighbour's renumbering), and the neighbours keep their places
      state.units.delete(id);
      await rm(await state.paths.resolve(rel(MANUSCRIPT_DIR, s.fileName)), { force: true }).catch(() => undefined);
      await this.renumber(state.children(input.parentId)).catch(() => undefined);
      throw e;
    }
    return state.metaOf(s);
  }

  async update(id: string, patch: UnitMetaPatch): Promise<UnitMeta> {
    const s = this.state.unitOrThrow(id);
    const next = { ...s.unit };
    if (patch.title !== undefined) next.title = patch.title;
    if (patch.synopsis !== undefined) next.synopsis = patch.synopsis;
    if (patch.targetPinned !== undefined) next.targetPinned = patch.targetPinned || undefined;
    if (patch.targetWords !== undefined) next.targetWords = patch.targetWords;
    if (patch.targetPinned !== undefined) next.targetPinned = patch.targetPinned || undefined;
    if (patch.status !== undefined) next.status = patch.status;
    if (patch.notes !== undefined) next.notes = patch.notes;
    if (patch.level !== undefined) next.level = patch.level;
    await this.replaceUnit(s, next);
    return this.state.metaOf(s);
  }

  async move(id: string, newParentId: string | null, index: number, level?: number): Promise<void> {
    const { state } = this;
    const s = state.unitOrThrow(id);
    if (newParentId !== null) {
      state.unitOrThrow(newParentId);
      if (subtreeIds(state.allUnits(), id).includes(newParentId)) throw new InvalidOperationError("A unit cannot be moved inside itself.");
    }
    const oldSiblings = state.children(s.unit.parentId).filter((x) => x !== s);
    const newSiblings = newParentId === s.unit.parentId ? oldSiblings : state.children(newParentId);
    newSiblings.splice(clampIndex(index, newSiblings.length), 0, s);
    if (s.unit.parentId !== newParentId || (level !== undefined && level !== s.unit.level)) {
      await this.replaceUnit(s, { ...s.unit, parentId: newParentId, level: level ?? s.unit.level });
    }
    await this.renumber(oldSiblings);
    await this.renumber(newSiblings);
  }

  /** Moves the unit and everything under it to the project trash; `setAside` runs on each first (unsaved edits become snapshots). */
  async trashSubtree(id: string, setAside: (s: UnitState) => Promise<void>): Promise<void> {
    const { state } = this;
    const s = state.unitOrThrow(id);
    const ids = subtreeIds(state.allUnits(), id);
    const states = ids.map((x) => state.units.get(x)!);
    // Write each file as it is in memory first, so what goes to the trash is the latest text.
    for (const st of states) if (st.missing) await this.writeUnitFile(st);
    for (const st of states) await setAside(st);
    await this.trash.put({ id, title: s.unit.title, trashedAt: new Date().toISOString(), parentId: s.unit.parentId, order: s.unit.order, files: states.map((st) => st.fileName) });
    // a unit keeps its version in the trash: an editor still holding it saves on after an undo
    for (const st of states) this.trashedVersions.set(st.unit.id, { version: st.version, hash: st.hash });
    for (const x of ids) state.units.delete(x);
    await this.renumber(state.children(s.unit.parentId));
  }

  listTrash(): Promise<TrashEntry[]> {
    return this.trash.list();
  }

  /** Brings a trashed unit back where it was (at the top level if its parent is gone). */
  async restore(id: string): Promise<void> {
    const { state } = this;
    const entry: TrashEntry = await this.trash.read(id);
    if (state.units.has(id)) throw new InvalidOperationError(`Unit ${id} is already in the project.`);
    await this.trash.takeBack(entry);
    for (const fileName of entry.files) {
      const loaded = await loadFile(state.paths, MANUSCRIPT_DIR, fileName, parseUnitText);
      if ("error" in loaded) {
        if (loaded.error) state.report({ file: rel(MANUSCRIPT_DIR, fileName), message: `${rel(MANUSCRIPT_DIR, fileName)} ${loaded.error}` });
        continue;
      }
      if (state.units.has(loaded.file.value.id)) continue;
      // the same text comes back with the same version; a file changed while in the trash is a new one
      const kept = this.trashedVersions.get(loaded.file.value.id);
      this.trashedVersions.delete(loaded.file.value.id);
      const version = kept && kept.hash === loaded.file.hash ? kept.version : state.bump();
      const st: UnitState = { fileName, unit: loaded.file.value, extra: loaded.file.extra, hash: loaded.file.hash, version, missing: false };
      state.units.set(st.unit.id, st);
    }
    const root = state.units.get(id);
    if (root) {
      const parentId = entry.parentId !== null && state.units.has(entry.parentId) ? entry.parentId : null;
      if (parentId !== root.unit.parentId) await this.replaceUnit(root, { ...root.unit, parentId });
      const siblings = state.children(parentId).filter((x) => x !== root);
      siblings.splice(clampIndex(entry.order, siblings.length), 0, root);
      await this.renumber(siblings);
    }
  }

  /** Writes `body` if `baseVersion` is still current; otherwise throws StaleVersionError and writes nothing. */
  async saveBody(id: string, body: string, baseVersion: number): Promise<{ version: number }> {
    const s = this.state.unitOrThrow(id);
    await this.sync.syncFromDisk(s); // an outside edit since the last check makes this save stale
    if (s.version !== baseVersion) throw new StaleVersionError(id, baseVersion, s.version);
    if (body !== s.unit.body || s.missing) {
      await this.replaceUnit(s, { ...s.unit, body });
      s.version = this.state.bump();
    }
    return { version: s.version };
  }

  /** Snapshots the current text first, then saves like saveBody. */
  async rewriteBody(id: string, body: string, baseVersion: number, reason: SnapshotReason): Promise<{ version: number; snapshot: SnapshotInfo }> {
    const s = this.state.unitOrThrow(id);
    await this.sync.syncFromDisk(s); // an outside edit since the last check makes this save stale
    if (s.version !== baseVersion) throw new StaleVersionError(id, baseVersion, s.version);
    const snapshot = await this.snapshots.create(s.unit, reason);
    await this.replaceUnit(s, { ...s.unit, body });
    s.version = this.state.bump();
    return { version: s.version, snapshot };
  }

  /** Gives siblings orders 0..n-1 in the array's order, rewriting only the files whose order changed. */
  private async renumber(siblings: UnitState[]): Promise<void> {
    for (const [i, s] of siblings.entries()) if (s.unit.order !== i) await this.replaceUnit(s, { ...s.unit, order: i });
  }

  /**
   * Writes `next` as the unit's file. What the caller changed is applied on top of the file as
   * it is now: an outside edit that landed since the last check is taken in first, not overwritten.
   */
  async replaceUnit(s: UnitState, next: Unit): Promise<void> {
    const changed = (Object.keys(next) as (keyof Unit)[]).filter((k) => next[k] !== s.unit[k]);
    await this.sync.syncFromDisk(s);
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

  async writeUnitFile(s: UnitState): Promise<void> {
    await writeTracked(s, await this.state.paths.resolve(rel(MANUSCRIPT_DIR, s.fileName)), serializeUnit(s.unit, s.extra));
    s.missing = false;
  }
}
