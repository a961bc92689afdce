/**
 * The headers every browser-mode reply carries, whatever its status: a 404 or a 400 is a page
 * too. The per-launch token rides in the studio's address, so no reply may leak it as a Referer.
 */
import type { ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";

/** The same policy as the desktop app's meta tag, also sent as a header in browser mode. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  // other sites may neither embed nor read what this server answers
  "cross-origin-resource-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "cache-control": "no-store",
};

/** A short plain-text reply through Node's response object. */
export function replyText(res: ServerResponse, status: number, text = STATUS_CODES[status] ?? ""): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The same reply written straight to a socket Node's HTTP layer has let go of (a refused
 * WebSocket upgrade, a request its parser could not read). The connection closes after it.
 */
export function rawReplyText(status: number, text = STATUS_CODES[status] ?? ""): string {
  const headers = { ...SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8", "content-length": String(Buffer.byteLength(text)), connection: "close" };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n${lines.join("\r\n")}\r\n\r\n${text}`;
}
