import { describe, expect, it } from "vitest";
import { Dispatcher, type Handlers } from "../../../electron/node/backend/dispatcher";
import { unitChecks } from "../../../electron/node/backend/drafting/unit-checks";

/** The longest the event loop went without running a timer while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ stallMs: number; result: T }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  try {
    const result = await work();
    return { stallMs: Math.max(stallMs, performance.now() - last), result };
  } finally {
    clearInterval(timer);
  }
}

const PARA = "Mara walked to the harbour with Tomas and looked at the grey water near Elsinore. The boats were gone, and she did not know why. ";
const textOf = (chars: number) => PARA.repeat(Math.ceil(chars / PARA.length)).slice(0, chars);

describe("checks on very large text", () => {
  it("monitors.check refuses 20 MB of text with a clear error before any check runs", async () => {
    let ran = false;
    const dispatcher = new Dispatcher({
      "monitors.check": async () => {
        ran = true;
        return { words: 0, targetWords: null, tolerance: 0.1, obligations: [], findings: [] };
      },
    } as unknown as Handlers);
    const reply = await dispatcher.dispatch("monitors.check", { handle: "h", unitId: "u1", text: textOf(20_000_000) });
    expect(ran).toBe(false);
    expect(reply).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect((reply as { error: { message: string } }).error.message).toMatch(/text: .*2,000,000 characters/);
  });

  it("a long unit's checks run off the event loop, even against a large story bible", async () => {
    const bible = Array.from({ length: 300 }, (_, i) => ({ name: `Person${i}`, aliases: [`P${i}`], kind: "character", attributes: { eyes: "green", age: String(20 + i) } }));
    bible.push({ name: "Mara", aliases: [], kind: "character", attributes: { eyes: "green", age: "30" } });
    const text = `${textOf(300_000)} Mara's eyes were blue.`;
    const { stallMs, result } = await longestStall(() =>
      unitChecks({ text, countUnit: "words", language: "en", targetWords: 1_000, plan: null, planId: null, bible, facts: [] }),
    );
    expect(result.words).toBeGreaterThan(50_000);
    expect(result.findings.map((f) => f.monitor)).toContain("length");
    // inline, the lexical pass over 300,000 characters and 301 entries holds the loop for seconds
    expect(stallMs).toBeLessThan(1_000);
  }, 120_000);
});
