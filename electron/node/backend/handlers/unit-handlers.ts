import { QuireError } from "../../../shared/contract/errors";
import { placeUnit, subtreeIds } from "../../../shared/domain/unit-tree";
import type { ProjectStore } from "../../store/index";
import type { Dispatcher, Handlers } from "../dispatcher";
import type { OpenProjects } from "../open-projects";
import { storeCall } from "../store-errors";

type UnitHandlers = Pick<
  Handlers,
  | "units.create"
  | "units.update"
  | "units.move"
  | "units.trash"
  | "units.restore"
  | "units.listTrash"
  | "units.read"
  | "units.save"
  | "units.journal"
  | "units.discardJournal"
>;

export function unitHandlers(open: OpenProjects, emitMeta: (handle: string) => void, emit: Dispatcher["emit"]): UnitHandlers {
  /** Words saved while today's count could not be written, per project, added at the next save. */
  const unrecordedWords = new Map<string, number>();
  return {
    "units.create": async ({ handle, ...input }) => {
      const store = open.get(handle);
      const place = placeUnit(store.units(), store.meta().levels, null, input.parentId, input.level);
      if ("problem" in place) throw new QuireError("invalid-payload", place.problem);
      return storeCall(() => store.createUnit({ ...input, level: place.level }));
    },
    "units.update": ({ handle, id, patch }) => storeCall(() => open.get(handle).updateUnit(id, patch)),
    "units.move": async ({ handle, id, parentId, index }) => ({ units: await moveWithinLevels(open.get(handle), id, parentId, index) }),
    "units.trash": async ({ handle, id }) => ({ units: await storeCall(() => open.get(handle).trashUnit(id)) }),
    "units.restore": async ({ handle, id }) => ({ units: await storeCall(() => open.get(handle).restoreUnit(id)) }),
    "units.listTrash": ({ handle }) => storeCall(() => open.get(handle).listTrash()),
    "units.read": async ({ handle, id }) => {
      const unit = await storeCall(() => open.get(handle).readUnit(id));
      return { body: unit.body, version: unit.version };
    },
    "units.save": async ({ handle, id, body, baseVersion, writerWordsDelta, client }) => {
      const store = open.get(handle);
      const result = await storeCall(() => store.saveUnitBody(id, body, baseVersion, client ?? null));
      // every other tab or window on the project learns of the save (and its new version)
      emit("unit.saved", { handle, id, version: result.version, ...(client ? { by: client } : {}) });
      // The body is on disk: that is the reply. Today's word count is bookkeeping after it; if
      // quire.json cannot take it now, the words wait for the next save instead of turning a
      // save that happened into an error (and the studio's retry into a stale version).
      const words = (unrecordedWords.get(handle) ?? 0) + writerWordsDelta;
      if (words === 0) return result;
      try {
        await store.recordWordsWritten(words);
        unrecordedWords.delete(handle);
        emitMeta(handle);
        return result;
      } catch (error) {
        unrecordedWords.set(handle, words);
        const why = error instanceof Error ? error.message : String(error);
        return { ...result, warning: `Saved. Today's word count could not be updated (${why.slice(0, 300)}); it is added at the next save.` };
      }
    },
    "units.journal": async ({ handle, id, body, baseVersion, client }) => {
      const store = open.get(handle);
      await storeCall(async () => store.stageUnsavedEdit(id, body, baseVersion, client ?? null));
      return {};
    },
    "units.discardJournal": async ({ handle, id, client }) => {
      const store = open.get(handle);
      await storeCall(async () => store.discardUnsavedEdit(id, client ?? null));
      return {};
    },
  };
}

/**
 * A move the project's levels allow: the unit takes its new parent's level plus one and what it
 * holds shifts with it, so a scene never ends up inside a scene when the levels end at Scene.
 */
async function moveWithinLevels(store: ProjectStore, id: string, parentId: string | null, index: number) {
  const units = store.units();
  const unit = units.find((u) => u.id === id);
  if (!unit) return storeCall(() => store.moveUnit(id, parentId, index)); // the store names what is missing
  const place = placeUnit(units, store.meta().levels, id, parentId, unit.level);
  if ("problem" in place) throw new QuireError("invalid-payload", place.problem);
  const shift = place.level - unit.level;
  let after = await storeCall(() => store.moveUnit(id, parentId, index, place.level));
  if (shift !== 0) {
    for (const below of subtreeIds(after, id).slice(1)) {
      const u = after.find((x) => x.id === below)!;
      await storeCall(() => store.updateUnit(below, { level: u.level + shift }));
    }
    after = store.units();
  }
  return after;
}
