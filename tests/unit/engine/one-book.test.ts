/**
 * One book, not parallel fragments (issue 15): a flat 20-chapter book planned and drafted with the
 * default strategy and the realistic scripted model, four at a time. Every chapter's prompt
 * carries where it starts and how the chapter before ends (its last paragraphs when it is
 * written, else its planned end); every join is checked once both sides exist; a character moved
 * in the gap between two chapters gets a bridge there, and nowhere else.
 */
import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../../electron/engine/base/ledger";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { planBrief } from "../../../electron/engine/plan/plan-brief";
import type { Plan } from "../../../electron/engine/plan/types";
import { MemoryRunStore } from "../../../electron/engine/run/memory-run-store";
import { DraftRun } from "../../../electron/engine/run/runner";
import { Schedule } from "../../../electron/engine/run/schedule";
import type { RunEvent, RunOptions } from "../../../electron/engine/run/types";
import { RealisticModel } from "../../fixtures/realistic-model/realistic-model";

const BRIEF = `---
bible:
  - { name: Anna Berg, attributes: { eyes: green } }
  - { name: Tom Berg, attributes: { relation: brother } }
---
# The Island
A novel of 20 chapters, 4,000 words in total. Anna returns to the island where her grandmother kept the lighthouse.

In chapter 2, Anna finds the letter hidden in the piano.
In chapter 9, Anna meets the ferryman at the harbour.
`;

async function planned(): Promise<Plan> {
  const { plan } = await planBrief(parseBrief(BRIEF), { llm: new RealisticModel({ seed: 4 }) });
  return plan;
}

/** Drafts the plan and records what happened: events with their times, every unit's ledger. */
async function draft(plan: Plan, model: RealisticModel, options: Partial<RunOptions> = {}) {
  const run = await DraftRun.create({ llm: model, store: new MemoryRunStore() }, { runId: "r", brief: parseBrief(BRIEF), plan: structuredClone(plan), options: { parallel: 4, seed: 1, ...options } });
  const events: { at: number; e: RunEvent }[] = [];
  run.on((e) => events.push({ at: performance.now(), e }));
  const state = await run.start();
  const units = await run.texts();
  return { state, units, events, ledger: units.flatMap((u) => u.record.ledger) as LedgerEntry[] };
}

/** Time-weighted median of the units in flight (started, not yet done) over the drafting phase. */
function medianInFlight(events: { at: number; e: RunEvent }[]): number {
  const marks = events.filter((x) => x.e.type === "unit-started" || x.e.type === "unit-done");
  const spans: { n: number; ms: number }[] = [];
  let n = 0;
  for (let i = 0; i < marks.length; i++) {
    n += marks[i]!.e.type === "unit-started" ? 1 : -1;
    const next = marks[i + 1];
    if (next) spans.push({ n, ms: next.at - marks[i]!.at });
  }
  spans.sort((a, b) => a.n - b.n);
  const total = spans.reduce((a, s) => a + s.ms, 0);
  let acc = 0;
  for (const s of spans) if ((acc += s.ms) >= total / 2) return s.n;
  return 0;
}

const sectionsOf = (ledger: LedgerEntry[], unitId: string) => ledger.find((e) => e.unitId === unitId && e.kind === "generate")!.sections!.map((s) => s.name);

describe("a flat 20-chapter book with the default strategy", () => {
  it("joins every chapter to the one before: states and the text before in each prompt, the seam checked on all 19 joins, 4 in flight", async () => {
    const plan = await planned();
    const leaves = plan.units.filter((u) => u.isLeaf);
    expect(leaves).toHaveLength(20);
    // four chains of five: only the first chapter of each chain starts from the plan instead of the text before
    expect(Schedule.of(leaves, "chapters", 4).chainIds().map((c) => c.length)).toEqual([5, 5, 5, 5]);

    const model = new RealisticModel({ seed: 4, msPerToken: 0.3 });
    const { state, units, events, ledger } = await draft(plan, model);
    expect(state.status).toBe("done");
    expect(units).toHaveLength(20);

    leaves.forEach((u, i) => {
      const sections = sectionsOf(ledger, u.id);
      expect(sections, u.heading).toContain("start-state");
      expect(sections, u.heading).toContain("end-state");
      if (i > 0) expect(sections.filter((s) => s === "previous-tail" || s === "previous-end"), u.heading).toHaveLength(1);
    });
    const fromText = leaves.slice(1).filter((u) => sectionsOf(ledger, u.id).includes("previous-tail"));
    expect(fromText.length).toBeGreaterThanOrEqual(16);
    // what the prompt says is what the unit before wrote, or what the plan says it ends with
    const ch12 = model.calls.find((c) => c.kind === "draft" && c.unit?.startsWith("Chapter 12"))!.request.messages[1]!.content;
    const ch11 = units.find((x) => x.unit.heading.startsWith("Chapter 11"))!.text;
    expect(ch12).toContain(`The previous section ends:\n`);
    expect(ch12.split("The previous section ends:\n")[1]).toContain(ch11.split("\n\n").at(-1)!);

    // the seam check ran once on every join, and every join holds: no bridge
    const seams = ledger.filter((e) => e.kind === "seam").map((e) => e.note!.split(":")[0]);
    expect([...seams].sort()).toEqual(leaves.slice(1).map((u, i) => `${leaves[i]!.id}|${u.id}`).sort());
    expect(ledger.filter((e) => e.kind === "bridge")).toEqual([]);
    expect(events.filter((x) => x.e.type === "seam" && !x.e.joins)).toEqual([]);
    expect(units.flatMap((u) => u.record.proposals).filter((p) => p.reasons.some((r) => r.startsWith("the join")))).toEqual([]);

    expect(medianInFlight(events)).toBeGreaterThanOrEqual(3);
  });

  it("a character moved in the gap between two chapters gets a bridge there, a proposal with a diff, and nowhere else", async () => {
    const plan = await planned();
    // Chapter 7 follows Chapter 6 in one chain (it sees its text); Chapter 11 opens a chain (drafted from the plan)
    const model = new RealisticModel({ seed: 4 }).cue({ unit: "Chapter 7", habit: "gap-move" }, { unit: "Chapter 11", habit: "gap-move" });
    const { state, units, events, ledger } = await draft(plan, model);
    expect(state.status).toBe("done");
    const broken = events.flatMap((x) => (x.e.type === "seam" && !x.e.joins ? [`${x.e.beforeId}|${x.e.afterId}`] : []));
    expect(broken.sort()).toEqual(["u10|u11", "u6|u7"]);
    const bridges = units.flatMap((u) => u.record.proposals.filter((p) => p.reasons.some((r) => r.startsWith("the join"))).map((p) => ({ unit: u.unit.id, p })));
    expect(bridges).toHaveLength(2);
    for (const { unit, p } of bridges) {
      // applied on autopilot: the recheck found the join holds
      expect(p.autopilot, unit).toBe("applied");
      expect(p.errorsAfter).toBe(0);
      expect(p.before).not.toBe(p.after);
      const text = units.find((u) => u.unit.id === unit)!.text;
      expect(text).toBe(p.after);
    }
    // Chapter 7 is bridged at its opening (Chapter 6 was written first); the Chapter 10|11 join by whichever side came second
    const ch7 = bridges.find((b) => b.unit === "u7")!.p;
    const place = (t: string) => /(\p{Lu}\p{Ll}+) was at ([^.]+)\./u.exec(t)?.[2];
    const ch6 = units.find((u) => u.unit.id === "u6")!.text;
    expect(place(ch7.after)).toBe([...ch6.matchAll(/was at ([^.]+)\./g)].at(-1)![1]);
    expect(place(ch7.before)).not.toBe(place(ch7.after));
    expect(ledger.filter((e) => e.kind === "seam")).toHaveLength(19 + 2);
    expect(ledger.filter((e) => e.kind === "bridge")).toHaveLength(2);
  });

  it("a bridge's reply goes through the unit's reply cleaner: a preamble comes off before the text takes it, a refusal is never used", async () => {
    const plan = await planned();
    const chatty = new RealisticModel({ seed: 4 }).cue({ unit: "Chapter 7", habit: "gap-move" }, { unit: "Chapter 7", habit: "preamble", calls: ["bridge"] });
    const a = await draft(plan, chatty);
    const ch7 = a.units.find((u) => u.unit.id === "u7")!;
    const bridge = ch7.record.proposals.find((p) => p.reasons[0]!.startsWith("the join with Chapter 6"))!;
    expect(chatty.calls.find((c) => c.kind === "bridge")!.result!.text).toMatch(/^Sure! Here is/);
    expect(bridge.autopilot).toBe("applied");
    expect(ch7.text).toBe(bridge.after);
    expect(ch7.text).not.toMatch(/Sure!|Here is the rewritten/);
    expect(ch7.record.ledger).toContainEqual(expect.objectContaining({ kind: "strip", unitId: "u7", removed: expect.objectContaining({ text: expect.stringMatching(/Sure! Here is/) }) }));
    // the bridge call, like every prose call, asks to skip reasoning within a budget; the seam check too
    expect(chatty.calls.find((c) => c.kind === "bridge")!.request.thoughts).toMatchObject({ skip: true });
    expect(chatty.calls.find((c) => c.kind === "seam")!.request.thoughts).toMatchObject({ skip: true });

    const refusing = new RealisticModel({ seed: 4 }).cue({ unit: "Chapter 7", habit: "gap-move" }, { unit: "Chapter 7", habit: "refusal", calls: ["bridge"] });
    const b = await draft(plan, refusing);
    const ch7b = b.units.find((u) => u.unit.id === "u7")!;
    expect(ch7b.text).not.toMatch(/I'm sorry|can't help/);
    expect(ch7b.record.proposals.filter((p) => p.reasons[0]!.startsWith("the join"))).toEqual([]);
    expect(ch7b.record.ledger).toContainEqual(expect.objectContaining({ kind: "bridge", note: expect.stringMatching(/not used/), rejected: expect.any(String) }));
    expect(ch7b.record.findings).toContainEqual(expect.objectContaining({ code: "seam", message: expect.stringMatching(/does not follow on from Chapter 6/) }));
  });

  it("a bridge that would take the unit past its length is not applied on autopilot: it waits for the writer", async () => {
    const plan = await planned();
    const model = new RealisticModel({ seed: 4 }).cue({ unit: "Chapter 7", habit: "gap-move" }, { unit: "Chapter 7", habit: "overrun", calls: ["bridge"] });
    const { units } = await draft(plan, model);
    const ch7 = units.find((u) => u.unit.id === "u7")!;
    const bridge = ch7.record.proposals.find((p) => p.reasons[0]!.startsWith("the join with Chapter 6"))!;
    expect(bridge.after.length).toBeGreaterThan(bridge.before.length * 1.2);
    expect(bridge.autopilot).toBe("declined");
    expect(ch7.text).toBe(bridge.before);
    expect(ch7.record.findings).toContainEqual(expect.objectContaining({ code: "seam", message: expect.stringMatching(/a bridge is proposed/) }));
  });

  it("without autopilot the bridge waits for the writer, and the unit says its join does not hold", async () => {
    const plan = await planned();
    const model = new RealisticModel({ seed: 4 }).cue({ unit: "Chapter 7", habit: "gap-move" });
    const { units } = await draft(plan, model, { autopilot: false });
    const ch7 = units.find((u) => u.unit.id === "u7")!;
    const bridge = ch7.record.proposals.find((p) => p.reasons[0]!.startsWith("the join with Chapter 6"))!;
    expect(bridge.autopilot).toBeUndefined();
    expect(ch7.text).toBe(bridge.before);
    expect(ch7.record.findings).toContainEqual(expect.objectContaining({ code: "seam", severity: "warning", message: expect.stringMatching(/does not follow on from Chapter 6.*a bridge is proposed/) }));
  });
});
