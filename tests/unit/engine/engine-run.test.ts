import { afterEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import { DraftRun } from "../../../electron/engine/run/runner";
import { MemoryRunStore } from "../../../electron/engine/run/memory-run-store";
import type { RunEvent, RunOptions } from "../../../electron/engine/run/types";
import { FsRunStore } from "../../../electron/node/engine-store/fs-run-store";
import { FakeLlm, type Cue } from "./fake-llm";

const BRIEF = `---
bible:
  - { name: Anna Berg, attributes: { eyes: green } }
  - { name: Tom, attributes: { dies: chapter 4 } }
---
# The Island
A novel of 8 chapters of about 400 words. Anna returns to the island.

In chapter 3, Anna finds the letter hidden in the piano.
In chapters 5-6 a storm cuts the island off.
`;

async function draft(cues: Cue[], options: Partial<RunOptions> = {}, llmOpts = {}) {
  const brief = parseBrief(BRIEF);
  const plan = buildPlan(brief);
  const llm = new FakeLlm({ cues, ...llmOpts });
  const store = new MemoryRunStore();
  const run = await DraftRun.create({ llm, store }, { runId: "r1", brief, plan, options });
  const events: RunEvent[] = [];
  run.on((e) => events.push(e));
  const state = await run.start();
  return { state, run, llm, store, events, units: await run.texts() };
}

describe("drafting with a model that misbehaves on cue", () => {
  it("catches each failure with its monitor and repairs it within the revision limit", async () => {
    const { state, units, events } = await draft([
      { unit: "Chapter 1", does: "stop-early" },
      { unit: "Chapter 2", does: "run-long" },
      { unit: "Chapter 3", does: "omit" },
      { unit: "Chapter 4", does: "eye-colour", name: "Anna", value: "brown" },
      { unit: "Chapter 5", does: "dead-speaks", name: "Tom" },
      { unit: "Chapter 6", does: "drift", value: "Anan" },
      { unit: "Chapter 7", does: "loop" },
      { unit: "Chapter 8", does: "overshoot" },
    ]);
    expect(state.status).toBe("done");
    expect(units).toHaveLength(8);
    for (const u of units) {
      expect(Math.abs(u.record.words - u.unit.targetWords) / u.unit.targetWords).toBeLessThanOrEqual(0.1);
      expect(u.record.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(u.record.proposals.length).toBeLessThanOrEqual(2);
    }
    const by = (h: string) => units.find((u) => u.unit.heading === h)!;
    expect(by("Chapter 1").record.ledger.some((e) => e.kind === "continue")).toBe(true);
    // the ledger says what went into the first call, section by section, in the model's tokens
    const first = by("Chapter 1").record.ledger.find((e) => e.kind === "generate")!;
    expect(first.sections!.map((s) => s.name)).toEqual(expect.arrayContaining(["brief", "unit-plan", "length"]));
    for (const s of first.sections!) expect(s.tokens).toBeGreaterThan(0);
    expect(by("Chapter 8").record.ledger.some((e) => e.kind === "trim")).toBe(true);
    expect(by("Chapter 7").record.ledger.some((e) => e.note === "stopped a repetition loop")).toBe(true);
    expect(by("Chapter 3").record.obligations).toEqual([expect.objectContaining({ met: true })]);
    expect(by("Chapter 3").text).toMatch(/letter hidden in the piano/);
    expect(by("Chapter 4").text).not.toMatch(/brown eyes/);
    expect(by("Chapter 5").text).not.toMatch(/Tom said/);
    // a name is never fixed without the writer: the drift stays, offered as a suggestion
    expect(by("Chapter 6").text).toMatch(/Anan/);
    expect(by("Chapter 6").record.findings).toContainEqual(expect.objectContaining({ code: "name-drift", suggestion: expect.objectContaining({ from: "Anan", to: "Anna" }) }));
    expect(by("Chapter 6").record.ledger.some((e) => e.kind === "replace-name")).toBe(false);
    expect(by("Chapter 5").record.proposals[0]).toMatchObject({ autopilot: "applied" });
    expect(by("Chapter 5").record.proposals[0]!.before).toMatch(/Tom said/);
    expect(by("Chapter 5").record.proposals[0]!.after).not.toMatch(/Tom said/);
    expect(events.filter((e) => e.type === "unit-done")).toHaveLength(8);
    expect(events.at(-1)).toEqual({ type: "run-ended", status: "done", error: undefined });
  });

  it("catches name drift and a dead character speaking with no judge call", async () => {
    const { units, llm } = await draft(
      [{ unit: "Chapter 5", does: "dead-speaks", name: "Tom" }, { unit: "Chapter 6", does: "drift", value: "Anan" }],
      { judge: false, maxRevisions: 0 },
    );
    expect(llm.judgeCalls).toBe(0);
    const codes = (h: string) => units.find((u) => u.unit.heading === h)!.record.findings.map((f) => f.code);
    expect(codes("Chapter 5")).toContain("dead-speaks");
    expect(codes("Chapter 6")).toContain("name-drift");
  });

  it("reports an obligation it could not repair once the revision limit is hit", async () => {
    const { units, events } = await draft([{ unit: "Chapter 3", does: "stubborn" }], { maxRevisions: 2 });
    const u3 = units.find((u) => u.unit.heading === "Chapter 3")!;
    expect(u3.record.proposals.length).toBeGreaterThanOrEqual(1);
    expect(u3.record.proposals.length).toBeLessThanOrEqual(2);
    expect(u3.record.ledger.filter((e) => e.kind === "revise").length).toBeLessThanOrEqual(2);
    expect(u3.record.findings.map((f) => f.code)).toContain("missing-obligation");
    expect(u3.record.obligations[0]?.met).toBe(false);
    expect(events.some((e) => e.type === "finding" && e.finding.code === "missing-obligation")).toBe(true);
  });

  it("leaves revisions for the writer when autopilot is off", async () => {
    const { units, events } = await draft([{ unit: "Chapter 3", does: "omit" }], { autopilot: false });
    const u3 = units.find((u) => u.unit.heading === "Chapter 3")!;
    // autopilot did nothing with it: what the writer decides is the studio's to keep
    expect(u3.record.proposals).toHaveLength(1);
    expect(u3.record.proposals[0]!.autopilot).toBeUndefined();
    expect(u3.text).not.toMatch(/letter hidden in the piano/);
    expect(u3.record.proposals[0]?.after).toMatch(/letter hidden in the piano/);
    expect(events).toContainEqual(expect.objectContaining({ type: "proposal", unitId: "u3", autopilot: null }));
  });
});

describe("strategies", () => {
  const tails = (llm: FakeLlm) => llm.calls.filter((c) => !c.continueFrom && /Now write/.test(c.messages[1]?.content ?? "")).map((c) => /previous section ends/.test(c.messages[1]!.content));
  it("sequential carries the previous unit's ending into every next unit; parallel does not", async () => {
    const seq = await draft([], { strategy: "sequential" });
    expect(tails(seq.llm)).toEqual([false, true, true, true, true, true, true, true]);
    const par = await draft([], { strategy: "parallel" });
    expect(tails(par.llm).every((t) => !t)).toBe(true);
  });

  it("chapters strategy is sequential within a part and parallel across parts", async () => {
    const brief = parseBrief("A book of 2 parts with 3 chapters each, 3,000 words in total.");
    const llm = new FakeLlm({ sequences: 2 });
    const run = await DraftRun.create({ llm, store: new MemoryRunStore() }, { runId: "c", brief, plan: buildPlan(brief), options: { strategy: "chapters", parallel: 2 } });
    const started: string[] = [];
    run.on((e) => e.type === "unit-started" && started.push(e.heading));
    await run.start();
    expect(started.slice(0, 2).sort()).toEqual(["Chapter 1", "Chapter 4"]);
    expect(tails(llm).filter(Boolean)).toHaveLength(4);
  });
});

describe("runs survive pauses, cancels and crashes", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  const sha = async (p: string) => createHash("sha256").update(await readFile(p)).digest("hex");

  it("resumes after a crash mid-run without redoing or changing any completed unit", async () => {
    const dir = await mkdtemp(join(tmpdir(), "quire-engine-"));
    dirs.push(dir);
    const brief = parseBrief(BRIEF);
    const plan = buildPlan(brief);
    const store = await FsRunStore.at(dir);
    const crashing = new FakeLlm({ crashOnCall: 6, sequences: 2 });
    const run = await DraftRun.create({ llm: crashing, store }, { runId: "run1", brief, plan, options: { strategy: "parallel", parallel: 2 } });
    const first = await run.start();
    expect(first.status).toBe("failed");
    expect(first.error).toMatch(/host-crashed/);
    const unitsDir = join(dir, "runs", "run1", "units");
    const doneBefore = first.done;
    expect(doneBefore.length).toBeGreaterThan(0);
    expect(doneBefore.length).toBeLessThan(8);
    const hashes = new Map<string, string>();
    for (const f of await readdir(unitsDir)) hashes.set(f, await sha(join(unitsDir, f)));
    const ledgers = new Map<string, unknown>();
    for (const id of doneBefore) ledgers.set(id, (await store.loadUnit("run1", id))!.record.ledger);

    const fresh = new FakeLlm({ sequences: 2 });
    const resumed = await DraftRun.open({ llm: fresh, store }, "run1");
    let alreadyDone = -1;
    resumed.on((e) => e.type === "run-started" && (alreadyDone = e.alreadyDone));
    const second = await resumed.start();
    expect(second.status).toBe("done");
    expect(alreadyDone).toBe(doneBefore.length);
    for (const [f, h] of hashes) expect(await sha(join(unitsDir, f))).toBe(h);
    for (const [id, l] of ledgers) expect((await store.loadUnit("run1", id))!.record.ledger).toEqual(l);
    const doneHeadings = plan.units.filter((u) => doneBefore.includes(u.id)).map((u) => u.heading);
    const redone = fresh.calls.filter((c) => doneHeadings.some((h) => (c.messages[1]?.content ?? "").includes(`Now write ${h}.`)));
    expect(redone).toEqual([]);
    expect((await resumed.texts()).length).toBe(8);
    // no temp files left behind by atomic writes
    expect((await readdir(unitsDir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("pauses after the units in flight and resumes to the end", async () => {
    const brief = parseBrief(BRIEF);
    const store = new MemoryRunStore();
    const run = await DraftRun.create({ llm: new FakeLlm({ sequences: 1 }), store }, { runId: "p", brief, plan: buildPlan(brief), options: { parallel: 1 } });
    const off = run.on((e) => e.type === "unit-done" && run.pause());
    const paused = await run.start();
    expect(paused.status).toBe("paused");
    expect(paused.done).toHaveLength(1);
    off();
    const done = await run.start();
    expect(done.status).toBe("done");
    expect(done.done).toHaveLength(8);
  });

  it("cancels at once, keeping finished units and dropping partial text", async () => {
    const brief = parseBrief(BRIEF);
    const store = new MemoryRunStore();
    const run = await DraftRun.create({ llm: new FakeLlm({ sequences: 1 }), store }, { runId: "x", brief, plan: buildPlan(brief), options: { parallel: 1 } });
    let progressSeen = 0;
    run.on((e) => {
      if (e.type === "unit-progress" && e.unitId === "u2" && ++progressSeen === 1) run.cancel();
    });
    const s = await run.start();
    expect(s.status).toBe("cancelled");
    expect(s.done).toEqual(["u1"]);
    expect(store.units.has("x/u2")).toBe(false);
  });
});

describe("the writer in the loop", () => {
  it("edits the plan of units not yet drafted, and never of those drafted", async () => {
    const brief = parseBrief(BRIEF);
    const store = new MemoryRunStore();
    const llm = new FakeLlm({ cues: [{ unit: "Chapter 3", does: "omit" }], sequences: 1 });
    const run = await DraftRun.create({ llm, store }, { runId: "w", brief, plan: buildPlan(brief), options: { autopilot: false, parallel: 1, strategy: "sequential" } });
    await run.updateUnitPlan("u8", { summary: "Anna lights the lamp for the last time." });
    const off = run.on((e) => e.type === "unit-done" && e.unitId === "u3" && run.pause());
    await run.start();
    off();
    await expect(run.updateUnitPlan("u1", { summary: "x" })).rejects.toThrow(/already drafted/);
    expect((await store.loadUnit("w", "u3"))!.record.proposals).toHaveLength(1);
    await run.start();
    const prompt8 = llm.calls.find((c) => (c.messages[1]?.content ?? "").includes("Now write Chapter 8."))!;
    expect(prompt8.messages[1]!.content).toContain("Anna lights the lamp for the last time.");
  });
});

describe("model planning", () => {
  it("fills titles and summaries level by level with small schema calls, keeping budgets and placements", async () => {
    const { fillPlanWithModel } = await import("../../../electron/engine/plan/model-planner");
    const { reviewPlan } = await import("../../../electron/engine/plan/review-plan");
    const brief = parseBrief("A book of 2 parts with 3 chapters each, 3,000 words in total. In chapter 4, the bridge opens.");
    const plan = buildPlan(brief);
    const before = plan.units.map((u) => [u.id, u.targetWords, u.obligations.join()]);
    const llm = new FakeLlm();
    const ledger: { kind: string }[] = [];
    await fillPlanWithModel(plan, brief, { llm, onLedger: (e) => ledger.push(e) });
    expect(plan.filledBy).toBe("model");
    expect(plan.units.map((u) => [u.id, u.targetWords, u.obligations.join()])).toEqual(before);
    expect(reviewPlan(plan, brief)).toEqual([]);
    // siblings share a call: 1 for the two parts, 1 per part for its three chapters
    expect(ledger.filter((e) => e.kind === "plan")).toHaveLength(3);
    expect(ledger.filter((e) => e.kind === "plan-review")).toHaveLength(1);
    for (const u of plan.units) expect(u.summary).toBe(`What happens in ${u.levelName} ${u.ordinal}.`);
    for (const call of llm.calls) {
      expect(call.jsonSchema).toBeDefined();
      expect(call.maxTokens).toBeLessThanOrEqual(30 + 180 * 8);
    }
    // beats scale with a unit's budget: a 1,500-word part gets a shape, a 500-word chapter a line
    const beatsAsked = llm.calls.slice(0, 3).map((c) => (c.jsonSchema as { properties: { units: { items: { properties: { beats: { maxItems: number } } } } } }).properties.units.items.properties.beats.maxItems);
    expect(beatsAsked).toEqual([4, 1, 1]);
    // parts are planned before their chapters, and each chapter call names its part
    const prompts = llm.calls.map((c) => c.messages[1]!.content);
    expect(prompts[0]).toMatch(/^1\. Part 1:.*\n2\. Part 2:/m);
    expect(prompts[1]).toMatch(/in Part 1/);
    expect(prompts[2]).toMatch(/in Part 2/);
    expect(prompts[2]).toMatch(/^1\. Chapter 4: about \d+ words\. It must include: the bridge opens/im);
  });

  it("reviews a long book's outline a window at a time, repairs what a window flags, reviews the repairs and lists what stays wrong", async () => {
    const { fillPlanWithModel } = await import("../../../electron/engine/plan/model-planner");
    const { reviewPlan } = await import("../../../electron/engine/plan/review-plan");
    const brief = parseBrief("A novel of 60 chapters, 60,000 words in total.");
    const plan = buildPlan(brief);
    const llm = new FakeLlm();
    const generate = llm.generate.bind(llm);
    const reviews: string[] = [];
    // a reviewer that flags unit 1 and unit 30 whatever it is shown
    llm.generate = async (req) => {
      const prompt = req.messages[1]!.content;
      if (!prompt.startsWith("Brief:")) return generate(req);
      reviews.push(prompt);
      return { text: JSON.stringify({ problems: [{ unit: 1, problem: "too quiet" }, { unit: 30, kind: "contradicts", problem: "misses the storm" }] }), stopReason: "eos", promptTokens: 10, completionTokens: 10, millis: 1 };
    };
    await fillPlanWithModel(plan, brief, { llm });
    // three windows first, then the repaired units again after each round of repairs
    expect(reviews.slice(0, 3).map((r) => /^Plan[^\n]*:/m.exec(r)?.[0])).toEqual(["Plan (units 1 to 25 of 60):", "Plan (units 26 to 50 of 60):", "Plan (units 51 to 60 of 60):"]);
    expect(reviews[1]).not.toMatch(/^25\. /m);
    expect(reviews[2]).toMatch(/^60\. Chapter 60/m);
    expect(reviews.slice(3).map((r) => /^Plan[^\n]*:/m.exec(r)?.[0])).toEqual(["Plan (units 1, 30 of 60):", "Plan (units 1, 30 of 60):"]);
    // unit 1 flagged by the first window, unit 30 by the second (the other flags name units outside their window); each repaired twice
    const repairs = llm.calls.map((c) => c.messages[1]!.content).filter((p) => p.includes("A reviewer said"));
    expect(repairs.map((p) => /^Plan (Chapter \d+)/.exec(p)?.[1])).toEqual(["Chapter 1", "Chapter 30", "Chapter 1", "Chapter 30"]);
    // what the repairs could not mend is listed for the writer, a contradiction as an error
    const issues = reviewPlan(plan, brief).filter((i) => i.code === "contradiction" || i.code === "plan-review");
    expect(issues.map((i) => [i.unitId, i.severity, i.code])).toEqual([["u1", "warning", "plan-review"], ["u30", "error", "contradiction"]]);
    expect(issues[1]!.message).toMatch(/Chapter 30.*misses the storm \(still so after 2 repairs\)/);
    // once the writer changes the unit, the problem is theirs to judge
    plan.units.find((u) => u.id === "u30")!.summary = "The storm breaks over the harbour at last.";
    expect(reviewPlan(plan, brief).some((i) => i.unitId === "u30" && i.code === "contradiction")).toBe(false);
  });

  it("keeps the units a cut-off group reply completed and plans the rest again", async () => {
    const { fillPlanWithModel, parseGroupFill } = await import("../../../electron/engine/plan/model-planner");
    const full = JSON.stringify({ units: [{ title: "Arrival", summary: "One: Anna comes home at last.", beats: [] }, { title: "Boats", summary: "Two: the boats come in late.", beats: ["x"] }] });
    expect(parseGroupFill(full.slice(0, full.indexOf("Two") + 2)).map((f) => f?.summary)).toEqual(["One: Anna comes home at last."]);
    expect(parseGroupFill("not json")).toEqual([]);

    const brief = parseBrief("A novel of 5 chapters, 5,000 words in total.");
    const plan = buildPlan(brief);
    const llm = new FakeLlm();
    const generate = llm.generate.bind(llm);
    // a model that runs out of tokens after the first unit of any group larger than one
    llm.generate = async (req) => {
      const r = await generate(req);
      const listed = (req.messages[1]?.content.match(/^\d+\. /gm) ?? []).length;
      return listed > 1 ? { ...r, text: r.text.slice(0, r.text.indexOf("},{") + 1), stopReason: "length" } : r;
    };
    await fillPlanWithModel(plan, brief, { llm, review: false });
    expect(plan.units.map((u) => u.summary)).toEqual(plan.units.map((u) => `What happens in ${u.levelName} ${u.ordinal}.`));
  });
});
