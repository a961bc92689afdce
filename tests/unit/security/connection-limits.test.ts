import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Dispatcher, type Handlers } from "../../../electron/node/backend/dispatcher";
import { startBrowserServer, type BrowserServer } from "../../../electron/server/browser-server";
import { get } from "../../fuzz/raw-http";
import { frame, openRawSocket } from "../../fuzz/raw-ws";

const handlers = { "app.info": async () => ({ version: "0", shell: "browser", startupProject: null }) } as unknown as Handlers;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(log: (message: string) => void = () => {}): Promise<{ server: BrowserServer; dispatcher: Dispatcher }> {
  const dir = mkdtempSync(join(tmpdir(), "quire-conn-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html>");
  const dispatcher = new Dispatcher(handlers);
  const server = await startBrowserServer({ dispatcher, rendererDir: dir, log });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => server.close());
  return { server, dispatcher };
}

function open(server: BrowserServer): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => {});
    cleanups.push(() => ws.terminate());
  });
}

describe("browser mode holds a bounded number of connections", () => {
  it("refuses a WebSocket past 64 at once with 503, and takes one again when a tab closes", async () => {
    const { server } = await start();
    const tabs = await Promise.all(Array.from({ length: 64 }, () => open(server)));
    expect(tabs.every((t) => t instanceof WebSocket)).toBe(true);
    expect(await open(server)).toBe(503);
    (tabs[0] as WebSocket).close();
    await expect.poll(async () => {
      const t = await open(server);
      if (t instanceof WebSocket) t.close();
      return t instanceof WebSocket;
    }).toBe(true);
  });

  it("drops connections past 512 (each holds a file descriptor the studio needs for its files)", async () => {
    const { server } = await start();
    const sockets: Socket[] = [];
    let dropped = 0;
    await Promise.all(
      Array.from({ length: 530 }, () =>
        new Promise<void>((resolve) => {
          const s = connect(server.port, "127.0.0.1", () => resolve());
          s.on("error", () => {});
          s.on("close", () => dropped++);
          sockets.push(s);
        }),
      ),
    );
    cleanups.push(() => sockets.forEach((s) => s.destroy()));
    await expect.poll(() => dropped).toBeGreaterThanOrEqual(18);
    sockets.forEach((s) => s.destroy());
    await expect.poll(async () => (await get(server.port, "/")).status).toBe(200);
  });

  it("an upload's file name is a name: '..', '.' and a NUL are refused by the contract", async () => {
    const dispatcher = new Dispatcher({} as Handlers);
    for (const fileName of ["..", ".", "a\u0000.md"]) {
      const reply = await dispatcher.dispatch("import.preview", { fileName, base64: "" });
      expect(reply, fileName).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    }
  });

  it("a flood of bad frames writes a bounded number of log lines (a terminal or pipe write blocks the server)", async () => {
    const lines: string[] = [];
    const { server } = await start((message) => lines.push(message));
    const origin = `http://127.0.0.1:${server.port}`;
    for (let i = 0; i < 200; i++) {
      const raw = await openRawSocket({ port: server.port, token: server.token, origin });
      raw.socket.write(frame({ opcode: 0x1, payload: "x", mask: false }));
      await raw.closed;
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(21);
  }, 30_000);
});
