import { basename } from "node:path";
import { withLock } from "lifecycle-utils";
import { QuireError } from "../../../shared/contract/errors";
import type { EventName } from "../../../shared/contract/index";
import type { ModelsState } from "../../../shared/contract/models";
import type { GenerateRequest, LlmPort, ModelInfo } from "../../../shared/llm/llm-port";
import type { HostLauncher } from "../../llm/host-transport";
import type { LoadReport, SystemReport } from "../../llm/host-protocol";
import type { LocalLlm } from "../../llm/index";
import { loadCatalog, type CatalogEntry } from "../../models/catalog";
import { GgufInspectError } from "../../models/gguf-inspect";
import { DownloadError, type ModelDownload } from "../../models/model-download";
import { ModelLibrary, type LibraryEntry } from "../../models/model-library";
import { politeHost } from "../../llm/host-priority";
import { catalogFit } from "./catalog-fit";
import { ThroughputMeter } from "./throughput-meter";

type DownloadState = ModelsState["downloads"][number];

export interface ModelServiceOptions {
  dataDir: string;
  catalogPath: string;
  /** --model FILE: offered as installed and loaded on first use */
  commandLineModel: string | null;
  launcher?: HostLauncher;
  /** the desktop app's native file dialog; absent in browser mode */
  pickFile?: () => Promise<string | null>;
  emit: (name: EventName, payload: unknown) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * The studio's one loaded model and the writer's model library. Loading, unloading and
 * disposal are serialised; a crash of the model host is reported and the model can be reloaded.
 */
export class ModelService {
  private readonly library: ModelLibrary;
  private catalog: CatalogEntry[] = [];
  private llm: LocalLlm | null = null;
  private loadedId: string | null = null;
  private lastId: string | null = null;
  private crash: string | null = null;
  private system: SystemReport | null = null;
  private systemProbe: Promise<void> | null = null;
  private readonly downloads = new Map<string, { download: ModelDownload; state: DownloadState }>();
  private readonly meter: ThroughputMeter;

  constructor(private readonly opts: ModelServiceOptions) {
    this.library = new ModelLibrary(opts.dataDir);
    this.meter = new ThroughputMeter((tokensPerSecond) => opts.emit("models.throughput", { tokensPerSecond }));
  }

  async init(): Promise<void> {
    try {
      this.catalog = (await loadCatalog(this.opts.catalogPath)).models;
    } catch {
      this.catalog = []; // a missing catalog costs the downloads list, never the studio
    }
  }

  // ModelProvider, as the drafting services use it

  available(): boolean {
    return this.llm !== null || this.opts.commandLineModel !== null || this.lastId !== null;
  }

  async get(): Promise<LlmPort> {
    if (this.llm) return this.port(this.llm);
    const id = this.lastId ?? (this.opts.commandLineModel ? this.cliId() : null);
    if (!id) throw new QuireError("unavailable", "No model is loaded. Open Models to download or load one.");
    await this.load(id);
    return this.port(this.llm!);
  }

  async info(): Promise<ModelInfo | null> {
    return this.llm ? this.llm.info() : null;
  }

  async dispose(): Promise<void> {
    this.meter.stop();
    for (const d of this.downloads.values()) d.download.pause();
    await this.serial(async () => {
      const llm = this.llm;
      this.llm = null;
      await llm?.dispose();
    });
  }

  // the Models page

  async state(opts: { probeSystem?: boolean } = {}): Promise<ModelsState> {
    if (opts.probeSystem) void this.probeSystem();
    const installed = await this.installed();
    const installedIds = new Set(installed.map((m) => m.id));
    return {
      system: this.system,
      loaded: this.loadedSummary(),
      installed: installed.map((m) => ({
        id: m.id,
        name: m.name,
        origin: m.origin,
        bytes: m.bytes,
        architecture: m.architecture,
        parameters: m.parameters,
        ...(m.fileType ? { fileType: m.fileType } : {}),
        contextLength: m.contextLength,
        hasChatTemplate: m.hasChatTemplate,
      })),
      catalog: this.catalog.map((c) => ({
        id: c.id,
        name: c.name,
        quantisation: c.quantisation,
        parameters: c.parameters,
        approxSizeGb: c.approxSizeGb,
        contextLength: c.contextLength,
        licence: c.licence,
        minVramGb: c.minVramGb,
        unverified: c.unverified ?? false,
        installed: installedIds.has(c.id),
        ...catalogFit(c, this.system),
      })),
      downloads: [...this.downloads.values()].map((d) => d.state),
      crash: this.crash,
    };
  }

  load(id: string) {
    return this.serial(async () => {
      const entry = (await this.installed()).find((m) => m.id === id);
      if (!entry) throw new QuireError("not-found", "That model is not installed.");
      const previous = this.llm;
      this.llm = null;
      await previous?.dispose();
      const env = this.opts.env ?? process.env;
      const { startLocalLlm } = await import("../../llm/index");
      try {
        this.llm = await startLocalLlm({
          modelPath: entry.path,
          name: entry.name,
          sequences: env.QUIRE_LLM_SEQUENCES ? Number(env.QUIRE_LLM_SEQUENCES) : 4,
          ...(env.QUIRE_LLM_THREADS ? { threads: Number(env.QUIRE_LLM_THREADS) } : {}),
          ...(env.QUIRE_LLM_CONTEXT ? { contextSize: Number(env.QUIRE_LLM_CONTEXT) } : {}),
          ...(this.opts.launcher ? { launcher: this.opts.launcher } : {}),
        });
      } catch (error) {
        throw new QuireError("unavailable", `Could not load ${entry.name}: ${error instanceof Error ? error.message : String(error)}`, {
          file: entry.path,
        });
      }
      politeHost(this.llm.pid, env);
      this.loadedId = this.lastId = id;
      this.crash = null;
      this.llm.onCrash(({ message }) => {
        this.llm = null;
        this.loadedId = null;
        this.crash = `The model stopped unexpectedly (${message}). Your text is safe; reload the model to go on.`;
        void this.changed();
      });
      void this.llm.system().then((s) => (this.system = s), () => {});
      await this.changed();
      return this.loadedSummary()!;
    });
  }

  unload() {
    return this.serial(async () => {
      const llm = this.llm;
      this.llm = null;
      this.loadedId = null;
      await llm?.dispose();
      await this.changed();
    });
  }

  async download(id: string, allowUnverified: boolean): Promise<void> {
    const entry = this.catalog.find((c) => c.id === id);
    if (!entry) throw new QuireError("not-found", "That model is not in the catalog.");
    if (this.downloads.get(id)?.state.status === "downloading") return;
    if (!entry.sha256 && !allowUnverified) {
      throw new QuireError("invalid-payload", `${entry.name} has no published checksum. Confirm to download it unverified.`);
    }
    const state: DownloadState = {
      id,
      name: entry.name,
      status: "downloading",
      receivedBytes: 0,
      totalBytes: entry.sizeBytes ?? null,
      bytesPerSecond: 0,
      etaSeconds: null,
      error: null,
    };
    const started = this.library.download(entry, {
      allowUnverified,
      onProgress: (p) => {
        Object.assign(state, p);
        if (p.totalBytes !== null && p.receivedBytes >= p.totalBytes) state.status = "verifying";
        this.opts.emit("models.downloadProgress", state);
      },
    });
    this.downloads.set(id, { download: started.download, state });
    await this.changed();
    started.done.then(
      async () => {
        this.downloads.delete(id);
        await this.changed();
      },
      async (error: unknown) => {
        if (error instanceof DownloadError && error.code === "cancelled") this.downloads.delete(id);
        else if (error instanceof DownloadError && error.code === "paused") state.status = "paused";
        else {
          state.status = "failed";
          state.error = error instanceof Error ? error.message : String(error);
        }
        await this.changed();
      },
    );
  }

  pause(id: string): void {
    this.downloads.get(id)?.download.pause();
  }

  async resume(id: string): Promise<void> {
    const d = this.downloads.get(id);
    if (!d || d.state.status === "downloading") return;
    this.downloads.delete(id);
    const entry = this.catalog.find((c) => c.id === id);
    await this.download(id, !entry?.sha256);
  }

  async cancel(id: string): Promise<void> {
    const d = this.downloads.get(id);
    if (!d) return;
    d.download.cancel();
    if (d.state.status !== "downloading") this.downloads.delete(id);
    await this.changed();
  }

  async remove(id: string): Promise<void> {
    if (this.loadedId === id) await this.unload();
    await this.library.remove(id);
    await this.changed();
  }

  async addFile(): Promise<ModelsState["installed"][number] | null> {
    if (!this.opts.pickFile) {
      throw new QuireError("unavailable", "In browser mode, start Quire with: quire serve --model FILE.gguf");
    }
    const path = await this.opts.pickFile();
    if (!path) return null;
    try {
      const entry = await this.library.addExisting(path);
      await this.changed();
      return { ...entry, origin: entry.origin };
    } catch (error) {
      if (error instanceof GgufInspectError) throw new QuireError("corrupt", error.message, { file: path });
      throw error;
    }
  }

  private async installed(): Promise<(Omit<LibraryEntry, "origin"> & { origin: LibraryEntry["origin"] | "command-line" })[]> {
    const listed = await this.library.list().catch(() => []);
    const cli = this.opts.commandLineModel;
    if (!cli || listed.some((m) => m.path === cli)) return listed;
    return [
      {
        id: this.cliId(),
        name: basename(cli),
        path: cli,
        origin: "command-line",
        bytes: 0,
        architecture: "",
        parameters: 0,
        contextLength: 0,
        hasChatTemplate: true,
        addedAt: "",
      },
      ...listed,
    ];
  }

  private cliId(): string {
    return `cli:${basename(this.opts.commandLineModel ?? "model")}`;
  }

  private loadedSummary(): ModelsState["loaded"] {
    const r: LoadReport | null = this.llm?.loadReport ?? null;
    if (!r) return null;
    return {
      id: this.loadedId,
      name: r.name,
      backend: r.backend,
      deviceNames: r.deviceNames,
      gpuLayers: r.gpuLayers,
      totalLayers: r.totalLayers,
      contextSize: r.contextSize,
      sequences: r.sequences,
      threads: r.threads,
      fallbacks: r.fallbacks,
    };
  }

  /** The machine report comes from a model host, never from llama.cpp inside the studio's own process. */
  private probeSystem(): Promise<void> {
    if (this.system || this.systemProbe) return this.systemProbe ?? Promise.resolve();
    this.systemProbe = (async () => {
      const { LlmHostClient, nodeHostLauncher } = await import("../../llm/index");
      const probe = new LlmHostClient(this.opts.launcher ?? nodeHostLauncher());
      try {
        await probe.start();
        this.system = await probe.system();
        await this.changed();
      } catch {
        // no report: fit badges say so
      } finally {
        await probe.dispose().catch(() => {});
      }
    })();
    return this.systemProbe;
  }

  /** Wraps the loaded model so the studio sees live tokens per second. */
  private port(llm: LocalLlm): LlmPort {
    const meter = this.meter;
    return {
      info: () => llm.info(),
      countTokens: (text) => llm.countTokens(text),
      leaseSequence: (signal) => llm.leaseSequence(signal),
      generate: (request: GenerateRequest) =>
        llm.generate({
          ...request,
          onDelta: (delta) => {
            meter.token();
            request.onDelta?.(delta);
          },
        }),
    };
  }

  private async changed(): Promise<void> {
    this.opts.emit("models.changed", await this.state());
  }

  /** Loading, unloading and disposal run one at a time, in the order asked. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    return withLock([this, "model"], op);
  }
}
