/**
 * A unit the model gives no prose for, in the studio: the run finishes with its failed units, the
 * run view says so (status and each failed unit with why), nothing lands in the unit, and resuming
 * drafts it again.
 */
import { describe, expect, it } from "vitest";
import type { BriefForm } from "../../../electron/shared/contract/drafting";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import type { ModelProvider } from "../../../electron/node/backend/drafting/model-provider";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { RealisticModel } from "../../fixtures/realistic-model/realistic-model";
import { useTmpDirs } from "../store/tmp-dir";

const tmp = useTmpDirs();

const form: BriefForm = {
  title: "Harbour",
  kind: "novel",
  language: "en",
  premise: "A harbour town in winter.",
  instructions: "",
  length: { total: 1200, unit: "words", tolerance: 0.1 },
  structure: [{ name: "Chapter", count: 4 }],
  calendar: null,
  requirements: [],
  style: { pov: "", tense: "", tone: "", audience: "", voiceSample: "", avoid: [] },
};

type Event = { name: string; payload: Record<string, unknown> };

const ended = (events: Event[], from: number) =>
  new Promise<string>((resolve) => {
    const t = setInterval(() => {
      const last = events.slice(from).filter((e) => e.name === "run.changed").at(-1)?.payload.run as { status: string } | undefined;
      if (last && ["done", "failed", "cancelled", "paused", "finished-with-failures"].includes(last.status)) {
        clearInterval(t);
        resolve(last.status);
      }
    }, 10);
  });

describe("failed units in the studio", () => {
  it("the run finishes with its failed unit shown, nothing lands in it, and a resume drafts it", async () => {
    const store = await ProjectStore.create(await tmp(), { title: "Harbour", language: "en", levels: ["Chapter"] }, { watch: false, app: "test" });
    // Chapter 3 refuses its first three asks: the run's two retries run out; the resume's ask is answered
    const llm = new RealisticModel({ seed: 5 }).cue({ unit: "Chapter 3", habit: "refusal", times: 3 });
    const models: ModelProvider = { available: () => true, get: async () => llm, info: () => llm.info(), dispose: async () => {} };
    const events: Event[] = [];
    const service = new DraftingService("h", store, models, (name, payload) => events.push({ name, payload }));
    await service.saveBrief(form);
    await service.buildPlan(false);
    const { plan } = await service.acceptPlan();
    const binder = Object.fromEntries(plan.plan!.units.map((u) => [u.id, u.unitId!]));

    await service.startRun({ strategy: "parallel", parallel: 2, autopilot: true });
    expect(await ended(events, 0)).toBe("finished-with-failures");
    const run = (await service.getRun())!;
    expect(run.status).toBe("finished-with-failures");
    expect(run.error).toMatch(/finished with 1 failed unit: Chapter 3/);
    const u3 = run.units.find((u) => u.planId === "u3")!;
    expect(u3).toMatchObject({ state: "failed", words: 0, failure: expect.stringMatching(/declined/) });
    expect(u3.findings.map((f) => f.code)).toEqual(["not-prose-refusal"]);
    expect(run.units.filter((u) => u.state === "done")).toHaveLength(3);
    expect(events.some((e) => e.name === "run.unitDone" && (e.payload.unit as { planId: string; state: string }).planId === "u3" && (e.payload.unit as { state: string }).state === "failed")).toBe(true);
    expect((await store.readUnit(binder.u3!)).body.trim()).toBe("");
    expect(events.some((e) => e.name === "run.landed" && (e.payload.unit as { id: string }).id === binder.u3)).toBe(false);

    const from = events.length;
    await service.resumeRun();
    expect(await ended(events, from)).toBe("done");
    const again = (await service.getRun())!;
    expect(again.units.every((u) => u.state === "done")).toBe(true);
    expect((await store.readUnit(binder.u3!)).body).toMatch(/\w{3,}/);
    await service.close();
  }, 60_000);
});
