/**
 * Real instruct models' habits, one run per habit, with the realistic scripted model: a 12-chapter,
 * 6,000-word brief with three required items. Whatever the model wraps around its prose (a
 * preamble, chatter, a repeated or foreign heading, reasoning), a refusal, a list or a table where
 * prose was asked, another language, an overrun: none of it lands in the saved manuscript, no unit
 * is saved empty, every unit is within ±10 %, every unit ends where the model ended it (finished,
 * never cut), every required item is in the prose, and the ledger shows each strip and retry.
 */
import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { cleanReply } from "../../../electron/engine/draft/clean-reply";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import { MemoryRunStore } from "../../../electron/engine/run/memory-run-store";
import { DraftRun } from "../../../electron/engine/run/runner";
import type { RunEvent, RunOptions, RunState, UnitRecord } from "../../../electron/engine/run/types";
import type { PlanUnit } from "../../../electron/engine/plan/types";
import { RealisticModel, type CallRecord, type Cue, type Habit } from "../../fixtures/realistic-model/realistic-model";

const BRIEF = `---
bible:
  - { name: Anna Berg, attributes: { eyes: green } }
  - { name: Tom Berg, attributes: { relation: brother } }
---
# The Island
A novel of 12 chapters, 6,000 words in total. Anna returns to the island where her grandmother kept the lighthouse.

In chapter 2, Anna finds the letter hidden in the piano.
In chapter 6, Tom sells the boat to a stranger from the mainland.
In chapter 11, Anna reads the letter aloud at the harbour.
`;

async function book(cues: Cue[], options: Partial<RunOptions> = {}) {
  const brief = parseBrief(BRIEF);
  const plan = buildPlan(brief);
  const model = new RealisticModel({ seed: 11 }).cue(...cues);
  const store = new MemoryRunStore();
  const run = await DraftRun.create({ llm: model, store }, { runId: "r", brief, plan, options: { seed: 1, ...options } });
  const events: RunEvent[] = [];
  run.on((e) => events.push(e));
  const state = await run.start();
  return { state, units: await run.texts(), model, events, plan, store };
}

/** The habit on the first drafting call of every chapter. */
const everyChapter = (habit: Habit, extra: Partial<Cue> = {}): Cue[] => Array.from({ length: 12 }, (_, i) => ({ unit: `Chapter ${i + 1}`, habit, ...extra }));

/** What must never land in the manuscript. */
const JUNK: [string, RegExp][] = [
  ["a preamble", /Sure! Here is|of your novel:/],
  ["closing chatter", /Let me know|I hope you enjoy/],
  ["inline chatter", /I'll keep the pacing/],
  ["a heading", /^\s*(?:#|\*\*Chapter|CHAPTER|Chapter \d+\s*$)/m],
  ["reasoning", /<\/?think>|Okay, the user wants|Let me think about/],
  ["a refusal", /I'm sorry|I can't help/],
  ["a list", /^\s*[-*•] /m],
  ["a table", /^\s*\|/m],
  ["Spanish", /\b(?:durante|después|ninguno|se quedó|sin llamar)\b/],
  ["Chinese", /\p{Script=Han}/u],
];

const callsOf = (model: RealisticModel, unit: PlanUnit) => model.calls.filter((c) => c.unit === unit.heading);

/**
 * The unit ends where the model ended a reply of its own (its turn over, or the next unit's heading
 * begun), not where a cut to length fell: its last 120 characters close one of its cleaned replies.
 */
function endsNaturally(text: string, unit: PlanUnit, calls: CallRecord[]): boolean {
  const tail = text.trim().slice(-120);
  return calls.some((c) => {
    const raw = c.result?.text ?? "";
    const ended = c.result?.stopReason === "eos" || /\n#+ Chapter \d+/.test(raw);
    if (!ended) return false;
    const clean = cleanReply(raw, { heading: unit.heading, language: "en" }).text.trim();
    return clean.endsWith(tail);
  });
}

/** What the live view was sent for each unit: every delta and reset, as the studio shows them. */
function liveViews(events: RunEvent[]): Map<string, string[]> {
  const views = new Map<string, string[]>();
  for (const e of events) if (e.type === "unit-text") views.set(e.unitId, [...(views.get(e.unitId) ?? []), e.text]);
  return views;
}

/** Wrapping that is known as it streams, so the live view must never show it (another language can only be told after a stretch). */
const LIVE_JUNK = JUNK.filter(([what]) => !["Spanish", "Chinese"].includes(what));

function expectCleanBook(r: Awaited<ReturnType<typeof book>>) {
  const { state, units, plan, model, events } = r;
  expect(state.status).toBe("done");
  expect(units).toHaveLength(12);
  const live = liveViews(events);
  for (const { unit, text, record } of units) {
    const where = `${unit.heading}: ${text.slice(0, 160)}…${text.slice(-160)}`;
    expect(record.words, where).toBeGreaterThan(0);
    expect(Math.abs(record.words - unit.targetWords), `${unit.heading} has ${record.words} words`).toBeLessThanOrEqual(unit.targetWords * 0.1);
    for (const [what, re] of JUNK) expect(re.test(text), `${what} in ${where}`).toBe(false);
    expect(endsNaturally(text, unit, callsOf(model, unit)), `${unit.heading} ends mid-arc: …${text.slice(-160)}`).toBe(true);
    // cleaned before the writer sees it: no delta or reset of the live view carried it either
    const shown = live.get(unit.id) ?? [];
    expect(shown.length, `${unit.heading} was never shown live`).toBeGreaterThan(0);
    for (const piece of shown) for (const [what, re] of LIVE_JUNK) expect(re.test(piece), `${what} shown live in ${unit.heading}: ${piece.slice(0, 160)}`).toBe(false);
    // removed or asked for again, never left as a finding on a unit that came out as prose
    expect(record.findings.filter((f) => f.severity === "error").map((f) => f.code), unit.heading).toEqual([]);
    for (const id of unit.obligations) {
      const ob = plan.obligations.find((o) => o.id === id)!;
      // met, and truly in the prose: the item's own sentence, not a mention in reasoning or a negation
      expect(record.obligations.find((c) => c.obligationId === id)?.met, `${ob.text} in ${unit.heading}`).toBe(true);
      expect(text, `${ob.text} in ${unit.heading}`).toContain(ob.content.replace(/\.$/, ""));
    }
  }
}

const ledgerOf = (record: UnitRecord) => record.ledger;

/** What each habit looks like in a reply (the realistic model's own forms). */
type Wrapping = "preamble" | "closing-chatter" | "inline-chatter" | "repeated-heading" | "next-unit" | "think-text";
const SHAPE: Record<Wrapping, RegExp> = {
  preamble: /^Sure! Here is/,
  "closing-chatter": /Let me know if you'd like any changes/,
  "inline-chatter": /I'll keep the pacing slow/,
  "repeated-heading": /^(?:# Chapter|\*\*Chapter|CHAPTER|## )/,
  "next-unit": /\n# Chapter \d+/,
  "think-text": /^<think>/,
};

describe("one run per habit: nothing but prose lands in the manuscript", () => {
  it.each<[Wrapping, string]>([
    ["preamble", "preamble"],
    ["closing-chatter", "closing-chatter"],
    ["inline-chatter", "inline-chatter"],
    ["repeated-heading", "repeated-heading"],
    ["next-unit", "next-unit"],
    ["think-text", "reasoning"],
  ])("%s: taken off before it counts, and each strip is in the ledger", async (habit, strip) => {
    const r = await book(everyChapter(habit));
    expectCleanBook(r);
    let stripped = 0;
    for (const { unit, record } of r.units) {
      // every chapter's first reply had the habit; where the model got as far as writing it, the ledger says it was taken off
      const cued = callsOf(r.model, unit).find((c) => c.habits.includes(habit))!;
      if (!SHAPE[habit].test(cued.result?.text ?? "")) continue;
      stripped++;
      expect(ledgerOf(record).some((e) => e.kind === "strip" && e.removed?.kind === strip), `${strip} strip in ${unit.heading}`).toBe(true);
    }
    expect(stripped).toBeGreaterThanOrEqual(6);
    if (habit === "next-unit") {
      // generation stopped at the next chapter's heading: its text was never written to the end
      const firsts = r.units.map(({ unit }) => callsOf(r.model, unit).find((c) => c.habits.includes("next-unit"))!);
      expect(firsts.every((c) => c.result?.stopReason === "cancelled")).toBe(true);
    }
  });

  it.each<Habit>(["refusal", "list", "table", "thoughts-eat-budget"])("%s: the reply is asked for again as prose, and the ledger shows the retry", async (habit) => {
    const r = await book(everyChapter(habit));
    expectCleanBook(r);
    for (const { unit, record } of r.units) {
      expect(ledgerOf(record).filter((e) => e.kind === "retry").length, `retry in ${unit.heading}`).toBeGreaterThanOrEqual(1);
    }
  });

  it.each<Habit>(["spanish", "chinese"])("%s: the prompt names the book's language in words, and the book comes out in English", async (habit) => {
    const r = await book(everyChapter(habit));
    expectCleanBook(r);
    const drafts = r.model.calls.filter((c) => c.kind === "draft");
    expect(drafts.every((c) => /a novel in English\./.test(c.request.messages[0]!.content))).toBe(true);
  });

  it("thoughts: reasoning stays out of the text and out of the tokens-per-word estimate; prose calls skip thinking with a budget", async () => {
    const r = await book([{ habit: "thoughts", calls: ["draft", "continue", "ending", "insert"], times: "always" }]);
    expectCleanBook(r);
    const prose = r.model.calls.filter((c) => ["draft", "continue", "ending", "insert"].includes(c.kind));
    expect(prose.length).toBeGreaterThanOrEqual(12);
    for (const c of prose) expect(c.request.thoughts, c.kind).toMatchObject({ skip: true, budget: expect.any(Number) });
    // the model writes 1.3 tokens a word and reasons on top of that
    expect(r.state.tokensPerWord).toBeLessThan(1.6);
    expect(r.units.every(({ record }) => ledgerOf(record).some((e) => (e.thoughtTokens ?? 0) > 0))).toBe(true);
  });

  it("overrun: finished, not cut: the model is asked for a short ending near the budget", async () => {
    const r = await book(everyChapter("overrun"));
    expectCleanBook(r);
    for (const { unit, record } of r.units) {
      expect(callsOf(r.model, unit).some((c) => c.kind === "ending"), `ending call for ${unit.heading}`).toBe(true);
      expect(ledgerOf(record).some((e) => e.kind === "ending")).toBe(true);
    }
  });

  it("ends early: continued, with end of turn given back once the budget's floor is reached", async () => {
    const r = await book(everyChapter("ends-early"));
    expectCleanBook(r);
    const floors: number[] = [];
    for (const { unit, record } of r.units) {
      const continues = ledgerOf(record).filter((e) => e.kind === "continue");
      expect(continues.length, unit.heading).toBeGreaterThanOrEqual(1);
      const calls = callsOf(r.model, unit).filter((c) => c.kind === "continue");
      calls.forEach((c, i) => {
        // held from ending its turn up to the floor the ledger names, not the target: the engine's own
        // tokens-per-word estimate, read back from the budget it gave the call (remaining × ratio × 1.3 + 24)
        const before = continues[i]?.wordsBefore ?? 0;
        const floor = Number(/held from ending its turn until about (\d+) words/.exec(continues[i]?.note ?? "")?.[1]);
        expect(floor, `${unit.heading} continuation ${i + 1}: ${continues[i]?.note}`).toBeGreaterThanOrEqual(Math.floor(unit.targetWords * 0.95));
        expect(floor).toBeLessThanOrEqual(unit.targetWords);
        const ratio = (c.request.maxTokens - 24) / 1.3 / (unit.targetWords - before);
        expect(c.request.minTokens ?? 0, `${unit.heading} continuation ${i + 1}`).toBeLessThanOrEqual(Math.ceil((floor - before) * ratio) + 1);
        floors.push(floor);
      });
    }
    // the first chapters, with the book on budget so far, may end their turn from the window's floor (475)
    expect(floors.filter((f) => f === 475).length).toBeGreaterThanOrEqual(2);
    // and the book still adds up: the floor rose while it ran short
    const total = r.units.reduce((a, u) => a + u.record.words, 0);
    expect(Math.abs(total - 6000) / 6000).toBeLessThanOrEqual(0.03);
  });

  it.each<Habit>(["mention-in-reasoning", "negated", "late-item"])("%s: a required item counts only when the prose carries it, and is put in without cutting the ending", async (habit) => {
    const r = await book(everyChapter(habit));
    expectCleanBook(r);
  });

  it("judge-yes-no-quote: a judge's yes without a quote found in the unit does not mark an item met", async () => {
    const r = await book([...everyChapter("negated"), { habit: "judge-yes-no-quote", times: "always" }]);
    expectCleanBook(r);
    expect(r.model.calls.some((c) => c.kind === "judge" && c.habits.includes("judge-yes-no-quote"))).toBe(true);
    for (const { record } of r.units) for (const c of record.obligations) expect(c.by === "judge" && c.met === true).toBe(false);
  });
});

describe("habits together, on every call", () => {
  const onEveryCall = (...habits: Habit[]): Cue[] => habits.map((habit) => ({ habit, calls: ["draft", "continue", "ending"], times: "always" }));
  it.each<[string, Cue[]]>([
    ["every wrapping at once, continuations and endings too", onEveryCall("preamble", "closing-chatter", "inline-chatter", "repeated-heading", "next-unit", "think-text")],
    ["a model that ends early and chats around every continuation", [{ habit: "ends-early", times: "always" }, ...onEveryCall("preamble", "closing-chatter", "repeated-heading")]],
    ["a model that overruns and reasons in text around its ending", [{ habit: "overrun", times: "always" }, ...onEveryCall("preamble", "closing-chatter", "think-text")]],
    ["a refusal, then a list, then prose", [...everyChapter("refusal"), ...everyChapter("list")]],
    ["revisions that chat and reason around the paragraph they rewrite", [...everyChapter("negated"), ...(["preamble", "closing-chatter", "think-text"] as const).map((habit): Cue => ({ habit, calls: ["insert"], times: "always" }))]],
  ])("%s", async (_what, cues) => {
    const r = await book(cues);
    expectCleanBook(r);
    if (cues.some((c) => c.calls?.includes("insert"))) {
      // each chapter with an item had it written in by a chatty revision: cleaned, and the ledger says so
      const inserts = r.model.calls.filter((c) => c.kind === "insert" && c.habits.length === 3);
      expect(inserts.length).toBeGreaterThanOrEqual(3);
      for (const { unit, record } of r.units.filter((u) => u.unit.obligations.length > 0)) {
        expect(ledgerOf(record).filter((e) => e.kind === "strip").map((e) => e.removed?.kind), unit.heading).toEqual(expect.arrayContaining(["preamble", "closing-chatter", "reasoning"]));
      }
    }
    // where a chapter needs a continuation or an ending, the habits met those calls too
    if (cues.some((c) => c.habit === "ends-early" || c.habit === "overrun")) expect(r.model.calls.filter((c) => c.kind !== "draft" && c.habits.length > 0).length).toBeGreaterThanOrEqual(6);
  });
});

describe("when retries run out", () => {
  it("a unit with no prose is never saved: the run finishes with its failed units, each with why and its ledger", async () => {
    const r = await book([
      { unit: "Chapter 9", habit: "refusal", times: "always" },
      { unit: "Chapter 7", habit: "thoughts-eat-budget", times: "always" },
    ]);
    const state: RunState = r.state;
    expect(state.status).toBe("finished-with-failures");
    expect(r.units.map((u) => u.unit.heading)).not.toContain("Chapter 9");
    expect(r.units).toHaveLength(10);
    expect(await r.store.loadUnit("r", "u9")).toBeNull();
    const failed = state.failed ?? [];
    expect(failed.map((f) => f.unitId).sort()).toEqual(["u7", "u9"]);
    expect(failed.find((f) => f.unitId === "u9")!.reason).toMatch(/declin|refus/i);
    for (const f of failed) {
      expect(f.ledger.filter((e) => e.kind === "retry").length).toBeGreaterThanOrEqual(2);
      expect(f.findings.length).toBeGreaterThan(0);
    }
    expect(r.events.filter((e) => e.type === "unit-failed").map((e) => (e as { unitId: string }).unitId).sort()).toEqual(["u7", "u9"]);
    expect(r.events.at(-1)).toMatchObject({ type: "run-ended", status: "finished-with-failures" });
    for (const { record } of r.units) expect(record.words).toBeGreaterThan(0);
  });

  it("a resumed run drafts its failed units again", async () => {
    const brief = parseBrief(BRIEF);
    const plan = buildPlan(brief);
    const store = new MemoryRunStore();
    const stubborn = new RealisticModel({ seed: 2 }).cue({ unit: "Chapter 4", habit: "table", times: "always" });
    const first = await (await DraftRun.create({ llm: stubborn, store }, { runId: "r", brief, plan, options: {} })).start();
    expect(first.status).toBe("finished-with-failures");
    const again = await DraftRun.open({ llm: new RealisticModel({ seed: 2 }), store }, "r");
    const state = await again.start();
    expect(state.status).toBe("done");
    expect(state.failed ?? []).toEqual([]);
    expect((await store.loadUnit("r", "u4"))?.text).toMatch(/\w/);
  });
});

describe("wrong language, by text", () => {
  it.each<[Habit, string, string]>([
    ["spanish", "Spanish", "in the same script as English, told by a language detector"],
    ["chinese", "Chinese", "its characters never counted as English words"],
  ])("a model that will not listen writes %s: detected (%s, %s) and asked for again in English", async (habit, name) => {
    const r = await book(everyChapter(habit, { ignoresLanguage: true }));
    expectCleanBook(r);
    for (const { unit, record } of r.units) {
      expect(ledgerOf(record).some((e) => e.kind === "retry" && new RegExp(name).test(e.note ?? "")), unit.heading).toBe(true);
    }
    const retried = r.model.calls.filter((c) => c.kind === "draft" && c.stubborn?.includes(habit));
    expect(retried.length).toBe(12);
    expect(r.model.calls.filter((c) => c.kind === "draft" && /\n\nWrite it in English/.test(c.request.messages.at(-1)!.content)).length).toBeGreaterThanOrEqual(12);
  });
});
