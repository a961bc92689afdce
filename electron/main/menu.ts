import { app, Menu, type MenuItemConstructorOptions } from "electron";

export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(path: string): void;
  save(): void;
  snapshot(): void;
  exportProject(): void;
  focusMode(): void;
}

/** The application menu; every item is wired to a real action. */
export function buildMenu(actions: MenuActions, recent: { path: string; title: string }[]): Menu {
  const isMac = process.platform === "darwin";
  const file: MenuItemConstructorOptions = {
    label: "File",
    submenu: [
      { label: "New Project…", accelerator: "CmdOrCtrl+N", click: actions.newProject },
      { label: "Open Project…", accelerator: "CmdOrCtrl+O", click: actions.openProject },
      {
        label: "Open Recent",
        submenu: recent.length
          ? recent.map((r) => ({ label: r.title, click: () => actions.openRecent(r.path) }))
          : [{ label: "No recent projects", enabled: false }],
      },
      { type: "separator" },
      { label: "Save", accelerator: "CmdOrCtrl+S", click: actions.save },
      { label: "Take Snapshot", accelerator: "CmdOrCtrl+Shift+S", click: actions.snapshot },
      { label: "Export…", accelerator: "CmdOrCtrl+E", click: actions.exportProject },
      { type: "separator" },
      isMac ? { role: "close" } : { role: "quit" },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ label: app.name, submenu: [{ role: "about" }, { type: "separator" }, { role: "quit" }] } as MenuItemConstructorOptions] : []),
    file,
    { role: "editMenu" },
    {
      label: "View",
      submenu: [
        { label: "Focus Mode", accelerator: "CmdOrCtrl+Shift+F", click: actions.focusMode },
        { type: "separator" },
        { role: "resetZoom" },
        { role: "zoomIn" },
        { role: "zoomOut" },
        { role: "togglefullscreen" },
      ],
    },
    { role: "windowMenu" },
  ];
  return Menu.buildFromTemplate(template);
}
