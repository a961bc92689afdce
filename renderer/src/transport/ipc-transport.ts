import type { Transport } from "../../../electron/shared/contract/client";
import { unwrapReply } from "../../../electron/shared/contract/client";

/** What the preload exposes (electron/preload): nothing raw, only these two functions. */
export interface QuireBridge {
  invoke(method: string, payload: unknown): Promise<unknown>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

export function ipcTransport(bridge: QuireBridge): Transport {
  return {
    invoke: async (method, payload) => unwrapReply(await bridge.invoke(method, payload)),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
