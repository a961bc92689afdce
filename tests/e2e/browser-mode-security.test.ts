import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { launchBrowser } from "./harness/browser";
import { startQuireServer, type RunningServer } from "./harness/quire-server";
import { makeWorkspace } from "./harness/workspace";
import { methods } from "../../electron/shared/contract/index";
import { MAX_REQUEST_FRAME_BYTES } from "../../electron/server/frame-limit";
import { MAX_IMPORT_FILE_BYTES } from "../../electron/shared/contract/limits";
import { get, rawRequest, type RawReply } from "../fuzz/raw-http";
import { closePayload, frame, openRawSocket, textFrame, type FrameSpec } from "../fuzz/raw-ws";
import { runServerFuzz, startFuzzTarget } from "../fuzz/server-fuzz";

const ws = makeWorkspace("security");
let server: RunningServer;

beforeAll(async () => {
  server = await startQuireServer({ dataDir: ws.dataDir, projectsDir: ws.projectsDir });
});
afterAll(async () => {
  await server?.stop();
  ws.cleanup();
});

/** Tries a WebSocket upgrade; resolves "open" or the HTTP status it was refused with. */
function tryConnect(opts: { token?: string; origin?: string; host?: string }): Promise<string> {
  const q = opts.token === undefined ? "" : `?token=${encodeURIComponent(opts.token)}`;
  return new Promise((resolve) => {
    const sock = new WebSocket(`ws://127.0.0.1:${server.port}/ws${q}`, {
      origin: opts.origin ?? server.origin,
      headers: opts.host ? { host: opts.host } : {},
    });
    sock.on("open", () => {
      sock.close();
      resolve("open");
    });
    sock.on("unexpected-response", (_req, res) => resolve(String(res.statusCode)));
    sock.on("error", (e) => resolve(`error: ${e.message}`));
  });
}

describe("browser mode guards its backend", () => {
  it("accepts the right token from our own origin", async () => {
    expect(await tryConnect({ token: server.token })).toBe("open");
  });

  it("refuses a missing or wrong token", async () => {
    expect(await tryConnect({})).toBe("401");
    expect(await tryConnect({ token: "guess" })).toBe("401");
    expect(await tryConnect({ token: server.token.slice(0, -1) + "x" })).toBe("401");
  });

  it("refuses a foreign Origin even with the token", async () => {
    expect(await tryConnect({ token: server.token, origin: "https://evil.example" })).toBe("403");
  });

  it("refuses a foreign Host (DNS rebinding)", async () => {
    expect(await tryConnect({ token: server.token, host: `evil.example:${server.port}` })).toBe("421");
    const status = await new Promise<number>((resolve) => {
      request({ host: "127.0.0.1", port: server.port, path: "/", headers: { host: "evil.example" } }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(421);
  });

  it("rejects an invalid payload with a typed error", async () => {
    const sock = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: server.origin });
    await new Promise((r) => sock.once("open", r));
    const reply = new Promise<{ id: number; reply: { ok: boolean; error?: { code: string } } }>((r) =>
      sock.once("message", (m) => r(JSON.parse(String(m)))),
    );
    sock.send(JSON.stringify({ id: 1, method: "projects.create", payload: { title: 42 } }));
    const got = await reply;
    sock.close();
    expect(got.id).toBe(1);
    expect(got.reply.ok).toBe(false);
    expect(got.reply.error?.code).toBe("invalid-payload");
  });

  it("the Content Security Policy blocks an injected inline script", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      await page.getByRole("heading", { name: "Quire" }).waitFor();
      const outcome = await page.evaluate(
        () =>
          new Promise<{ ran: boolean; violated: string | null }>((resolve) => {
            let violated: string | null = null;
            document.addEventListener("securitypolicyviolation", (e) => (violated = e.violatedDirective));
            const s = document.createElement("script");
            s.textContent = "window.__injected = true";
            document.body.appendChild(s);
            setTimeout(() => resolve({ ran: (window as { __injected?: boolean }).__injected === true, violated }), 200);
          }),
      );
      expect(outcome.ran).toBe(false);
      expect(outcome.violated).toMatch(/script-src/);
    } finally {
      await browser.close();
    }
  });
});

/** The server is still up: its process runs and a good request gets the studio. */
async function stillServing(): Promise<void> {
  expect(server.proc.exitCode, server.output()).toBeNull();
  const page = await get(server.port, "/");
  expect(page.status).toBe(200);
}

/** The headers every reply carries, whatever its status (the token rides in the page address). */
function expectSecurityHeaders(reply: RawReply, what: string): void {
  expect(reply.headers["content-security-policy"], what).toMatch(/default-src 'self'/);
  expect(reply.headers["x-content-type-options"], what).toBe("nosniff");
  expect(reply.headers["referrer-policy"], what).toBe("no-referrer");
}

describe("browser mode under malformed HTTP", () => {
  it("answers a malformed %-encoding with 400 and keeps serving (GET /% once stopped the server)", async () => {
    for (const path of ["/%", "/%zz", "/assets/%E0%A4%A", "/%C0%AF", "/%ED%A0%80", "/index.html%", "/%%32%65"]) {
      const reply = await get(server.port, path);
      expect(reply.status, path).toBe(400);
      expectSecurityHeaders(reply, path);
    }
    await stillServing();
  });

  it("refuses an encoded way out of the studio's folder and a NUL byte", async () => {
    for (const path of ["/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%5c..%5cpackage.json", "/index.html%00.js"]) {
      const reply = await get(server.port, path);
      expect([400, 404], path).toContain(reply.status);
      expect(reply.raw, path).not.toMatch(/root:|"name": "quire"/);
      expectSecurityHeaders(reply, path);
    }
    await stillServing();
  });

  it("carries the security headers and a Referrer-Policy on every reply: 200, 404, 405, 421", async () => {
    const replies: [string, RawReply][] = [
      ["200", await get(server.port, "/")],
      ["404", await get(server.port, "/no-such-file.js")],
      ["421", await get(server.port, "/", { host: "evil.example" })],
      ["405", await rawRequest(server.port, `POST / HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`)],
    ];
    for (const [status, reply] of replies) {
      expect(String(reply.status)).toBe(status);
      expectSecurityHeaders(reply, status);
    }
  });

  it("answers a request Node's parser refuses with 400 and the same headers", async () => {
    for (const request of [
      "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nno colon here\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      "G\u0000T / HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\ntransfer-encoding: chunked\r\ncontent-length: 3\r\n\r\nzzz\r\n\r\n",
    ]) {
      const reply = await rawRequest(server.port, request);
      expect(reply.status, JSON.stringify(request)).toBe(400);
      expectSecurityHeaders(reply, JSON.stringify(request));
    }
    await stillServing();
  });

  it("refuses an upgrade whose address does not parse, and every refused upgrade carries the headers", async () => {
    const upgrade = (path: string, extra = "") =>
      rawRequest(
        server.port,
        `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nupgrade: websocket\r\nconnection: Upgrade\r\n` +
          `sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\norigin: ${server.origin}\r\n${extra}\r\n`,
      );
    const unparsable = await upgrade("//a:99999/ws");
    expect(unparsable.status).toBe(400);
    expectSecurityHeaders(unparsable, "unparsable");
    for (const [path, status] of [["/nope", 404], ["/ws", 401], ["/ws?token=%", 401]] as const) {
      const reply = await upgrade(path);
      expect(reply.status, path).toBe(status);
      expectSecurityHeaders(reply, path);
    }
    await stillServing();
  });
});

/** A well-behaved client that stays connected while others misbehave. */
function goodClient(): Promise<{ call(method: string, payload?: unknown): Promise<{ ok: boolean }>; close(): void }> {
  return new Promise((resolve, reject) => {
    const sock = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: server.origin });
    let nextId = 1;
    const waiting = new Map<number, (reply: { ok: boolean }) => void>();
    sock.on("message", (m) => {
      const frame = JSON.parse(String(m)) as { id?: number; reply?: { ok: boolean } };
      if (typeof frame.id === "number") waiting.get(frame.id)?.(frame.reply!);
    });
    sock.once("error", reject);
    sock.once("open", () =>
      resolve({
        call: (method, payload = {}) =>
          new Promise((done, fail) => {
            const id = nextId++;
            const timer = setTimeout(() => fail(new Error(`no reply to ${method}`)), 10_000);
            waiting.set(id, (reply) => {
              clearTimeout(timer);
              done(reply);
            });
            sock.send(JSON.stringify({ id, method, payload }));
          }),
        close: () => sock.close(),
      }),
    );
  });
}

describe("browser mode under malformed WebSocket frames", () => {
  let good: Awaited<ReturnType<typeof goodClient>>;
  beforeAll(async () => {
    good = await goodClient();
  });
  afterAll(() => good?.close());

  /** Sends one bad frame on its own socket: that socket is closed (with `code` when given), the good client is still answered. */
  async function sendsAndSurvives(bad: Buffer | Buffer[], code: number | null): Promise<void> {
    const raw = await openRawSocket({ port: server.port, token: server.token, origin: server.origin });
    for (const b of [bad].flat()) raw.socket.write(b);
    await raw.closed;
    if (code !== null) expect(raw.closeCode()).toBe(code);
    expect(server.proc.exitCode, server.output()).toBeNull();
    expect((await good.call("app.info")).ok).toBe(true);
  }

  const masked = (spec: FrameSpec) => frame(spec);

  it("invalid UTF-8 in a text frame closes that socket with 1007", async () => {
    await sendsAndSurvives(masked({ opcode: 0x1, payload: Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]) }), 1007);
  });

  it("an unmasked client frame closes that socket with 1002", async () => {
    await sendsAndSurvives(frame({ opcode: 0x1, payload: '{"id":1,"method":"app.info"}', mask: false }), 1002);
  });

  it("a reserved opcode closes that socket with 1002", async () => {
    for (const opcode of [0x3, 0x7, 0xb, 0xf]) await sendsAndSurvives(masked({ opcode, payload: "x" }), 1002);
  });

  it("RSV1 without a negotiated extension closes that socket with 1002", async () => {
    await sendsAndSurvives(masked({ opcode: 0x1, payload: '{"id":1,"method":"app.info"}', rsv: 4 }), 1002);
  });

  it("a declared length over the frame limit closes that socket with 1009, before any of it is read", async () => {
    await sendsAndSurvives(masked({ opcode: 0x2, payload: "x", declaredLength: MAX_REQUEST_FRAME_BYTES + 1 }), 1009);
  });

  it("a declared length of 2^62 closes that socket with 1009", async () => {
    await sendsAndSurvives(masked({ opcode: 0x1, payload: "x", declaredLength: 2n ** 62n }), 1009);
  });

  it("close code 999 closes that socket with 1002", async () => {
    await sendsAndSurvives(masked({ opcode: 0x8, payload: closePayload(999) }), 1002);
  });

  it("a request frame that is not JSON, or JSON of the wrong shape, gets a typed error on an open socket", async () => {
    const raw = await openRawSocket({ port: server.port, token: server.token, origin: server.origin });
    for (const text of ["{", "[]", "null", '{"id":"x","method":1}', `{"id":1,"method":"app.info","payload":${"[".repeat(100_000)}`]) raw.socket.write(textFrame(text));
    raw.socket.write(textFrame(JSON.stringify({ id: 7, method: "app.info", payload: {} })));
    await expect.poll(() => raw.frames.filter((f) => f.opcode === 0x1).length).toBe(6);
    const replies = raw.frames.filter((f) => f.opcode === 0x1).map((f) => JSON.parse(f.payload.toString()) as { id: number | null; reply: { ok: boolean; error?: { code: string } } });
    expect(replies.slice(0, 5).map((r) => r.reply.error?.code)).toEqual(Array(5).fill("invalid-payload"));
    expect(replies[5]).toMatchObject({ id: 7, reply: { ok: true } });
    raw.socket.destroy();
  });
});

describe("browser mode's frame limit matches the contract", () => {
  it("a request as large as the contract allows (an import of the largest file) reaches the backend and is answered", async () => {
    // the largest file the studio imports, as zeros: not a DOCX, so the backend answers at once
    const base64 = Buffer.alloc(MAX_IMPORT_FILE_BYTES).toString("base64");
    expect(base64.length).toBe(methods["import.preview"].input.shape.base64.maxLength);
    const sock = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: server.origin });
    await new Promise((r) => sock.once("open", r));
    const outcome = await new Promise<string>((resolve) => {
      sock.on("message", (m) => {
        const frame = JSON.parse(String(m)) as { id?: number; reply?: { ok: boolean; error?: { code: string; message: string } } };
        if (frame.id === 1) resolve(frame.reply?.ok ? "ok" : `${frame.reply?.error?.code}: ${frame.reply?.error?.message}`);
      });
      sock.on("close", (code) => resolve(`closed ${code}`));
      sock.send(JSON.stringify({ id: 1, method: "import.preview", payload: { fileName: "huge.docx", base64 } }));
    });
    sock.close();
    expect(outcome).toMatch(/^corrupt: .*not a DOCX/);
    expect(server.proc.exitCode).toBeNull();
  });
});

describe("browser mode under a fuzz run (npm run fuzz:server runs 10,000+ cases)", () => {
  it("answers a good client throughout 1,500 malformed requests and frames, and holds no memory after", async () => {
    const target = await startFuzzTarget("fuzz");
    try {
      const seed = 1_217;
      const report = await runServerFuzz({ server: target.server, seed, cases: 1_000, warmupCases: 500, concurrency: 4, idleMs: 1_000 });
      const note = JSON.stringify({ seed, ...report.goodClient, memory: report.memory.rssGrowthMiB, driverErrors: report.driverErrors });
      expect(report.serverAlive, note).toBe(true);
      expect(report.driverErrors, note).toEqual([]);
      expect(report.goodClient.failures, note).toBe(0);
      expect(report.goodClient.underFuzz.n, note).toBeGreaterThan(50);
      expect(report.memory.rssGrowthMiB, note).toBeLessThanOrEqual(20);
    } finally {
      await target.cleanup();
    }
  });
});
