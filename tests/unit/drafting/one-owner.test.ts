/**
 * One owner per fact, once the plan is accepted: a unit's target is its front matter's (with a
 * pin beside it), the total and the language are quire.json's, the binder is binder.json's, and
 * a proposal's status is the writer's decision or else what autopilot did.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BriefForm } from "../../../electron/shared/contract/drafting";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import type { ModelProvider } from "../../../electron/node/backend/drafting/model-provider";
import { FsRunStore } from "../../../electron/node/engine-store/fs-run-store";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { FakeLlm } from "../engine/fake-llm";
import { useTmpDirs } from "../store/tmp-dir";

const tmp = useTmpDirs();

const form: BriefForm = {
  title: "Harbour", kind: "novel", language: "en", premise: "A harbour town in winter.", instructions: "",
  length: { total: 1200, unit: "words", tolerance: 0.1 },
  // chapter 2's target is fixed by the brief: pinned once accepted
  structure: [{ name: "Chapter", count: 4, targets: { "2": 500 } }],
  calendar: null, requirements: [{ text: "the ferry sinks in the harbour", placement: { kind: "once", level: "Chapter", index: 3 } }],
  style: { pov: "", tense: "", tone: "", audience: "", voiceSample: "", avoid: [] },
};

async function accepted(language = "en-GB") {
  const store = await ProjectStore.create(await tmp(), { title: "Harbour", language, levels: ["Chapter"] }, { watch: false, app: "test" });
  const llm = new FakeLlm({ cues: [{ unit: "Chapter 3", does: "omit" }] });
  const models: ModelProvider = { available: () => true, get: async () => llm, info: () => llm.info(), dispose: async () => {} };
  let ended: (() => void) | null = null;
  const service = new DraftingService("h", store, models, (name, payload) => {
    if (name === "run.changed" && ["done", "failed"].includes((payload.run as { status: string }).status)) ended?.();
  });
  await service.saveBrief(form);
  await service.buildPlan(false);
  const { plan } = await service.acceptPlan();
  const unitOf = Object.fromEntries(plan.plan!.units.map((u) => [u.id, u.unitId!]));
  const run = async (autopilot: boolean) => {
    const done = new Promise<void>((r) => (ended = r));
    const view = await service.startRun({ strategy: "parallel", parallel: 2, autopilot });
    await done;
    return (await new FsRunStore(store.paths).loadState(view.runId))!;
  };
  return { store, service, unitOf, run };
}

describe("one owner per fact", () => {
  it("at acceptance, each unit's target goes to its front matter, pinned where the brief fixed it", async () => {
    const { store, unitOf } = await accepted();
    const u2 = store.units().find((u) => u.id === unitOf.u2)!;
    expect(u2).toMatchObject({ targetWords: 500, targetPinned: true });
    expect(store.units().find((u) => u.id === unitOf.u1)!.targetPinned).toBeUndefined();
    expect(await readFile(store.unitFilePath(unitOf.u2!), "utf8")).toMatch(/^targetPinned: true$/m);
    expect(await readFile(store.unitFilePath(unitOf.u1!), "utf8")).not.toMatch(/targetPinned/);
    await store.close();
  });

  it("after acceptance, the plan shows and the run drafts to the units' own targets, quire.json's total and language", async () => {
    const { store, service, unitOf, run } = await accepted("en-GB");
    // the writer changes chapter 1's target in the inspector and the book's total in the settings
    await store.updateUnit(unitOf.u1!, { targetWords: 400 });
    await store.updateMeta({ targetWords: 1300 });
    const shown = (await service.readPlan()).plan!;
    expect(shown.units.find((u) => u.id === "u1")!.targetWords).toBe(400);
    expect(shown.units.find((u) => u.id === "u2")!.fixedTarget).toBe(true);
    expect(shown.targetWords).toBe(1300);
    const state = await run(true);
    expect(state.plan.units.find((u) => u.id === "u1")!.targetWords).toBe(400);
    expect(state.plan.targetWords).toBe(1300);
    expect(state.plan.language).toBe("en-GB");
    expect(state.brief.language).toBe("en-GB");
    // plan.json keeps what was planned
    const stored = JSON.parse(await readFile(join(store.dir, "plan.json"), "utf8")) as { units: { id: string; targetWords: number }[] };
    expect(stored.units.find((u) => u.id === "u1")!.targetWords).not.toBe(400);
    await store.close();
  });

  it("a budget edited after acceptance goes to the unit's front matter, not into plan.json", async () => {
    const { store, service, unitOf } = await accepted();
    const before = await readFile(join(store.dir, "plan.json"), "utf8");
    const after = await service.updatePlan([{ id: "u4", targetWords: 150 }, { id: "u3", summary: "The ferry goes down." }]);
    expect(after.plan!.units.find((u) => u.id === "u4")!.targetWords).toBe(150);
    expect(store.units().find((u) => u.id === unitOf.u4)!.targetWords).toBe(150);
    expect(store.units().find((u) => u.id === unitOf.u3)!.synopsis).toBe("The ferry goes down.");
    const stored = JSON.parse(await readFile(join(store.dir, "plan.json"), "utf8")) as { units: { id: string; targetWords: number; summary: string }[] };
    expect(stored.units.find((u) => u.id === "u4")!.targetWords).toBe((JSON.parse(before) as typeof stored).units.find((u) => u.id === "u4")!.targetWords);
    expect(stored.units.find((u) => u.id === "u3")!.summary).toBe("The ferry goes down.");
    await store.close();
  });

  it("a proposal's status: what autopilot did until the writer decides; then the writer's decision alone", async () => {
    const { store, service, run } = await accepted();
    const state = await run(true);
    const record = (await new FsRunStore(store.paths).loadUnit(state.runId, "u3"))!.record;
    expect(record.proposals[0]).toMatchObject({ autopilot: "applied" });
    expect(record.proposals[0]).not.toHaveProperty("status");
    const p = (await service.listProposals()).find((x) => x.id === record.proposals[0]!.id)!;
    expect(p).toMatchObject({ status: "accepted", decidedBy: "autopilot" });
    await service.undo(p.id);
    expect((await service.listProposals()).find((x) => x.id === p.id)).toMatchObject({ status: "rejected", decidedBy: "writer" });
    // the engine's record is history: it still says what autopilot did
    expect((await new FsRunStore(store.paths).loadUnit(state.runId, "u3"))!.record.proposals[0]!.autopilot).toBe("applied");
    const studio = JSON.parse(await readFile(join(store.dir, "runs", state.runId, "studio.json"), "utf8")) as { decisions: Record<string, { status: string }> };
    expect(studio.decisions[p.id]!.status).toBe("rejected");
    await service.close();
    await store.close();
  });
});
