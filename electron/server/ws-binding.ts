import type { WebSocket } from "ws";
import { z } from "zod";
import type { Dispatcher } from "../node/backend/dispatcher";

const requestFrame = z.object({ id: z.number().int(), method: z.string().max(100), payload: z.unknown() });

/** Binds one browser tab's socket to the backend: requests in, replies and events out. */
export function bindSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const unsubscribe = dispatcher.subscribe((event, payload) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }));
  });
  socket.on("close", unsubscribe);
  socket.on("message", async (raw) => {
    let frame: z.infer<typeof requestFrame>;
    try {
      frame = requestFrame.parse(JSON.parse(String(raw)));
    } catch {
      socket.send(
        JSON.stringify({ id: null, reply: { ok: false, error: { code: "invalid-payload", message: "Malformed request frame." } } }),
      );
      return;
    }
    const reply = await dispatcher.dispatch(frame.method, frame.payload);
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: frame.id, reply }));
  });
}
