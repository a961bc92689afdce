import { useEffect, useState } from "react";
import type { ExportProfile } from "../../../electron/shared/export/export-profile";
import { QuireError } from "../../../electron/shared/contract/errors";
import { client } from "../client";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { runAction, useAction } from "../use-action";
import { confirmAction } from "./ui/ask";
import { Dialog } from "./ui/Dialog";

/** Export with a saved or default profile; files land in the project's exports/ folder and can be downloaded. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const handle = useApp((s) => s.project?.handle);
  const [profiles, setProfiles] = useState<ExportProfile[]>([]);
  const [profile, setProfile] = useState<ExportProfile | null>(null);
  const [result, setResult] = useState<{ folder: string; files: { name: string; bytes: number }[] } | null>(null);

  useEffect(() => {
    if (!handle) return;
    void runAction(async () => {
      const { saved, defaults } = await client.call("export.profiles", { handle });
      const all = [...saved, ...defaults.filter((d) => !saved.some((s) => s.name === d.name))];
      setProfiles(all);
      setProfile(all[0] ?? null);
    });
  }, [handle]);

  const run = useAction(async () => {
    if (!profile || !handle) return;
    await editorRegistry.current?.flush();
    await client.call("export.saveProfile", { handle, profile });
    try {
      setResult(await client.call("export.run", { handle, profile, overwrite: false }));
    } catch (error) {
      if (!(error instanceof QuireError && error.code === "conflict")) throw error;
      const replace = await confirmAction({ title: t.exporting.overwrite, body: error.message, confirm: t.exporting.replace });
      if (replace) setResult(await client.call("export.run", { handle, profile, overwrite: true }));
    }
  });

  const download = useAction(async (name: string) => {
    if (!handle) return;
    const file = await client.call("export.download", { handle, name });
    const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
    const a = document.createElement("a");
    a.href = url;
    a.download = file.name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });

  if (!handle) return null;
  const patch = (p: Partial<ExportProfile>) => profile && setProfile({ ...profile, ...p });

  return (
    <Dialog
      title={t.exporting.heading}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t.exporting.close}
          </button>
          <button type="button" className="primary" disabled={!profile || run.busy} onClick={() => void run.run()}>
            {run.busy ? t.exporting.working : t.exporting.run}
          </button>
        </>
      }
    >
      {profile ? (
        <>
          <label>
            {t.exporting.profile}
            <select value={profile.name} onChange={(e) => setProfile(profiles.find((p) => p.name === e.target.value) ?? profile)}>
              {profiles.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.exporting.format}
            <select value={profile.format} onChange={(e) => patch({ format: e.target.value as "md" })}>
              <option value="docx">{t.exporting.docx}</option>
              <option value="md">{t.exporting.markdown}</option>
            </select>
          </label>
          {profile.format === "docx" ? (
            <>
              <label>
                {t.exporting.preset}
                <select value={profile.docx.preset} onChange={(e) => patch({ docx: { ...profile.docx, preset: e.target.value as "manuscript" } })}>
                  <option value="manuscript">{t.exporting.manuscript}</option>
                  <option value="reading">{t.exporting.reading}</option>
                </select>
              </label>
              <label>
                {t.exporting.page}
                <select value={profile.docx.pageSize} onChange={(e) => patch({ docx: { ...profile.docx, pageSize: e.target.value as "A4" } })}>
                  <option value="Letter">Letter</option>
                  <option value="A4">A4</option>
                </select>
              </label>
            </>
          ) : (
            <label>
              {t.exporting.layout}
              <select value={profile.layout} onChange={(e) => patch({ layout: e.target.value as "single" })}>
                <option value="single">{t.exporting.single}</option>
                <option value="per-chapter">{t.exporting.perChapter}</option>
              </select>
            </label>
          )}
          <fieldset>
            <legend>{t.exporting.include}</legend>
            {(["frontMatter", "synopses", "notes", "toc"] as const).map((k) => (
              <label key={k} className="check">
                <input type="checkbox" checked={profile.include[k]} onChange={(e) => patch({ include: { ...profile.include, [k]: e.target.checked } })} />
                {t.exporting.includes[k]}
              </label>
            ))}
          </fieldset>
        </>
      ) : (
        <p className="muted">{t.exporting.loading}</p>
      )}
      {result ? (
        <section aria-label={t.exporting.done} className="export-result">
          <p>{t.exporting.wrote(result.folder)}</p>
          <ul>
            {result.files.map((f) => (
              <li key={f.name}>
                <button type="button" className="link" onClick={() => void download.run(f.name)}>
                  {t.exporting.download(f.name)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Dialog>
  );
}
