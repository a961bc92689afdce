import { useEffect, useRef, useState } from "react";
import { countUnitForLanguage, type CountUnit } from "../../../electron/shared/text/count-words";
import { documentOrder } from "../../../electron/shared/domain/unit-tree";
import { client } from "../client";
import { UnitEditor } from "../editor/unit-editor";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { useDrafting } from "../drafting/drafting-store";
import { t } from "../strings";
import { rememberUnit, reportError } from "../actions";
import { Toolbar } from "./Toolbar";

export function projectCountUnit(language: string, counter: "auto" | "words" | "characters"): CountUnit {
  return counter === "auto" ? countUnitForLanguage(language) : counter;
}

/** Hosts the one editor; follows the binder's selection. */
export function EditorPane() {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<UnitEditor | null>(null);
  const project = useApp((s) => s.project);
  const currentUnitId = useApp((s) => s.currentUnitId);
  const handle = project?.handle;
  const language = project?.meta.language ?? "en";
  const counter = project?.meta.settings.counter ?? "auto";

  useEffect(() => {
    if (!host.current || !handle) return;
    const app = useApp.getState();
    const ed = new UnitEditor(host.current, client, handle, projectCountUnit(language, counter), {
      words: (id, total, model) => useApp.getState().setWords(id, total, model),
      saveState: (s) => useApp.getState().setSaveState(s),
      conflict: (id) => {
        const title = useApp.getState().project?.units.find((u) => u.id === id)?.title ?? id;
        app.notify({ kind: "warning", text: t.conflict.changed(title) });
      },
      wroteWords: () => {},
    }, {
      get: () => useDrafting.getState().highlights,
      subscribe: (onChange) => useDrafting.subscribe((s, before) => s.highlights !== before.highlights && onChange()),
    });
    editorRegistry.current = ed;
    setEditor(ed);
    const flushOnHide = () => {
      if (document.visibilityState === "hidden") void ed.flush();
    };
    document.addEventListener("visibilitychange", flushOnHide);
    return () => {
      document.removeEventListener("visibilitychange", flushOnHide);
      void ed.flush().finally(() => ed.destroy());
      editorRegistry.current = null;
      setEditor(null);
    };
  }, [handle, language, counter]);

  useEffect(() => {
    if (!editor) return;
    if (!currentUnitId || !handle) return;
    rememberUnit(handle, currentUnitId);
    editor.open(currentUnitId).then(() => {
      const s = useApp.getState();
      const order = documentOrder(s.project?.units ?? []).map((u) => u.id);
      editor.prefetch(order, currentUnitId, 400_000, s.words);
    }, reportError);
  }, [editor, currentUnitId, handle]);

  return (
    <section className="editor-pane" aria-label={t.editor.placeholder}>
      {editor ? <Toolbar editor={editor.editor} /> : null}
      {!currentUnitId ? <p className="empty">{t.editor.empty}</p> : null}
      <div ref={host} className="editor-host" hidden={!currentUnitId} />
    </section>
  );
}
