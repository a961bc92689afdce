import { useEffect, useState } from "react";
import { client } from "../client";
import { openProject } from "../actions";
import { Mark } from "../design/Mark";
import { DarkIcon, LightIcon } from "../design/icons";
import { useApp } from "../state/app-store";
import { IconButton } from "./ui/IconButton";
import { runAction, useAction } from "../use-action";
import { t } from "../strings";
import { ImportPanel } from "./ImportPanel";

type Summary = { handle: string; title: string; location: string; openedAt: string | null };

/** The start screen: recent projects and a form to create one. */
export function ProjectPicker() {
  const [recent, setRecent] = useState<Summary[]>([]);
  const [where, setWhere] = useState("");
  const [title, setTitle] = useState("");
  const [author, setAuthor] = useState("");
  const [levels, setLevels] = useState("Part, Chapter, Scene");
  const [language, setLanguage] = useState("en");
  const [target, setTarget] = useState("");
  const theme = useApp((s) => s.theme);

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
    await openProject(summary.handle);
  });

  return (
    <main className="picker">
      <header className="picker-head">
        <Mark />
        <h1>{t.appName}</h1>
        <IconButton
          icon={theme === "dark" ? LightIcon : DarkIcon}
          label={theme === "dark" ? t.settings.toLight : t.settings.toDark}
          keys="Mod+Shift+L"
          className="quiet theme-toggle"
          onClick={() => useApp.getState().toggleTheme()}
        />
      </header>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t.projects.heading}</h2>
        {recent.length === 0 ? <p>{t.projects.none}</p> : null}
        <ul className="recent">
          {recent.map((p) => (
            <li key={p.handle}>
              <button type="button" onClick={() => void openProject(p.handle)}>
                <strong>{p.title}</strong> <span className="muted">{p.location}</span>
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
          <input name="levels" value={levels} onChange={(e) => setLevels(e.target.value)} aria-describedby="levels-hint" />
        </label>
        <small id="levels-hint" className="muted">
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
      <ImportPanel />
    </main>
  );
}
