/**
 * The run as the writer sees it, told truly: live from the first streamed token (units in
 * flight, their words, tokens per second, an ETA) rather than at the first finished unit; unit
 * states that match the run after a cancel and after a reload (no "queued" left over); the
 * concurrency asked and reached; and every call of the run kept for the call viewer.
 */
import { describe, expect, it } from "vitest";
import type { BriefForm } from "../../../electron/shared/contract/drafting";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import type { ModelProvider } from "../../../electron/node/backend/drafting/model-provider";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { RealisticModel } from "../../fixtures/realistic-model/realistic-model";
import { useTmpDirs } from "../store/tmp-dir";

const tmp = useTmpDirs();

const form = (chapters: number): BriefForm => ({
  title: "The Island",
  kind: "novel",
  language: "en",
  premise: "Anna returns to the island where her grandmother kept the lighthouse.",
  instructions: "",
  length: { total: chapters * 300, unit: "words", tolerance: 0.1 },
  structure: [{ name: "Chapter", count: chapters }],
  calendar: null,
  requirements: [{ text: "Anna finds the letter hidden in the piano", placement: { kind: "once", level: "Chapter", index: 2 } }],
  style: { pov: "", tense: "", tone: "", audience: "", voiceSample: "", avoid: [] },
});

async function setup(chapters: number, model = new RealisticModel({ seed: 3 })) {
  const dir = await tmp();
  const store = await ProjectStore.create(dir, { title: "The Island", language: "en", levels: ["Chapter"] }, { watch: false, app: "test" });
  const models: ModelProvider = { available: () => true, get: async () => model, info: () => model.info(), dispose: async () => {} };
  const events: { name: string; payload: Record<string, any> }[] = [];
  const service = new DraftingService("h", store, models, (name, payload) => events.push({ name, payload }));
  await service.saveBrief(form(chapters));
  await service.buildPlan(false);
  const { plan } = await service.acceptPlan();
  const unitOf = (planId: string) => plan.plan!.units.find((u) => u.id === planId)!.unitId!;
  return { store, service, events, model, models, unitOf };
}

const status = async (service: DraftingService) => (await service.getRun())!.status;

describe("honest run progress", () => {
  it("is live from the first streamed words: units in flight, words, tokens per second and an ETA, before any unit finishes", async () => {
    const { service, events, model } = await setup(4);
    const hold = model.hold("Chapter 1", { afterWords: 40 });
    const started = await service.startRun({ strategy: "chapters", parallel: 1, autopilot: false });
    // the unit count is right from the first view, not "0 of 0"
    expect(started.progress).toMatchObject({ unitsDone: 0, unitsTotal: 4 });
    await hold.started;
    await expect.poll(async () => (await service.getRun())!.progress).toMatchObject({ unitsDone: 0, unitsTotal: 4, unitsDrafting: 1 });
    await expect.poll(async () => (await service.getRun())!.progress.words).toBeGreaterThanOrEqual(40);
    const p = (await service.getRun())!.progress;
    expect(p.tokens).toBeGreaterThanOrEqual(40);
    expect(p.tokensPerSecond).toBeGreaterThan(0);
    expect(p.etaSeconds).not.toBeNull();
    // the same reached the studio as events, while no unit was done
    const live = events.filter((e) => e.name === "run.progress").map((e) => e.payload.progress);
    expect(live.some((x) => x.unitsDone === 0 && x.words >= 40 && x.unitsDrafting === 1)).toBe(true);
    expect(events.some((e) => e.name === "run.unitDone")).toBe(false);
    hold.release();
    await expect.poll(() => status(service), { timeout: 15_000 }).toBe("done");
    const done = (await service.getRun())!;
    expect(done.progress).toMatchObject({ unitsDone: 4, unitsTotal: 4, unitsDrafting: 0, etaSeconds: null });
  });

  it("after a cancel and after a reload no unit is left waiting: done, or not drafted", async () => {
    const { store, service, model, models } = await setup(4);
    const hold = model.hold("Chapter 3", { afterWords: 30 });
    await service.startRun({ strategy: "sequential", parallel: 1, autopilot: false });
    await hold.started;
    await service.cancelRun();
    await expect.poll(() => status(service)).toBe("cancelled");
    const states = (await service.getRun())!.units.map((u) => u.state);
    expect(states).toEqual(["done", "done", "stopped", "stopped"]);
    await service.close();

    // the studio reopened on the same project
    const again = new DraftingService("h", store, models, () => {});
    const reloaded = (await again.getRun())!;
    expect(reloaded.status).toBe("cancelled");
    expect(reloaded.units.map((u) => u.state)).toEqual(["done", "done", "stopped", "stopped"]);
  });

  it("reports the concurrency asked for and reached, beside the model's sequences", async () => {
    const model = new RealisticModel({ seed: 5, sequences: 4 });
    const { service } = await setup(6, model);
    // the default schedule drafts 3 chains of consecutive chapters side by side (1-2, 3-4, 5-6: issue 15), so these start first
    const holds = ["Chapter 1", "Chapter 3", "Chapter 5"].map((c) => model.hold(c, { afterWords: 20 }));
    await service.startRun({ strategy: "chapters", parallel: 3, autopilot: false });
    await Promise.all(holds.map((h) => h.started));
    await expect.poll(async () => (await service.getRun())!.progress.unitsDrafting).toBe(3);
    expect((await service.getRun())!.concurrency).toEqual({ asked: 3, reached: 3, sequences: 4 });
    for (const h of holds) h.release();
    await expect.poll(() => status(service), { timeout: 15_000 }).toBe("done");
    expect((await service.getRun())!.concurrency).toEqual({ asked: 3, reached: 3, sequences: 4 });
  });
});

describe("the call ledger", () => {
  it("keeps every call of the run with its sections as the model received them and its reply", async () => {
    const { service, unitOf } = await setup(3);
    await service.startRun({ strategy: "chapters", parallel: 1, autopilot: false });
    await expect.poll(() => status(service), { timeout: 15_000 }).toBe("done");
    const chapter2 = unitOf("u2");
    const calls = await service.listCalls(chapter2);
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((c) => c.unitId))).toEqual(new Set([chapter2]));
    expect(calls.every((c) => c.heading === "Chapter 2" && c.scope === "run")).toBe(true);
    const draft = calls.find((c) => c.kind === "generate")!;
    const full = await service.getCall(draft.id);
    expect(full.sections.map((s) => s.name)).toContain("brief");
    // each section's text is in the messages the model received
    const received = full.messages.map((m) => m.content).join("\n\n");
    for (const s of full.sections) expect(received).toContain(s.text.slice(0, 200));
    expect(full.output.split(/\s+/).length).toBeGreaterThan(50);
    expect(full.completionTokens).toBeGreaterThan(0);
    // the other units' calls are not this unit's
    const all = await service.listCalls(null);
    expect(all.length).toBeGreaterThan(calls.length);
    await expect(service.getCall("c-none")).rejects.toThrow(/no longer in the ledger/);
  });
});
