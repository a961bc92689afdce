import { useEffect, useState } from "react";
import { addUnit, openProject, reportError } from "./actions";
import { listenToBackend } from "./backend-events";
import { client } from "./client";
import { Binder } from "./components/Binder";
import { EditorPane } from "./components/EditorPane";
import { DraftingMain, DraftingNav, LiveDraft, RunStrip, useDraftingSetup } from "./drafting/DraftingShell";
import { useDrafting } from "./drafting/drafting-store";
import { UnitChecks } from "./drafting/UnitChecks";
import { AssistBar } from "./drafting/AssistBar";
import { Inspector } from "./components/Inspector";
import { Notices } from "./components/Notices";
import { ProjectPicker } from "./components/ProjectPicker";
import { ProjectSettings } from "./components/ProjectSettings";
import { ExportDialog } from "./components/ExportDialog";
import { ModelsPage } from "./components/ModelsPage";
import { useModels } from "./state/models-store";
import { RecoveryDialog } from "./components/RecoveryDialog";
import { StatusBar } from "./components/StatusBar";
import { editorRegistry } from "./editor/editor-registry";
import { useApp } from "./state/app-store";
import { t } from "./strings";

const LAST_PROJECT_KEY = "quire-last-project";

export function App() {
  const project = useApp((s) => s.project);
  const theme = useApp((s) => s.theme);
  const focusMode = useApp((s) => s.focusMode);
  const connected = useApp((s) => s.connected);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const modelsOpen = useApp((s) => s.modelsOpen);
  const showProvenance = useApp((s) => s.showProvenance);

  useEffect(() => listenToBackend(), []);
  useEffect(() => {
    client.call("models.state", {}).then((m) => useModels.getState().set(m), () => {});
  }, []);
  useEffect(() => client.on("app.command", (e) => e.command === "export" && setExportOpen(true)), []);
  useDraftingSetup();
  const screen = useDrafting((s) => s.screen);
  useEffect(() => {
    // reopen what the writer had open: --project first, else the last project of this browser/window
    client.call("app.info", {}).then((info) => {
      const last = localStorage.getItem(LAST_PROJECT_KEY);
      if (useApp.getState().project) return;
      if (info.startupProject) void openProject(info.startupProject);
      else if (last) void openProject(last, { quietIfMissing: true });
    }, reportError);
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (project) localStorage.setItem(LAST_PROJECT_KEY, project.handle);
  }, [project?.handle]);
  useEffect(() => {
    // a reconnect after the server restarted: write what could not be saved meanwhile
    if (connected) void editorRegistry.current?.flush();
  }, [connected]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void editorRegistry.current?.flush();
      } else if (mod && e.shiftKey && e.key.toLowerCase() === "f") {
        e.preventDefault();
        useApp.getState().setFocusMode(!useApp.getState().focusMode);
      } else if (e.key === "Escape" && useApp.getState().focusMode) {
        useApp.getState().setFocusMode(false);
      } else if (mod && e.shiftKey && e.key.toLowerCase() === "n") {
        e.preventDefault();
        const s = useApp.getState();
        const cur = s.project?.units.find((u) => u.id === s.currentUnitId);
        void addUnit(cur?.parentId ?? null, cur?.level ?? 0);
      }
    };
    const beforeUnload = () => void editorRegistry.current?.flush();
    addEventListener("keydown", onKey);
    addEventListener("beforeunload", beforeUnload);
    return () => {
      removeEventListener("keydown", onKey);
      removeEventListener("beforeunload", beforeUnload);
    };
  }, []);

  if (!project) {
    return (
      <>
        <ProjectPicker />
        <Notices />
      </>
    );
  }
  return (
    <div className={["studio", focusMode ? "focus" : "", showProvenance ? "show-provenance" : ""].join(" ").trim()}>
      <header className="top-bar">
        <h1 className="project-title">{project.meta.title}</h1>
        <DraftingNav />
        <div className="top-actions">
          <button type="button" onClick={() => useApp.getState().setModelsOpen(true)}>
            {t.models.open}
          </button>
          <button type="button" onClick={() => setExportOpen(true)}>
            {t.exporting.open}
          </button>
          <button type="button" onClick={() => setSettingsOpen(true)}>
            {t.projectSettings.open}
          </button>
          <button type="button" aria-pressed={showProvenance} onClick={() => useApp.getState().setShowProvenance(!showProvenance)}>
            {t.settings.provenance}
          </button>
          <button type="button" onClick={() => useApp.getState().toggleTheme()}>
            {t.settings.theme}: {theme === "dark" ? t.settings.dark : t.settings.light}
          </button>
          <button type="button" aria-pressed={focusMode} onClick={() => useApp.getState().setFocusMode(!focusMode)}>
            {focusMode ? t.settings.exitFocus : t.settings.focus}
          </button>
        </div>
      </header>
      <Binder />
      <main className="main">
        <div className="editor-slot" hidden={screen !== "write"}>
          <RunStrip />
          <LiveDraft />
          <UnitChecks />
          <AssistBar />
          <EditorPane />
        </div>
        <DraftingMain />
      </main>
      <Inspector />
      <StatusBar />
      <RecoveryDialog />
      {settingsOpen ? <ProjectSettings onClose={() => setSettingsOpen(false)} /> : null}
      {exportOpen ? <ExportDialog onClose={() => setExportOpen(false)} /> : null}
      {modelsOpen ? <ModelsPage onClose={() => useApp.getState().setModelsOpen(false)} /> : null}
      <Notices />
    </div>
  );
}
