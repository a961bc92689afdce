/**
 * WebSocket frames built byte by byte (RFC 6455 §5.2), so tests can send what no browser sends:
 * unmasked frames, reserved opcodes and bits, lengths that lie, close codes nobody may use.
 */
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  /** the three reserved bits, 0-7 (4 = RSV1) */
  rsv?: number;
  /** clients must mask; false sends the payload in the clear */
  mask?: boolean;
  /** the length the header claims, when it should lie */
  declaredLength?: number | bigint;
}

export function frame(spec: FrameSpec): Buffer {
  const payload = typeof spec.payload === "string" ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
  const mask = spec.mask ?? true;
  const length = BigInt(spec.declaredLength ?? payload.length);
  const head: number[] = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f)];
  let ext = Buffer.alloc(0);
  if (length < 126n) head.push((mask ? 0x80 : 0) | Number(length));
  else if (length < 65536n) {
    head.push((mask ? 0x80 : 0) | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(length));
  } else {
    head.push((mask ? 0x80 : 0) | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(length);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), ext, payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), ext, key, masked]);
}

export const textFrame = (text: string) => frame({ opcode: 0x1, payload: text });

/** A close frame's payload: the code, then an optional reason. */
export function closePayload(code: number, reason = ""): Buffer {
  const b = Buffer.alloc(2 + Buffer.byteLength(reason));
  b.writeUInt16BE(code);
  b.write(reason, 2);
  return b;
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** Splits what the server sent into frames (server frames are never masked); a partial tail is left. */
export function readServerFrames(data: Buffer): { frames: ServerFrame[]; rest: Buffer } {
  const frames: ServerFrame[] = [];
  let at = 0;
  for (;;) {
    if (data.length - at < 2) break;
    const opcode = data[at]! & 0x0f;
    let length = data[at + 1]! & 0x7f;
    let head = 2;
    if (length === 126) {
      if (data.length - at < 4) break;
      length = data.readUInt16BE(at + 2);
      head = 4;
    } else if (length === 127) {
      if (data.length - at < 10) break;
      length = Number(data.readBigUInt64BE(at + 2));
      head = 10;
    }
    if (data.length - at < head + length) break;
    frames.push({ opcode, payload: data.subarray(at + head, at + head + length) });
    at += head + length;
  }
  return { frames, rest: data.subarray(at) };
}

export interface RawSocket {
  socket: Socket;
  /** every frame the server sent so far */
  frames: ServerFrame[];
  /** resolves when the TCP connection has closed (either side) */
  closed: Promise<void>;
  /** the code of the close frame the server sent, if it sent one */
  closeCode(): number | null;
}

/** Opens a WebSocket by hand (status 101 or it rejects) and keeps reading what the server sends. */
export function openRawSocket(opts: { port: number; token: string; origin: string; timeoutMs?: number }): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(opts.port, "127.0.0.1");
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no WebSocket handshake"));
    }, opts.timeoutMs ?? 10_000);
    let buffered = Buffer.alloc(0);
    let upgraded = false;
    const frames: ServerFrame[] = [];
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.on("error", () => {});
    socket.on("connect", () => {
      socket.write(
        `GET /ws?token=${encodeURIComponent(opts.token)} HTTP/1.1\r\nhost: 127.0.0.1:${opts.port}\r\nupgrade: websocket\r\n` +
          `connection: Upgrade\r\nsec-websocket-key: ${randomBytes(16).toString("base64")}\r\nsec-websocket-version: 13\r\norigin: ${opts.origin}\r\n\r\n`,
      );
    });
    socket.on("data", (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!upgraded) {
        const end = buffered.indexOf("\r\n\r\n");
        if (end < 0) return;
        const status = buffered.subarray(0, end).toString("latin1").split("\r\n")[0] ?? "";
        clearTimeout(timer);
        if (!/^HTTP\/1\.1 101/.test(status)) {
          socket.destroy();
          return reject(new Error(`handshake refused: ${status}`));
        }
        upgraded = true;
        buffered = buffered.subarray(end + 4);
        resolve({
          socket,
          frames,
          closed,
          closeCode: () => {
            const close = frames.find((f) => f.opcode === 0x8);
            return close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null;
          },
        });
      }
      const read = readServerFrames(buffered);
      frames.push(...read.frames);
      buffered = Buffer.from(read.rest);
    });
    socket.once("close", () => {
      clearTimeout(timer);
      if (!upgraded) reject(new Error("closed before the handshake"));
    });
  });
}
