import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Dispatcher, type Handlers } from "../../../electron/node/backend/dispatcher";
import { startBrowserServer, type BrowserServer } from "../../../electron/server/browser-server";

// A backend of one method is enough: what is under test is the socket between it and a tab.
const BIG_REPLY = "x".repeat(100_000);
const handlers = { "app.info": async () => ({ version: BIG_REPLY, shell: "browser", startupProject: null }) } as unknown as Handlers;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(limits: { highWaterBytes: number; stallTimeoutMs: number }): Promise<{ dispatcher: Dispatcher; server: BrowserServer }> {
  const dir = mkdtempSync(join(tmpdir(), "quire-ws-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html>");
  const dispatcher = new Dispatcher(handlers);
  const server = await startBrowserServer({ dispatcher, rendererDir: dir, log: () => {}, outbox: limits } as Parameters<typeof startBrowserServer>[0]);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => server.close());
  return { dispatcher, server };
}

interface Client {
  ws: WebSocket;
  messages: { event?: string; id?: number; payload?: { text?: string; reset?: boolean; words?: number } }[];
  closed: Promise<void>;
  /** the client's TCP socket: pausing it is a tab that stopped reading */
  tcp: Socket;
}

async function connect(server: BrowserServer): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
  const messages: Client["messages"] = [];
  ws.on("message", (m) => messages.push(JSON.parse(String(m))));
  ws.on("error", () => {});
  const closed = new Promise<void>((r) => ws.once("close", () => r()));
  await new Promise((r) => ws.once("open", r));
  cleanups.push(() => ws.terminate());
  return { ws, messages, closed, tcp: (ws as unknown as { _socket: Socket })._socket };
}

const MiB = 1024 * 1024;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

describe("browser mode under a tab that stops reading", () => {
  it("coalesces live state above the buffered limit: the server does not grow, and the tab still gets the latest state and every word", async () => {
    const { dispatcher, server } = await start({ highWaterBytes: 256 * 1024, stallTimeoutMs: 60_000 });
    const slow = await connect(server);
    slow.tcp.pause();
    gc();
    const before = process.memoryUsage().rss;
    let peak = 0;
    const binder = Array.from({ length: 500 }, (_, i) => ({
      id: `u${i}`, parentId: null, level: 0, order: i, title: `Chapter ${i} `.padEnd(300, "."), synopsis: "", targetWords: 2_000, status: "draft" as const, notes: "",
    }));
    const chunk = "word ".repeat(2_000);
    // a binder of 500 units sent 600 times (225 kB each, 135 MB in all) while 20 units stream their text
    for (let i = 0; i < 600; i++) {
      dispatcher.emit("units.changed", { handle: "h", units: binder.map((u) => ({ ...u, targetWords: i })) });
      dispatcher.emit("run.unitText", { handle: "h", planId: `p${i % 20}`, unitId: `u${i % 20}`, text: chunk, reset: false });
      dispatcher.emit("run.unitProgress", { handle: "h", planId: `p${i % 20}`, words: i, state: "drafting" });
      if (i % 20 === 0) {
        await new Promise((r) => setImmediate(r));
        peak = Math.max(peak, process.memoryUsage().rss - before);
      }
    }
    peak = Math.max(peak, process.memoryUsage().rss - before);
    expect(peak / MiB).toBeLessThan(64);

    slow.tcp.resume();
    const last = (event: string) => slow.messages.filter((m) => m.event === event).at(-1)?.payload as { units?: { targetWords: number }[]; words?: number } | undefined;
    await expect.poll(() => last("units.changed")?.units?.[0]?.targetWords).toBe(599);
    await expect.poll(() => last("run.unitProgress")?.words).toBe(599);
    const textOf = (planId: string) =>
      slow.messages.filter((m) => m.event === "run.unitText" && (m.payload as { planId?: string }).planId === planId).map((m) => m.payload!.text).join("");
    await expect.poll(() => textOf("p7").length).toBe(30 * chunk.length);
    // coalesced, not replayed one by one
    expect(slow.messages.filter((m) => m.event === "units.changed").length).toBeLessThan(100);
  });

  it("closes a tab that stays stalled past the timeout, and only that tab", async () => {
    const { dispatcher, server } = await start({ highWaterBytes: 64 * 1024, stallTimeoutMs: 500 });
    const stalled = await connect(server);
    const reading = await connect(server);
    stalled.tcp.pause();
    const chunk = "word ".repeat(2_000);
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 100; i++) dispatcher.emit("run.unitText", { handle: "h", planId: "p1", unitId: "u1", text: chunk, reset: false });
      await new Promise((r) => setTimeout(r, 100));
    }
    stalled.tcp.resume();
    await stalled.closed; // the server let it go; the tab reconnects and reloads
    expect(reading.ws.readyState).toBe(WebSocket.OPEN);
    await expect.poll(() => reading.messages.filter((m) => m.event === "run.unitText").reduce((n, m) => n + (m.payload?.text?.length ?? 0), 0)).toBe(2_000 * chunk.length);
  });

  it("closes a tab that falls further behind than it may, without waiting for the timeout", async () => {
    const { dispatcher, server } = await start({ highWaterBytes: 64 * 1024, stallTimeoutMs: 60_000 });
    const stalled = await connect(server);
    stalled.tcp.pause();
    const chunk = "word ".repeat(2_000);
    // 1,000 units' text, 40 MB: more than a tab that stopped reading is kept for
    for (let i = 0; i < 4_000; i++) dispatcher.emit("run.unitText", { handle: "h", planId: `p${i % 1_000}`, unitId: "u1", text: chunk, reset: false });
    stalled.tcp.resume();
    await stalled.closed;
  }, 30_000);

  it("stops reading requests from a tab that does not read its replies, so they cannot pile up", async () => {
    const { server } = await start({ highWaterBytes: 256 * 1024, stallTimeoutMs: 60_000 });
    const greedy = await connect(server);
    greedy.tcp.pause();
    gc();
    const before = process.memoryUsage().rss;
    let peak = 0;
    for (let i = 0; i < 3_000; i++) {
      greedy.ws.send(JSON.stringify({ id: i, method: "app.info", payload: {} }));
      if (i % 100 === 0) {
        await new Promise((r) => setTimeout(r, 5));
        peak = Math.max(peak, process.memoryUsage().rss - before);
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    peak = Math.max(peak, process.memoryUsage().rss - before);
    // 3,000 replies of 100 kB would be 300 MB held for this one tab
    expect(peak / MiB).toBeLessThan(64);
    greedy.tcp.resume();
    await expect.poll(() => greedy.messages.filter((m) => typeof m.id === "number").length, { timeout: 60_000 }).toBe(3_000);
  });
});
