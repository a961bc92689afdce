import { useEffect, useId, useRef, type FormEvent, type ReactNode } from "react";
import { create } from "zustand";
import { CloseIcon } from "../../design/icons";
import { t } from "../../strings";
import { IconButton } from "./IconButton";

/** The modal dialogs open now, innermost last: notices show inside the top one, so an error is never hidden behind a backdrop. */
export const useDialogStack = create<{ stack: HTMLDialogElement[]; push(d: HTMLDialogElement): void; drop(d: HTMLDialogElement): void }>(
  (set) => ({
    stack: [],
    push: (d) => set((s) => ({ stack: [...s.stack.filter((x) => x !== d), d] })),
    drop: (d) => set((s) => ({ stack: s.stack.filter((x) => x !== d) })),
  }),
);

export interface DialogProps {
  title: string;
  /** Escape, the close button and the backdrop call this; leave it out for a dialog that needs an answer */
  onClose?: () => void;
  children: ReactNode;
  /** the dialog's buttons, right-aligned under its body; the first primary one is the default */
  footer?: ReactNode;
  size?: "small" | "medium" | "large";
  className?: string;
  /** makes the body a form: Enter submits */
  onSubmit?: () => void;
  /** hide the title visually (the palette); it still names the dialog */
  hideTitle?: boolean;
  testId?: string;
}

/**
 * The studio's one dialog: a native modal <dialog> (focus is trapped and returned, the page
 * behind is inert, Escape closes), titled for assistive technology, in the design language.
 */
export function Dialog({ title, onClose, children, footer, size = "medium", className = "", onSubmit, hideTitle, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    // the first thing to answer, not the close button the browser would pick
    d.querySelector<HTMLElement>(
      ".dialog-body input, .dialog-body select, .dialog-body textarea, .dialog-body button, .dialog-foot button.primary",
    )?.focus();
    useDialogStack.getState().push(d);
    return () => {
      useDialogStack.getState().drop(d);
      if (d.open) d.close();
    };
  }, []);

  const frame = (
    <>
      <header className={hideTitle ? "dialog-head visually-hidden" : "dialog-head"}>
        <h2 id={titleId}>{title}</h2>
        {onClose && !hideTitle ? <IconButton icon={CloseIcon} label={t.ui.close} className="quiet small" onClick={() => closeRef.current?.()} /> : null}
      </header>
      <div className="dialog-body">{children}</div>
      {footer ? <footer className="dialog-foot">{footer}</footer> : null}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={["dialog", size === "medium" ? "" : size, className].filter(Boolean).join(" ")}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        // Escape: the dialog decides, so one without onClose stays until answered
        e.preventDefault();
        closeRef.current?.();
      }}
      onMouseDown={(e) => {
        // a press on the backdrop lands on the <dialog> itself, outside its box
        if (e.target !== ref.current || !closeRef.current) return;
        const r = ref.current.getBoundingClientRect();
        if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) closeRef.current();
      }}
    >
      {onSubmit ? (
        <form
          className="dialog-frame"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {frame}
        </form>
      ) : (
        <div className="dialog-frame">{frame}</div>
      )}
    </dialog>
  );
}
