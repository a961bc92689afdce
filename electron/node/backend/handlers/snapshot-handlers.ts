import type { Handlers } from "../dispatcher";
import type { OpenProjects } from "../open-projects";
import { storeCall } from "../store-errors";

type SnapshotHandlers = Pick<Handlers, "snapshots.create" | "snapshots.list" | "snapshots.diff" | "snapshots.restore">;

const info = (s: { id: string; unitId: string; createdAt: string; reason: string; words: number }) => ({
  id: s.id,
  unitId: s.unitId,
  createdAt: s.createdAt,
  reason: s.reason,
  words: s.words,
});

export function snapshotHandlers(open: OpenProjects): SnapshotHandlers {
  return {
    "snapshots.create": async ({ handle, unitId, reason }) =>
      info(await storeCall(() => open.get(handle).createSnapshot(unitId, reason))),
    "snapshots.list": async ({ handle, unitId }) =>
      (await storeCall(() => open.get(handle).listSnapshots(unitId))).map(info),
    "snapshots.diff": async ({ handle, unitId, snapshotId }) => {
      const diff = await storeCall(() => open.get(handle).diffSnapshot(unitId, snapshotId));
      return { parts: diff.parts.map((p) => ({ value: p.value, added: p.added, removed: p.removed })) };
    },
    "snapshots.restore": async ({ handle, unitId, snapshotId }) => {
      const r = await storeCall(() => open.get(handle).restoreSnapshot(unitId, snapshotId));
      return { body: r.body, version: r.version };
    },
  };
}
