import { mkdir } from "node:fs/promises";
import { Dispatcher, type Handlers } from "./dispatcher";
import { OpenProjects } from "./open-projects";
import { ProjectRegistry } from "./project-registry";
import { projectHandlers } from "./handlers/project-handlers";
import { unitHandlers } from "./handlers/unit-handlers";
import { snapshotHandlers } from "./handlers/snapshot-handlers";

export interface BackendOptions {
  appDataDir: string;
  projectsDir: string;
  shell: "electron" | "browser";
  /** a project folder to open at start (from --project or the desktop app's last session) */
  startupProject: string | null;
  modelPath?: string | null;
  version?: string;
}

export interface Backend {
  dispatcher: Dispatcher;
  registry: ProjectRegistry;
  close(): Promise<void>;
}

/** Composes the store (and, as they land, the model runtime and the engine) behind the contract. Both shells bind this. */
export async function createBackend(opts: BackendOptions): Promise<Backend> {
  await mkdir(opts.appDataDir, { recursive: true });
  const registry = new ProjectRegistry(opts.appDataDir);
  await registry.load();
  const startupHandle = opts.startupProject ? registry.register(opts.startupProject) : null;
  let dispatcher: Dispatcher | undefined;
  const open = new OpenProjects(registry, (name, payload) => dispatcher?.emit(name, payload as never),
    opts.shell === "electron" ? "desktop" : "browser",
  );
  const handlers: Handlers = {
    "app.info": async () => ({ version: opts.version ?? "0.1.0", shell: opts.shell, startupProject: startupHandle }),
    ...projectHandlers({ registry, open, projectsDir: opts.projectsDir }),
    ...unitHandlers(open, (handle) => dispatcher?.emit("project.metaChanged", { handle, meta: open.get(handle).meta() })),
    ...snapshotHandlers(open),
  };
  dispatcher = new Dispatcher(handlers, (message, error) => console.error(`quire: ${message}`, error));
  return {
    dispatcher,
    registry,
    close: () => open.closeAll(),
  };
}
