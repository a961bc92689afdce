import { client } from "../client";
import { reportError } from "../actions";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { t } from "../strings";

/** Offers back the edits a crash kept from reaching the disk. */
export function RecoveryDialog() {
  const project = useApp((s) => s.project);
  const drop = useApp((s) => s.dropRecovery);
  if (!project || project.recovery.length === 0) return null;
  const resolve = async (unitId: string, action: "restore" | "discard") => {
    try {
      await client.call("projects.resolveRecovery", { handle: project.handle, unitId, action });
      const { body, version } = await client.call("units.read", { handle: project.handle, id: unitId });
      editorRegistry.current?.replaceFromDisk(unitId, body, version);
      drop(unitId);
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="recovery-title" className="dialog">
        <h2 id="recovery-title">{t.recovery.heading}</h2>
        <p>{t.recovery.body}</p>
        <ul>
          {project.recovery.map((r) => (
            <li key={r.unitId} data-testid="recovery-item">
              <strong>{r.title}</strong> <span className="muted">{new Date(r.savedAt).toLocaleString()}</span>
              <div className="dialog-actions">
                <button type="button" onClick={() => void resolve(r.unitId, "restore")}>
                  {t.recovery.restore}
                </button>
                <button type="button" onClick={() => void resolve(r.unitId, "discard")}>
                  {t.recovery.discard}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
