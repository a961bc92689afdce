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
  const resolve = useAction(async (handle: string, unitId: string, action: "restore" | "discard") => {
    await client.call("projects.resolveRecovery", { handle, unitId, action });
    const { body, version } = await client.call("units.read", { handle, id: unitId });
    editorRegistry.current?.replaceFromDisk(unitId, body, version);
    drop(unitId);
  });
  if (!project || project.recovery.length === 0) return null;
  return (
    <Dialog title={t.recovery.heading}>
      <p>{t.recovery.body}</p>
      <ul className="recovery-list">
        {project.recovery.map((r) => (
          <li key={r.unitId} data-testid="recovery-item">
            <strong>{r.title}</strong> <span className="muted">{new Date(r.savedAt).toLocaleString()}</span>
            <div className="dialog-actions">
              <button type="button" className="primary" disabled={resolve.busy} onClick={() => void resolve.run(project.handle, r.unitId, "restore")}>
                {t.recovery.restore}
              </button>
              <button type="button" disabled={resolve.busy} onClick={() => void resolve.run(project.handle, r.unitId, "discard")}>
                {t.recovery.discard}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
