/**
 * Entry point of the model host process. It owns the only llama.cpp instance, so a native crash
 * (out of memory, driver fault) ends this process and not the studio. Runs under Node's
 * child_process.fork (IPC via process.send) or Electron's utilityProcess (process.parentPort).
 */
import { LlmError } from "../../../shared/llm/llm-port";
import { HostRequest, type HostEvent } from "../host-protocol";
import { LlmRuntime, errorText } from "./llm-runtime";

interface ParentChannel {
  send(event: HostEvent): void;
  onMessage(cb: (raw: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: "message", cb: (e: { data: unknown }) => void): void;
}

function parentChannel(): ParentChannel {
  const port = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (port) return { send: (e) => port.postMessage(e), onMessage: (cb) => port.on("message", (e) => cb(e.data)) };
  if (process.send) {
    const send = process.send.bind(process);
    // The studio went away (crashed or killed): a host nobody can talk to must not keep generating.
    process.once("disconnect", () => process.exit(0));
    return { send: (e) => void send(e), onMessage: (cb) => process.on("message", cb) };
  }
  throw new Error("model-host must be started as a child process with an IPC channel");
}

export function runModelHost(channel: ParentChannel = parentChannel()): void {
  let runtime: LlmRuntime | null = null;
  /** Cancel hooks for requests still running: generations and queued leases. */
  const cancels = new Map<number, () => void>();
  /**
   * Pending streamed text per request, flushed once per event-loop turn to keep IPC cheap.
   * Reasoning and answer are buffered apart (a thought is never sent as answer text); a change
   * of kind flushes what came before, so the order of the stream is kept.
   */
  const pendingDeltas = new Map<number, { text: string; thought: boolean }>();
  let flushScheduled = false;
  const sendDelta = (id: number, p: { text: string; thought: boolean }) =>
    channel.send(p.thought ? { type: "delta", id, text: p.text, thought: true } : { type: "delta", id, text: p.text });
  const flush = () => {
    flushScheduled = false;
    for (const [id, p] of pendingDeltas) sendDelta(id, p);
    pendingDeltas.clear();
  };
  const flushOne = (id: number) => {
    const p = pendingDeltas.get(id);
    if (p?.text) sendDelta(id, p);
    pendingDeltas.delete(id);
  };
  const queueDelta = (id: number, text: string, thought: boolean) => {
    const p = pendingDeltas.get(id);
    if (p && p.thought !== thought) flushOne(id);
    const q = pendingDeltas.get(id);
    if (q) q.text += text;
    else pendingDeltas.set(id, { text, thought });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };
  const reply = (id: number, value: unknown) => channel.send({ type: "result", id, value });
  const fail = (id: number, err: unknown) => {
    const e = err instanceof LlmError ? err : new LlmError("internal", errorText(err));
    channel.send({ type: "error", id, error: { code: e.code, message: e.message } });
  };
  const rt = () => {
    if (!runtime) runtime = new LlmRuntime({});
    return runtime;
  };

  const handle = async (req: HostRequest): Promise<void> => {
    switch (req.type) {
      case "init":
        if (runtime) throw new LlmError("invalid-request", "the host is already initialised");
        runtime = new LlmRuntime(req.settings);
        return reply(req.id, { ok: true });
      case "load":
        return reply(req.id, await rt().load(req.options));
      case "unload":
        await rt().unload();
        return reply(req.id, { ok: true });
      case "info":
        return reply(req.id, rt().info());
      case "system":
        return reply(req.id, await rt().system());
      case "countTokens":
        return reply(req.id, rt().countTokens(req.text));
      case "lease": {
        const { lease, cancel } = rt().lease();
        cancels.set(req.id, cancel);
        try {
          return reply(req.id, { leaseId: await lease });
        } finally {
          cancels.delete(req.id);
        }
      }
      case "release":
        rt().release(req.leaseId);
        return reply(req.id, { ok: true });
      case "generate": {
        const abort = new AbortController();
        cancels.set(req.id, () => abort.abort());
        try {
          const result = await rt().generate(req.request, {
            signal: abort.signal,
            onDelta: (text) => queueDelta(req.id, text, false),
            onThought: (text) => queueDelta(req.id, text, true),
          });
          flushOne(req.id);
          return reply(req.id, result);
        } finally {
          flushOne(req.id);
          cancels.delete(req.id);
        }
      }
      case "cancel":
        cancels.get(req.target)?.();
        return reply(req.id, { ok: true });
    }
  };

  channel.onMessage((raw) => {
    const parsed = HostRequest.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === "number" ? (raw as { id: number }).id : -1;
      return fail(id, new LlmError("invalid-request", `malformed host request: ${parsed.error.message}`));
    }
    handle(parsed.data).catch((err) => fail(parsed.data.id, err));
  });
  channel.send({ type: "ready", pid: process.pid });
}

// Started as a process entry (not imported by tests or the bundler's analysis).
if (process.env.QUIRE_MODEL_HOST === "1") runModelHost();
