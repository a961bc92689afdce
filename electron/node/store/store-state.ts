/**
 * What the parts of an open project share: the units in memory (bodies included), their
 * version numbers, and the listeners and problems the store reports to. The unit files, the
 * disk checks and crash recovery each work on this one state; ProjectStore owns it.
 *
 * Versions: each unit body has a version number, bumped whenever the body changes (a save, a
 * restore, a recovery, an outside edit). Numbers start from the clock at open, so a version
 * held over from an earlier run is refused too.
 */
import type { Unit, UnitMeta } from "../../shared/domain/project";
import { NotFoundError, type FileProblem } from "./errors";
import { checkId } from "./ids";
import type { ProjectPaths } from "./project-paths";

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

export interface UnitState {
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

export class StoreState {
  readonly units = new Map<string, UnitState>();
  readonly listeners = new Set<(e: StoreEvent) => void>();
  readonly problems: FileProblem[] = [];
  private lastVersion = Date.now();

  constructor(readonly paths: ProjectPaths) {}

  get dir(): string {
    return this.paths.dir;
  }

  bump(): number {
    return ++this.lastVersion;
  }

  emit(e: StoreEvent): void {
    for (const cb of this.listeners) {
      try {
        cb(e);
      } catch {
        /* a listener's bug must not break the store */
      }
    }
  }

  /** Problems found while opening, each said once (two checks may meet the same link). */
  addProblems(problems: FileProblem[]): void {
    for (const p of problems) if (!this.problems.some((q) => q.file === p.file && q.message === p.message)) this.problems.push(p);
  }

  report(problem: FileProblem): void {
    // The watcher looks again on every change; say each thing once.
    if (this.problems.some((p) => p.file === problem.file && p.message === problem.message)) return;
    this.problems.push(problem);
    this.emit({ type: "problem", problem });
  }

  unitOrThrow(id: string): UnitState {
    const s = this.units.get(checkId("unit", id));
    if (!s) throw new NotFoundError("unit", id);
    return s;
  }

  allUnits(): Unit[] {
    return [...this.units.values()].map((s) => s.unit);
  }

  /** Children of `parentId` in their current order. */
  children(parentId: string | null): UnitState[] {
    return [...this.units.values()].filter((s) => s.unit.parentId === parentId).sort((a, b) => a.unit.order - b.unit.order || a.unit.title.localeCompare(b.unit.title));
  }

  metaOf(s: UnitState): UnitMeta {
    const { body: _body, ...meta } = s.unit;
    return meta;
  }
}

export function clampIndex(index: number | undefined, length: number): number {
  if (index === undefined || !Number.isFinite(index)) return length;
  return Math.max(0, Math.min(length, Math.trunc(index)));
}
