import type { WebSocket } from "ws";
import { z } from "zod";
import type { Dispatcher } from "../node/backend/dispatcher";

const requestFrame = z.object({ id: z.number().int(), method: z.string().max(100), payload: z.unknown() });

const malformed = JSON.stringify({ id: null, reply: { ok: false, error: { code: "invalid-payload", message: "Malformed request frame." } } });

/** A socket that has begun closing but whose peer never answers the close is cut after this long. */
const CLOSE_GRACE_MS = 5_000;

/** Binds one browser tab's socket to the backend: requests in, replies and events out. */
export function bindSocket(socket: WebSocket, dispatcher: Dispatcher, log: (message: string, error?: unknown) => void = () => {}): void {
  const send = (data: string) => {
    if (socket.readyState === socket.OPEN) socket.send(data);
  };
  // A frame that breaks the protocol (bad UTF-8, no mask, a reserved opcode or bit, a length over
  // the limit, a close code nobody may send) is an error on this socket only: ws has already
  // started closing it with the fitting code; the other sockets and the server carry on.
  socket.on("error", (error) => {
    log(`closed a WebSocket: ${error.message}`);
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  });
  const unsubscribe = dispatcher.subscribe((event, payload) => send(JSON.stringify({ event, payload })));
  socket.on("close", unsubscribe);
  socket.on("message", (raw, isBinary) => {
    void answer(raw, isBinary).catch((error: unknown) => log("a request frame failed", error));
  });

  async function answer(raw: unknown, isBinary: boolean): Promise<void> {
    let frame: z.infer<typeof requestFrame>;
    try {
      if (isBinary) throw new Error("binary frame");
      frame = requestFrame.parse(JSON.parse(String(raw)));
    } catch {
      send(malformed);
      return;
    }
    const reply = await dispatcher.dispatch(frame.method, frame.payload);
    send(JSON.stringify({ id: frame.id, reply }));
  }
}
