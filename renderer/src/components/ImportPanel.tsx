import { useId, useState, type CSSProperties } from "react";
import type { MethodOutput } from "../../../electron/shared/contract/index";
import { MAX_IMPORT_FILE_BYTES } from "../../../electron/shared/contract/limits";
import { client } from "../client";
import { openProject } from "../actions";
import { useAction } from "../use-action";
import { t } from "../strings";

type Preview = MethodOutput<"import.preview">;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Import an existing manuscript: pick a file, see the units it would create, then create the project. */
export function ImportPanel({ onOpen = openProject }: { onOpen?: (handle: string) => Promise<void> } = {}) {
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [splitLevel, setSplitLevel] = useState(2);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [title, setTitle] = useState("");
  const headingId = useId();

  const load = useAction(async (picked: File | undefined, level: number) => {
    if (!picked) return;
    setPreview(null);
    // refused here, before a large file is read and sent, with the same limit the backend holds
    if (picked.size > MAX_IMPORT_FILE_BYTES) throw new Error(t.importing.tooLarge(picked.name, MAX_IMPORT_FILE_BYTES));
    const upload = { fileName: picked.name, base64: await toBase64(picked) };
    setFile(upload);
    const p = await client.call("import.preview", { ...upload, splitLevel: level });
    setPreview(p);
    setTitle(p.title);
  });

  const relevel = useAction(async (level: number) => {
    setSplitLevel(level);
    if (!file) return;
    setPreview(await client.call("import.preview", { ...file, splitLevel: level }));
  });

  const create = useAction(async () => {
    if (!file) return;
    const summary = await client.call("import.create", { ...file, splitLevel, title: title || undefined });
    await onOpen(summary.handle);
  });

  return (
    <section className="import" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.importing.heading}</h2>
      <label>
        {t.importing.choose}
        <input type="file" accept=".md,.markdown,.docx,.txt" onChange={(e) => void load.run(e.target.files?.[0], splitLevel)} />
      </label>
      <label>
        {t.importing.splitLevel}
        <select value={splitLevel} onChange={(e) => void relevel.run(Number(e.target.value))}>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {preview ? (
        <div className="import-preview">
          <p>{t.importing.preview(preview.units.length)}</p>
          {preview.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
          <ol aria-label="Units to create">
            {preview.units.slice(0, 200).map((u, i) => (
              <li key={i} style={{ "--depth": u.level } as CSSProperties}>
                {u.title} <span className="muted">({u.words.toLocaleString()})</span>
              </li>
            ))}
          </ol>
          <label>
            {t.importing.title}
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <button type="button" className="primary" disabled={create.busy} onClick={() => void create.run()}>
            {t.importing.create}
          </button>
        </div>
      ) : null}
    </section>
  );
}
