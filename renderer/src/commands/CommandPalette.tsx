import { useId, useMemo, useState } from "react";
import { Dialog } from "../components/ui/Dialog";
import { CheckIcon } from "../design/icons";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { currentCommands, type Command } from "./commands";
import { filterCommands } from "./filter";
import { shortcutLabel } from "./keys";

/** The command palette: every action by name, with its shortcut; type to narrow, Enter to run. */
export function CommandPalette() {
  const all = useMemo(() => currentCommands().filter((c) => c.id !== "palette"), []);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const list = filterCommands(all, query);
  const at = Math.min(active, Math.max(0, list.length - 1));
  const listId = useId();
  const close = () => useApp.getState().openDialog(null);
  const run = (c: Command | undefined) => {
    if (!c) return;
    close();
    // after the palette has gone, so a command that opens a dialog or moves focus is not undone by its closing
    requestAnimationFrame(() => c.run());
  };
  const optionId = (i: number) => `${listId}-${i}`;

  return (
    <Dialog title={t.commands.palette} hideTitle onClose={close} className="palette" testId="command-palette">
      <input
        className="palette-input"
        role="combobox"
        aria-label={t.commands.search}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={list.length ? optionId(at) : undefined}
        placeholder={t.commands.placeholder}
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((at + 1) % Math.max(1, list.length));
          else if (e.key === "ArrowUp") setActive((at - 1 + list.length) % Math.max(1, list.length));
          else if (e.key === "Enter") run(list[at]);
          else return;
          e.preventDefault();
        }}
      />
      <ul className="palette-list" id={listId} role="listbox" aria-label={t.commands.palette}>
        {list.map((c, i) => (
          <li
            key={c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === at}
            data-command={c.id}
            onMouseMove={() => setActive(i)}
            onClick={() => run(c)}
          >
            <span className="group">{c.group}</span>
            <span>{c.title}</span>
            {c.checked ? (
              <>
                <CheckIcon className="icon small" aria-hidden="true" />
                <span className="visually-hidden">{t.commands.on}</span>
              </>
            ) : null}
            {c.keys ? <kbd>{shortcutLabel(c.keys)}</kbd> : null}
          </li>
        ))}
      </ul>
      {list.length === 0 ? <p className="palette-empty">{t.commands.none}</p> : null}
    </Dialog>
  );
}
