import { keyboardMoveTarget, levelName } from "../../electron/shared/domain/unit-tree";
import { QuireError } from "../../electron/shared/contract/errors";
import { client } from "./client";
import { useApp } from "./state/app-store";
import { t } from "./strings";
import { runAction } from "./use-action";
import { reportError } from "./report-error";

/**
 * Studio actions that talk to the backend; components and commands call these, never the
 * client directly. Each runs through runAction: errors reach the writer one way, as a notice.
 */

export { reportError } from "./report-error";

const lastUnitKey = (handle: string) => `quire-last-unit:${handle}`;
/** the project this browser profile (desktop window) reopens at start */
export const LAST_PROJECT_KEY = "quire-last-project";

/** Opens a project and shows the unit the writer last had open in it. */
export async function openProject(handle: string, opts: { quietIfMissing?: boolean } = {}): Promise<void> {
  try {
    performance.mark("quire:project-open-start");
    const state = await client.call("projects.open", { handle });
    performance.measure("quire:project-open", "quire:project-open-start");
    // the binder's counts and progress come a moment after the text: counting the book's Markdown
    // takes the backend a while, done while the studio draws the project (asked for first)
    const counts = client.call("projects.wordCounts", { handle });
    useApp.getState().setProject(state);
    counts.then(({ words }) => useApp.getState().takeDiskWords(handle, words), reportError);
    const last = localStorage.getItem(lastUnitKey(handle));
    const unit = state.units.find((u) => u.id === last) ?? state.units[0];
    if (unit) useApp.getState().selectUnit(unit.id);
    for (const p of state.problems) useApp.getState().notify({ kind: "warning", text: `${p.file}: ${p.message}` });
  } catch (error) {
    if (opts.quietIfMissing && error instanceof QuireError && error.code === "not-found") return;
    reportError(error);
  }
}

export function rememberUnit(handle: string, unitId: string): void {
  localStorage.setItem(lastUnitKey(handle), unitId);
}

function projectHandle(): string | null {
  return useApp.getState().project?.handle ?? null;
}

export function addUnit(parentId: string | null, level: number, index?: number): Promise<void> {
  return runAction(async () => {
    const handle = projectHandle();
    const project = useApp.getState().project;
    if (!handle || !project) return;
    const unit = await client.call("units.create", {
      handle,
      parentId,
      level,
      title: t.binder.untitled(levelName(project.meta.levels, level)),
      index,
    });
    useApp.getState().setUnits([...(useApp.getState().project?.units ?? []), unit]);
    useApp.getState().selectUnit(unit.id);
  }).then(() => undefined);
}

/** A new unit of the same level right after `id` (beside it, not inside it). */
export function addSibling(id: string): Promise<void> {
  const units = useApp.getState().project?.units ?? [];
  const unit = units.find((u) => u.id === id);
  if (!unit) return addUnit(null, 0);
  const siblings = units.filter((u) => u.parentId === unit.parentId).sort((a, b) => a.order - b.order);
  return addUnit(unit.parentId, unit.level, siblings.findIndex((u) => u.id === id) + 1);
}

export function renameUnit(id: string, title: string): Promise<void> {
  return runAction(async () => {
    const handle = projectHandle();
    if (!handle || !title.trim()) return;
    useApp.getState().patchUnit(await client.call("units.update", { handle, id, patch: { title: title.trim() } }));
  }).then(() => undefined);
}

export function moveUnit(id: string, parentId: string | null, index: number): Promise<void> {
  return runAction(async () => {
    const handle = projectHandle();
    if (!handle) return;
    const { units } = await client.call("units.move", { handle, id, parentId, index });
    useApp.getState().setUnits(units);
  }).then(() => undefined);
}

export async function keyboardMove(id: string, move: "up" | "down" | "indent" | "outdent"): Promise<void> {
  const units = useApp.getState().project?.units ?? [];
  const target = keyboardMoveTarget(units, id, move);
  if (target) await moveUnit(id, target.parentId, target.index);
}

export function trashUnit(id: string): Promise<void> {
  return runAction(async () => {
    const handle = projectHandle();
    const unit = useApp.getState().project?.units.find((u) => u.id === id);
    if (!handle || !unit) return;
    const { units } = await client.call("units.trash", { handle, id });
    const s = useApp.getState();
    s.setUnits(units);
    if (s.currentUnitId === id || !units.some((u) => u.id === s.currentUnitId)) s.selectUnit(units[0]?.id ?? null);
    s.notify({
      kind: "info",
      text: t.binder.trashed(unit.title),
      action: { label: t.binder.undo, run: () => void restoreUnit(id) },
    });
  }).then(() => undefined);
}

export function restoreUnit(id: string): Promise<void> {
  return runAction(async () => {
    const handle = projectHandle();
    if (!handle) return;
    const { units } = await client.call("units.restore", { handle, id });
    useApp.getState().setUnits(units);
    useApp.getState().selectUnit(id);
  }).then(() => undefined);
}

export function updateUnit(
  id: string,
  patch: { synopsis?: string; targetWords?: number | null; targetPinned?: boolean; status?: "todo" | "draft" | "revised" | "final"; notes?: string },
): Promise<void> {
  return runAction(async () => {
    const handle = projectHandle();
    if (!handle) return;
    useApp.getState().patchUnit(await client.call("units.update", { handle, id, patch }));
  }).then(() => undefined);
}

/** Resolves true once saved (false when it failed: the error is already shown). */
export function updateProjectMeta(patch: {
  targetWords?: number | null;
  deadline?: string | null;
  language?: string;
  author?: string;
  settings?: { counter: "auto" | "words" | "characters"; theme: "system" | "light" | "dark" };
}): Promise<boolean> {
  return runAction(async () => {
    const handle = projectHandle();
    if (!handle) return false;
    useApp.getState().setMeta(await client.call("projects.updateMeta", { handle, patch }));
    return true;
  }).then((ok) => ok === true);
}
