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
    "units.create": ({ handle, ...input }) => storeCall(() => open.get(handle).createUnit(input)),
    "units.update": ({ handle, id, patch }) => storeCall(() => open.get(handle).updateUnit(id, patch)),
    "units.move": async ({ handle, id, parentId, index }) => ({
      units: await storeCall(() => open.get(handle).moveUnit(id, parentId, index)),
    }),
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
