/**
 * What one socket is sent, with back-pressure. While the socket takes what it is given, every
 * message goes straight out. Once more than `highWaterBytes` wait in it (the tab stopped
 * reading, or reads slowly), messages wait here instead: live state is coalesced (see
 * live-events), the rest queues in order. A socket that makes no progress for
 * `stallTimeoutMs`, or whose waiting events pass `maxQueuedBytes`, is closed: the tab
 * reconnects and reloads. Replies are not counted there: the binding reads no new request
 * while the socket is behind, so at most its requests in flight wait here.
 */
import type { WebSocket } from "ws";
import { coalescingFor, type Coalescing } from "./live-events";

export interface OutboxLimits {
  highWaterBytes: number;
  stallTimeoutMs: number;
  maxQueuedBytes: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { highWaterBytes: 4 * MiB, stallTimeoutMs: 30_000, maxQueuedBytes: 16 * MiB };

// what waits is sent as soon as a write completes; this tick only watches for a stall
const TICK_MS = 250;

interface Waiting {
  /** a reply or an event that is delivered as it is */
  data?: string;
  isReply?: boolean;
  /** a coalesced event, serialized when it is sent */
  event?: string;
  payload?: Record<string, unknown>;
  merge?: Coalescing["merge"];
  bytes: number;
}

const textBytes = (p: Record<string, unknown>) => (typeof p.text === "string" ? p.text.length : 0);

export class SocketOutbox {
  // insertion order is send order; a coalesced event moves to the end with its newest content
  private readonly waiting = new Map<string, Waiting>();
  private nextId = 0;
  private queued = 0;
  private queuedReplies = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastBuffered = 0;
  private lastProgress = 0;
  private flushScheduled = false;
  private closed = false;
  private readonly written = () => {
    this.lastProgress = Date.now();
    if (this.waiting.size === 0 && !this.timer) return;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  };

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: OutboxLimits,
    private readonly on: { drained(): void; gaveUp(reason: string): void },
  ) {}

  /** True while the socket is behind: the binding stops reading requests until it catches up. */
  get backedUp(): boolean {
    return this.waiting.size > 0 || this.socket.bufferedAmount > this.limits.highWaterBytes;
  }

  get queuedBytes(): number {
    return this.queued + this.queuedReplies;
  }

  sendReply(data: string): void {
    if (!this.canSend()) return;
    if (!this.backedUp) return this.write(data);
    this.enqueue(`#${this.nextId++}`, { data, isReply: true, bytes: data.length });
  }

  private sendPlainEvent(data: string): void {
    if (!this.backedUp) return this.write(data);
    this.enqueue(`#${this.nextId++}`, { data, bytes: data.length });
  }

  sendEvent(event: string, payload: unknown): void {
    if (!this.canSend()) return;
    const coalescing = this.backedUp ? coalescingFor(event, payload) : null;
    if (!coalescing) return this.sendPlainEvent(JSON.stringify({ event, payload }));
    const p = payload as Record<string, unknown>;
    const earlier = this.waiting.get(coalescing.key);
    if (earlier?.payload) {
      this.forget(coalescing.key, earlier);
      const merged = coalescing.merge(earlier.payload, p);
      // text runs together: count what is held, not the whole payload each time
      const bytes = merged === p ? JSON.stringify(p).length : earlier.bytes + textBytes(p);
      this.enqueue(coalescing.key, { event, payload: merged, merge: coalescing.merge, bytes });
    } else {
      this.enqueue(coalescing.key, { event, payload: p, merge: coalescing.merge, bytes: JSON.stringify(p).length });
    }
  }

  close(): void {
    this.closed = true;
    this.waiting.clear();
    this.queued = 0;
    this.queuedReplies = 0;
    this.stopTimer();
  }

  private canSend(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  private write(data: string): void {
    this.socket.send(data, this.written);
    if (this.socket.bufferedAmount > this.limits.highWaterBytes) this.startTimer();
  }

  private forget(key: string, w: Waiting): void {
    this.waiting.delete(key);
    if (w.isReply) this.queuedReplies -= w.bytes;
    else this.queued -= w.bytes;
  }

  private enqueue(key: string, w: Waiting): void {
    this.waiting.set(key, w);
    if (w.isReply) this.queuedReplies += w.bytes;
    else this.queued += w.bytes;
    if (this.queued > this.limits.maxQueuedBytes) return this.giveUp(`fell ${Math.round(this.queued / MiB)} MiB behind`);
    this.startTimer();
  }

  private startTimer(): void {
    if (this.timer) return;
    this.lastBuffered = this.socket.bufferedAmount;
    this.lastProgress = Date.now();
    this.timer = setInterval(() => this.flush(), TICK_MS);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private flush(): void {
    if (!this.canSend()) return this.close();
    const buffered = this.socket.bufferedAmount;
    if (buffered < this.lastBuffered) this.lastProgress = Date.now();
    for (const [key, w] of this.waiting) {
      if (this.socket.bufferedAmount > this.limits.highWaterBytes) break;
      this.forget(key, w);
      this.socket.send(w.data ?? JSON.stringify({ event: w.event, payload: w.payload }), this.written);
      this.lastProgress = Date.now();
    }
    this.lastBuffered = this.socket.bufferedAmount;
    if (!this.backedUp) {
      this.stopTimer();
      this.on.drained();
      return;
    }
    if (Date.now() - this.lastProgress > this.limits.stallTimeoutMs) this.giveUp(`read nothing for ${Math.round(this.limits.stallTimeoutMs / 1000)} s`);
  }

  private giveUp(reason: string): void {
    this.close();
    this.on.gaveUp(reason);
    this.socket.terminate();
  }
}
