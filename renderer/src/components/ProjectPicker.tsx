import { useEffect, useId, useState } from "react";
import { client } from "../client";
import { openProject } from "../actions";
import { Mark } from "../design/Mark";
import { DarkIcon, LightIcon } from "../design/icons";
import { useApp } from "../state/app-store";
import { IconButton } from "./ui/IconButton";
import { runAction, useAction } from "../use-action";
import { t } from "../strings";
import { ImportPanel } from "./ImportPanel";
import { editorRegistry } from "../editor/editor-registry";
import { SHORTCUTS } from "../commands/shortcuts";

type Summary = { handle: string; title: string; location: string; openedAt: string | null };

/** The start screen: recent projects, a form to create one, an import. */
export function ProjectPicker() {
  const theme = useApp((s) => s.theme);
  return (
    <main className="picker">
      <header className="picker-head">
        <Mark />
        <h1>{t.appName}</h1>
        <IconButton
          icon={theme === "dark" ? LightIcon : DarkIcon}
          label={theme === "dark" ? t.settings.toLight : t.settings.toDark}
          keys={SHORTCUTS["view.theme"]}
          className="quiet theme-toggle"
          onClick={() => useApp.getState().toggleTheme()}
        />
      </header>
      <ProjectsPanel />
    </main>
  );
}

/**
 * The project list, with creating and importing: the start screen's body, and the Projects
 * dialog's once a book is open (`current`: that book, marked; `onOpened`: closes the dialog).
 */
export function ProjectsPanel({ current, onOpened }: { current?: string; onOpened?: () => void } = {}) {
  const [recent, setRecent] = useState<Summary[]>([]);
  const [where, setWhere] = useState("");
  const [title, setTitle] = useState("");
  const [author, setAuthor] = useState("");
  const [levels, setLevels] = useState("Part, Chapter, Scene");
  const [language, setLanguage] = useState("en");
  const [target, setTarget] = useState("");

  useEffect(() => {
    void runAction(async () => {
      const r = await client.call("projects.list", {});
      setRecent(r.recent);
      setWhere(r.defaultLocation);
    });
  }, []);

  const create = useAction(async () => {
    const summary = await client.call("projects.create", {
      title,
      author,
      language,
      levels: levels.split(",").map((l) => l.trim()).filter(Boolean),
      targetWords: target ? Number(target) : null,
    });
    await open(summary.handle);
  });
  const open = async (handle: string) => {
    if (handle !== current) {
      // the book being left keeps every word: saved before the next one opens
      await editorRegistry.current?.flush();
      await openProject(handle);
    }
    onOpened?.();
  };
  const ids = { recent: useId(), levels: useId() };

  return (
    <div className="projects-panel">
      <section aria-labelledby={ids.recent}>
        <h2 id={ids.recent}>{t.projects.heading}</h2>
        {recent.length === 0 ? <p>{t.projects.none}</p> : null}
        <ul className="recent">
          {recent.map((p) => (
            <li key={p.handle}>
              <button type="button" aria-current={p.handle === current ? "true" : undefined} onClick={() => void open(p.handle)}>
                <strong>{p.title}</strong> {p.handle === current ? <span className="badge">{t.projects.openNow}</span> : null}{" "}
                <span className="muted">{p.location}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <form
        className="create"
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
        aria-label={t.projects.create}
      >
        <h2>{t.projects.create}</h2>
        <label>
          {t.projects.title}
          <input name="title" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t.projects.author}
          <input name="author" value={author} onChange={(e) => setAuthor(e.target.value)} />
        </label>
        <label>
          {t.projects.levels}
          <input name="levels" value={levels} onChange={(e) => setLevels(e.target.value)} aria-describedby={ids.levels} />
        </label>
        <small id={ids.levels} className="muted">
          {t.projects.levelsHint}
        </small>
        <label>
          {t.projects.language}
          <input name="language" value={language} onChange={(e) => setLanguage(e.target.value)} />
        </label>
        <label>
          {t.projects.target}
          <input name="target" inputMode="numeric" value={target} onChange={(e) => setTarget(e.target.value.replace(/\D/g, ""))} />
        </label>
        <button type="submit" className="primary" disabled={create.busy}>
          {t.projects.create}
        </button>
        <small className="muted">{t.projects.location(where)}</small>
      </form>
      <ImportPanel onOpen={open} />
    </div>
  );
}
