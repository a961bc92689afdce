import { client } from "../client";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useAction } from "../use-action";
import { Dialog } from "./ui/Dialog";

/** Offers back the edits a crash kept from reaching the disk. It waits for an answer (no close). */
export function RecoveryDialog() {
  const project = useApp((s) => s.project);
  const drop = useApp((s) => s.dropRecovery);
  // one entry per unit and tab: two tabs' unsaved text on one unit are offered back one by one
  const resolve = useAction(async (handle: string, unitId: string, recoveredFrom: string | undefined, action: "restore" | "discard") => {
    await client.call("projects.resolveRecovery", { handle, unitId, action, ...(recoveredFrom ? { client: recoveredFrom } : {}) });
    const { body, version } = await client.call("units.read", { handle, id: unitId });
    editorRegistry.current?.replaceFromDisk(unitId, body, version);
    drop(unitId, recoveredFrom);
  });
  if (!project || project.recovery.length === 0) return null;
  return (
    <Dialog title={t.recovery.heading}>
      <p>{t.recovery.body}</p>
      <ul className="recovery-list">
        {project.recovery.map((r) => (
          <li key={`${r.unitId}.${r.client ?? ""}`} data-testid="recovery-item">
            <strong>{r.title}</strong> <span className="muted">{new Date(r.savedAt).toLocaleString()}</span>
            <div className="dialog-actions">
              <button type="button" className="primary" disabled={resolve.busy} onClick={() => void resolve.run(project.handle, r.unitId, r.client, "restore")}>
                {t.recovery.restore}
              </button>
              <button type="button" disabled={resolve.busy} onClick={() => void resolve.run(project.handle, r.unitId, r.client, "discard")}>
                {t.recovery.discard}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
