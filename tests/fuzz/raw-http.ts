/**
 * Raw HTTP over a TCP socket, so a test can send what no well-behaved client would (bad
 * %-encodings, broken request lines, odd upgrades) and read the reply exactly as it came.
 */
import { connect } from "node:net";

export interface RawReply {
  /** 0 when the server closed without answering */
  status: number;
  headers: Record<string, string>;
  raw: string;
}

export function parseReply(raw: string): RawReply {
  const end = raw.indexOf("\r\n\r\n");
  const head = end >= 0 ? raw.slice(0, end) : raw;
  const [statusLine = "", ...lines] = head.split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status, headers, raw };
}

/** Sends `request` as is and resolves with the first reply (headers and what body came with them). */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let raw = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseReply(raw));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("connect", () => socket.write(request));
    socket.on("data", (d) => {
      raw += d.toString("latin1");
      const end = raw.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(raw.slice(0, end))?.[1] ?? 0);
      if (raw.length >= end + 4 + length) finish();
    });
    socket.on("error", finish);
    socket.on("close", finish);
  });
}

/** A GET with the headers a browser would send to our own port (so only the path is odd). */
export function get(port: number, path: string, headers: Record<string, string> = {}): Promise<RawReply> {
  const all = { host: `127.0.0.1:${port}`, connection: "close", ...headers };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return rawRequest(port, `GET ${path} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
}
