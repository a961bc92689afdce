/**
 * Accepting a plan into a book that already has units: the writer says where it goes, the plan
 * never duplicates a level, the writer's budgets are pinned (refused with the numbers when they
 * exceed the total, never moved by rebalancing) and the project keeps one target.
 */
import { describe, expect, it } from "vitest";
import type { BriefForm } from "../../../electron/shared/contract/drafting";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import type { ModelProvider } from "../../../electron/node/backend/drafting/model-provider";
import { placePlan } from "../../../electron/node/backend/drafting/plan-placement";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { documentOrder } from "../../../electron/shared/domain/unit-tree";
import { FakeLlm } from "../engine/fake-llm";
import { useTmpDirs } from "../store/tmp-dir";

const tmp = useTmpDirs();

const form = (structure: BriefForm["structure"], total = 36_000): BriefForm => ({
  title: "Harbour",
  kind: "novel",
  language: "en",
  premise: "A harbour town in winter.",
  instructions: "",
  length: { total, unit: "words", tolerance: 0.1 },
  structure,
  calendar: null,
  requirements: [],
  style: { pov: "", tense: "", tone: "", audience: "", voiceSample: "", avoid: [] },
});

async function book(levels: string[], targetWords: number | null = null) {
  const store = await ProjectStore.create(await tmp(), { title: "Harbour", language: "en", levels, targetWords }, { watch: false, app: "test" });
  const llm = new FakeLlm();
  const models: ModelProvider = { available: () => true, get: async () => llm, info: () => llm.info(), dispose: async () => {} };
  const service = new DraftingService("h", store, models, () => {});
  return { store, service };
}

/** "level:title" down the binder, in document order. */
const outline = (store: ProjectStore) => documentOrder(store.units()).map((u) => `${u.level}:${u.title}`);

describe("accepting a plan into a book with units", () => {
  it("merges level by level into the writer's parts: no Part beside a Part, chapters inside them", async () => {
    const { store, service } = await book(["Part", "Chapter", "Scene"], 80_000);
    const one = await store.createUnit({ parentId: null, level: 0, title: "The Shore" });
    await store.createUnit({ parentId: null, level: 0, title: "New Part" });
    await service.saveBrief(form([{ name: "Part", count: 2 }, { name: "Chapter", count: 3 }]));
    await service.buildPlan(false);
    await expect(service.acceptPlan()).rejects.toThrow(/choose where the plan goes/);
    const { plan } = await service.acceptPlan({ mode: "merge" });
    const rows = outline(store);
    expect(rows.filter((r) => r.startsWith("0:"))).toEqual(["0:The Shore", "0:Part 2"]);
    expect(rows.filter((r) => r.startsWith("1:"))).toHaveLength(6);
    expect(rows).toHaveLength(8);
    // the writer's part kept its name and became the plan's first part
    expect(plan.plan!.units.find((u) => u.id === "u1")!.unitId).toBe(one.id);
    // and the plan says its name too (an untitled "New Part" takes the plan's instead)
    expect(plan.plan!.units.find((u) => u.id === "u1")!.title).toBe("The Shore");
    expect((await service.readPlan()).plan!.units.find((u) => u.id === "u1")!.title).toBe("The Shore");
    // one target: the plan's, now the project's too
    expect(store.meta().targetWords).toBe(36_000);
    expect(store.meta().levels).toEqual(["Part", "Chapter", "Scene"]);
    await expect(service.acceptPlan({ mode: "merge" })).rejects.toThrow(/already in the binder/);
  });

  it("adds a plan of chapters under a chosen part, and refuses parts inside a part", async () => {
    const { store, service } = await book(["Part", "Chapter", "Scene"]);
    const part = await store.createUnit({ parentId: null, level: 0, title: "Part One" });
    await service.saveBrief(form([{ name: "Chapter", count: 3 }], 9000));
    await service.buildPlan(false);
    // a plan that starts at Chapter cannot merge at the top of a book of parts
    await expect(service.acceptPlan({ mode: "merge" })).rejects.toThrow(/starts at Chapter, and in this project a Chapter sits inside a Part: choose “add under a chosen unit”/);
    await service.acceptPlan({ mode: "under", unitId: part.id });
    expect(outline(store)).toEqual(["0:Part One", "1:Chapter 1", "1:Chapter 2", "1:Chapter 3"]);

    const second = await book(["Part", "Chapter"]);
    const p = await second.store.createUnit({ parentId: null, level: 0, title: "Part One" });
    await second.service.saveBrief(form([{ name: "Part", count: 2 }, { name: "Chapter", count: 2 }], 8000));
    await second.service.buildPlan(false);
    await expect(second.service.acceptPlan({ mode: "under", unitId: p.id })).rejects.toThrow(/The plan has 2 Parts, and a Part cannot go inside “Part One”/);
    expect(outline(second.store)).toEqual(["0:Part One"]);
  });

  it("replaces the manuscript's structure, the old units kept in the trash", async () => {
    const { store, service } = await book(["Chapter"]);
    await store.createUnit({ parentId: null, level: 0, title: "Old Draft" });
    await service.saveBrief(form([{ name: "Part", count: 2 }, { name: "Chapter", count: 2 }], 8000));
    await service.buildPlan(false);
    await service.acceptPlan({ mode: "replace" });
    expect(outline(store)).toEqual(["0:Part 1", "1:Chapter 1", "1:Chapter 2", "0:Part 2", "1:Chapter 3", "1:Chapter 4"]);
    expect(store.meta().levels).toEqual(["Part", "Chapter"]);
    expect((await store.listTrash()).map((e) => e.title)).toEqual(["Old Draft"]);
  });

  it("keeps the project's target when the writer says so, the plan's budgets scaled to it", async () => {
    const { store, service } = await book(["Chapter"], 80_000);
    await service.saveBrief(form([{ name: "Chapter", count: 4 }]));
    await service.buildPlan(false);
    const { plan } = await service.acceptPlan(null, "project");
    expect(store.meta().targetWords).toBe(80_000);
    expect(plan.plan!.targetWords).toBe(80_000);
    expect(plan.plan!.units.reduce((a, u) => a + u.targetWords, 0)).toBe(80_000);
    expect(store.units().map((u) => u.targetWords)).toEqual([20_000, 20_000, 20_000, 20_000]);
  });
});

describe("the writer's budgets are pinned", () => {
  it("a budget set is pinned and stays when another is set; pins over the total are refused with the numbers; a released pin moves again", async () => {
    const { store, service } = await book(["Chapter"]);
    await service.saveBrief(form([{ name: "Chapter", count: 6 }]));
    await service.buildPlan(false);
    await service.acceptPlan();
    let state = await service.setBudget("u3", 6000, true);
    const budget = (id: string) => state.plan!.units.find((u) => u.id === id)!;
    expect(budget("u3")).toMatchObject({ targetWords: 6000, fixedTarget: true });
    // chapter 1 edited: chapter 3 holds its 6,000 (the issue saw it move to 6,312)
    state = await service.setBudget("u1", 9000, true);
    expect(budget("u3")).toMatchObject({ targetWords: 6000, fixedTarget: true });
    expect(budget("u1")).toMatchObject({ targetWords: 9000, fixedTarget: true });
    expect(state.plan!.units.reduce((a, u) => a + u.targetWords, 0)).toBe(36_000);
    // kept in the unit's front matter, where the binder and a reload read it
    const u3 = store.units().find((u) => u.id === budget("u3").unitId)!;
    expect(u3).toMatchObject({ targetWords: 6000, targetPinned: true });

    await expect(service.setBudget("u2", 22_000, true)).rejects.toThrow(
      "Pinned budgets would come to 37,000 words (22,000 here and 15,000 in 2 other pinned units), more than the book's 36,000: release a pin or lower this budget.",
    );
    state = await service.pinBudget("u3", false);
    expect(budget("u3").fixedTarget).toBe(false);
    state = await service.setBudget("u2", 10_000, true);
    expect(budget("u3").targetWords).not.toBe(6000);
    expect(budget("u1").targetWords).toBe(9000);
    expect(state.plan!.units.reduce((a, u) => a + u.targetWords, 0)).toBe(36_000);
  });

  it("before acceptance too: pins live in the plan", async () => {
    const { service } = await book(["Chapter"]);
    await service.saveBrief(form([{ name: "Chapter", count: 3 }], 9000));
    await service.buildPlan(false);
    await service.setBudget("u1", 5000, true);
    const state = await service.setBudget("u2", 1000, true);
    expect(state.plan!.units.map((u) => [u.targetWords, u.fixedTarget])).toEqual([[5000, true], [1000, true], [3000, false]]);
    await expect(service.setBudget("u3", 4000, true)).rejects.toThrow(/Pinned budgets would come to 10,000 words \(4,000 here and 6,000 in 2 other pinned units\), more than the book's 9,000/);
    await expect(service.setBudget("u3", 2000, true)).rejects.toThrow(/Every other budget is pinned, so Chapter 3 at 2,000 makes the book 8,000 words, not 9,000/);
  });
});

describe("placePlan", () => {
  const plan = { levels: ["Part", "Chapter"], units: [{ id: "a", parentId: null, depth: 0 }, { id: "a1", parentId: "a", depth: 1 }, { id: "b", parentId: null, depth: 0 }] };
  const unit = (id: string, parentId: string | null, level: number, order = 0) => ({ id, parentId, level, order, title: id, synopsis: "", targetWords: null, status: "todo" as const, notes: "" });

  it("in an empty binder creates everything with the plan's levels", () => {
    expect(placePlan(plan, [], ["Unit"], null)).toEqual({
      steps: [
        { planId: "a", create: { parentPlanId: null, parentUnitId: null, level: 0 } },
        { planId: "a1", create: { parentPlanId: "a", parentUnitId: null, level: 1 } },
        { planId: "b", create: { parentPlanId: null, parentUnitId: null, level: 0 } },
      ],
      levels: ["Part", "Chapter"],
      trash: [],
    });
  });

  it("merges by position within a level and extends levels the project does not name", () => {
    const r = placePlan({ ...plan, levels: ["Part", "Chapter"] }, [unit("p1", null, 0), unit("c1", "p1", 1)], ["Part"], { mode: "merge" });
    expect(r).toEqual({
      steps: [
        { planId: "a", existing: "p1" },
        { planId: "a1", existing: "c1" },
        { planId: "b", create: { parentPlanId: null, parentUnitId: null, level: 0 } },
      ],
      levels: ["Part", "Chapter"],
      trash: [],
    });
  });
});
