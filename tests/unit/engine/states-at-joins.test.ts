/**
 * The states at the joins, one owner per fact (issue 15): the planner asks the model for each
 * leaf's end state only; a leaf starts where the leaf before it ends (derived, never copied), so
 * the model is asked for a start only where none can be derived (the book's first leaf) or where
 * the plan review found the derived one wrong (someone died in the gap). A start of a leaf's own,
 * the writer's or the planner's, is never overwritten by derivation; the writer's edit of an end
 * flows into the next leaf's start unless that start is its own. Plans stored before (a start on
 * every leaf) still open, their starts kept.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GenerateRequest, LlmPort } from "../../../electron/shared/llm/llm-port";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { buildUnitPrompt } from "../../../electron/engine/draft/prompt-builder";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import { fillPlanWithModel } from "../../../electron/engine/plan/model-planner";
import { planBrief } from "../../../electron/engine/plan/plan-brief";
import { parsePlan } from "../../../electron/engine/plan/plan-schema";
import { startStateOf } from "../../../electron/engine/plan/plan-states";
import { reviewPlan } from "../../../electron/engine/plan/review-plan";
import type { Plan } from "../../../electron/engine/plan/types";
import { applyPlanEdits, toPlanView } from "../../../electron/node/backend/drafting/plan-view";
import { RealisticModel } from "../../fixtures/realistic-model/realistic-model";

const BRIEF = (bible: string, chapters = 12) => `---
bible:
  - { name: Anna Berg, attributes: { eyes: green } }
  - { name: Tom Berg, attributes: { relation: brother${bible} } }
---
# The Island
A novel of ${chapters} chapters, ${chapters * 500} words in total. Anna returns to the island where her grandmother kept the lighthouse.

In chapter 2, Anna finds the letter hidden in the piano.
In chapter 7, Anna meets the ferryman at the harbour.
`;

/** Every planning request, through a port that records them. */
function recording(inner: LlmPort): { llm: LlmPort; plans: GenerateRequest[] } {
  const plans: GenerateRequest[] = [];
  const llm: LlmPort = Object.create(inner, {
    generate: {
      value: (r: GenerateRequest) => {
        if (r.purpose?.kind === "plan") plans.push(r);
        return inner.generate(r);
      },
    },
  });
  return { llm, plans };
}

type Schema = { properties?: Record<string, Schema>; items?: Schema };
/** How many start states and end states one planning request's schema asks for (an object per unit, or one for the call). */
function statesAsked(r: GenerateRequest): { starts: number; ends: number } {
  const s = r.jsonSchema as Schema;
  const n = /^Reply in JSON with (\d+|one) unit/m.exec(r.messages[1]!.content)?.[1];
  const units = n === "one" ? 1 : Number(n);
  const item = s.properties?.units?.items?.properties ?? {};
  const top = s.properties ?? {};
  return { starts: ("start" in item ? units : 0) + ("start" in top ? 1 : 0), ends: "end" in item ? units : 0 };
}

const leavesOf = (plan: Plan) => plan.units.filter((u) => u.isLeaf);
const where = (s: { where: string; present: string[] } | null | undefined) => (s ? { where: s.where, present: s.present } : null);

describe("the planner asks for end states", () => {
  it("an end for every leaf, a start once (the first leaf's, nothing before it to start from); the rest start where the leaf before ends", async () => {
    const { llm, plans } = recording(new RealisticModel({ seed: 4 }));
    const { plan, issues } = await planBrief(parseBrief(BRIEF("")), { llm });
    const leaves = leavesOf(plan);
    const asked = plans.map(statesAsked);
    expect(asked.reduce((a, x) => a + x.ends, 0)).toBe(leaves.length);
    expect(asked.reduce((a, x) => a + x.starts, 0)).toBe(1);
    // the first call is the one that asks where the book opens
    expect(asked[0]!.starts).toBe(1);
    expect(leaves[0]!.start?.where).toBeTruthy();
    for (let i = 1; i < leaves.length; i++) {
      // no start of its own: it is the end before it, read from there (one owner)
      expect(leaves[i]!.start).toBeUndefined();
      expect(where(startStateOf(plan, leaves[i]!))).toEqual(where(leaves[i - 1]!.end));
      expect(startStateOf(plan, leaves[i]!)).toMatchObject({ happened: leaves[i - 1]!.end!.happened, open: leaves[i - 1]!.end!.open });
    }
    expect(issues).toEqual([]);
  });

  it("a derived start the bible contradicts (the dead in the room) is asked for, for that leaf alone, and kept as its own", async () => {
    // Tom dies in chapter 3, so is dead from chapter 4; the realistic model ends chapter 3 with him there
    const { llm, plans } = recording(new RealisticModel({ seed: 2 }));
    const { plan, issues } = await planBrief(parseBrief(BRIEF(", dies: chapter 3")), { llm });
    const leaves = leavesOf(plan);
    expect(leaves[2]!.end!.present).toContain("Tom");
    const ch4 = leaves[3]!;
    const repair = plans.find((r) => /A reviewer said/.test(r.messages[1]!.content) && /^1\. Chapter 4/m.test(r.messages[1]!.content))!;
    expect(repair).toBeDefined();
    expect(statesAsked(repair).starts).toBe(1);
    expect(ch4.start).toBeDefined();
    expect(ch4.start!.present).not.toContain("Tom");
    for (const u of leaves.slice(3)) expect([...startStateOf(plan, u)!.present, ...u.end!.present]).not.toContain("Tom");
    // only chapter 4 and the first leaf have starts of their own: a repaired end carries to the start after it
    expect(leaves.filter((u) => u.start).map((u) => u.heading.split(":")[0])).toEqual(["Chapter 1", "Chapter 4"]);
    expect(issues).toEqual([]);
  });

  it("a start the writer set survives the model filling the plan again", async () => {
    const brief = parseBrief(BRIEF("", 6));
    const { plan } = await planBrief(brief, { llm: new RealisticModel({ seed: 4 }) });
    const [, , ch3, ch4] = leavesOf(plan);
    const mine = { where: "the ferry office", present: ["Anna", "the ferryman"] };
    applyPlanEdits(plan, [{ id: ch3!.id, start: mine }]);
    // the writer empties the summary and the end of chapter 3: the planner fills what is missing, never their start
    ch3!.summary = "";
    delete ch3!.end;
    const { llm, plans } = recording(new RealisticModel({ seed: 4 }));
    await fillPlanWithModel(plan, brief, { llm });
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((r) => statesAsked(r).starts === 0)).toBe(true);
    expect(ch3!.start).toEqual(mine);
    expect(ch3!.summary.length).toBeGreaterThanOrEqual(20);
    expect(where(startStateOf(plan, ch4!))).toEqual(where(ch3!.end));
  });
});

describe("the writer's edits of the states (plan.updateStates)", () => {
  async function planned(): Promise<Plan> {
    return (await planBrief(parseBrief(BRIEF("", 6)), { llm: new RealisticModel({ seed: 4 }) })).plan;
  }

  it("an end edited flows into the start after it; a start set by hand does not follow, and one cleared follows again", async () => {
    const plan = await planned();
    const [, ch2, ch3, ch4] = leavesOf(plan);
    applyPlanEdits(plan, [{ id: ch2!.id, end: { where: "the boathouse", present: ["Anna", "Tom"], happened: "Tom tells her the truth", open: ["the sale"] } }]);
    expect(startStateOf(plan, ch3!)).toEqual({ where: "the boathouse", present: ["Anna", "Tom"], happened: "Tom tells her the truth", open: ["the sale"] });
    expect(buildUnitPrompt({ brief: parseBrief(BRIEF("", 6)), plan, unit: ch3!, bible: [] }).sections.find((s) => s.name === "start-state")!.text).toMatch(/the boathouse; with Anna, Tom/);
    // the writer's start for chapter 4, then a new end for chapter 3: the start stays the writer's
    applyPlanEdits(plan, [{ id: ch4!.id, start: { where: "the night ferry", present: ["Anna"] } }]);
    applyPlanEdits(plan, [{ id: ch3!.id, end: { where: "the lighthouse", present: ["Anna"], happened: "the lamp goes out", open: [] } }]);
    expect(where(startStateOf(plan, ch4!))).toEqual({ where: "the night ferry", present: ["Anna"] });
    // the Plan screen shows each start as it reads, and which follow the end before them
    const shown = toPlanView(plan, {}).units;
    expect(shown.find((u) => u.id === ch3!.id)).toMatchObject({ start: { where: "the boathouse", present: ["Anna", "Tom"] }, startFollows: true });
    expect(shown.find((u) => u.id === ch4!.id)).toMatchObject({ start: { where: "the night ferry", present: ["Anna"] }, startFollows: false });
    // cleared: chapter 4 starts where chapter 3 ends again
    applyPlanEdits(plan, [{ id: ch4!.id, start: null }]);
    expect(where(startStateOf(plan, ch4!))).toEqual({ where: "the lighthouse", present: ["Anna"] });
    // a start written as the end before it is that end, not a copy: it follows the next edit
    applyPlanEdits(plan, [{ id: ch4!.id, start: { where: "The lighthouse ", present: ["anna"] } }]);
    expect(ch4!.start).toBeUndefined();
    expect(reviewPlan(plan).filter((i) => i.code === "no-states")).toEqual([]);
  });
});

describe("plans stored before (version 2: a start on every leaf)", () => {
  const stored = () => parsePlan(JSON.parse(readFileSync(join(import.meta.dirname, "../../fixtures/plan-v2/plan.json"), "utf8")), "plan.json");

  it("open with their starts as they were, in the prompts and the review", () => {
    const plan = stored();
    const [ch1, ch2, ch3, ch4] = leavesOf(plan);
    expect(plan.schemaVersion).toBe(2);
    expect(where(startStateOf(plan, ch4!))).toEqual({ where: "the station platform", present: ["Anna"] });
    expect(where(startStateOf(plan, ch1!))).toEqual({ where: "the harbour wall", present: ["Anna"] });
    const prompt = buildUnitPrompt({ brief: parseBrief(BRIEF("", 4)), plan, unit: ch4!, bible: [] });
    expect(prompt.sections.find((s) => s.name === "start-state")!.text).toBe("Where it starts: at the station platform; with Anna.");
    expect(reviewPlan(plan)).toEqual([]);
    expect(ch2 && ch3).toBeTruthy();
  });

  it("an end edited flows into a start that was the same as it, not into one that differs (Tom left chapter 4's start)", () => {
    const plan = stored();
    const [, ch2, ch3, ch4] = leavesOf(plan);
    applyPlanEdits(plan, [{ id: ch2!.id, end: { ...ch2!.end!, where: "the music room" } }]);
    expect(where(startStateOf(plan, ch3!))).toEqual({ where: "the music room", present: ["Anna"] });
    applyPlanEdits(plan, [{ id: ch3!.id, end: { ...ch3!.end!, where: "the quay" } }]);
    expect(where(startStateOf(plan, ch4!))).toEqual({ where: "the station platform", present: ["Anna"] });
  });
});
