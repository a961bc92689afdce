/** The studio's run service against a scripted fake model: drafts land only where the writer left a unit empty. */
import { describe, expect, it } from "vitest";
import { QuireError } from "../../../electron/shared/contract/errors";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import { wordsOfBody } from "../../../electron/node/backend/drafting/landing";
import { FsRunStore } from "../../../electron/node/engine-store/fs-run-store";
import { FakeLlm } from "../engine/fake-llm";
import { useTmpDirs } from "../store/tmp-dir";
import { harbourForm, modelOf, newProject, runStopped, studioOn, type StudioEvent } from "./studio-harness";

const tmp = useTmpDirs();

const form = harbourForm({ requirements: [{ text: "the ferry sinks in the harbour", placement: { kind: "once", level: "Chapter", index: 2 } }] });

async function setup() {
  const store = await newProject(await tmp());
  const llm = new FakeLlm({ cues: [{ unit: "Chapter 2", does: "omit" }] });
  return { store, ...studioOn(store, llm) };
}

/** Drafting calls by the unit they write (the prompt names it: the test knows the engine's wording). */
function draftingCallsByUnit(llm: FakeLlm): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of llm.calls) {
    const unit = /Now write (Chapter \d+)/.exec(c.messages.map((m) => m.content).join("\n"))?.[1];
    if (unit && !c.jsonSchema) out.set(unit, (out.get(unit) ?? 0) + 1);
  }
  return out;
}

const ended = (events: StudioEvent[]) => runStopped(events);

describe("the drafting service", () => {
  it("checks the writer's text quickly as they type, and with the model's judge and fact reader when asked", async () => {
    const { store, service } = await setup();
    await service.saveBrief(form);
    await service.buildPlan(false);
    const { plan } = await service.acceptPlan();
    const u2 = plan.plan!.units.find((u) => u.id === "u2")!.unitId!;
    await store.createBibleEntry({ kind: "character", name: "Mara", attributes: { hair: "black" } });
    // the requirement said differently: "sank", not "sinks"
    const text = "The ferry sank by the harbour wall at dusk. Mara's hair was red in the wind, and nobody spoke.";

    const quick = await service.checkUnit(u2, text);
    expect(quick.obligations).toEqual([{ id: expect.any(String), text: "the ferry sinks in the harbour", met: null, by: "lexical" }]);
    expect(quick.findings.map((f) => f.code)).not.toContain("fact-contradiction");

    const deep = await service.checkUnit(u2, text, true);
    expect(deep.obligations[0]).toMatchObject({ met: true, by: "judge" });
    expect(deep.findings).toContainEqual(expect.objectContaining({ code: "fact-contradiction", excerpt: expect.stringContaining("Mara's hair was red") }));
  });

  it("offers the facts the model read in drafted units, with the unit they come from", async () => {
    const store = await newProject(await tmp());
    await store.createBibleEntry({ kind: "character", name: "Mara", attributes: {} });
    const llm = new FakeLlm({ cues: [{ unit: "Chapter 3", does: "hair-colour", name: "Mara", value: "red" }] });
    const { service, events } = studioOn(store, llm);
    await service.saveBrief({ ...form, requirements: [] });
    await service.buildPlan(false);
    await service.acceptPlan();
    await service.startRun({ strategy: "parallel", parallel: 2, autopilot: false });
    await ended(events);
    const facts = await service.extractedFacts();
    expect(facts).toContainEqual(expect.objectContaining({ entity: "Mara", attribute: "hair", value: "red", fromUnit: 3, confirmed: false, heading: expect.stringMatching(/^Chapter 3/) }));
    expect(llm.factCalls).toBeGreaterThan(0);
    await store.close();
  });

  it("refuses a check with the model when none can be loaded, and still runs the quick one", async () => {
    const store = await newProject(await tmp(), "No model");
    const { service } = studioOn(store, null);
    const unit = await store.createUnit({ parentId: null, level: 0, title: "One" });
    await expect(service.checkUnit(unit.id, "Some words.", true)).rejects.toMatchObject({ code: "unavailable" });
    expect((await service.checkUnit(unit.id, "Some words.")).words).toBe(2);
  });

  it("lands drafts in empty units, proposes where the writer wrote, and refuses stale proposals", async () => {
    const { store, service, events } = await setup();
    await service.saveBrief(form);
    const planned = await service.buildPlan(false);
    expect(planned.plan!.units.filter((u) => u.isLeaf).reduce((a, u) => a + u.targetWords, 0)).toBe(1200);
    const { plan } = await service.acceptPlan();
    const binder = Object.fromEntries(plan.plan!.units.map((u) => [u.id, u.unitId!]));
    expect(store.units()).toHaveLength(4);

    // the writer starts chapter 3 by hand before the run
    const mine = "The writer's own opening, kept.\n";
    const u3 = await store.readUnitWithVersion(binder.u3!);
    await store.saveUnitBody(binder.u3!, mine, u3.version);

    await service.startRun({ strategy: "parallel", parallel: 2, autopilot: false });
    await ended(events);
    const run = (await service.getRun())!;
    expect(run.status).toBe("done");
    expect(run.units.every((u) => u.state === "done")).toBe(true);

    for (const id of ["u1", "u2", "u4"]) {
      const body = (await store.readUnit(binder[id]!)).body;
      expect(body).toContain('<span data-quire="ai">');
    }
    expect((await store.readUnit(binder.u3!)).body).toBe(mine);
    expect(events.some((e) => e.name === "run.landed" && (e.payload.unit as { id: string }).id === binder.u3)).toBe(false);

    const proposals = await service.listProposals();
    const landing = proposals.find((p) => p.id === "u3-draft")!;
    expect(landing.status).toBe("pending");
    const revision = proposals.find((p) => p.planId === "u2" && p.id !== "u2-draft")!;
    expect(revision.status).toBe("pending");
    expect(run.units.find((u) => u.planId === "u2")!.obligations[0]!.met).toBe(false);

    // accepting the landing proposal writes the draft; undo brings the writer's text back
    await service.decide("u3-draft", "accept");
    expect(wordsOfBody((await store.readUnit(binder.u3!)).body)).toBe(landing.after.replace(/\s+/g, " ").trim());
    await service.undo("u3-draft");
    expect((await store.readUnit(binder.u3!)).body).toBe(mine);

    // the writer edits chapter 2: its revision is stale and refused
    const u2 = await store.readUnitWithVersion(binder.u2!);
    await store.saveUnitBody(binder.u2!, `${u2.body}\nA line of mine.\n`, u2.version);
    expect((await service.listProposals()).find((p) => p.id === revision.id)!.stale).toBe(true);
    const refused = await service.decide(revision.id, "accept").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QuireError);
    expect((refused as QuireError).code).toBe("conflict");

    // drafted again from the text as it is now: a fresh proposal that fits, the stale one set aside
    const again = await service.regenerate(revision.id);
    expect(again.proposal.id).not.toBe(revision.id);
    expect(again.proposal.status).toBe("pending");
    expect(again.proposal.stale).toBe(false);
    expect(again.proposal.before).toContain("A line of mine.");
    expect((await service.listProposals()).find((p) => p.id === revision.id)!.status).toBe("rejected");
    await service.decide(again.proposal.id, "accept");
    expect((await service.getRun())!.units.find((u) => u.planId === "u2")!.unitId).toBe(binder.u2);
    await store.close();
  });

  it("shows a required item as missing, not unjudged, after the writer accepts an edited revision without it", async () => {
    const { store, service, events } = await setup();
    await service.saveBrief(form);
    await service.buildPlan(false);
    await service.acceptPlan();
    await service.startRun({ strategy: "parallel", parallel: 2, autopilot: false });
    await ended(events);
    const revision = (await service.listProposals()).find((p) => p.planId === "u2" && p.id !== "u2-draft")!;
    // the writer rewrites the proposed text in their own words and leaves the ferry out
    await service.decide(revision.id, "accept", "The night was quiet, and the boats stayed in.");
    const u2 = (await service.getRun())!.units.find((u) => u.planId === "u2")!;
    expect(u2.obligations[0]).toMatchObject({ met: false, by: "lexical" });
    await store.close();
  });

  it("takes back a revision autopilot accepted, and can put it back", async () => {
    const { store, service, events } = await setup();
    await service.saveBrief(form);
    await service.buildPlan(false);
    const { plan } = await service.acceptPlan();
    const u2 = plan.plan!.units.find((u) => u.id === "u2")!.unitId!;
    await service.startRun({ strategy: "parallel", parallel: 2, autopilot: true });
    await ended(events);
    const revision = (await service.listProposals()).find((p) => p.planId === "u2" && p.id !== "u2-draft")!;
    expect(revision).toMatchObject({ status: "accepted", decidedBy: "autopilot" });
    const revised = (await store.readUnit(u2)).body;
    expect(wordsOfBody(revised)).toContain("the ferry sinks in the harbour");

    const undone = await service.undo(revision.id);
    expect(undone.proposal).toMatchObject({ status: "rejected", decidedBy: "writer" });
    expect(wordsOfBody((await store.readUnit(u2)).body)).toBe(revision.before.replace(/\s+/g, " ").trim());
    await service.undo(revision.id);
    expect((await store.readUnit(u2)).body).toBe(revised);
    expect((await service.listProposals()).find((p) => p.id === revision.id)).toMatchObject({ status: "accepted", decidedBy: "autopilot" });

    // with the writer's words on top, taking it back would lose them: refused
    const now = await store.readUnitWithVersion(u2);
    await store.saveUnitBody(u2, `${now.body}\nMy own closing line.\n`, now.version);
    await expect(service.undo(revision.id)).rejects.toMatchObject({ code: "conflict" });
    await store.close();
  });

  it("a run left running by a crash reopens as interrupted and resumes without redoing finished units", async () => {
    const store = await newProject(await tmp());
    // the last two chapters wait until the pause is asked for (once the first unit lands), so the
    // run cannot finish every unit first however the landing and the drafting interleave on a
    // loaded machine (a unit's seam check is one more call that can go either way)
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    class HeldLlm extends FakeLlm {
      override async generate(req: Parameters<FakeLlm["generate"]>[0]) {
        if (/Now write Chapter [34]\b/.test(req.messages.map((m) => m.content).join("\n"))) await held;
        return super.generate(req);
      }
    }
    const llm = new HeldLlm({ cues: [{ unit: "Chapter 2", does: "omit" }] });
    let pausing: Promise<unknown> | null = null;
    const { service, events } = studioOn(store, llm, (e, s) => {
      if (!pausing && e.name === "run.unitDone") pausing = s.pauseRun().then(() => release());
    });
    await service.saveBrief(form);
    await service.buildPlan(false);
    await service.acceptPlan();
    await service.startRun({ strategy: "sequential", parallel: 1, autopilot: true });
    await ended(events);
    await pausing;
    const paused = (await service.getRun())!;
    const done = paused.units.filter((u) => u.state === "done");
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(4);
    const bodies = new Map(await Promise.all(done.map(async (u) => [u.unitId!, (await store.readUnit(u.unitId!)).body] as const)));

    // what a crash leaves: the state still says running
    const runStore = new FsRunStore(store.paths);
    const state = (await runStore.loadState(paused.runId))!;
    await runStore.saveState({ ...state, status: "running" });

    const resumed = new FakeLlm();
    const again = new DraftingService("h", store, modelOf(resumed), (name, payload) => events.push({ name, payload }));
    expect((await again.getRun())!.status).toBe("interrupted");
    events.length = 0;
    await again.resumeRun();
    await ended(events);
    const finished = (await again.getRun())!;
    expect(finished.status).toBe("done");
    for (const [id, body] of bodies) expect((await store.readUnit(id)).body).toBe(body);
    // counted at the model, per unit: a finished unit drafted again would show here even though
    // landing (which never overwrites a unit that has text) would hide it in the files
    const calls = draftingCallsByUnit(resumed);
    const headings = (units: typeof done) => units.map((u) => u.heading.replace(/:.*$/, ""));
    for (const h of headings(done)) expect(calls.get(h) ?? 0).toBe(0);
    const rest = finished.units.filter((u) => !done.some((d) => d.planId === u.planId));
    expect(rest.length).toBeGreaterThan(0);
    for (const h of headings(rest)) expect(calls.get(h) ?? 0).toBeGreaterThanOrEqual(1);
    await store.close();
  });
});
