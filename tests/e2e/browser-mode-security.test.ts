import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { launchBrowser } from "./harness/browser";
import { startQuireServer, type RunningServer } from "./harness/quire-server";
import { makeWorkspace } from "./harness/workspace";
import { get, rawRequest, type RawReply } from "../fuzz/raw-http";

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
