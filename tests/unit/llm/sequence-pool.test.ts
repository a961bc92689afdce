import { describe, expect, it } from "vitest";
import { PoolClosedError, SequencePool } from "../../../electron/node/llm/host/sequence-pool";
import { defaultThreads } from "../../../electron/node/llm/host/threads";

describe("sequence pool", () => {
  it("hands out distinct slots, queues in order when all are busy, and reuses released ones", async () => {
    const pool = new SequencePool(2);
    const a = await pool.acquire().slot;
    const b = await pool.acquire().slot;
    expect(new Set([a, b]).size).toBe(2);
    const order: number[] = [];
    const c = pool.acquire().slot.then((s) => (order.push(1), s));
    const d = pool.acquire().slot.then((s) => (order.push(2), s));
    expect(pool.queued).toBe(2);
    pool.release(b);
    expect(await c).toBe(b);
    pool.release(a);
    expect(await d).toBe(a);
    expect(order).toEqual([1, 2]);
  });

  it("a cancelled waiter is skipped and rejects with the given reason", async () => {
    const pool = new SequencePool(1);
    const a = await pool.acquire().slot;
    const waiting = pool.acquire();
    const next = pool.acquire();
    waiting.cancel(new Error("gave up"));
    await expect(waiting.slot).rejects.toThrow("gave up");
    pool.release(a);
    expect(await next.slot).toBe(a);
  });

  it("closing rejects waiters and later requests", async () => {
    const pool = new SequencePool(1);
    await pool.acquire().slot;
    const waiting = pool.acquire().slot;
    pool.close();
    await expect(waiting).rejects.toBeInstanceOf(PoolClosedError);
    await expect(pool.acquire().slot).rejects.toBeInstanceOf(PoolClosedError);
  });

  it("double release does not hand a slot out twice", async () => {
    const pool = new SequencePool(1);
    const a = await pool.acquire().slot;
    pool.release(a);
    pool.release(a);
    await pool.acquire().slot;
    let second = false;
    void pool.acquire().slot.then(() => (second = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(second).toBe(false);
  });
});

describe("default threads", () => {
  it("uses physical cores minus one on CPU-only machines, at least one", () => {
    expect(defaultThreads(1, false)).toBe(1);
    expect(defaultThreads(2, false)).toBe(1);
    expect(defaultThreads(8, false)).toBe(7);
    expect(defaultThreads(16, true)).toBe(4);
  });
});
