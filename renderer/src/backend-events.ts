import { openProject } from "./actions";
import { client, clientId } from "./client";
import { currentCommands } from "./commands/commands";
import { offerConflict } from "./editor/conflicts";
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
    client.on("unit.saved", (e) => {
      // another tab saved: a clean copy here takes the new text; one with unsaved edits meets the
      // new version at its next save and the writer chooses (keep mine, take the file's, keep both)
      if (!mine(e.handle) || e.by === clientId) return;
      const ed = editorRegistry.current;
      if (!ed?.holds(e.id) || ed.versionOf(e.id) === e.version || ed.isDirty(e.id)) return;
      void client.call("units.read", { handle: e.handle, id: e.id }).then(
        ({ body, version }) => {
          if (!ed.isDirty(e.id)) ed.replaceFromDisk(e.id, body, version);
        },
        () => undefined,
      );
    }),
    client.on("unit.conflict", (e) => {
      // the writer chooses (keep mine, take the file's, keep both); until then nothing is saved over the file
      if (mine(e.handle)) offerConflict(e.id);
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
