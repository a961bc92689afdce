import { mkdir } from "node:fs/promises";
import { Dispatcher, type Handlers } from "./dispatcher";
import { OpenProjects } from "./open-projects";
import { ProjectRegistry } from "./project-registry";
import { projectHandlers } from "./handlers/project-handlers";
import { unitHandlers } from "./handlers/unit-handlers";
import { snapshotHandlers } from "./handlers/snapshot-handlers";
import { draftingHandlers } from "./handlers/drafting-handlers";
import { bibleHandlers } from "./handlers/bible-handlers";
import { exchangeHandlers } from "./handlers/exchange-handlers";
import { DraftingServices } from "./drafting/drafting-services";
import type { ModelProvider } from "./drafting/model-provider";
import { ModelService } from "./models/model-service";
import { modelHandlers } from "./handlers/model-handlers";
import { studioHandlers } from "./handlers/studio-handlers";
import type { HostLauncher } from "../llm/host-transport";
import type { EventName } from "../../shared/contract/index";

export interface BackendOptions {
  appDataDir: string;
  projectsDir: string;
  shell: "electron" | "browser";
  /** a project folder to open at start (from --project or the desktop app's last session) */
  startupProject: string | null;
  modelPath?: string | null;
  version?: string;
  /** models/catalog.json */
  catalogPath: string;
  /** how the model host process is started (a utilityProcess in the desktop app; a Node child by default) */
  hostLauncher?: HostLauncher;
  /** a native "choose a GGUF file" dialog, in the desktop app */
  pickModelFile?: () => Promise<string | null>;
  /**
   * The model drafting uses, given the one the Models page loads (by default that one itself).
   * A test supplies its own port here: scripted, or wrapping the real runtime.
   */
  draftingModel?: (loaded: ModelProvider) => ModelProvider;
}

export interface Backend {
  dispatcher: Dispatcher;
  registry: ProjectRegistry;
  /**
   * Loads the model named on the command line (--model FILE) now rather than at the first
   * drafting call; answers a line for the terminal. Failing to load is reported, not thrown:
   * the studio runs on without a model.
   */
  loadStartupModel(): Promise<string | null>;
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
  // the model loads on the first drafting call (or from the Models page), so the studio opens at once
  const models = new ModelService({
    dataDir: opts.appDataDir,
    catalogPath: opts.catalogPath,
    commandLineModel: opts.modelPath ?? null,
    ...(opts.hostLauncher ? { launcher: opts.hostLauncher } : {}),
    ...(opts.pickModelFile ? { pickFile: opts.pickModelFile } : {}),
    emit: (name, payload) => dispatcher?.emit(name, payload as never),
  });
  await models.init();
  const drafting = new DraftingServices(open, opts.draftingModel?.(models) ?? models, (name, payload) =>
    dispatcher?.emit(name as EventName, payload as never),
  );
  const handlers: Handlers = {
    "app.info": async () => ({ version: opts.version ?? "0.1.0", shell: opts.shell, startupProject: startupHandle }),
    ...projectHandlers({ registry, open, projectsDir: opts.projectsDir }),
    ...unitHandlers(
      open,
      (handle) => dispatcher?.emit("project.metaChanged", { handle, meta: open.get(handle).meta() }),
      (name, payload) => dispatcher?.emit(name, payload),
    ),
    ...snapshotHandlers(open),
    ...draftingHandlers(drafting),
    ...bibleHandlers(open, drafting),
    ...exchangeHandlers({ open, registry, projectsDir: opts.projectsDir }),
    ...modelHandlers(models),
    ...studioHandlers(open),
  };
  dispatcher = new Dispatcher(handlers, (message, error) => console.error(`quire: ${message}`, error));
  return {
    dispatcher,
    registry,
    loadStartupModel: async () => {
      if (!opts.modelPath) return null;
      try {
        await models.get();
        const loaded = (await models.state()).loaded;
        return loaded ? `Model loaded: ${loaded.name} (${loaded.backend.toUpperCase()}, ${loaded.gpuLayers} of ${loaded.totalLayers} layers on the GPU)` : null;
      } catch (error) {
        return `The model could not be loaded: ${error instanceof Error ? error.message : String(error)}. The studio runs without it; open Models to try again.`;
      }
    },
    close: async () => {
      await drafting.closeAll();
      await models.dispose();
      await open.closeAll();
    },
  };
}
