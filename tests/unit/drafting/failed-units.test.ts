/**
 * A unit the model gives no prose for, in the studio: the run finishes with its failed units, the
 * run view says so (status and each failed unit with why), nothing lands in the unit, and resuming
 * drafts it again.
 */
import { describe, expect, it } from "vitest";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { RealisticModel } from "../../fixtures/realistic-model/realistic-model";
import { useTmpDirs } from "../store/tmp-dir";
import { harbourForm, newProject, runStopped, studioOn } from "./studio-harness";

const tmp = useTmpDirs();

const form = harbourForm();
const ended = runStopped;

describe("failed units in the studio", () => {
  it("the run finishes with its failed unit shown, nothing lands in it, and a resume drafts it", async () => {
    const store = await newProject(await tmp());
    // Chapter 3 refuses its first three asks: the run's two retries run out; the resume's ask is answered
    const llm = new RealisticModel({ seed: 5 }).cue({ unit: "Chapter 3", habit: "refusal", times: 3 });
    const { service, events } = studioOn(store, llm);
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
