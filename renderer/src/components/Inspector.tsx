import { useEffect, useState } from "react";
import { client } from "../client";
import { reportError, updateUnit } from "../actions";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { t } from "../strings";

type Snapshot = { id: string; createdAt: string; reason: string; words: number };

/** Synopsis, target, status and notes of the open unit, plus its snapshots. */
export function Inspector() {
  const unit = useApp((s) => s.project?.units.find((u) => u.id === s.currentUnitId));
  const handle = useApp((s) => s.project?.handle);
  const [snapshots, setSnapshots] = useState<Snapshot[]>([]);
  const [diff, setDiff] = useState<{ value: string; added: boolean; removed: boolean }[] | null>(null);

  useEffect(() => {
    setDiff(null);
    if (!unit || !handle) return setSnapshots([]);
    client.call("snapshots.list", { handle, unitId: unit.id }).then(setSnapshots, () => setSnapshots([]));
  }, [unit?.id, handle]);

  if (!unit || !handle) return <aside className="inspector" aria-label={t.inspector.label} />;

  const takeSnapshot = async () => {
    try {
      await editorRegistry.current?.flush();
      const snap = await client.call("snapshots.create", { handle, unitId: unit.id, reason: "manual" });
      setSnapshots((s) => [snap, ...s]);
    } catch (error) {
      reportError(error);
    }
  };
  const restore = async (snapshotId: string) => {
    try {
      await editorRegistry.current?.flush();
      const r = await client.call("snapshots.restore", { handle, unitId: unit.id, snapshotId });
      editorRegistry.current?.replaceFromDisk(unit.id, r.body, r.version);
      setSnapshots(await client.call("snapshots.list", { handle, unitId: unit.id }));
    } catch (error) {
      reportError(error);
    }
  };
  const compare = async (snapshotId: string) => {
    try {
      await editorRegistry.current?.flush();
      setDiff((await client.call("snapshots.diff", { handle, unitId: unit.id, snapshotId })).parts);
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <aside className="inspector" aria-label={t.inspector.label} key={unit.id}>
      <label>
        {t.inspector.synopsis}
        <textarea defaultValue={unit.synopsis} rows={4} onBlur={(e) => void updateUnit(unit.id, { synopsis: e.target.value })} />
      </label>
      <label>
        {t.inspector.target}
        <input
          inputMode="numeric"
          defaultValue={unit.targetWords ?? ""}
          onBlur={(e) => void updateUnit(unit.id, { targetWords: e.target.value ? Number(e.target.value) || 0 : null })}
        />
      </label>
      <label>
        {t.inspector.status}
        <select value={unit.status} onChange={(e) => void updateUnit(unit.id, { status: e.target.value as "draft" })}>
          {Object.entries(t.inspector.statuses).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.inspector.notes}
        <textarea defaultValue={unit.notes} rows={5} onBlur={(e) => void updateUnit(unit.id, { notes: e.target.value })} />
      </label>
      <section aria-label={t.inspector.snapshots}>
        <h3>{t.inspector.snapshots}</h3>
        <button type="button" onClick={() => void takeSnapshot()}>
          {t.inspector.snapshot}
        </button>
        <ul className="snapshots">
          {snapshots.map((s) => (
            <li key={s.id}>
              <span>
                {new Date(s.createdAt).toLocaleString()} · {s.reason} · {s.words}
              </span>
              <button type="button" onClick={() => void compare(s.id)}>{t.inspector.diff}</button>
              <button type="button" onClick={() => void restore(s.id)}>{t.inspector.restore}</button>
            </li>
          ))}
        </ul>
        {diff ? (
          <pre className="diff" aria-label="Differences">
            {diff.map((p, i) => (
              <span key={i} className={p.added ? "added" : p.removed ? "removed" : undefined}>
                {p.value}
              </span>
            ))}
          </pre>
        ) : null}
      </section>
    </aside>
  );
}
