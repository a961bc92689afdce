import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendCall, clip, MAX_CALLS, MAX_TEXT, readCalls, type CallRecord } from "../../../electron/node/backend/drafting/files/call-ledger";
import { ProjectPaths } from "../../../electron/node/store/project-paths";
import { LiveProgress } from "../../../electron/node/backend/drafting/live-progress";
import { useTmpDirs } from "../store/tmp-dir";

const tmp = useTmpDirs();

const call = (n: number, output = `reply ${n}`): CallRecord => ({
  id: `c${n}`, at: new Date(1_700_000_000_000 + n * 1000).toISOString(), kind: "generate", unitId: null, planId: null, heading: null,
  sections: [], messages: [{ role: "user", content: `ask ${n}` }], continueFrom: null, output, stopReason: "eos", promptTokens: 1, completionTokens: 1, millis: 1, clipped: false,
});

describe("the call ledger's limits", () => {
  it("keeps at most MAX_CALLS calls, the oldest pruned first", async () => {
    const paths = await ProjectPaths.of(await tmp());
    for (let i = 1; i <= MAX_CALLS + 5; i++) await appendCall(paths, "runs/r1/calls.jsonl", call(i));
    const kept = await readCalls(paths, "runs/r1/calls.jsonl");
    expect(kept).toHaveLength(MAX_CALLS);
    expect(kept[0]!.id).toBe("c6");
    expect(kept.at(-1)!.id).toBe(`c${MAX_CALLS + 5}`);
  });

  it("cuts a long text in its middle, keeping the start and the ask at its end, and skips a torn line", async () => {
    const long = `START ${"word ".repeat(MAX_TEXT)} THE ASK`;
    const r = clip(long);
    expect(r.clipped).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(MAX_TEXT + 100);
    expect(r.text.startsWith("START")).toBe(true);
    expect(r.text.endsWith("THE ASK")).toBe(true);
    const dir = await tmp();
    const paths = await ProjectPaths.of(dir);
    const file = join(dir, "runs", "calls.jsonl");
    await appendCall(paths, "runs/calls.jsonl", call(1));
    const { appendFileSync } = await import("node:fs");
    appendFileSync(file, '{"id":"c2","at":'); // a crash mid-line
    await appendCall(paths, "runs/calls.jsonl", call(3));
    expect((await readCalls(paths, "runs/calls.jsonl")).map((c) => c.id)).toEqual(["c1", "c3"]);
    expect(readFileSync(file, "utf8")).toContain('"c3"');
    // a ledger path that leads outside the project is refused, not written
    await expect(appendCall(paths, "../outside/calls.jsonl", call(4))).rejects.toThrow();
  });
});

describe("live progress", () => {
  it("counts the words of units being written and estimates the time left from tokens per second, refined by the run's own ratio", () => {
    let now = 0;
    const live = new LiveProgress([{ id: "a", targetWords: 100 }, { id: "b", targetWords: 100 }], new Map(), "words", () => now);
    expect(live.snapshot()).toMatchObject({ unitsDone: 0, unitsTotal: 2, unitsDrafting: 0, words: 0, etaSeconds: null });
    live.started("a");
    live.text("a", "one two three four five six seven eight nine ten ", false);
    live.tokens(15);
    now = 5000;
    const s = live.snapshot();
    expect(s).toMatchObject({ unitsDrafting: 1, words: 10, tokens: 15, tokensPerSecond: 3 });
    // 190 words left at the default 1.5 tokens a word, 3 tokens a second
    expect(s.etaSeconds).toBe(95);
    // a unit done with many tokens spent on checks: the run's own ratio (tokens per word written) takes over
    live.text("a", " more ".repeat(40), false);
    live.tokens(285);
    live.finished("a", 50);
    now = 10_000;
    const t = live.snapshot();
    expect(t).toMatchObject({ unitsDone: 1, unitsDrafting: 0, words: 50, tokens: 300, tokensPerSecond: 30 });
    // 100 words left × (300 tokens / 50 words) / 30 tokens a second
    expect(t.etaSeconds).toBe(20);
    // b fails (its retries ran out): this run will not write it, so nothing is left to wait for
    live.started("b");
    live.text("b", "a few words ", false);
    live.failed("b");
    expect(live.snapshot()).toMatchObject({ unitsDone: 1, unitsDrafting: 0, words: 50, etaSeconds: 0 });
  });
});
