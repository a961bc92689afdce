/**
 * A project and a paused run written by the code before issue 12's redesign
 * (tests/fixtures/paused-run, committed) open and resume: what was done stays done and is never
 * drafted again, the writer's decisions and the proposals left for them survive, and the rest of
 * the book is written.
 */
import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import type { ModelProvider } from "../../../electron/node/backend/drafting/model-provider";
import { wordsOfBody } from "../../../electron/node/backend/drafting/landing";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { FakeLlm } from "../engine/fake-llm";
import { useTmpDirs } from "../store/tmp-dir";

const tmp = useTmpDirs();
const FIXTURE = join(import.meta.dirname, "../../fixtures/paused-run/Harbour.quire");

type Events = { name: string; payload: Record<string, unknown> }[];

const ended = (events: Events) =>
  new Promise<void>((resolve) => {
    const t = setInterval(() => {
      const last = events.filter((e) => e.name === "run.changed").at(-1)?.payload.run as { status: string } | undefined;
      if (last && ["done", "failed", "cancelled", "paused"].includes(last.status)) {
        clearInterval(t);
        resolve();
      }
    }, 10);
  });

/** Drafting calls by the chapter they write (the prompt names it: the test knows the engine's wording). */
function draftingCallsByUnit(llm: FakeLlm): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of llm.calls) {
    const user = c.messages.map((m) => m.content).join("\n");
    const unit = /Now write (Chapter \d+)/.exec(user)?.[1];
    if (unit && !c.jsonSchema) out.set(unit, (out.get(unit) ?? 0) + 1);
  }
  return out;
}

async function open() {
  const dir = join(await tmp(), "Harbour.quire");
  await cp(FIXTURE, dir, { recursive: true });
  const store = await ProjectStore.open(dir, { watch: false, app: "test" });
  const llm = new FakeLlm({ cast: ["Mara"] });
  const models: ModelProvider = { available: () => true, get: async () => llm, info: () => llm.info(), dispose: async () => {} };
  const events: Events = [];
  const service = new DraftingService("h", store, models, (name, payload) => events.push({ name, payload }));
  return { dir, store, llm, service, events };
}

describe("a paused run written before the redesign", () => {
  it("opens as it was left: three chapters done, the writer's decision and the open proposal kept", async () => {
    const { store, service } = await open();
    const run = (await service.getRun())!;
    expect(run.status).toBe("paused");
    expect(run.units.map((u) => [u.planId, u.state])).toEqual([["u1", "done"], ["u2", "done"], ["u3", "done"], ["u4", "queued"], ["u5", "queued"]]);
    // the revision the writer accepted answers chapter 2's requirement
    expect(run.units.find((u) => u.planId === "u2")!.obligations).toEqual([expect.objectContaining({ met: true })]);
    const proposals = await service.listProposals();
    expect(proposals.find((p) => p.id === "u2-r1")).toMatchObject({ status: "accepted", decidedBy: "writer" });
    expect(proposals.find((p) => p.id === "u3-draft")).toMatchObject({ status: "pending", stale: false });
    const plan = await service.readPlan();
    expect(plan.plan!.accepted).toBe(true);
    expect(plan.plan!.units.every((u) => u.unitId !== null)).toBe(true);
    await store.close();
  });

  it("resumes: only the two chapters not yet done are drafted, and what was there is untouched", async () => {
    const { store, llm, service, events } = await open();
    const run = (await service.getRun())!;
    const unitOf = new Map(run.units.map((u) => [u.planId, u.unitId!]));
    const before = new Map(await Promise.all([...unitOf.values()].map(async (id) => [id, (await store.readUnit(id)).body] as const)));

    await service.resumeRun();
    await ended(events);
    const finished = (await service.getRun())!;
    expect(finished.status).toBe("done");
    expect(finished.units.every((u) => u.state === "done")).toBe(true);

    // counted at the model: a redraft of a finished unit would show here even if landing refused it
    const calls = draftingCallsByUnit(llm);
    expect([...calls.keys()].sort()).toEqual(["Chapter 4", "Chapter 5"]);
    for (const n of calls.values()) expect(n).toBeGreaterThanOrEqual(1);

    for (const planId of ["u1", "u2", "u3"]) expect((await store.readUnit(unitOf.get(planId)!)).body).toBe(before.get(unitOf.get(planId)!));
    for (const planId of ["u4", "u5"]) {
      expect(before.get(unitOf.get(planId)!)).toBe("");
      expect(wordsOfBody((await store.readUnit(unitOf.get(planId)!)).body).length).toBeGreaterThan(0);
    }
    // the writer's decision can still be taken back: the snapshot it made is there
    const undone = await service.undo("u2-r1");
    expect(undone.proposal.status).toBe("pending");
    expect((await store.readUnit(unitOf.get("u2")!)).body).not.toBe(before.get(unitOf.get("u2")!));
    expect((await service.listProposals()).find((p) => p.id === "u3-draft")!.status).toBe("pending");
    await service.close();
    await store.close();
  });

  it("moves the binder out of plan.json into binder.json on first open, and writes the studio's files with their versions", async () => {
    const { dir, store, service } = await open();
    await service.getRun();
    const binder = JSON.parse(await readFile(join(dir, "binder.json"), "utf8")) as { schemaVersion: number; units: Record<string, string> };
    expect(binder.schemaVersion).toBe(1);
    expect(Object.keys(binder.units)).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    expect(JSON.parse(await readFile(join(dir, "plan.json"), "utf8"))).not.toHaveProperty("binder");
    // the writer's decision, taken back, is written by this version: studio.json says its version
    await service.undo("u2-r1");
    const runId = (await service.getRun())!.runId;
    expect(JSON.parse(await readFile(join(dir, "runs", runId, "studio.json"), "utf8"))).toMatchObject({ schemaVersion: 1, decisions: {} });
    await service.close();
    await store.close();
  });

  it("is the fixture as committed (the files a test copies are the ones that code wrote)", async () => {
    const plan = JSON.parse(await readFile(join(FIXTURE, "plan.json"), "utf8")) as { binder?: Record<string, string> };
    expect(Object.keys(plan.binder ?? {})).toEqual(["u1", "u2", "u3", "u4", "u5"]);
  });
});
