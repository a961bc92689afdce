import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from "react";
import { createPortal } from "react-dom";
import { shortcutLabel } from "../../commands/keys";
import { CheckIcon, type LucideIcon } from "../../design/icons";

export type MenuEntry = { id: string; label: string; keys?: string; checked?: boolean; run(): void } | "separator";

/**
 * A button that opens a menu (WAI-ARIA menu button): arrows move, Enter or Space picks, Escape
 * and Tab close and give focus back. Items are computed when it opens, so toggles show their state.
 */
export function MenuButton({ icon: Icon, label, items, className = "quiet icon-only" }: { icon: LucideIcon; label: string; items: () => MenuEntry[]; className?: string }) {
  const [entries, setEntries] = useState<MenuEntry[] | null>(null);
  const [at, setAt] = useState({ x: 0, y: 0 });
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();

  const close = (refocus = true) => {
    setEntries(null);
    if (refocus) button.current?.focus();
  };
  const openMenu = () => {
    const r = button.current!.getBoundingClientRect();
    setAt({ x: Math.round(window.innerWidth - r.right), y: Math.round(r.bottom) });
    setEntries(items());
  };

  useLayoutEffect(() => {
    if (entries) menu.current?.querySelector<HTMLElement>("[role^=menuitem]")?.focus();
  }, [entries]);
  useEffect(() => {
    if (!entries) return;
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [entries]);

  const onKey = (e: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>("[role^=menuitem]") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => items[(n + items.length) % items.length]?.focus();
    if (e.key === "ArrowDown") go(i + 1);
    else if (e.key === "ArrowUp") go(i - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(items.length - 1);
    else if (e.key === "Escape") close();
    else if (e.key === "Tab") return close(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className={className}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={entries !== null}
        aria-controls={entries ? id : undefined}
        onClick={() => (entries ? close() : openMenu())}
      >
        <Icon className="icon" aria-hidden="true" focusable="false" />
      </button>
      {entries
        ? createPortal(
            <ul
              ref={menu}
              id={id}
              role="menu"
              aria-label={label}
              className="menu"
              style={{ "--menu-right": at.x, "--menu-top": at.y } as CSSProperties}
              onKeyDown={onKey}
            >
              {entries.map((e, i) =>
                e === "separator" ? (
                  <li key={`s${i}`} role="separator" />
                ) : (
                  <li key={e.id} role="none">
                    <button
                      type="button"
                      role={e.checked === undefined ? "menuitem" : "menuitemcheckbox"}
                      aria-checked={e.checked}
                      tabIndex={-1}
                      onClick={() => {
                        close();
                        e.run();
                      }}
                    >
                      <span className="check-slot" aria-hidden="true">
                        {e.checked ? <CheckIcon className="icon small" /> : null}
                      </span>
                      <span>{e.label}</span>
                      {e.keys ? <kbd>{shortcutLabel(e.keys)}</kbd> : null}
                    </button>
                  </li>
                ),
              )}
            </ul>,
            document.body,
          )
        : null}
    </>
  );
}
