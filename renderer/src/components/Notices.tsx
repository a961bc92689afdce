import { createPortal } from "react-dom";
import { CloseIcon } from "../design/icons";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useDialogStack } from "./ui/Dialog";
import { IconButton } from "./ui/IconButton";

/** Notices (errors, warnings, undo offers), shown above everything: inside the open dialog when there is one. */
export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  const host = useDialogStack((s) => s.stack.at(-1) ?? null);
  const list = (
    <div className="notices" role="log" aria-live="polite" aria-label={t.ui.notices}>
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === "error" ? "alert" : undefined}>
          <span>{n.text}</span>
          {[...(n.action ? [n.action] : []), ...(n.actions ?? [])].map((a) => (
            <button
              key={a.label}
              type="button"
              className="small"
              onClick={() => {
                a.run();
                dismiss(n.id);
              }}
            >
              {a.label}
            </button>
          ))}
          <IconButton icon={CloseIcon} label={t.ui.dismiss} className="quiet small" onClick={() => dismiss(n.id)} />
        </div>
      ))}
    </div>
  );
  return host ? createPortal(list, host) : list;
}
