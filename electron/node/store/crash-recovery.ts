/**
 * Crash recovery for an open project: the journal of unsaved edits is written while the
 * writer types (see journal.ts); on open, entries whose text never reached the unit file are
 * offered back, and whatever the writer declines is kept as a snapshot, never thrown away.
 */
import type { Unit } from "../../shared/domain/project";
import { errorMessage, NotFoundError } from "./errors";
import { sha256 } from "./ids";
import { Journal, journalKey, JournalWriter } from "./journal";
import { unitFileName } from "./project-files";
import { JOURNAL_DIR } from "./project-layout";
import type { Snapshots } from "./snapshots";
import type { StoreState, UnitState } from "./store-state";
import type { UnitFiles } from "./unit-files";

export interface RecoveryEntry {
  unitId: string;
  /** the client (tab, window) whose unsaved edits these were; null for one that gave no id */
  client: string | null;
  title: string;
  journalBody: string;
  /** the unit's text on disk now ("" if the unit no longer exists) */
  diskBody: string;
  /** when the unsaved edit was made */
  savedAt: string;
  /** the file changed after these edits began (an outside edit), so taking them back replaces that change */
  diskChanged: boolean;
}

export class CrashRecovery {
  private readonly recovery = new Map<string, RecoveryEntry>();
  private readonly journal: Journal;
  readonly writer: JournalWriter;

  constructor(
    private readonly state: StoreState,
    private readonly snapshots: Snapshots,
    journalDelayMs: number,
  ) {
    this.journal = new Journal(state.paths);
    this.writer = new JournalWriter(this.journal, journalDelayMs, (e) =>
      state.report({ file: JOURNAL_DIR, message: `unsaved edits could not be written to ${JOURNAL_DIR} (${errorMessage(e)})` }),
    );
  }

  /** Reads the journal on open (after the units are loaded): entries the files already hold go, the others are offered. */
  async load(): Promise<void> {
    const { entries, problems } = await this.journal.list();
    this.state.problems.push(...problems);
    for (const entry of entries) {
      const s = this.state.units.get(entry.unitId);
      const diskBody = s?.unit.body ?? "";
      if (entry.body === diskBody) {
        await this.journal.remove(entry.unitId, entry.client); // already saved: nothing to offer
        continue;
      }
      this.recovery.set(journalKey(entry.unitId, entry.client), {
        unitId: entry.unitId,
        client: entry.client,
        title: s?.unit.title ?? "Unit no longer in the project",
        journalBody: entry.body,
        diskBody,
        savedAt: entry.savedAt,
        diskChanged: entry.baseHash !== null && entry.baseHash !== sha256(diskBody),
      });
    }
    this.writer.adopt(this.recovery.values());
  }

  /** The editor calls this on every change; the text reaches `.quire/journal/` within about a second. */
  stage(id: string, client: string | null, body: string, baseVersion: number): void {
    const s = this.state.unitOrThrow(id);
    const key = journalKey(id, client);
    const pending = this.recovery.get(key);
    if (pending) {
      // This client types over its own crash-recovered text that was never dealt with: keep that text as a snapshot.
      this.recovery.delete(key);
      void this.snapshots.create({ id, title: pending.title, body: pending.journalBody }, "recovery-set-aside").catch(() => undefined);
    }
    if (baseVersion === s.version && body === s.unit.body) {
      // typed back to what the file holds (a word added then deleted): nothing is unsaved, so
      // an outside edit now reloads instead of raising a conflict over identical text
      void this.writer.clear(id, client).catch((e) => this.state.report({ file: JOURNAL_DIR, message: `the journal entry could not be removed (${errorMessage(e)})` }));
      return;
    }
    this.writer.stage(id, client, body, baseVersion === s.version ? sha256(s.unit.body) : null);
  }

  /** The unsaved edits of a unit, every client's, leave the journal as snapshots (the unit goes to the trash). */
  async setAside(s: UnitState): Promise<void> {
    if (!this.writer.hasUnsaved(s.unit.id)) return;
    await this.writer.flush();
    for (const client of this.writer.clientsOf(s.unit.id)) await this.setAsideOf(s, client);
  }

  /** One client's unsaved edits of a unit leave the journal as a snapshot (that client chose the disk text). */
  async setAsideOf(s: UnitState, client: string | null): Promise<void> {
    await this.writer.flush();
    const entry = await this.journal.read(s.unit.id, client);
    if (entry && entry.body !== s.unit.body) await this.snapshots.create({ id: s.unit.id, title: s.unit.title, body: entry.body }, "unsaved-edits-set-aside");
    await this.writer.drop(s.unit.id, client);
  }

  pending(): RecoveryEntry[] {
    return [...this.recovery.values()].map((r) => ({ ...r }));
  }

  /** Takes one client's journal text back into the unit (snapshotting the disk text first). Returns the new version. */
  async apply(unitId: string, client: string | null, units: UnitFiles): Promise<{ version: number }> {
    const { state } = this;
    const r = this.recovery.get(journalKey(unitId, client));
    if (!r) throw new NotFoundError("recovery", unitId);
    let s = state.units.get(unitId);
    if (!s) {
      // The unit is gone (trashed or deleted outside): the text comes back as a new top-level unit.
      const unit: Unit = { id: unitId, parentId: null, level: 0, order: state.children(null).length, title: "Recovered text", synopsis: "", targetWords: null, status: "draft", notes: "", body: "" };
      s = { fileName: unitFileName({ id: unitId, title: `recovered-${unitId}` }), unit, extra: {}, hash: "", version: state.bump(), missing: true };
      state.units.set(unitId, s);
    } else {
      await this.snapshots.create(s.unit, "before-recovery");
    }
    await units.replaceUnit(s, { ...s.unit, body: r.journalBody });
    s.version = state.bump();
    this.recovery.delete(journalKey(unitId, client));
    await this.writer.drop(unitId, client);
    return { version: s.version };
  }

  /** Declines the journal text; it is kept as a snapshot of the unit, not thrown away. */
  async discard(unitId: string, client: string | null): Promise<void> {
    const r = this.recovery.get(journalKey(unitId, client));
    if (!r) throw new NotFoundError("recovery", unitId);
    await this.snapshots.create({ id: unitId, title: r.title, body: r.journalBody }, "recovery-set-aside");
    this.recovery.delete(journalKey(unitId, client));
    await this.writer.drop(unitId, client);
  }
}
