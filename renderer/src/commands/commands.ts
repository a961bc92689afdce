import { canHoldChildren, levelName } from "../../../electron/shared/domain/unit-tree";
import { addSibling, addUnit, keyboardMove, LAST_PROJECT_KEY, trashUnit } from "../actions";
import { client } from "../client";
import { useChecks } from "../drafting/checks-store";
import { useDrafting, type Screen } from "../drafting/drafting-store";
import { editorRegistry } from "../editor/editor-registry";
import { FORMATS } from "../editor/formatting";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { runAction } from "../use-action";
import { switchBinderPage } from "../focus-areas";
import { SHORTCUTS } from "./shortcuts";

/**
 * Every action the studio offers, by name: the command palette lists them (with their shortcut),
 * the one keyboard handler matches their keys, and the menus pick from them. A command that
 * cannot run now is left out (`available`), so the palette never offers what would do nothing.
 */
export interface Command {
  id: string;
  title: string;
  group: string;
  keys?: string;
  /** a toggle's state, shown as a check in menus and the palette */
  checked?: boolean;
  /** who handles the keys: the editor (bold, italic) or the binder (moves); the studio's key handler leaves those */
  keysOwner?: "editor" | "binder";
  run(): void;
}

const SCREENS: Screen[] = ["write", "brief", "plan", "run", "review", "bible"];

const flushThen = (fn: () => void) => void (editorRegistry.current?.flush() ?? Promise.resolve()).then(fn);

/** Runs a backend call on the run and takes the run view it answers with. */
const runCall = (method: "run.pause" | "run.resume" | "run.cancel") => () => {
  const handle = useApp.getState().project?.handle;
  if (!handle) return;
  void runAction(async () => useDrafting.getState().setRun(await client.call(method, { handle })));
};

const themeCommand = (theme: "light" | "dark"): Command => ({
  id: "view.theme",
  group: t.commands.groups.view,
  title: theme === "dark" ? t.settings.toLight : t.settings.toDark,
  keys: SHORTCUTS["view.theme"],
  run: () => useApp.getState().toggleTheme(),
});

/** The commands as they stand now (reads the stores; call it where the list is needed, not in a render loop). */
export function currentCommands(): Command[] {
  const app = useApp.getState();
  const drafting = useDrafting.getState();
  const project = app.project;
  // on the project picker only the theme applies
  if (!project) return [themeCommand(app.theme)];
  const unit = project.units.find((u) => u.id === app.currentUnitId);
  const levels = project.meta.levels;
  const writing = drafting.screen === "write";
  const editor = writing && unit ? editorRegistry.current?.editor : undefined;
  const runStatus = drafting.run?.status;
  const out: Command[] = [];
  const add = (c: Command | false | undefined | null) => c && out.push(c);

  SCREENS.forEach((s, i) =>
    add({
      id: `screen.${s}`,
      group: t.commands.groups.go,
      title: t.commands.goTo(t.drafting.nav[s]),
      keys: SHORTCUTS[`screen.${s}`],
      checked: drafting.screen === s,
      run: () => useDrafting.getState().setScreen(s),
    }),
  );

  add({ id: "focus.switch", group: t.commands.groups.go, title: t.commands.switchBinderPage, keys: SHORTCUTS["focus.switch"], run: switchBinderPage });
  add({ id: "projects.list", group: t.commands.groups.project, title: t.projects.all, run: () => useApp.getState().openDialog("projects") });

  const cur = unit;
  add({
    id: "unit.add",
    group: t.commands.groups.binder,
    title: cur ? t.binder.addAfter(levelName(levels, cur.level), cur.title) : t.binder.add(levelName(levels, 0)),
    keys: SHORTCUTS["unit.add"],
    run: () => void (cur ? addSibling(cur.id) : addUnit(null, 0)),
  });
  if (cur) {
    if (canHoldChildren(levels, cur.level))
      add({
        id: "unit.add-child",
        group: t.commands.groups.binder,
        title: t.binder.addChild(levelName(levels, cur.level + 1)),
        keys: SHORTCUTS["unit.add-child"],
        run: () => void addUnit(cur.id, cur.level + 1),
      });
    add({ id: "unit.calls", group: t.commands.groups.binder, title: t.drafting.calls.open, run: () => useApp.getState().openDialog("calls") });
    add({ id: "unit.rename", group: t.commands.groups.binder, title: t.binder.rename, keys: SHORTCUTS["unit.rename"], keysOwner: "binder", run: () => useApp.getState().requestRename(cur.id) });
    add({ id: "unit.up", group: t.commands.groups.binder, title: t.binder.moveUp, keys: SHORTCUTS["unit.up"], keysOwner: "binder", run: () => void keyboardMove(cur.id, "up") });
    add({ id: "unit.down", group: t.commands.groups.binder, title: t.binder.moveDown, keys: SHORTCUTS["unit.down"], keysOwner: "binder", run: () => void keyboardMove(cur.id, "down") });
    add({ id: "unit.indent", group: t.commands.groups.binder, title: t.binder.indent, keys: SHORTCUTS["unit.indent"], keysOwner: "binder", run: () => void keyboardMove(cur.id, "indent") });
    add({ id: "unit.outdent", group: t.commands.groups.binder, title: t.binder.outdent, keys: SHORTCUTS["unit.outdent"], keysOwner: "binder", run: () => void keyboardMove(cur.id, "outdent") });
    add({ id: "unit.trash", group: t.commands.groups.binder, title: t.binder.trash, keys: SHORTCUTS["unit.trash"], keysOwner: "binder", run: () => void trashUnit(cur.id) });
    add({
      id: "unit.snapshot",
      group: t.commands.groups.binder,
      title: t.inspector.snapshot,
      keys: SHORTCUTS["unit.snapshot"],
      run: () =>
        void runAction(async () => {
          await editorRegistry.current?.flush();
          await client.call("snapshots.create", { handle: project.handle, unitId: cur.id, reason: "manual" });
          useApp.getState().notify({ kind: "info", text: t.inspector.snapshotTaken });
        }),
    });
    add({
      id: "unit.check",
      group: t.commands.groups.write,
      title: t.drafting.checks.checkNow,
      keys: SHORTCUTS["unit.check"],
      run: () => {
        useDrafting.getState().setScreen("write");
        useChecks.getState().requestCheck(cur.id);
      },
    });
  }

  add({ id: "save", group: t.commands.groups.write, title: t.commands.save, keys: SHORTCUTS.save, run: () => void editorRegistry.current?.flush() });
  if (cur)
    add({
      id: "write.assist",
      group: t.commands.groups.write,
      title: t.drafting.assist.open,
      keys: SHORTCUTS["write.assist"],
      checked: app.assistOpen,
      run: () => {
        useDrafting.getState().setScreen("write");
        useApp.getState().setAssistOpen(!useApp.getState().assistOpen);
      },
    });
  add({ id: "write.spellcheck", group: t.commands.groups.write, title: t.settings.spellcheck, checked: app.spellcheck, run: () => useApp.getState().setSpellcheck(!useApp.getState().spellcheck) });
  if (editor)
    for (const f of FORMATS)
      add({
        id: `format.${f.id}`,
        group: t.format.label,
        title: f.label,
        keys: f.keys,
        keysOwner: f.id === "bold" || f.id === "italic" ? "editor" : undefined,
        checked: f.active?.(editor),
        run: () => f.run(editor),
      });

  add({
    id: "view.focus",
    group: t.commands.groups.view,
    title: app.focusMode ? t.settings.exitFocus : t.settings.focus,
    keys: SHORTCUTS["view.focus"],
    checked: app.focusMode,
    run: () => {
      const s = useApp.getState();
      if (!s.focusMode) useDrafting.getState().setScreen("write");
      s.setFocusMode(!s.focusMode);
    },
  });
  add({ id: "view.typewriter", group: t.commands.groups.view, title: t.settings.typewriter, checked: app.typewriter, run: () => useApp.getState().setTypewriter(!useApp.getState().typewriter) });
  add({ id: "view.dim", group: t.commands.groups.view, title: t.settings.dimOthers, checked: app.dimOthers, run: () => useApp.getState().setDimOthers(!useApp.getState().dimOthers) });
  add({
    id: "view.inspector",
    group: t.commands.groups.view,
    title: t.settings.inspector,
    keys: SHORTCUTS["view.inspector"],
    checked: app.inspectorOpen,
    run: () => {
      useDrafting.getState().setScreen("write");
      useApp.getState().setInspectorOpen(!useApp.getState().inspectorOpen);
    },
  });
  add({
    id: "view.provenance",
    group: t.commands.groups.view,
    title: t.settings.provenance,
    checked: app.showProvenance,
    run: () => useApp.getState().setShowProvenance(!useApp.getState().showProvenance),
  });
  add(themeCommand(app.theme));

  add({ id: "project.export", group: t.commands.groups.project, title: t.exporting.open, keys: SHORTCUTS["project.export"], run: () => useApp.getState().openDialog("export") });
  add({ id: "project.settings", group: t.commands.groups.project, title: t.projectSettings.open, keys: SHORTCUTS["project.settings"], run: () => useApp.getState().openDialog("settings") });
  add({ id: "project.models", group: t.commands.groups.project, title: t.models.open, run: () => useApp.getState().openDialog("models") });
  add({
    id: "project.close",
    group: t.commands.groups.project,
    title: t.commands.closeProject,
    run: () =>
      flushThen(() => {
        // closed on purpose: the next start shows the picker, not this project again
        localStorage.removeItem(LAST_PROJECT_KEY);
        useApp.getState().setProject(null);
      }),
  });

  const plan = drafting.plan?.plan;
  add({
    id: "plan.build",
    group: t.commands.groups.run,
    title: plan ? t.drafting.plan.rebuild : t.drafting.plan.build,
    run: () =>
      void runAction(async () => {
        useDrafting.getState().setScreen("plan");
        useDrafting.getState().setPlan(await client.call("plan.build", { handle: project.handle, useModel: false }));
      }),
  });
  if (plan && !plan.accepted)
    add({
      id: "plan.accept",
      group: t.commands.groups.run,
      title: t.drafting.plan.accept,
      run: () => {
        // a binder with units, or a target the plan's differs from: the plan screen asks where and which, as its button does
        if (project.units.length > 0 || (project.meta.targetWords !== null && project.meta.targetWords !== plan.targetWords)) {
          useDrafting.getState().setScreen("plan");
          useDrafting.getState().setAskAccept(true);
          return;
        }
        void runAction(async () => {
          const r = await client.call("plan.accept", { handle: project.handle });
          useDrafting.getState().setPlan(r.plan);
          useApp.getState().setUnits(r.units);
        });
      },
    });
  if (plan?.accepted && runStatus !== "running" && runStatus !== "pausing")
    add({
      id: "run.start",
      group: t.commands.groups.run,
      title: drafting.run ? t.drafting.run.startNew : t.drafting.run.start,
      run: () =>
        void runAction(async () => {
          useDrafting.getState().setScreen("run");
          useDrafting.getState().setRun(await client.call("run.start", { handle: project.handle }));
        }),
    });
  if (runStatus === "running") add({ id: "run.pause", group: t.commands.groups.run, title: t.commands.pauseRun, run: runCall("run.pause") });
  if (runStatus === "running" || runStatus === "pausing") add({ id: "run.cancel", group: t.commands.groups.run, title: t.commands.cancelRun, run: runCall("run.cancel") });
  if (runStatus && ["paused", "interrupted", "failed", "cancelled", "finished-with-failures"].includes(runStatus))
    add({ id: "run.resume", group: t.commands.groups.run, title: t.commands.resumeRun, run: runCall("run.resume") });

  add({ id: "palette", group: t.commands.groups.view, title: t.commands.palette, keys: SHORTCUTS.palette, run: () => useApp.getState().openDialog("palette") });
  return out;
}
