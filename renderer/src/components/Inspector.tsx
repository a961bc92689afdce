import { useEffect, useState } from "react";
import { client } from "../client";
import { updateUnit } from "../actions";
import { InspectorIcon } from "../design/icons";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { projectCountUnit } from "./EditorPane";
import { useAction } from "../use-action";
import { IconButton } from "./ui/IconButton";

type Snapshot = { id: string; createdAt: string; reason: string; words: number };

/** Synopsis, target, status and notes of the open unit, plus its snapshots. Shown beside the page only. */
export function Inspector() {
  const unit = useApp((s) => s.project?.units.find((u) => u.id === s.currentUnitId));
  const handle = useApp((s) => s.project?.handle);
  // snapshots are counted the way the project counts (words, or characters for Chinese and Japanese)
  const countUnit = useApp((s) => (s.project ? projectCountUnit(s.project.meta.language, s.project.meta.settings.counter) : "words"));
  const unitLabel = countUnit === "characters" ? t.units.characters : t.units.words;
  const [snapshots, setSnapshots] = useState<Snapshot[]>([]);
  const [diff, setDiff] = useState<{ value: string; added: boolean; removed: boolean }[] | null>(null);

  useEffect(() => {
    setDiff(null);
    if (!unit || !handle) return setSnapshots([]);
    client.call("snapshots.list", { handle, unitId: unit.id }).then(setSnapshots, () => setSnapshots([]));
  }, [unit?.id, handle]);

  const take = useAction(async (handle: string, unitId: string) => {
    await editorRegistry.current?.flush();
    const snap = await client.call("snapshots.create", { handle, unitId, reason: "manual" });
    setSnapshots((s) => [snap, ...s]);
  });
  const restore = useAction(async (handle: string, unitId: string, snapshotId: string) => {
    await editorRegistry.current?.flush();
    const r = await client.call("snapshots.restore", { handle, unitId, snapshotId });
    editorRegistry.current?.replaceFromDisk(unitId, r.body, r.version);
    setSnapshots(await client.call("snapshots.list", { handle, unitId }));
  });
  const compare = useAction(async (handle: string, unitId: string, snapshotId: string) => {
    await editorRegistry.current?.flush();
    setDiff((await client.call("snapshots.diff", { handle, unitId, snapshotId })).parts);
  });

  if (!unit || !handle) return null;
  return (
    <aside className="inspector" aria-label={t.inspector.label} key={unit.id}>
      <div className="inspector-head">
        <h2>{t.inspector.label}</h2>
        <IconButton icon={InspectorIcon} label={t.inspector.hide} className="quiet small" onClick={() => useApp.getState().setInspectorOpen(false)} />
      </div>
      <label>
        {t.inspector.synopsis}
        <textarea defaultValue={unit.synopsis} rows={4} onBlur={(e) => void updateUnit(unit.id, { synopsis: e.target.value })} />
      </label>
      <label>
        {t.inspector.target}
        <input
          inputMode="numeric"
          defaultValue={unit.targetWords ?? ""}
          onBlur={(e) => {
            const target = e.target.value ? Number(e.target.value) || 0 : null;
            // a target the writer sets is theirs: pinned, so rebalancing the plan leaves it alone
            if (target !== unit.targetWords) void updateUnit(unit.id, { targetWords: target, targetPinned: target !== null });
          }}
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
        <button type="button" className="small" disabled={take.busy} onClick={() => void take.run(handle, unit.id)}>
          {t.inspector.snapshot}
        </button>
        <ul className="snapshots">
          {snapshots.map((s) => (
            <li key={s.id}>
              <span>
                {t.inspector.snapshotLine(new Date(s.createdAt).toLocaleString(), t.inspector.snapshotReasons[s.reason] ?? s.reason, s.words, unitLabel)}
              </span>
              <button type="button" className="small" onClick={() => void compare.run(handle, unit.id, s.id)}>
                {t.inspector.diff}
              </button>
              <button type="button" className="small" disabled={restore.busy} onClick={() => void restore.run(handle, unit.id, s.id)}>
                {t.inspector.restore}
              </button>
            </li>
          ))}
        </ul>
        {diff ? (
          <pre className="diff" aria-label="Differences" tabIndex={0}>
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
