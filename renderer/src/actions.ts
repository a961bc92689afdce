import { keyboardMoveTarget, levelName } from "../../electron/shared/domain/unit-tree";
import { QuireError } from "../../electron/shared/contract/errors";
import { client } from "./client";
import { useApp } from "./state/app-store";
import { t } from "./strings";

/** Studio actions that talk to the backend; components call these, never the client directly. */

export function reportError(error: unknown): void {
  const text =
    error instanceof QuireError
      ? error.extra.file && !error.message.includes(error.extra.file)
        ? `${error.message} (${error.extra.file})`
        : error.message
      : error instanceof Error
        ? error.message
        : String(error);
  useApp.getState().notify({ text, kind: "error" });
}

const lastUnitKey = (handle: string) => `quire-last-unit:${handle}`;

/** Opens a project and shows the unit the writer last had open in it. */
export async function openProject(handle: string, opts: { quietIfMissing?: boolean } = {}): Promise<void> {
  try {
    performance.mark("quire:project-open-start");
    const state = await client.call("projects.open", { handle });
    performance.measure("quire:project-open", "quire:project-open-start");
    useApp.getState().setProject(state);
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

export async function addUnit(parentId: string | null, level: number, index?: number): Promise<void> {
  const handle = projectHandle();
  const project = useApp.getState().project;
  if (!handle || !project) return;
  try {
    const unit = await client.call("units.create", {
      handle,
      parentId,
      level,
      title: t.binder.untitled(levelName(project.meta.levels, level)),
      index,
    });
    useApp.getState().setUnits([...(useApp.getState().project?.units ?? []), unit]);
    useApp.getState().selectUnit(unit.id);
  } catch (error) {
    reportError(error);
  }
}

export async function renameUnit(id: string, title: string): Promise<void> {
  const handle = projectHandle();
  if (!handle || !title.trim()) return;
  try {
    useApp.getState().patchUnit(await client.call("units.update", { handle, id, patch: { title: title.trim() } }));
  } catch (error) {
    reportError(error);
  }
}

export async function moveUnit(id: string, parentId: string | null, index: number): Promise<void> {
  const handle = projectHandle();
  if (!handle) return;
  try {
    const { units } = await client.call("units.move", { handle, id, parentId, index });
    useApp.getState().setUnits(units);
  } catch (error) {
    reportError(error);
  }
}

export async function keyboardMove(id: string, move: "up" | "down" | "indent" | "outdent"): Promise<void> {
  const units = useApp.getState().project?.units ?? [];
  const target = keyboardMoveTarget(units, id, move);
  if (target) await moveUnit(id, target.parentId, target.index);
}

export async function trashUnit(id: string): Promise<void> {
  const handle = projectHandle();
  const unit = useApp.getState().project?.units.find((u) => u.id === id);
  if (!handle || !unit) return;
  try {
    const { units } = await client.call("units.trash", { handle, id });
    const s = useApp.getState();
    s.setUnits(units);
    if (s.currentUnitId === id || !units.some((u) => u.id === s.currentUnitId)) s.selectUnit(units[0]?.id ?? null);
    s.notify({
      kind: "info",
      text: t.binder.trashed(unit.title),
      action: { label: t.binder.undo, run: () => void restoreUnit(id) },
    });
  } catch (error) {
    reportError(error);
  }
}

export async function restoreUnit(id: string): Promise<void> {
  const handle = projectHandle();
  if (!handle) return;
  try {
    const { units } = await client.call("units.restore", { handle, id });
    useApp.getState().setUnits(units);
    useApp.getState().selectUnit(id);
  } catch (error) {
    reportError(error);
  }
}

export async function updateUnit(
  id: string,
  patch: { synopsis?: string; targetWords?: number | null; status?: "todo" | "draft" | "revised" | "final"; notes?: string },
): Promise<void> {
  const handle = projectHandle();
  if (!handle) return;
  try {
    useApp.getState().patchUnit(await client.call("units.update", { handle, id, patch }));
  } catch (error) {
    reportError(error);
  }
}

export async function updateProjectMeta(patch: {
  targetWords?: number | null;
  deadline?: string | null;
  language?: string;
  author?: string;
  settings?: { counter: "auto" | "words" | "characters"; theme: "system" | "light" | "dark" };
}): Promise<void> {
  const handle = projectHandle();
  if (!handle) return;
  try {
    useApp.getState().setMeta(await client.call("projects.updateMeta", { handle, patch }));
  } catch (error) {
    reportError(error);
  }
}
