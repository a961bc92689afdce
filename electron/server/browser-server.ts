import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import type { Dispatcher } from "../node/backend/dispatcher";
import { isAllowedHost, isAllowedOrigin, tokenMatches } from "./request-guard";
import { serveStatic } from "./static-files";
import { bindSocket } from "./ws-binding";

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Browser mode: the built renderer over HTTP and the backend over a WebSocket, loopback only. */
export async function startBrowserServer(opts: {
  dispatcher: Dispatcher;
  rendererDir: string;
  port?: number;
  token?: string;
}): Promise<BrowserServer> {
  const token = opts.token ?? randomBytes(24).toString("base64url");
  let port = 0;
  const server: Server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port)) {
      res.writeHead(421, { "content-type": "text/plain" }).end("Quire only answers on 127.0.0.1 or localhost.");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    void serveStatic(opts.rendererDir, req.url ?? "/", res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== "/ws") return refuse("404 Not Found");
    if (!isAllowedHost(req.headers.host, port)) return refuse("421 Misdirected Request");
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse("403 Forbidden");
    if (!tokenMatches(url.searchParams.get("token"), token)) return refuse("401 Unauthorized");
    wss.handleUpgrade(req, socket, head, (ws) => bindSocket(ws, opts.dispatcher));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
