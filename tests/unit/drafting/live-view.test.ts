/**
 * The studio's live view and landing follow the engine's events, not its prompts: reworded
 * drafting prompts still show each unit's text, and landing uses the text and record the run
 * handed over, reading nothing back.
 */
import { describe, expect, it, vi } from "vitest";
import { DraftRun } from "../../../electron/engine/run/runner";
import type { RunEvent } from "../../../electron/engine/run/types";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import { wordsOfBody } from "../../../electron/node/backend/drafting/landing";
import { FsRunStore } from "../../../electron/node/engine-store/fs-run-store";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { FakeLlm } from "../engine/fake-llm";
import { useTmpDirs } from "../store/tmp-dir";
import { harbourForm, newProject, studioOn, type StudioEvent } from "./studio-harness";

// The drafting prompt, reworded: the sentence that names the unit says it another way.
vi.mock(import("../../../electron/engine/draft/prompt-builder"), async (original) => {
  const m = await original();
  return {
    ...m,
    buildUnitPrompt: (input) => {
      const p = m.buildUnitPrompt(input);
      return m.toMessages(p.sections.map((s) => (s.name === "unit-plan" ? { ...s, text: s.text.replace(/^Now write /, "The next section to draft is ") } : s)));
    },
  };
});

const tmp = useTmpDirs();

const form = harbourForm();

type Events = StudioEvent[];

async function setup(log?: string[]) {
  const store = await newProject(await tmp());
  const llm = new FakeLlm();
  const { service, events } = studioOn(store, llm, ({ name, payload }) => log?.push(`event ${name}${name === "run.landed" ? ` ${payload.planId as string}` : ""}`));
  await service.saveBrief(form);
  await service.buildPlan(false);
  await service.acceptPlan();
  return { store, service, events, llm };
}

const finished = (events: Events) =>
  vi.waitFor(() => {
    const last = events.filter((e) => e.name === "run.changed").at(-1)?.payload.run as { status: string } | undefined;
    if (last?.status !== "done") throw new Error(`run is ${last?.status}`);
  }, { timeout: 15_000, interval: 10 });

describe("the live view of a run", () => {
  it("shows each unit's text while it is written, though the prompt no longer says \"Now write\"", async () => {
    const { store, service, events, llm } = await setup();
    await service.startRun({ strategy: "parallel", parallel: 2, autopilot: true });
    await finished(events);
    // the reworded prompt is what the model got
    const drafting = llm.calls.filter((c) => !c.jsonSchema && c.onDelta);
    expect(drafting.length).toBeGreaterThanOrEqual(4);
    for (const c of drafting) expect(c.messages.map((m) => m.content).join("\n")).not.toContain("Now write");

    const live = new Map<string, string>();
    for (const e of events.filter((x) => x.name === "run.unitText")) {
      const p = e.payload as { unitId: string; text: string; reset: boolean };
      live.set(p.unitId, (p.reset ? "" : (live.get(p.unitId) ?? "")) + p.text);
    }
    const units = store.units();
    expect(units).toHaveLength(4);
    for (const u of units) {
      // what the live view ended with is the draft that landed in the unit
      expect(live.get(u.id)?.replace(/\s+/g, " ").trim()).toBe(wordsOfBody((await store.readUnit(u.id)).body));
    }
    await store.close();
  });

  it("lands a unit from what the run handed over: no store read between the engine's landing event and the studio's landed event", async () => {
    const log: string[] = [];
    const spyReads = <T extends object>(proto: T, names: (keyof T & string)[]) =>
      names.map((name) => {
        const real = proto[name] as (...a: unknown[]) => unknown;
        return vi.spyOn(proto as Record<string, (...a: unknown[]) => unknown>, name).mockImplementation(function (this: unknown, ...args: unknown[]) {
          log.push(`read ${name}`);
          return real.apply(this, args);
        } as never);
      });
    const reads = [...spyReads(FsRunStore.prototype, ["loadUnit", "loadState"]), ...spyReads(ProjectStore.prototype, ["readPlan", "readBrief"])];
    // the engine's own landing event, seen by a listener registered before the studio's
    const on = DraftRun.prototype.on;
    const onSpy = vi.spyOn(DraftRun.prototype, "on").mockImplementation(function (this: DraftRun, listener: (e: RunEvent) => void) {
      on.call(this, (e) => e.type === "unit-done" && log.push(`engine unit-done ${e.unitId}`));
      return on.call(this, listener);
    });
    try {
      const { store, service, events } = await setup(log);
      await service.startRun({ strategy: "parallel", parallel: 2, autopilot: true });
      await finished(events);
      for (const planId of ["u1", "u2", "u3", "u4"]) {
        const from = log.indexOf(`engine unit-done ${planId}`);
        const to = log.indexOf(`event run.landed ${planId}`);
        expect(from).toBeGreaterThanOrEqual(0);
        expect(to).toBeGreaterThan(from);
        expect(log.slice(from, to).filter((l) => l.startsWith("read "))).toEqual([]);
      }
      // the spies do see reads where there are some (the run's plan is read when it starts)
      expect(log.some((l) => l.startsWith("read "))).toBe(true);
      await store.close();
    } finally {
      onSpy.mockRestore();
      for (const spy of reads) spy.mockRestore();
    }
  });
});
