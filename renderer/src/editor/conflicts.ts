/**
 * A unit whose file moved on under the writer's unsaved text (another program, another tab):
 * the writer chooses, never an autosave. One notice per unit, with every way out:
 *   keep mine        the writer's text is saved over the file's
 *   take the file's  the file's text replaces the writer's (their edits stay in a snapshot via the journal)
 *   keep both        the file's text stays in the unit, the writer's goes into a new unit beside it
 * Each reads the file as it is when the writer clicks, not as it was when the notice came.
 */
import { client, clientId } from "../client";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { runAction } from "../use-action";
import { editorRegistry } from "./editor-registry";

export function offerConflict(unitId: string): void {
  const ed = editorRegistry.current;
  const handle = useApp.getState().project?.handle;
  if (!ed || !handle) return;
  ed.markConflict(unitId);
  const unit = () => useApp.getState().project?.units.find((u) => u.id === unitId);
  const onDisk = () => client.call("units.read", { handle, id: unitId });
  useApp.getState().notify({
    key: `conflict:${unitId}`,
    kind: "warning",
    text: t.conflict.changed(unit()?.title ?? unitId),
    actions: [
      {
        label: t.conflict.keepMineShort,
        run: () => void runAction(async () => ed.keepMine(unitId, await onDisk())),
      },
      {
        label: t.conflict.takeFile,
        run: () =>
          void runAction(async () => {
            const disk = await onDisk();
            ed.replaceFromDisk(unitId, disk.body, disk.version);
            await client.call("units.discardJournal", { handle, id: unitId, client: clientId });
          }),
      },
      {
        label: t.conflict.keepBoth,
        run: () =>
          void runAction(async () => {
            const mine = ed.markdownOf(unitId);
            const u = unit();
            if (mine === null || !u) return;
            const copy = await client.call("units.create", { handle, parentId: u.parentId, level: u.level, title: t.conflict.myVersion(u.title) });
            const fresh = await client.call("units.read", { handle, id: copy.id });
            // these words were counted when typed; the copy adds none to today's count
            await client.call("units.save", { handle, id: copy.id, body: mine, baseVersion: fresh.version, writerWordsDelta: 0 });
            const disk = await onDisk();
            ed.replaceFromDisk(unitId, disk.body, disk.version);
            await client.call("units.discardJournal", { handle, id: unitId, client: clientId });
            const s = useApp.getState();
            if (!s.project?.units.some((x) => x.id === copy.id)) s.setUnits([...(s.project?.units ?? []), copy]);
          }),
      },
    ],
  });
}
