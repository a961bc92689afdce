import type { WebSocket } from "ws";
import { z } from "zod";
import type { Dispatcher } from "../node/backend/dispatcher";
import { SocketOutbox, type OutboxLimits } from "./socket-outbox";

const requestFrame = z.object({ id: z.number().int(), method: z.string().max(100), payload: z.unknown() });

const malformed = JSON.stringify({ id: null, reply: { ok: false, error: { code: "invalid-payload", message: "Malformed request frame." } } });

/** A socket that has begun closing but whose peer never answers the close is cut after this long. */
const CLOSE_GRACE_MS = 5_000;
/** Requests one tab may have in the backend at once; past these, its socket is not read until some finish. */
const MAX_IN_FLIGHT = 16;
const MAX_IN_FLIGHT_BYTES = 64 * 1024 * 1024;

export interface BoundSocket {
  readonly outbox: SocketOutbox;
}

/** Binds one browser tab's socket to the backend: requests in, replies and events out. */
export function bindSocket(
  socket: WebSocket,
  dispatcher: Dispatcher,
  limits: OutboxLimits,
  log: (message: string, error?: unknown) => void = () => {},
): BoundSocket {
  let inFlight = 0;
  let inFlightBytes = 0;
  // Requests ws has already read wait here while the tab is behind: a pause stops the reading,
  // not what one read brought in.
  const waiting: { raw: unknown; isBinary: boolean; bytes: number }[] = [];
  // Take requests only while the tab reads its replies and has few in the backend: a tab that
  // floods requests but never reads cannot make the server hold their replies.
  const pace = () => {
    const held = () => inFlight >= MAX_IN_FLIGHT || inFlightBytes >= MAX_IN_FLIGHT_BYTES || outbox.backedUp;
    while (waiting.length > 0 && !held()) start(waiting.shift()!);
    const hold = held() || waiting.length > 0;
    if (hold && !socket.isPaused) socket.pause();
    else if (!hold && socket.isPaused) socket.resume();
  };
  const outbox = new SocketOutbox(socket, limits, {
    drained: pace,
    gaveUp: (reason) => log(`closed a WebSocket that ${reason}`),
  });
  // A frame that breaks the protocol (bad UTF-8, no mask, a reserved opcode or bit, a length over
  // the limit, a close code nobody may send) is an error on this socket only: ws has already
  // started closing it with the fitting code; the other sockets and the server carry on.
  socket.on("error", (error) => {
    log(`closed a WebSocket: ${error.message}`);
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  });
  const unsubscribe = dispatcher.subscribe((event, payload) => outbox.sendEvent(event, payload));
  socket.on("close", () => {
    waiting.length = 0;
    unsubscribe();
    outbox.close();
  });
  socket.on("message", (raw, isBinary) => {
    const bytes = Array.isArray(raw) ? raw.reduce((n, b) => n + b.length, 0) : (raw as Buffer | ArrayBuffer).byteLength;
    waiting.push({ raw, isBinary, bytes });
    pace();
  });

  function start({ raw, isBinary, bytes }: (typeof waiting)[number]): void {
    inFlight++;
    inFlightBytes += bytes;
    void answer(raw, isBinary)
      .catch((error: unknown) => log("a request frame failed", error))
      .finally(() => {
        inFlight--;
        inFlightBytes -= bytes;
        pace();
      });
  }

  async function answer(raw: unknown, isBinary: boolean): Promise<void> {
    let frame: z.infer<typeof requestFrame>;
    try {
      if (isBinary) throw new Error("binary frame");
      frame = requestFrame.parse(JSON.parse(String(raw)));
    } catch {
      outbox.sendReply(malformed);
      return;
    }
    const reply = await dispatcher.dispatch(frame.method, frame.payload);
    outbox.sendReply(JSON.stringify({ id: frame.id, reply }));
  }

  return { outbox };
}
