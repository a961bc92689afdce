import { app, BrowserWindow, dialog, Menu } from "electron";
import { join } from "node:path";
import { createBackend, type Backend } from "../node/backend/create-backend";
import { appDataDir, defaultProjectsDir } from "../node/app-paths";
import { moveAppData } from "../node/app-data-move";
import { registerAppScheme, serveRenderer } from "./app-protocol";
import { bindIpc } from "./ipc-binding";
import { buildMenu } from "./menu";
import { hardenApp } from "./security/harden-contents";
import { APP_ORIGIN } from "./security/url-policy";
import { secureWebPreferences } from "./security/web-preferences";
import { loadWindowState, trackWindowState } from "./window-state";
import { utilityProcessHostLauncher } from "./model-host-launcher";

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let backend: Backend | null = null;
  let mainWindow: BrowserWindow | null = null;
  // Quire's own files live where browser mode keeps them, never in Electron's userData (Chromium's)
  const dataDir = appDataDir();

  const command = (name: "new-project" | "open-project" | "save" | "snapshot" | "focus-mode" | "export", handle?: string) =>
    backend?.dispatcher.emit("app.command", { command: name, handle });

  const openFolder = async () => {
    const r = await dialog.showOpenDialog({ title: "Open a Quire project", properties: ["openDirectory"] });
    const path = r.filePaths[0];
    if (!r.canceled && path && backend) command("open-project", backend.registry.register(path));
  };

  const refreshMenu = () => {
    if (!backend) return;
    const b = backend;
    Menu.setApplicationMenu(
      buildMenu(
        {
          newProject: () => command("new-project"),
          openProject: () => void openFolder(),
          openRecent: (path) => command("open-project", b.registry.register(path)),
          save: () => command("save"),
          snapshot: () => command("snapshot"),
          exportProject: () => command("export"),
          focusMode: () => command("focus-mode"),
        },
        b.registry.list(),
      ),
    );
  };

  const createWindow = () => {
    const state = loadWindowState(dataDir);
    mainWindow = new BrowserWindow({
      ...state.bounds,
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: "Quire",
      webPreferences: secureWebPreferences(join(__dirname, "../preload/index.cjs")),
    });
    if (state.maximized) mainWindow.maximize();
    trackWindowState(mainWindow, dataDir);
    mainWindow.once("ready-to-show", () => mainWindow?.show());
    void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  };

  app.on("second-instance", () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  void app.whenReady().then(async () => {
    hardenApp();
    serveRenderer(join(__dirname, "../renderer"));
    // the first start after the change brings the old folder's models, model index, recent
    // projects and window state over (a move cut short finishes on the next start)
    const moved = await moveAppData(app.getPath("userData"), dataDir).catch((e: unknown) => ({ moved: [], problems: [String(e)] }));
    for (const p of moved.problems) console.warn(`quire: moving app data: ${p}`);
    backend = await createBackend({
      appDataDir: dataDir,
      projectsDir: defaultProjectsDir(),
      shell: "electron",
      startupProject: null,
      version: app.getVersion(),
      catalogPath: join(app.getAppPath(), "models", "catalog.json"),
      hostLauncher: utilityProcessHostLauncher(__dirname),
      pickModelFile: async () => {
        const r = await dialog.showOpenDialog({
          title: "Add a model file",
          properties: ["openFile"],
          filters: [{ name: "GGUF models", extensions: ["gguf"] }],
        });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
    });
    bindIpc(backend.dispatcher, () => BrowserWindow.getAllWindows());
    refreshMenu();
    createWindow();
    app.on("activate", () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });

  app.on("will-quit", (event) => {
    if (!backend) return;
    event.preventDefault();
    const b = backend;
    backend = null;
    void b.close().finally(() => app.quit());
  });
}
