/**
 * Hands out a fixed set of slots (context sequences) and queues callers when all are busy.
 * Pure bookkeeping: the runtime maps slot ids to node-llama-cpp sequences.
 */
export class PoolClosedError extends Error {
  constructor() {
    super("the sequence pool was closed (model unloaded)");
  }
}

interface Waiter {
  resolve: (slot: number) => void;
  reject: (err: Error) => void;
}

export class SequencePool {
  private readonly free: number[];
  private readonly busy = new Set<number>();
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(readonly size: number) {
    this.free = Array.from({ length: size }, (_, i) => i);
  }

  get busyCount(): number {
    return this.busy.size;
  }
  get queued(): number {
    return this.waiters.length;
  }

  /** Resolves with a free slot; `cancel` drops a queued request (its promise rejects with the given error). */
  acquire(): { slot: Promise<number>; cancel: (reason: Error) => void } {
    if (this.closed) return { slot: Promise.reject(new PoolClosedError()), cancel: () => {} };
    const slot = this.free.shift();
    if (slot !== undefined) {
      this.busy.add(slot);
      return { slot: Promise.resolve(slot), cancel: () => {} };
    }
    let waiter!: Waiter;
    const promise = new Promise<number>((resolve, reject) => {
      waiter = { resolve, reject };
    });
    this.waiters.push(waiter);
    return {
      slot: promise,
      cancel: (reason) => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          waiter.reject(reason);
        }
      },
    };
  }

  isBusy(slot: number): boolean {
    return this.busy.has(slot);
  }

  release(slot: number): void {
    if (!this.busy.delete(slot)) return; // double release is harmless
    const next = this.waiters.shift();
    if (next) {
      this.busy.add(slot);
      next.resolve(slot);
    } else {
      this.free.push(slot);
      this.free.sort((a, b) => a - b);
    }
  }

  /** Rejects everyone still waiting; used when the model goes away. */
  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new PoolClosedError());
  }
}
