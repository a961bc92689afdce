/**
 * The project folder against what the store holds: the scan on open, and the checks that
 * bring outside changes in. Files are compared with what the store last read or wrote by
 * content hash, so our own writes never count; clean units are reloaded, units with unsaved
 * edits are reported as conflicts, nothing is silently overwritten.
 */
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Unit } from "../../shared/domain/project";
import { isTempFileName } from "./atomic-write";
import { parseUnitText } from "./file-codec";
import { arrangeUnits, loadFile, scanUnitFiles, type LoadedFile } from "./project-files";
import { BIBLE_DIR, JOURNAL_DIR, MANUSCRIPT_DIR, rel } from "./project-layout";
import { OutsideProjectError } from "./project-paths";
import type { Snapshots } from "./snapshots";
import type { StoreState, UnitState } from "./store-state";

export class FolderSync {
  constructor(
    private readonly state: StoreState,
    private readonly snapshots: Snapshots,
    /** whether the writer has edits of this unit not yet saved (then an outside change is a conflict) */
    private readonly hasUnsaved: (unitId: string) => boolean,
  ) {}

  /** Reads manuscript/ into the state on open: every usable unit, each unusable file reported. */
  async loadUnits(): Promise<void> {
    await this.removeInterruptedSaves();
    const unitScan = await scanUnitFiles(this.state.paths);
    const arranged = arrangeUnits(unitScan.files);
    for (const f of arranged.units) this.state.units.set(f.value.id, this.unitState(f));
    this.state.addProblems([...unitScan.problems, ...arranged.problems]);
  }

  /** A temp file left by a save that was killed never became the file; we hold the lock, so nobody else is writing it. */
  private async removeInterruptedSaves(): Promise<void> {
    for (const sub of [MANUSCRIPT_DIR, BIBLE_DIR, JOURNAL_DIR, ""]) {
      const folder = await this.state.paths.resolve(sub).catch(() => null); // a folder leading outside is not ours to clean
      if (folder === null) continue;
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        if (isTempFileName(name)) await rm(join(folder, name), { force: true });
      }
    }
  }

  unitState(f: LoadedFile<Unit>): UnitState {
    return { fileName: f.fileName, unit: f.value, extra: f.extra, hash: f.hash, version: this.state.bump(), missing: false };
  }

  async checkUnits(): Promise<void> {
    const { state } = this;
    const listed = await this.listFolder(MANUSCRIPT_DIR);
    if (listed === null) return;
    const names = new Set(listed);
    const byFile = new Map([...state.units.values()].map((s) => [s.fileName, s]));
    let treeChanged = false;

    // New files first, so a file renamed outside Quire is followed rather than reported as removed.
    for (const name of names) {
      if (byFile.has(name)) continue;
      const file = rel(MANUSCRIPT_DIR, name);
      const loaded = await loadFile(state.paths, MANUSCRIPT_DIR, name, parseUnitText);
      if ("error" in loaded) {
        if (loaded.error) state.report({ file, message: `${file} ${loaded.error}; it was not opened and is left as it is` });
        continue;
      }
      const id = loaded.file.value.id;
      const existing = state.units.get(id);
      if (existing && (existing.missing || !names.has(existing.fileName))) {
        existing.fileName = name;
        existing.missing = false;
        this.takeFromDisk(existing, loaded.file, false);
        treeChanged = true;
        continue;
      }
      if (existing) {
        state.report({ file, message: `${file} has the same id (${id}) as ${rel(MANUSCRIPT_DIR, existing.fileName)}; it was not opened and is left as it is` });
        continue;
      }
      for (const w of loaded.warnings) state.report({ file, message: `${file} ${w}` });
      state.units.set(id, this.unitState(loaded.file));
      state.emit({ type: "unit-added-on-disk", id });
      treeChanged = true;
    }

    for (const s of byFile.values()) {
      const file = rel(MANUSCRIPT_DIR, s.fileName);
      if (state.units.get(s.unit.id) !== s || !byFile.has(s.fileName)) continue;
      if (!names.has(s.fileName)) {
        if (!s.missing) {
          s.missing = true;
          s.stamp = undefined;
          state.report({ file, message: `${file} was removed outside Quire; its text is still open and the next save writes it again` });
          state.emit({ type: "unit-removed-on-disk", id: s.unit.id });
        }
        continue;
      }
      const stamp = await this.stampOf(s.fileName);
      if (stamp !== undefined && stamp === s.stamp && !s.missing) continue;
      const loaded = await loadFile(state.paths, MANUSCRIPT_DIR, s.fileName, parseUnitText);
      if ("error" in loaded) {
        if (loaded.error) state.report({ file, message: `${file} ${loaded.error}; Quire keeps the text it had` });
        continue;
      }
      const wasMissing = s.missing;
      s.missing = false;
      if (loaded.file.hash === s.hash) {
        s.stamp = stamp; // verified as what we wrote or read: skip it next time until it changes
        if (wasMissing) state.emit({ type: "unit-changed-on-disk", id: s.unit.id });
        continue;
      }
      if (loaded.file.value.id !== s.unit.id) {
        state.report({ file, message: `${file}: its id was changed outside Quire; Quire keeps ${s.unit.id}` });
        loaded.file.value.id = s.unit.id;
      }
      if (await this.takeFromDisk(s, loaded.file, true)) treeChanged = true;
      s.stamp = stamp;
    }
    if (treeChanged) state.emit({ type: "units-changed" });
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
    const conflict = checkConflict && bodyChanged && this.hasUnsaved(s.unit.id);
    if (conflict) {
      await this.snapshots.create(s.unit, "before-external-change");
      await this.snapshots.create(next, "external-change");
    }
    s.unit = next;
    s.extra = f.extra;
    s.hash = f.hash;
    if (bodyChanged) s.version = this.state.bump();
    this.state.emit(conflict ? { type: "conflict", id: next.id } : { type: "unit-changed-on-disk", id: next.id });
    return metaChanged;
  }

  /** Checks one unit's file against what we last read or wrote, taking in an outside change. */
  async syncFromDisk(s: UnitState): Promise<void> {
    const { state } = this;
    if (s.missing || s.hash === "") return; // no file yet, or gone: the next write creates it
    const file = rel(MANUSCRIPT_DIR, s.fileName);
    const stamp = await this.stampOf(s.fileName);
    if (stamp === undefined) {
      s.missing = true;
      state.report({ file, message: `${file} was removed outside Quire; its text is still open and the next save writes it again` });
      state.emit({ type: "unit-removed-on-disk", id: s.unit.id });
      return;
    }
    if (stamp === s.stamp) return;
    const loaded = await loadFile(state.paths, MANUSCRIPT_DIR, s.fileName, parseUnitText);
    if ("error" in loaded) {
      if (loaded.error) state.report({ file, message: `${file} ${loaded.error}; Quire keeps the text it had` });
      return;
    }
    if (loaded.file.hash !== s.hash) {
      loaded.file.value.id = s.unit.id;
      if (await this.takeFromDisk(s, loaded.file, true)) state.emit({ type: "units-changed" });
    }
    s.stamp = stamp;
  }

  private async stampOf(fileName: string): Promise<string | undefined> {
    try {
      const st = await stat(await this.state.paths.resolve(rel(MANUSCRIPT_DIR, fileName)));
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return undefined;
    }
  }

  /** The folder's Markdown files; null (reported) when the folder has become a link leading outside. */
  private async listFolder(sub: string): Promise<string[] | null> {
    let folder: string;
    try {
      folder = await this.state.paths.resolve(sub);
    } catch (e) {
      if (!(e instanceof OutsideProjectError)) throw e;
      this.state.report({ file: `${sub}/`, message: `${e.message}; Quire keeps the text it had` });
      return null;
    }
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile() && /\.md$/i.test(e.name) && !e.name.startsWith(".")).map((e) => e.name);
  }
}
