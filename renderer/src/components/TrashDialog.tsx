import { useEffect, useState } from "react";
import type { MethodOutput } from "../../../electron/shared/contract/index";
import { restoreUnit } from "../actions";
import { client } from "../client";
import { TrashViewIcon } from "../design/icons";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { runAction } from "../use-action";
import { Dialog } from "./ui/Dialog";

type Entry = MethodOutput<"units.listTrash">[number];

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
};

/** The project's trash, long after the undo toast has gone: what is in it, and a way back for each. */
export function TrashDialog({ onClose }: { onClose: () => void }) {
  const handle = useApp((s) => s.project?.handle);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const load = () =>
    runAction(async () => {
      if (handle) setEntries(await client.call("units.listTrash", { handle }));
    });
  useEffect(() => void load(), [handle]);
  return (
    <Dialog title={t.binder.trashView} onClose={onClose} testId="trash-dialog" footer={<button type="button" onClick={onClose}>{t.ui.close}</button>}>
      <p className="muted">{t.binder.trashIntro}</p>
      {entries === null ? null : entries.length === 0 ? (
        <p>{t.binder.trashEmpty}</p>
      ) : (
        <ul className="trash-list">
          {entries.map((e) => (
            <li key={e.id}>
              <span className="trash-title" title={e.title}>
                {e.title}
              </span>
              <span className="muted">{t.binder.trashedAt(when(e.trashedAt))}</span>
              {/* named with its unit, so a list of them reads as distinct buttons */}
              <button type="button" className="small" aria-label={t.binder.restoreUnit(e.title)} onClick={() => void restoreUnit(e.id).then(load)}>
                <TrashViewIcon className="icon" aria-hidden="true" focusable="false" />
                <span>{t.binder.restore}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
