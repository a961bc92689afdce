import { QuireError, wireError } from "./errors";
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from "./index";

/** What a transport (IPC through window.quire, or a WebSocket) must provide. */
export interface Transport {
  invoke(method: string, payload: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** The wire envelope of a reply. */
export type Reply = { ok: true; value: unknown } | { ok: false; error: unknown };

export function unwrapReply(reply: unknown): unknown {
  const r = reply as Reply;
  if (r && r.ok === true) return r.value;
  const parsed = wireError.safeParse(r?.ok === false ? r.error : undefined);
  throw parsed.success
    ? QuireError.fromWire(parsed.data)
    : new QuireError("internal", "The backend sent a reply Quire does not understand.");
}

/** The renderer's one client: typed calls and events, blind to the transport underneath. */
export class QuireClient {
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();

  constructor(private readonly transport: Transport) {
    transport.subscribe((name, payload) => {
      for (const l of this.listeners.get(name) ?? []) (l as (p: unknown) => void)(payload);
    });
  }

  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    return this.transport.invoke(method, input) as Promise<MethodOutput<M>>;
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }
}
