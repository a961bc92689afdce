import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { Dispatcher } from "../node/backend/dispatcher";
import { MAX_REQUEST_FRAME_BYTES } from "./frame-limit";
import { isAllowedHost, isAllowedOrigin, tokenMatches } from "./request-guard";
import { rawReplyText, replyText } from "./security-headers";
import { serveStatic } from "./static-files";
import { throttledLog } from "./throttled-log";
import { DEFAULT_OUTBOX_LIMITS, type OutboxLimits } from "./socket-outbox";
import { bindSocket, type BoundSocket } from "./ws-binding";

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  /** what the server holds for its tabs right now (the fuzz run and tests watch it) */
  stats(): { sockets: number; bufferedBytes: number; queuedBytes: number };
  close(): Promise<void>;
}

/** Tabs one server serves at once; a writer has a few, a runaway script more. */
const MAX_SOCKETS = 64;
/** Connections of any kind: each holds a file descriptor, and the studio needs its share for project files. */
const MAX_CONNECTIONS = 512;

/** Writes a reply to a socket the HTTP layer let go of and closes it; a dead socket is just let go. */
function endWith(socket: Duplex, status: number): void {
  if (socket.writable) socket.end(rawReplyText(status));
  else socket.destroy();
}

/** Browser mode: the built renderer over HTTP and the backend over a WebSocket, loopback only. */
export async function startBrowserServer(opts: {
  dispatcher: Dispatcher;
  rendererDir: string;
  port?: number;
  token?: string;
  log?: (message: string, error?: unknown) => void;
  /** back-pressure on slow tabs; the defaults suit a writer's browser */
  outbox?: Partial<OutboxLimits>;
}): Promise<BrowserServer> {
  const limits: OutboxLimits = { ...DEFAULT_OUTBOX_LIMITS, ...opts.outbox };
  const bound = new Set<BoundSocket>();
  const token = opts.token ?? randomBytes(24).toString("base64url");
  const log = opts.log ?? ((message, error) => console.error(`quire serve: ${message}`, error ?? ""));
  // what clients cause (bad frames, stalled tabs) is logged sparingly: they can cause it at will
  const clientLog = throttledLog(log);
  let port = 0;

  // Nothing a request carries may throw out of here: every outcome is a reply.
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req.headers.host, port)) return replyText(res, 421, "Quire only answers on 127.0.0.1 or localhost.");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return replyText(res, 405);
    }
    serveStatic(opts.rendererDir, req.url ?? "/", res).catch((error: unknown) => {
      log("a request failed", error);
      replyText(res, 500);
    });
  };
  const server: Server = createServer(onRequest);
  // a slow or silent client cannot hold a connection open for long
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.maxConnections = MAX_CONNECTIONS;
  // what Node's parser cannot read (a broken request line, bad headers, smuggling): 400, with our headers
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === "ECONNRESET") return void socket.destroy();
    endWith(socket, error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400);
  });
  server.on("error", (error) => log("server error", error));

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_FRAME_BYTES });
  // a handshake ws refuses (bad key, version): the same 400 as everywhere else
  wss.on("wsClientError", (_error, socket) => endWith(socket, 400));
  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://127.0.0.1");
    } catch {
      return endWith(socket, 400);
    }
    if (url.pathname !== "/ws") return endWith(socket, 404);
    if (!isAllowedHost(req.headers.host, port)) return endWith(socket, 421);
    if (!isAllowedOrigin(req.headers.origin, port)) return endWith(socket, 403);
    if (!tokenMatches(url.searchParams.get("token"), token)) return endWith(socket, 401);
    if (wss.clients.size >= MAX_SOCKETS) return endWith(socket, 503);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const b = bindSocket(ws, opts.dispatcher, limits, clientLog);
      bound.add(b);
      ws.once("close", () => bound.delete(b));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    stats: () => {
      let bufferedBytes = 0;
      for (const ws of wss.clients) bufferedBytes += ws.bufferedAmount;
      let queuedBytes = 0;
      for (const b of bound) queuedBytes += b.outbox.queuedBytes;
      return { sockets: wss.clients.size, bufferedBytes, queuedBytes };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
