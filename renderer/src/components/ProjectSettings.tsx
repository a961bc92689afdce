import { useState } from "react";
import { updateProjectMeta } from "../actions";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useAction } from "../use-action";
import { Dialog } from "./ui/Dialog";

/** Project-wide settings: target, deadline, language, which counter, author. */
export function ProjectSettings({ onClose }: { onClose: () => void }) {
  const meta = useApp((s) => s.project?.meta);
  const [target, setTarget] = useState(meta?.targetWords ? String(meta.targetWords) : "");
  const [deadline, setDeadline] = useState(meta?.deadline ?? "");
  const [language, setLanguage] = useState(meta?.language ?? "en");
  const [counter, setCounter] = useState(meta?.settings.counter ?? "auto");
  const [author, setAuthor] = useState(meta?.author ?? "");
  const save = useAction(async () => {
    if (!meta) return;
    const saved = await updateProjectMeta({
      targetWords: target ? Number(target) : null,
      deadline: deadline || null,
      language,
      author,
      settings: { ...meta.settings, counter },
    });
    if (saved) onClose();
  });
  if (!meta) return null;
  return (
    <Dialog
      title={t.projectSettings.heading}
      onClose={onClose}
      onSubmit={() => void save.run()}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t.projectSettings.cancel}
          </button>
          <button type="submit" className="primary" disabled={save.busy}>
            {t.projectSettings.save}
          </button>
        </>
      }
    >
      <label>
        {t.projects.author}
        <input value={author} onChange={(e) => setAuthor(e.target.value)} />
      </label>
      <label>
        {t.projects.target}
        <input inputMode="numeric" value={target} onChange={(e) => setTarget(e.target.value.replace(/\D/g, ""))} />
      </label>
      <label>
        {t.projectSettings.deadline}
        <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </label>
      <label>
        {t.projects.language}
        <input value={language} onChange={(e) => setLanguage(e.target.value)} />
      </label>
      <label>
        {t.projectSettings.counter}
        <select value={counter} onChange={(e) => setCounter(e.target.value as "auto")}>
          <option value="auto">{t.projectSettings.counterAuto}</option>
          <option value="words">{t.projectSettings.counterWords}</option>
          <option value="characters">{t.projectSettings.counterCharacters}</option>
        </select>
      </label>
    </Dialog>
  );
}
