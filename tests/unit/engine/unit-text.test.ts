/** The engine's own account of a unit's text as it is written: deltas, resets, and the text it lands with. */
import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { LiveText, type ReplyFilter } from "../../../electron/engine/draft/reply-stream";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import type { PlanUnit } from "../../../electron/engine/plan/types";
import { MemoryRunStore } from "../../../electron/engine/run/memory-run-store";
import { DraftRun } from "../../../electron/engine/run/runner";
import type { RunEvent } from "../../../electron/engine/run/types";
import { FakeLlm, type Cue } from "./fake-llm";

const BRIEF = `# The Island
A novel of 6 chapters of about 300 words. Anna returns to the island.

In chapter 3, Anna finds the letter hidden in the piano.
`;

/** Each unit's text as a listener of unit-text events has it: deltas joined, a reset starting over. */
function shown(events: RunEvent[]): Map<string, { text: string; resets: number }> {
  const out = new Map<string, { text: string; resets: number }>();
  for (const e of events) {
    if (e.type !== "unit-text") continue;
    const u = out.get(e.unitId) ?? { text: "", resets: 0 };
    if (e.reset) {
      u.text = e.text;
      u.resets++;
    } else u.text += e.text;
    out.set(e.unitId, u);
  }
  return out;
}

async function draft(cues: Cue[], replies?: (unit: PlanUnit) => ReplyFilter) {
  const brief = parseBrief(BRIEF);
  const run = await DraftRun.create({ llm: new FakeLlm({ cues }), store: new MemoryRunStore(), replies }, { runId: "r", brief, plan: buildPlan(brief), options: { parallel: 2 } });
  const events: RunEvent[] = [];
  run.on((e) => events.push(e));
  await run.start();
  return events;
}

describe("a unit's live text", () => {
  it("adds up, delta by delta, to the text the unit lands with, through continuations, cuts and revisions", async () => {
    const events = await draft([
      { unit: "Chapter 1", does: "stop-early" },
      { unit: "Chapter 2", does: "run-long" },
      { unit: "Chapter 3", does: "omit" },
      { unit: "Chapter 4", does: "overshoot" },
      { unit: "Chapter 5", does: "loop" },
    ]);
    const live = shown(events);
    const done = events.filter((e): e is Extract<RunEvent, { type: "unit-done" }> => e.type === "unit-done");
    expect(done).toHaveLength(6);
    for (const d of done) {
      expect(live.get(d.unitId)?.text).toBe(d.text);
      // the landing event carries the record and the text: nobody needs to read them back
      expect(d.record.unitId).toBe(d.unitId);
      expect(d.record.words).toBe(d.words);
      expect(d.text.length).toBeGreaterThan(0);
    }
    // a draft starts with a reset; growing (a continuation) needs no other, while a revision (omit),
    // a text cut back to be finished (run-long, overshoot) and a loop cut send the whole text again
    for (const id of ["u1", "u6"]) expect(live.get(id)!.resets).toBe(1);
    for (const id of ["u2", "u3", "u4", "u5"]) expect(live.get(id)!.resets).toBeGreaterThan(1);
    // and the text goes out in many small pieces, not as whole copies
    const pieces = events.filter((e) => e.type === "unit-text" && e.unitId === "u6" && !e.reset);
    expect(pieces.length).toBeGreaterThan(5);
  });

  it("comes through the reply filter first: what it takes out is never counted, shown or kept", async () => {
    // a filter that drops a word the model likes (stand-in for the reply cleaner)
    const filtered: string[] = [];
    const dropBells = (unit: PlanUnit): ReplyFilter => (filtered.push(unit.heading), {
      push: (delta) => [{ append: delta.replace(/\bbells\b/g, "chimes") }],
      end: (reply) => reply.replace(/\bbells\b/g, "chimes"),
    });
    const events = await draft([], dropBells);
    const live = shown(events);
    const done = events.filter((e): e is Extract<RunEvent, { type: "unit-done" }> => e.type === "unit-done");
    for (const d of done) {
      expect(d.text).not.toMatch(/\bbells\b/);
      expect(live.get(d.unitId)!.text).toBe(d.text);
    }
    expect(done.some((d) => /\bchimes\b/.test(d.text))).toBe(true);
    // one filter per reply, made for the unit it writes
    expect(new Set(filtered)).toEqual(new Set(done.map((d) => d.heading)));
  });

  it("stops a call when the reply filter asks (the next unit began), and the ledger says why", async () => {
    let seen = 0;
    const stopAfter = (): ReplyFilter => {
      let stop: { reason: string } | null = null;
      return {
        get stop() {
          return stop;
        },
        push: (delta) => {
          if (++seen % 40 === 0) stop = { reason: "the heading of the next chapter began" };
          return stop ? [] : [{ append: delta }];
        },
        end: (reply) => reply,
      };
    };
    const brief = parseBrief(BRIEF);
    const store = new MemoryRunStore();
    const run = await DraftRun.create({ llm: new FakeLlm(), store, replies: stopAfter }, { runId: "s", brief, plan: buildPlan(brief), options: { parallel: 1, maxRevisions: 0 } });
    await run.start();
    const ledger = (await run.texts()).flatMap((u) => u.record.ledger);
    expect(ledger.some((e) => e.note === "stopped: the heading of the next chapter began")).toBe(true);
  });

  it("LiveText sends what grew as a delta and anything else whole", () => {
    const sent: { text: string; reset: boolean }[] = [];
    const live = new LiveText((d) => sent.push(d));
    live.show("One two");
    live.show("One two three. ");
    live.show("One two three. Four");
    live.show("One two three.");
    expect(sent).toEqual([
      { text: "One two", reset: true },
      { text: " three.", reset: false },
      { text: " Four", reset: false },
      { text: "One two three.", reset: true },
    ]);
    expect(live.text).toBe("One two three.");
  });
});
