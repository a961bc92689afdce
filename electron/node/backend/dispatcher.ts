import type { Reply } from "../../shared/contract/client";
import { QuireError } from "../../shared/contract/errors";
import {
  events,
  isMethodName,
  methods,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from "../../shared/contract/index";

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>>;
};

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * The one entry point of every transport. A payload that does not match its schema is refused
 * here with "invalid-payload" and never reaches a handler.
 */
export class Dispatcher {
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly handlers: Handlers,
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {}

  async dispatch(method: unknown, payload: unknown): Promise<Reply> {
    if (!isMethodName(method)) {
      return fail(new QuireError("unknown-method", `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}.`));
    }
    const parsed = methods[method].input.safeParse(payload ?? {});
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "payload"}: ${i.message}`)
        .join("; ");
      return fail(new QuireError("invalid-payload", `Invalid payload for ${method}: ${where}`));
    }
    try {
      const handler = this.handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof QuireError) return fail(error);
      this.log(`${method} failed`, error);
      return fail(new QuireError("internal", error instanceof Error ? error.message : String(error)));
    }
  }

  /**
   * Never throws into the emitter (a store callback, a watcher, a run): an event its schema
   * refuses is a bug here, not the renderer's problem, so it is logged and dropped; a listener
   * that throws (one tab's socket) is logged and the others still get the event.
   */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = events[name].payload.safeParse(payload);
    if (!checked.success) {
      const where = checked.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
      this.log(`dropped a malformed ${name} event (${where})`);
      return;
    }
    for (const l of this.listeners) {
      try {
        l(name, checked.data);
      } catch (error) {
        this.log(`a listener failed on ${name}`, error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const fail = (error: QuireError): Reply => ({ ok: false, error: error.toWire() });
