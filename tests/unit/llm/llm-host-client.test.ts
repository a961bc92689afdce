/** The client's side of the host protocol, against a scripted in-memory host. */
import { describe, expect, it } from "vitest";
import { LlmError } from "../../../electron/shared/llm/llm-port";
import { LlmHostClient } from "../../../electron/node/llm/llm-host-client";
import type { HostChannel, HostExit } from "../../../electron/node/llm/host-transport";

type Msg = { type: string; id: number; [k: string]: unknown };

class FakeHost implements HostChannel {
  static started: FakeHost[] = [];
  readonly pid = 1000 + FakeHost.started.length;
  private onMsg: ((m: unknown) => void)[] = [];
  private onEnd: ((e: HostExit) => void)[] = [];
  received: Msg[] = [];
  alive = true;
  constructor(private readonly script: (host: FakeHost, m: Msg) => void) {
    FakeHost.started.push(this);
    queueMicrotask(() => this.emit({ type: "ready", pid: this.pid }));
  }
  send(m: unknown) {
    this.received.push(m as Msg);
    queueMicrotask(() => this.script(this, m as Msg));
  }
  onMessage(cb: (m: unknown) => void) {
    this.onMsg.push(cb);
  }
  onExit(cb: (e: HostExit) => void) {
    this.onEnd.push(cb);
  }
  kill() {
    this.exit({ code: null, signal: "SIGKILL" });
  }
  emit(m: unknown) {
    if (this.alive) for (const cb of this.onMsg) cb(m);
  }
  exit(e: HostExit) {
    if (!this.alive) return;
    this.alive = false;
    for (const cb of this.onEnd) cb(e);
  }
}

const report = {
  name: "m.gguf", modelPath: "/m.gguf", architecture: "llama", backend: "cpu", deviceNames: [], gpuLayers: 0, totalLayers: 3,
  contextSize: 1024, trainContextSize: 4096, sequences: 1, threads: 1, loadMillis: 1, fallbacks: [],
  chatWrapper: "ChatML", thinking: "none",
};

function standard(host: FakeHost, m: Msg) {
  const ok = (value: unknown) => host.emit({ type: "result", id: m.id, value });
  switch (m.type) {
    case "init":
    case "unload":
      return ok({ ok: true });
    case "load":
      return ok(report);
    case "countTokens":
      return ok((m.text as string).split(" ").length);
    case "generate":
      host.emit({ type: "delta", id: m.id, text: "Once" });
      host.emit({ type: "delta", id: m.id, text: " upon" });
      return ok({ text: "Once upon", stopReason: "length", promptTokens: 5, completionTokens: 2, thoughtTokens: 0, millis: 1 });
    case "info":
      return ok(null);
  }
}

describe("model host client", () => {
  it("matches replies to calls and streams deltas in order", async () => {
    const client = new LlmHostClient(() => new FakeHost(standard));
    await client.load({ modelPath: "/m.gguf" });
    expect(client.loadReport?.architecture).toBe("llama");
    const deltas: string[] = [];
    const [a, b] = await Promise.all([
      client.generate({ messages: [], maxTokens: 2, onDelta: (d) => deltas.push(d) }),
      client.countTokens("three little words"),
    ]);
    expect(a.text).toBe("Once upon");
    expect(deltas).toEqual(["Once", " upon"]);
    expect(b).toBe(3);
  });

  it("streams reasoning to onThought only, and passes the thought options on", async () => {
    const client = new LlmHostClient(() =>
      new FakeHost((h, m) => {
        if (m.type !== "generate") return standard(h, m);
        h.emit({ type: "delta", id: m.id, text: "the user wants a storm", thought: true });
        h.emit({ type: "delta", id: m.id, text: "Rain fell." });
        h.emit({ type: "result", id: m.id, value: { text: "Rain fell.", stopReason: "eos", promptTokens: 5, completionTokens: 9, thoughtTokens: 6, thoughts: "the user wants a storm", millis: 1 } });
      }),
    );
    const deltas: string[] = [];
    const thoughts: string[] = [];
    const r = await client.generate({ messages: [], maxTokens: 20, thoughts: { skip: false, budget: 64 }, onDelta: (d) => deltas.push(d), onThought: (t) => thoughts.push(t) });
    expect(deltas).toEqual(["Rain fell."]);
    expect(thoughts).toEqual(["the user wants a storm"]);
    expect(r).toMatchObject({ text: "Rain fell.", completionTokens: 9, thoughtTokens: 6, thoughts: "the user wants a storm" });
    const sent = FakeHost.started.at(-1)!.received.find((m) => m.type === "generate")!;
    expect((sent.request as { thoughts?: unknown }).thoughts).toEqual({ skip: false, budget: 64 });
  });

  it("turns host errors into LlmError with the host's code", async () => {
    const client = new LlmHostClient(() =>
      new FakeHost((h, m) => (m.type === "countTokens" ? h.emit({ type: "error", id: m.id, error: { code: "no-model", message: "no model is loaded" } }) : standard(h, m))),
    );
    const err = await client.countTokens("x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).code).toBe("no-model");
  });

  it("rejects a malformed reply instead of passing it on", async () => {
    const client = new LlmHostClient(() =>
      new FakeHost((h, m) => (m.type === "countTokens" ? h.emit({ type: "result", id: m.id, value: "lots" }) : standard(h, m))),
    );
    await expect(client.countTokens("x")).rejects.toMatchObject({ code: "internal" });
  });

  it("a host crash rejects every waiting call with host-crashed; restart reloads the model", async () => {
    let hang = true;
    const client = new LlmHostClient(() => new FakeHost((h, m) => (hang && m.type === "generate" ? undefined : standard(h, m))));
    await client.load({ modelPath: "/m.gguf" });
    const crashes: string[] = [];
    client.onCrash((c) => crashes.push(c.message));
    const waiting = client.generate({ messages: [], maxTokens: 5 });
    await new Promise((r) => setTimeout(r, 5));
    FakeHost.started.at(-1)!.exit({ code: 139, signal: null });
    await expect(waiting).rejects.toMatchObject({ code: "host-crashed" });
    expect(crashes[0]).toMatch(/exit code 139/);
    await expect(client.countTokens("a")).rejects.toMatchObject({ code: "host-crashed" });
    hang = false;
    const again = await client.restart();
    expect(again?.name).toBe("m.gguf");
    const loads = FakeHost.started.at(-1)!.received.filter((m) => m.type === "load");
    expect(loads).toHaveLength(1);
    expect((await client.generate({ messages: [], maxTokens: 2 })).text).toBe("Once upon");
    expect(crashes).toHaveLength(1); // an intentional restart is not a crash
  });

  it("cancelling sends a cancel for the running request", async () => {
    const client = new LlmHostClient(() =>
      new FakeHost((h, m) => {
        if (m.type === "generate") return; // answered on cancel
        if (m.type === "cancel") {
          h.emit({ type: "result", id: m.target as number, value: { text: "Once", stopReason: "cancelled", promptTokens: 5, completionTokens: 1, thoughtTokens: 0, millis: 1 } });
          return h.emit({ type: "result", id: m.id, value: { ok: true } });
        }
        standard(h, m);
      }),
    );
    const ac = new AbortController();
    const running = client.generate({ messages: [], maxTokens: 100, signal: ac.signal });
    await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    const r = await running;
    expect(r.stopReason).toBe("cancelled");
    expect(r.text).toBe("Once");
  });

  it("refuses a lease it does not hold", async () => {
    const client = new LlmHostClient(() => new FakeHost(standard));
    await expect(client.generate({ messages: [], maxTokens: 1, lease: { id: 42, release() {} } })).rejects.toMatchObject({ code: "invalid-request" });
  });
});
