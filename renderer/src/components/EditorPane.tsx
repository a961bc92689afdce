import { useEffect, useRef, useState, type ReactNode } from "react";
import { countUnitForLanguage, type CountUnit } from "../../../electron/shared/text/count-words";
import { documentOrder, levelName } from "../../../electron/shared/domain/unit-tree";
import { client, clientId } from "../client";
import { AssistIcon, FocusIcon, InspectorIcon } from "../design/icons";
import { setCurrentBlockMarking } from "../editor/current-block";
import { startTypewriter } from "../editor/typewriter";
import { UnitEditor } from "../editor/unit-editor";
import { CaretMemory } from "../editor/caret-memory";
import { offerConflict } from "../editor/conflicts";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { useDrafting } from "../drafting/drafting-store";
import { t } from "../strings";
import { rememberUnit, reportError } from "../actions";
import { Toolbar } from "./Toolbar";
import { SHORTCUTS } from "../commands/shortcuts";
import { IconButton } from "./ui/IconButton";

export function projectCountUnit(language: string, counter: "auto" | "words" | "characters"): CountUnit {
  return counter === "auto" ? countUnitForLanguage(language) : counter;
}

/** Where the open unit sits: its level, under its parent's title ("Part One › Chapter"). */
function UnitHead({ end }: { end: ReactNode }) {
  const unit = useApp((s) => s.project?.units.find((u) => u.id === s.currentUnitId));
  const parent = useApp((s) => (unit?.parentId ? s.project?.units.find((u) => u.id === unit.parentId) : undefined));
  const levels = useApp((s) => s.project?.meta.levels ?? []);
  if (!unit) return null;
  return (
    <header className="unit-head">
      <p className="unit-eyebrow">
        <span>{parent ? `${parent.title} › ${levelName(levels, unit.level)}` : levelName(levels, unit.level)}</span>
        <span className="spacer" />
        {end}
      </p>
      <h2 className="unit-heading" data-testid="unit-heading">
        {unit.title}
      </h2>
    </header>
  );
}

/** Hosts the one editor, set as a book page under the unit's title; follows the binder's selection. */
export function EditorPane({ checks, assist }: { checks?: ReactNode; assist?: ReactNode }) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<UnitEditor | null>(null);
  const assistOpen = useApp((s) => s.assistOpen);
  const spellcheck = useApp((s) => s.spellcheck);
  const project = useApp((s) => s.project);
  const currentUnitId = useApp((s) => s.currentUnitId);
  const focusMode = useApp((s) => s.focusMode);
  const typewriter = useApp((s) => s.typewriter);
  const dimOthers = useApp((s) => s.dimOthers);
  const inspectorOpen = useApp((s) => s.inspectorOpen);
  const handle = project?.handle;
  const language = project?.meta.language ?? "en";
  const counter = project?.meta.settings.counter ?? "auto";

  useEffect(() => {
    if (!host.current || !handle) return;
    const app = useApp.getState();
    const ed = new UnitEditor(host.current, client, handle, projectCountUnit(language, counter), {
      words: (id, total, model) => useApp.getState().setWords(id, total, model),
      saveState: (s) => useApp.getState().setSaveState(s),
      conflict: (id) => offerConflict(id),
      wroteWords: () => {},
      warn: (text) => useApp.getState().notify({ kind: "warning", text, key: "save-warning" }),
    }, {
      get: () => useDrafting.getState().highlights,
      subscribe: (onChange) => useDrafting.subscribe((s, before) => s.highlights !== before.highlights && onChange()),
    }, clientId, { memory: new CaretMemory(handle), scroller: () => host.current?.closest<HTMLElement>(".main") ?? null });
    editorRegistry.current = ed;
    setEditor(ed);
    // the page's scroll is part of where the writer is; a reload (pagehide) keeps it too
    const scroller = host.current.closest<HTMLElement>(".main");
    // only while the page shows: the drafting screens scroll the same element
    const showing = () => !!host.current?.offsetParent;
    const noteNow = () => (showing() && scroller ? ed.noteScroll(scroller.scrollTop, true) : ed.notePlace(true));
    const flushOnHide = () => {
      if (document.visibilityState !== "hidden") return;
      noteNow();
      void ed.flush();
    };
    const onScroll = () => showing() && scroller && ed.noteScroll(scroller.scrollTop);
    const onPageHide = () => noteNow();
    scroller?.addEventListener("scroll", onScroll, { passive: true });
    addEventListener("pagehide", onPageHide);
    document.addEventListener("visibilitychange", flushOnHide);
    return () => {
      scroller?.removeEventListener("scroll", onScroll);
      removeEventListener("pagehide", onPageHide);
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
      editor.prefetch(order, currentUnitId, 400_000, s.wordsCounted ? s.words : null);
    }, reportError);
  }, [editor, currentUnitId, handle]);
  // the whole book is loaded ahead only once its size is known
  const wordsCounted = useApp((s) => s.wordsCounted);
  useEffect(() => {
    const s = useApp.getState();
    if (!editor || !wordsCounted || !s.currentUnitId || editor.currentUnitId !== s.currentUnitId) return;
    editor.prefetch(documentOrder(s.project?.units ?? []).map((u) => u.id), s.currentUnitId, 400_000, s.words);
  }, [editor, wordsCounted]);

  useEffect(() => {
    editor?.editor.view.dom.setAttribute("spellcheck", String(spellcheck));
  }, [editor, spellcheck]);

  // focus mode: the page alone, the caret kept at one height, other paragraphs faded if asked
  useEffect(() => {
    setCurrentBlockMarking(focusMode && dimOthers);
  }, [focusMode, dimOthers]);
  useEffect(() => {
    if (!editor || !focusMode || !typewriter || !host.current) return;
    const scroller = host.current.closest<HTMLElement>(".main");
    if (!scroller) return;
    return startTypewriter(editor.editor, scroller);
  }, [editor, focusMode, typewriter]);
  const focusWas = useRef(focusMode);
  useEffect(() => {
    // entering or leaving focus mode keeps the writer in the text (not on the first render)
    if (focusWas.current !== focusMode && editor && currentUnitId) editor.editor.commands.focus();
    focusWas.current = focusMode;
  }, [focusMode]);

  const pageToggles = (
    <>
      <IconButton
        icon={AssistIcon}
        label={t.drafting.assist.open}
        className="quiet small"
        aria-pressed={assistOpen}
        onClick={() => useApp.getState().setAssistOpen(!assistOpen)}
      />
      <IconButton icon={FocusIcon} label={t.settings.focus} keys={SHORTCUTS["view.focus"]} className="quiet small" onClick={() => useApp.getState().setFocusMode(true)} />
      <IconButton
        icon={InspectorIcon}
        label={t.settings.inspector}
        keys={SHORTCUTS["view.inspector"]}
        className="quiet small"
        aria-pressed={inspectorOpen}
        onClick={() => useApp.getState().setInspectorOpen(!inspectorOpen)}
      />
    </>
  );

  return (
    <section className="editor-pane" aria-label={t.editor.label}>
      <UnitHead end={pageToggles} />
      {currentUnitId ? checks : null}
      {editor && currentUnitId ? <Toolbar editor={editor.editor} /> : null}
      {currentUnitId ? (
        <div className="assist-slot" hidden={!assistOpen}>
          {assist}
        </div>
      ) : null}
      {!currentUnitId ? <p className="empty">{t.editor.empty}</p> : null}
      <div ref={host} className="editor-host" hidden={!currentUnitId} />
    </section>
  );
}
