/** A CancelSignal the engine can raise itself, optionally following a parent signal (pause/cancel of the run). */
import type { CancelSignal } from "../../shared/llm/llm-port";

export class Canceller implements CancelSignal {
  aborted = false;
  reason?: unknown;
  private listeners = new Set<() => void>();
  private unlink?: () => void;

  constructor(parent?: CancelSignal) {
    if (parent) {
      if (parent.aborted) this.abort(parent.reason);
      const onAbort = () => this.abort(parent.reason);
      parent.addEventListener("abort", onAbort, { once: true });
      this.unlink = () => parent.removeEventListener("abort", onAbort);
    }
  }

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    for (const l of [...this.listeners]) l();
    this.listeners.clear();
  }

  addEventListener(_type: "abort", listener: () => void): void {
    if (this.aborted) listener();
    else this.listeners.add(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    this.listeners.delete(listener);
  }

  dispose(): void {
    this.unlink?.();
    this.listeners.clear();
  }
}
