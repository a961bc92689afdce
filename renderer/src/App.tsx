import { useEffect } from "react";
import { LAST_PROJECT_KEY, openProject, reportError } from "./actions";
import { listenToBackend } from "./backend-events";
import { client } from "./client";
import { CommandPalette } from "./commands/CommandPalette";
import { currentCommands } from "./commands/commands";
import { matchesKeys, shortcutLabel } from "./commands/keys";
import { SHORTCUTS } from "./commands/shortcuts";
import { Binder } from "./components/Binder";
import { EditorPane } from "./components/EditorPane";
import { ExportDialog } from "./components/ExportDialog";
import { FocusExit } from "./components/FocusExit";
import { Inspector } from "./components/Inspector";
import { ModelsPage } from "./components/ModelsPage";
import { Notices } from "./components/Notices";
import { ProjectPicker } from "./components/ProjectPicker";
import { ProjectSettings } from "./components/ProjectSettings";
import { RecoveryDialog } from "./components/RecoveryDialog";
import { StatusBar } from "./components/StatusBar";
import { QuestionHost } from "./components/ui/ask";
import { useDialogStack } from "./components/ui/Dialog";
import { MenuButton, type MenuEntry } from "./components/ui/Menu";
import { Mark } from "./design/Mark";
import { MoreIcon, ProjectsIcon, SearchIcon } from "./design/icons";
import { ProjectsDialog } from "./components/ProjectsDialog";
import { CallViewer } from "./drafting/CallViewer";
import { IconButton } from "./components/ui/IconButton";
import { focusBinder, focusPage } from "./focus-areas";
import { useChecks } from "./drafting/checks-store";
import { AssistBar } from "./drafting/AssistBar";
import { DraftingMain, DraftingNav, LiveDraft, RunStrip, useDraftingSetup } from "./drafting/DraftingShell";
import { useDrafting } from "./drafting/drafting-store";
import { UnitChecks } from "./drafting/UnitChecks";
import { editorRegistry } from "./editor/editor-registry";
import { useModels } from "./state/models-store";
import { useApp } from "./state/app-store";
import { t } from "./strings";
import "./studio-nav.css";


/** The secondary actions, in the top bar's one menu: picked from the commands, so names and keys agree with the palette. */
const MORE_MENU = ["projects.list", "|", "project.models", "project.export", "project.settings", "|", "view.focus", "view.typewriter", "view.dim", "view.inspector", "view.provenance", "write.spellcheck", "view.theme", "|", "palette", "project.close"];

function moreMenu(): MenuEntry[] {
  const byId = new Map(currentCommands().map((c) => [c.id, c]));
  return MORE_MENU.flatMap((id): MenuEntry[] => {
    if (id === "|") return ["separator"];
    const c = byId.get(id);
    const toggles = ["view.typewriter", "view.dim", "view.inspector", "view.provenance", "view.focus", "write.spellcheck"].includes(id);
    return c ? [{ id: c.id, label: c.title, keys: c.keys, checked: toggles ? (c.checked ?? false) : undefined, run: c.run }] : [];
  });
}

/** One handler for every command's keys; plain typing returns at the first test, so it costs the editor nothing. */
function onKey(e: KeyboardEvent) {
  if (e.key === "Escape") {
    if (useApp.getState().focusMode && useDialogStack.getState().stack.length === 0) useApp.getState().setFocusMode(false);
    return;
  }
  if (!(e.ctrlKey || e.metaKey || e.altKey) && !/^F\d+$/.test(e.key)) return;
  if (useDialogStack.getState().stack.length > 0) return;
  const c = currentCommands().find((c) => c.keys && !c.keysOwner && matchesKeys(e, c.keys));
  if (!c) return;
  e.preventDefault();
  c.run();
}

export function App() {
  const project = useApp((s) => s.project);
  const theme = useApp((s) => s.theme);
  const focusMode = useApp((s) => s.focusMode);
  const typewriter = useApp((s) => s.typewriter);
  const dimOthers = useApp((s) => s.dimOthers);
  const connected = useApp((s) => s.connected);
  const dialog = useApp((s) => s.dialog);
  const showProvenance = useApp((s) => s.showProvenance);
  const hasUnit = useApp((s) => s.currentUnitId !== null);
  const inspectorOpen = useApp((s) => s.inspectorOpen);

  useEffect(() => listenToBackend(), []);
  useEffect(() => {
    client.call("models.state", {}).then((m) => useModels.getState().set(m), () => {});
  }, []);
  useEffect(() => client.on("app.command", (e) => e.command === "export" && useApp.getState().openDialog("export")), []);
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
    useChecks.getState().load(project?.handle ?? null);
  }, [project?.handle]);
  useEffect(() => {
    // a reconnect after the server restarted: write what could not be saved meanwhile
    if (connected) void editorRegistry.current?.flush();
  }, [connected]);
  useEffect(() => {
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
        <QuestionHost />
        <Notices />
      </>
    );
  }
  // the Inspector only where it has something to show: the write screen, with a unit open
  const withInspector = !focusMode && screen === "write" && hasUnit && inspectorOpen;
  const classes = [
    "studio",
    withInspector ? "with-inspector" : "",
    focusMode ? "focus" : "",
    focusMode && typewriter ? "typewriter" : "",
    focusMode && dimOthers ? "dim" : "",
    showProvenance ? "show-provenance" : "",
  ];
  const close = () => useApp.getState().openDialog(null);
  return (
    <div className={classes.filter(Boolean).join(" ")} data-screen={screen}>
      {/* the first stops of Tab: straight to the two working areas, past the top bar */}
      <div className="skip-links">
        <a href="#binder" onClick={(e) => (e.preventDefault(), focusBinder())}>
          {t.binder.skipToBinder}
        </a>
        <a href="#page" onClick={(e) => (e.preventDefault(), focusPage())}>
          {t.binder.skipToPage}
        </a>
      </div>
      <header className="top-bar">
        <div className="brand">
          <IconButton icon={ProjectsIcon} label={t.projects.all} title={t.projects.allHint} className="quiet small" aria-haspopup="dialog" onClick={() => useApp.getState().openDialog("projects")} />
          <Mark />
          <h1 className="project-title" title={project.location}>
            {project.meta.title}
          </h1>
        </div>
        <DraftingNav />
        <div className="top-actions">
          <button type="button" className="quiet" title={`${t.commands.open} (${shortcutLabel(SHORTCUTS.palette)})`} onClick={() => useApp.getState().openDialog("palette")}>
            <SearchIcon className="icon" aria-hidden="true" />
            <span className="visually-hidden">{t.commands.open}</span>
            <kbd className="palette-hint" aria-hidden="true">
              {shortcutLabel(SHORTCUTS.palette)}
            </kbd>
          </button>
          <MenuButton icon={MoreIcon} label={t.commands.more} items={moreMenu} />
        </div>
      </header>
      <Binder />
      <main className="main" id="page">
        <div className="editor-slot" hidden={screen !== "write"}>
          <RunStrip />
          <LiveDraft />
          <EditorPane checks={<UnitChecks />} assist={<AssistBar />} />
        </div>
        <DraftingMain />
      </main>
      {withInspector ? <Inspector /> : null}
      <StatusBar />
      {focusMode ? <FocusExit /> : null}
      <RecoveryDialog />
      {dialog === "settings" ? <ProjectSettings onClose={close} /> : null}
      {dialog === "export" ? <ExportDialog onClose={close} /> : null}
      {dialog === "models" ? <ModelsPage onClose={close} /> : null}
      {dialog === "palette" ? <CommandPalette /> : null}
      {dialog === "projects" ? <ProjectsDialog onClose={close} /> : null}
      {dialog === "calls" ? <CallViewer unitId={useApp.getState().currentUnitId} onClose={close} /> : null}
      <QuestionHost />
      <Notices />
    </div>
  );
}
