import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { launchBrowser } from "./harness/browser";
import { startQuireServer, type RunningServer } from "./harness/quire-server";
import { makeWorkspace } from "./harness/workspace";

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
