/**
 * Malformed input for browser mode, drawn from a seeded generator so a failing run can be
 * replayed: raw HTTP requests (bad encodings, broken request lines and headers, smuggling,
 * odd upgrades, garbage) and WebSocket frames after a good handshake (protocol violations of
 * every kind, then well-formed frames carrying junk JSON and hostile payloads).
 */
import { connect, type Socket } from "node:net";
import { closePayload, frame, openRawSocket, textFrame } from "./raw-ws";

export interface Target {
  port: number;
  token: string;
  origin: string;
}

export interface FuzzCase {
  kind: string;
  /** HTTP requests and WebSocket frames this case sends */
  messages: number;
  /** sends the case to the server it was drawn for (`target`, the same as given to fuzzCases) */
  run(target: Target): Promise<void>;
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(0, 255)));
  return { next, int, pick, bytes };
}
type Rng = ReturnType<typeof rng>;

const CASE_TIMEOUT_MS = 3_000;

/** Writes `chunks` (a number is a pause in ms), then waits for the server to close or the timeout. */
function sendRaw(port: number, chunks: (Buffer | string | number)[], opts: { resetAfter?: boolean } = {}): Promise<void> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(finish, CASE_TIMEOUT_MS);
    socket.on("error", finish);
    socket.on("close", finish);
    socket.on("data", () => {});
    socket.on("connect", async () => {
      for (const c of chunks) {
        if (done) return;
        if (typeof c === "number") await new Promise((r) => setTimeout(r, c));
        else socket.write(c);
      }
      if (opts.resetAfter) socket.resetAndDestroy();
      else socket.end();
    });
  });
}

// ---- HTTP ---------------------------------------------------------------------------------

const ESCAPES = ["%", "%Z", "%zz", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%FF", "%00", "%2e%2e%2f", "%5c", "%%", "%u002e", "%F4%90%80%80", "%C3", "%e2%80%ae"];
const SEGMENTS = ["..", ".", "%2e%2e", "....//", "..\\", "assets", "index.html", "ws", "\u00e9", "\u202e", "~", "//", "?", "#", ";", "a".repeat(300)];

function path(r: Rng): string {
  const parts: string[] = [];
  for (let i = r.int(0, 6); i > 0; i--) parts.push(r.next() < 0.5 ? r.pick(ESCAPES) : r.pick(SEGMENTS));
  return `/${parts.join(r.next() < 0.7 ? "/" : "")}`;
}

function host(r: Rng, port: number): string | null {
  return r.pick([`127.0.0.1:${port}`, `localhost:${port}`, "evil.example", `127.0.0.1:${port + 1}`, "", " ", `[::1]:${port}`, null, `127.0.0.1:${port}\r\nhost: evil.example`]);
}

function headerLines(r: Rng, port: number): string[] {
  const lines: string[] = [];
  const h = host(r, port);
  if (h !== null) lines.push(`host: ${h}`);
  for (let i = r.int(0, 4); i > 0; i--) {
    lines.push(
      r.pick([
        "x-junk: " + "v".repeat(r.int(0, 20_000)),
        "no colon at all",
        "bad name here: value",
        ": empty name",
        "x-ctl: a\u0001b",
        `content-length: ${r.pick(["-1", "abc", "99999999999999999999", "10", "0x10"])}`,
        "transfer-encoding: chunked",
        "transfer-encoding: gzip, chunked",
        "expect: 100-continue",
        "connection: upgrade",
        "upgrade: websocket",
        `origin: ${r.pick(["https://evil.example", "null", `http://127.0.0.1:${port}`])}`,
        "cookie: " + "c=".repeat(r.int(1, 3000)),
      ]),
    );
  }
  if (r.next() < 0.05) for (let i = 0; i < 300; i++) lines.push(`x-many-${i}: ${i}`);
  return lines;
}

function httpCase(r: Rng, { port, token, origin }: Target): FuzzCase {
  const kind = r.pick(["percent", "path", "method", "version", "headers", "smuggling", "truncated", "garbage", "upgrade", "slow", "reset"] as const);
  const method = kind === "method" ? r.pick(["PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "G\u0000T", "get", "BREW", "X".repeat(200), ""]) : r.pick(["GET", "HEAD", "POST"]);
  const target = kind === "percent" || kind === "path" ? path(r) : r.pick(["/", "/index.html", path(r), "*", "http://evil.example/", "//a:99999/ws", "/ws"]);
  const version = kind === "version" ? r.pick(["HTTP/0.9", "HTTP/2.0", "HTTP/1.1x", "HTP/1.1", "", "HTTP/1.1 extra"]) : "HTTP/1.1";
  const lines = kind === "headers" || kind === "smuggling" || r.next() < 0.3 ? headerLines(r, port) : [`host: 127.0.0.1:${port}`];
  let body = "";
  if (kind === "smuggling") {
    lines.push(r.pick(["content-length: 5\r\ntransfer-encoding: chunked", "transfer-encoding: chunked", "content-length: 100000", "content-length: 3\r\ncontent-length: 4"]));
    body = r.pick(["zzzz\r\n\r\n", "0\r\n\r\nGET / HTTP/1.1\r\nhost: evil\r\n\r\n", "5\r\nab", "-1\r\n\r\n", "ffffffffffffffff\r\n"]);
  }
  let requestTarget = target;
  if (kind === "upgrade") {
    lines.push("connection: Upgrade", `upgrade: ${r.pick(["websocket", "WebSocket", "h2c", ""])}`);
    lines.push(`sec-websocket-key: ${r.pick(["dGhlIHNhbXBsZSBub25jZQ==", "short", "", "!!!!", "a".repeat(100)])}`);
    lines.push(`sec-websocket-version: ${r.pick(["13", "8", "99", "", "13, 8"])}`);
    if (r.next() < 0.7) lines.push(`origin: ${r.pick([origin, "https://evil.example", "null"])}`);
    requestTarget = r.pick([`/ws?token=${token}`, "/ws", `/ws?token=${token.slice(1)}`, "//a:99999/ws", `/ws/../ws?token=${token}`, `/WS?token=${token}`, path(r)]);
  }
  const request = `${method} ${requestTarget} ${version}\r\n${lines.join("\r\n")}\r\n\r\n${body}`;
  let chunks: (Buffer | string | number)[] = [request];
  let resetAfter = false;
  if (kind === "garbage") chunks = [r.bytes(r.int(1, 2_000))];
  if (kind === "truncated") chunks = [request.slice(0, r.int(1, Math.max(1, request.length - 1)))];
  if (kind === "reset") {
    chunks = [request.slice(0, r.int(1, request.length))];
    resetAfter = true;
  }
  if (kind === "slow") chunks = [...request.slice(0, 20)].flatMap((ch) => [ch, 5]);
  return { kind: `http:${kind}`, messages: 1, run: () => sendRaw(port, chunks, { resetAfter }) };
}

// ---- WebSocket ------------------------------------------------------------------------------

const METHODS = ["app.info", "projects.list", "projects.open", "units.save", "units.read", "import.preview", "monitors.check", "export.download", "snapshots.diff", "nope", "__proto__", "constructor", "toString", ""];

function junkJson(r: Rng, depth = 0): unknown {
  const roll = r.int(0, depth > 3 ? 5 : 9);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, -0]);
    case 2:
      return r.pick([true, false]);
    case 3:
      return r.pick(["", "x".repeat(r.int(0, 5_000)), "\u0000", "\ud800", "../../etc/passwd", "%", "<script>", "\u202e"]);
    case 4:
      return r.pick(["h", "u1", "../x", "a".repeat(200)]);
    case 5:
      return r.int(-5, 5);
    case 6:
    case 7: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(0, 5); i > 0; i--) o[r.pick(["handle", "unitId", "text", "title", "base64", "fileName", "__proto__", "constructor", "payload", "id", "x"])] = junkJson(r, depth + 1);
      return o;
    }
    default:
      return Array.from({ length: r.int(0, 5) }, () => junkJson(r, depth + 1));
  }
}

function requestText(r: Rng): string {
  const roll = r.int(0, 9);
  if (roll === 0) return r.pick(["{", "}", "[]", "null", "1", '"x"', "{\"id\":", "\u0000", ""]);
  if (roll === 1) return `{"id":1,"method":"app.info","payload":${"[".repeat(r.int(1_000, 100_000))}`;
  if (roll === 2) return JSON.stringify({ id: r.pick([1, -1, 1.5, "1", null, 2 ** 60]), method: r.pick(METHODS), payload: junkJson(r) });
  if (roll === 3) return `{"id":1,"method":"app.info","__proto__":{"polluted":true},"payload":{"constructor":{"prototype":{"x":1}}}}`;
  return JSON.stringify({ id: r.int(0, 1_000_000), method: r.pick(METHODS), payload: junkJson(r) });
}

function wsFrames(r: Rng, kind: string): Buffer[] {
  const junk = () => r.bytes(r.int(0, 64));
  switch (kind) {
    case "utf8":
      return [frame({ opcode: 0x1, payload: Buffer.concat([Buffer.from('{"id":1,"method":"'), r.pick([Buffer.from([0xc3, 0x28]), Buffer.from([0xff]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from([0xe2, 0x82])])]) })];
    case "unmasked":
      return [frame({ opcode: r.pick([0x1, 0x2, 0x9]), payload: junk(), mask: false })];
    case "opcode":
      return [frame({ opcode: r.pick([0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf]), payload: junk() })];
    case "rsv":
      return [frame({ opcode: r.pick([0x1, 0x2, 0x8, 0x9]), rsv: r.int(1, 7), payload: junk() })];
    case "length":
      return [frame({ opcode: r.pick([0x1, 0x2]), payload: junk(), declaredLength: r.pick([2 ** 31, 2 ** 53, 2n ** 62n, 2n ** 63n - 1n, 2n ** 64n - 1n, 1_000_000_000]) })];
    case "close":
      return [
        frame({
          opcode: 0x8,
          payload: r.pick([closePayload(r.pick([0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535])), Buffer.from([0x03]), Buffer.concat([closePayload(1000), Buffer.from([0xff, 0xfe])])]),
        }),
      ];
    case "control":
      return [r.next() < 0.5 ? frame({ opcode: 0x9, payload: r.bytes(r.int(126, 300)) }) : frame({ opcode: 0x9, fin: false, payload: junk() })];
    case "fragments":
      return r.next() < 0.5
        ? [frame({ opcode: 0x0, payload: junk() })]
        : [frame({ opcode: 0x1, fin: false, payload: "{" }), frame({ opcode: 0x1, payload: "}" })];
    case "truncated":
      return [frame({ opcode: 0x1, payload: "x".repeat(r.int(10, 5000)) }).subarray(0, r.int(1, 12))];
    case "binary":
      return [frame({ opcode: 0x2, payload: r.bytes(r.int(0, 4096)) })];
    case "burst":
      return Array.from({ length: r.int(20, 200) }, () => textFrame(requestText(r)));
    default:
      return [textFrame(requestText(r))];
  }
}

function wsCase(r: Rng, target: Target): FuzzCase {
  const kind = r.pick(["utf8", "unmasked", "opcode", "rsv", "length", "close", "control", "fragments", "truncated", "binary", "burst", "json", "json", "json"] as const);
  const frames = wsFrames(r, kind);
  return {
    kind: `ws:${kind}`,
    messages: frames.length,
    run: async () => {
      const raw = await openRawSocket({ ...target, timeoutMs: CASE_TIMEOUT_MS }).catch(() => null);
      if (!raw) throw new Error("the server refused a good handshake");
      for (const f of frames) raw.socket.write(f);
      let closed = false;
      void raw.closed.then(() => (closed = true));
      // well-formed frames are each answered (malformed JSON too, with an error); a protocol
      // violation closes the socket at once; a frame cut short waits for the rest, so leave it
      const answered = kind === "json" || kind === "burst" || kind === "binary";
      const waitMs = kind === "truncated" ? 300 : CASE_TIMEOUT_MS;
      const until = Date.now() + waitMs;
      while (!closed && Date.now() < until && !(answered && raw.frames.filter((f) => f.opcode === 0x1).length >= frames.length)) {
        await new Promise((r2) => setTimeout(r2, 5));
      }
      raw.socket.destroy();
    },
  };
}

/** `count` cases, about half HTTP and half WebSocket, drawn up front: the same for the same seed and server. */
export function fuzzCases(seed: number, count: number, target: Target): FuzzCase[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => (r.next() < 0.5 ? httpCase(r, target) : wsCase(r, target)));
}
