import { QuireError } from "../../../electron/shared/contract/errors";
import type { Transport } from "../../../electron/shared/contract/client";
import { unwrapReply } from "../../../electron/shared/contract/client";

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Browser mode's transport. Reconnects when the server restarts, so a writer who restarts
 * `quire serve` keeps the tab; calls made while disconnected fail with "unavailable" rather
 * than hang, and the editor keeps its unsaved text until a save succeeds.
 */
export function wsTransport(url: string, onConnection: (connected: boolean) => void): Transport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let opened: Promise<void>;

  const connect = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(url);
      socket = ws;
      ws.onopen = () => {
        onConnection(true);
        resolve();
      };
      ws.onmessage = (msg) => {
        const frame = JSON.parse(String(msg.data)) as { id?: number; reply?: unknown; event?: string; payload?: unknown };
        if (typeof frame.event === "string") {
          for (const l of listeners) l(frame.event, frame.payload);
          return;
        }
        const p = typeof frame.id === "number" ? pending.get(frame.id) : undefined;
        if (!p || frame.id === undefined) return;
        pending.delete(frame.id);
        try {
          p.resolve(unwrapReply(frame.reply));
        } catch (error) {
          p.reject(error);
        }
      };
      ws.onclose = () => {
        onConnection(false);
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(new QuireError("unavailable", "Lost the connection to Quire. Reconnecting…"));
        }
        setTimeout(() => {
          opened = connect();
        }, 500);
        resolve();
      };
    });
  opened = connect();

  return {
    async invoke(method, payload) {
      await opened;
      const ws = socket;
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        throw new QuireError("unavailable", "Quire's backend is not reachable right now. Your text is kept here.");
      }
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, payload }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
