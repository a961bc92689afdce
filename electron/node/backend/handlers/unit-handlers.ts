import { QuireError } from "../../../shared/contract/errors";
import { placeUnit, subtreeIds } from "../../../shared/domain/unit-tree";
import type { ProjectStore } from "../../store/index";
import type { Handlers } from "../dispatcher";
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

export function unitHandlers(open: OpenProjects, emitMeta: (handle: string) => void): UnitHandlers {
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
    "units.save": async ({ handle, id, body, baseVersion, writerWordsDelta }) => {
      const store = open.get(handle);
      const result = await storeCall(() => store.saveUnitBody(id, body, baseVersion));
      if (writerWordsDelta !== 0) {
        await storeCall(() => store.recordWordsWritten(writerWordsDelta));
        emitMeta(handle);
      }
      return result;
    },
    "units.journal": async ({ handle, id, body, baseVersion }) => {
      const store = open.get(handle);
      await storeCall(async () => store.stageUnsavedEdit(id, body, baseVersion));
      return {};
    },
    "units.discardJournal": async ({ handle, id }) => {
      const store = open.get(handle);
      await storeCall(async () => store.discardUnsavedEdit(id));
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
