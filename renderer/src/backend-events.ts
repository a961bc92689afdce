import { openProject } from "./actions";
import { client } from "./client";
import { currentCommands } from "./commands/commands";
import { editorRegistry } from "./editor/editor-registry";
import { useApp } from "./state/app-store";
import { useModels } from "./state/models-store";
import { t } from "./strings";

/** Applies what the backend reports (saves elsewhere, files changed outside Quire) to the studio. */
export function listenToBackend(): () => void {
  const mine = (handle: string) => useApp.getState().project?.handle === handle;
  const titleOf = (id: string) => useApp.getState().project?.units.find((u) => u.id === id)?.title ?? id;
  const offs = [
    client.on("models.changed", (state) => useModels.getState().set(state)),
    client.on("models.downloadProgress", (d) => useModels.getState().progress(d)),
    client.on("models.throughput", (e) => useModels.getState().throughput(e.tokensPerSecond)),
    client.on("units.changed", (e) => {
      if (mine(e.handle)) useApp.getState().setUnits(e.units);
    }),
    client.on("project.metaChanged", (e) => {
      if (mine(e.handle)) useApp.getState().setMeta(e.meta);
    }),
    client.on("unit.reloaded", (e) => {
      if (!mine(e.handle)) return;
      const ed = editorRegistry.current;
      if (ed?.isDirty(e.id)) return; // the conflict event covers this case
      ed?.replaceFromDisk(e.id, e.body, e.version);
      useApp.getState().notify({ kind: "info", text: t.conflict.reloaded(titleOf(e.id)) });
    }),
    client.on("unit.conflict", (e) => {
      if (!mine(e.handle)) return;
      useApp.getState().notify({
        kind: "warning",
        text: t.conflict.changed(titleOf(e.id)),
        action: {
          label: t.conflict.takeDisk,
          run: () => {
            editorRegistry.current?.replaceFromDisk(e.id, e.diskBody, e.version);
            void client.call("units.discardJournal", { handle: e.handle, id: e.id });
          },
        },
      });
      // until the writer chooses, their text stays; saving it overwrites the disk version knowingly
      editorRegistry.current?.rebase(e.id, e.version);
    }),
    client.on("unit.removedOnDisk", (e) => {
      if (mine(e.handle)) useApp.getState().notify({ kind: "warning", text: t.conflict.removed(titleOf(e.id)) });
    }),
    client.on("app.command", (e) => {
      const s = useApp.getState();
      switch (e.command) {
        case "open-project":
          if (e.handle) {
            const handle = e.handle;
            void (editorRegistry.current?.flush() ?? Promise.resolve()).then(() => openProject(handle));
          }
          break;
        case "new-project":
          void (editorRegistry.current?.flush() ?? Promise.resolve()).then(() => s.setProject(null));
          break;
        case "save":
          void editorRegistry.current?.flush();
          break;
        case "snapshot":
          if (s.project && s.currentUnitId) {
            const unitId = s.currentUnitId;
            const handle = s.project.handle;
            void (editorRegistry.current?.flush() ?? Promise.resolve())
              .then(() => client.call("snapshots.create", { handle, unitId, reason: "manual" }))
              .then(() => s.notify({ kind: "info", text: "Snapshot taken." }));
          }
          break;
        case "focus-mode":
          // the same command as the studio's own shortcut: focus mode is for the page
          currentCommands().find((c) => c.id === "view.focus")?.run();
          break;
        case "export":
          break;
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}
