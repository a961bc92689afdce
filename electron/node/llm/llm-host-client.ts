/**
 * LlmPort over a model host process. Requests carry ids; replies and streamed deltas are
 * matched back to them. When the host dies every call still waiting rejects with
 * LlmError("host-crashed"), crash listeners run, and restart() brings up a fresh host and
 * reloads the last model.
 */
import {
  LlmError,
  type CancelSignal,
  type GenerateRequest,
  type GenerateResult,
  type LlmPort,
  type ModelInfo,
  type SequenceLease,
} from "../../shared/llm/llm-port";
import {
  HostEvent,
  ResultSchemas,
  type HostSettings,
  type LoadOptions,
  type LoadReport,
  type SystemReport,
  type WireGenerateRequest,
} from "./host-protocol";
import type { HostChannel, HostExit, HostLauncher } from "./host-transport";

type RequestType = keyof typeof ResultSchemas;
type ResultOf<T extends RequestType> = ReturnType<(typeof ResultSchemas)[T]["parse"]>;

interface Pending {
  type: RequestType;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onDelta?: (text: string) => void;
  onThought?: (text: string) => void;
}

export type CrashListener = (info: { exit: HostExit; message: string }) => void;

export class LlmHostClient implements LlmPort {
  private channel: HostChannel | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashed: string | null = null;
  private disposed = false;
  private restarting = false;
  private lastLoad: LoadOptions | null = null;
  private report: LoadReport | null = null;
  private readonly crashListeners = new Set<CrashListener>();
  /** Leases issued by the current host; a restart invalidates them. */
  private readonly leases = new Set<number>();

  constructor(
    private readonly launch: HostLauncher,
    private readonly settings: HostSettings = {},
  ) {}

  /** Starts the host process (idempotent). */
  start(): Promise<void> {
    if (this.disposed) return Promise.reject(new LlmError("disposed", "the model client was disposed"));
    this.ready ??= this.spawn();
    return this.ready;
  }

  private spawn(): Promise<void> {
    this.crashed = null;
    const channel = this.launch();
    this.channel = channel;
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    const ready = new Promise<void>((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    channel.onMessage((raw) => {
      if (this.channel !== channel) return;
      const parsed = HostEvent.safeParse(raw);
      if (!parsed.success) return; // a garbled message cannot be matched to a call; the call will fail on exit
      const ev = parsed.data;
      if (ev.type === "ready") return resolveReady();
      const p = this.pending.get(ev.id);
      if (!p) return;
      if (ev.type === "delta") return ev.thought ? p.onThought?.(ev.text) : p.onDelta?.(ev.text);
      this.pending.delete(ev.id);
      if (ev.type === "error") return p.reject(new LlmError(ev.error.code, ev.error.message));
      const checked = ResultSchemas[p.type].safeParse(ev.value);
      if (checked.success) p.resolve(checked.data);
      else p.reject(new LlmError("internal", `model host sent a malformed ${p.type} reply: ${checked.error.message}`));
    });
    channel.onExit((exit) => {
      if (this.channel !== channel) return;
      this.channel = null;
      this.ready = null;
      this.leases.clear();
      const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
      const intentional = this.disposed || this.restarting;
      const message = this.disposed
        ? "the model client was disposed"
        : this.restarting
          ? "the model host was restarted"
          : `the model host process stopped (${how})`;
      const error = new LlmError(this.disposed ? "disposed" : "host-crashed", message);
      if (!intentional) this.crashed = message;
      rejectReady(error);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      if (!intentional) for (const cb of this.crashListeners) cb({ exit, message });
    });
    return ready.then(() => this.call("init", { settings: this.settings }).then(() => undefined));
  }

  private call<T extends RequestType>(
    type: T,
    body: Record<string, unknown> = {},
    streams: { onDelta?: (t: string) => void; onThought?: (t: string) => void } = {},
    idOut?: (id: number) => void,
  ): Promise<ResultOf<T>> {
    if (this.disposed) return Promise.reject(new LlmError("disposed", "the model client was disposed"));
    const channel = this.channel;
    if (!channel) return Promise.reject(new LlmError("host-crashed", this.crashed ?? "the model host is not running; call restart()"));
    const id = this.nextId++;
    idOut?.(id);
    return new Promise<ResultOf<T>>((resolve, reject) => {
      this.pending.set(id, { type, resolve: resolve as (v: unknown) => void, reject, ...streams });
      channel.send({ type, id, ...body });
    });
  }

  private async ensure(): Promise<void> {
    if (this.crashed && !this.ready) throw new LlmError("host-crashed", this.crashed);
    await this.start();
  }

  /** Process id of the running host (for diagnostics). */
  get pid(): number | undefined {
    return this.channel?.pid;
  }

  get loadReport(): LoadReport | null {
    return this.report;
  }

  async load(options: LoadOptions): Promise<LoadReport> {
    await this.ensure();
    this.report = null;
    this.leases.clear();
    const report = await this.call("load", { options });
    this.lastLoad = options;
    this.report = report;
    return report;
  }

  async unload(): Promise<void> {
    await this.ensure();
    await this.call("unload");
    this.lastLoad = null;
    this.report = null;
    this.leases.clear();
  }

  async system(): Promise<SystemReport> {
    await this.ensure();
    return this.call("system");
  }

  async info(): Promise<ModelInfo | null> {
    await this.ensure();
    const info = await this.call("info");
    if (!info) return null;
    const { trainContextSize, chatWrapper, thinking, ...rest } = info;
    return {
      ...rest,
      ...(trainContextSize === undefined ? {} : { trainContextSize }),
      ...(chatWrapper === undefined ? {} : { chatWrapper }),
      ...(thinking === undefined ? {} : { thinking }),
    };
  }

  async countTokens(text: string): Promise<number> {
    await this.ensure();
    return this.call("countTokens", { text });
  }

  async leaseSequence(signal?: CancelSignal): Promise<SequenceLease> {
    await this.ensure();
    if (signal?.aborted) throw abortError(signal);
    let requestId = -1;
    let abandoned = false;
    const onAbort = () => {
      abandoned = true;
      this.call("cancel", { target: requestId }).catch(() => {});
    };
    const pending = this.call("lease", {}, {}, (id) => (requestId = id));
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const { leaseId } = await pending;
      if (abandoned) {
        // granted just as the caller gave up: hand it straight back
        this.call("release", { leaseId }).catch(() => {});
        throw abortError(signal!);
      }
      this.leases.add(leaseId);
      let released = false;
      return {
        id: leaseId,
        release: () => {
          if (released) return;
          released = true;
          if (this.leases.delete(leaseId)) this.call("release", { leaseId }).catch(() => {});
        },
      };
    } catch (err) {
      if (abandoned && signal) throw abortError(signal);
      throw err;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    await this.ensure();
    if (request.lease && !this.leases.has(request.lease.id)) {
      throw new LlmError("invalid-request", `lease ${request.lease.id} is not held (released, or the host restarted)`);
    }
    const wire: WireGenerateRequest = {
      messages: request.messages,
      maxTokens: request.maxTokens,
      ...(request.continueFrom !== undefined ? { continueFrom: request.continueFrom } : {}),
      ...(request.minTokens !== undefined ? { minTokens: request.minTokens } : {}),
      ...(request.stop ? { stop: request.stop } : {}),
      ...(request.sampling ? { sampling: request.sampling } : {}),
      ...(request.jsonSchema ? { jsonSchema: { ...request.jsonSchema } } : {}),
      ...(request.lease ? { leaseId: request.lease.id } : {}),
      ...(request.thoughts ? { thoughts: { ...request.thoughts } } : {}),
    };
    const signal = request.signal;
    if (signal?.aborted) return { text: "", stopReason: "cancelled", promptTokens: 0, completionTokens: 0, thoughtTokens: 0, millis: 0 };
    let requestId = -1;
    const onAbort = () => void this.call("cancel", { target: requestId }).catch(() => {});
    const streams = {
      ...(request.onDelta ? { onDelta: request.onDelta } : {}),
      ...(request.onThought ? { onThought: request.onThought } : {}),
    };
    const running = this.call("generate", { request: wire }, streams, (id) => (requestId = id));
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const r = await running;
      const { stopString, thoughts, ...rest } = r;
      return { ...rest, ...(stopString === undefined ? {} : { stopString }), ...(thoughts === undefined ? {} : { thoughts }) };
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Subscribes to host crashes; returns the unsubscribe function. */
  onCrash(cb: CrashListener): () => void {
    this.crashListeners.add(cb);
    return () => this.crashListeners.delete(cb);
  }

  /** Replaces the host with a fresh process and reloads the last model, if one was loaded. */
  async restart(): Promise<LoadReport | null> {
    if (this.disposed) throw new LlmError("disposed", "the model client was disposed");
    const old = this.channel;
    if (old) {
      this.restarting = true;
      try {
        const exited = new Promise<void>((res) => old.onExit(() => res()));
        old.kill();
        await exited;
      } finally {
        this.restarting = false;
      }
    }
    this.ready = null;
    await this.start();
    this.report = null;
    return this.lastLoad ? this.load(this.lastLoad) : null;
  }

  /** Unloads (cancelling generations cleanly) and ends the host. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    const channel = this.channel;
    if (channel && !this.crashed) {
      await Promise.race([this.call("unload").catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
    }
    this.disposed = true;
    if (channel) {
      const exited = new Promise<void>((res) => channel.onExit(() => res()));
      channel.kill();
      await exited;
    }
  }
}

function abortError(signal: CancelSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new LlmError("invalid-request", "lease request cancelled");
}
