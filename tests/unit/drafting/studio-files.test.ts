/**
 * The studio's own files (binder.json, runs/current.json, runs/<id>/studio.json) are read through
 * their schemas: a damaged one is a clear "corrupt" error naming the file, one from a newer
 * Quire is refused saying so, and nothing is overwritten on the way.
 */
import { mkdtemp, readFile, readdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BriefForm } from "../../../electron/shared/contract/drafting";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import type { ModelProvider } from "../../../electron/node/backend/drafting/model-provider";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { FakeLlm } from "../engine/fake-llm";
import { useTmpDirs } from "../store/tmp-dir";

const tmp = useTmpDirs();

const form: BriefForm = {
  title: "Harbour", kind: "novel", language: "en", premise: "", instructions: "",
  length: { total: 600, unit: "words", tolerance: 0.1 }, structure: [{ name: "Chapter", count: 2 }], calendar: null,
  requirements: [], style: { pov: "", tense: "", tone: "", audience: "", voiceSample: "", avoid: [] },
};

async function drafted() {
  const store = await ProjectStore.create(await tmp(), { title: "Harbour", language: "en", levels: ["Chapter"] }, { watch: false, app: "test" });
  const llm = new FakeLlm();
  const models: ModelProvider = { available: () => true, get: async () => llm, info: () => llm.info(), dispose: async () => {} };
  let done: () => void = () => {};
  const ended = new Promise<void>((r) => (done = r));
  const service = new DraftingService("h", store, models, (name, payload) => {
    if (name === "run.changed" && (payload.run as { status: string }).status === "done") done();
  });
  await service.saveBrief(form);
  await service.buildPlan(false);
  await service.acceptPlan();
  const { runId } = await service.startRun({ strategy: "parallel", parallel: 2, autopilot: true });
  await ended;
  await service.close();
  const again = () => new DraftingService("h", store, models, () => {});
  return { store, dir: store.dir, runId, again };
}

describe("the studio's files", () => {
  it("writes runs/current.json and binder.json with their versions", async () => {
    const { store, dir, runId } = await drafted();
    expect(JSON.parse(await readFile(join(dir, "runs", "current.json"), "utf8"))).toEqual({ schemaVersion: 1, runId });
    expect(JSON.parse(await readFile(join(dir, "binder.json"), "utf8"))).toMatchObject({ schemaVersion: 1, units: { u1: expect.any(String), u2: expect.any(String) } });
    await store.close();
  });

  it("a damaged studio.json, current.json or binder.json is a corrupt-project error naming the file, and is left as it was", async () => {
    const { store, dir, runId, again } = await drafted();
    const cases: [string, string][] = [
      [join(dir, "runs", runId, "studio.json"), '{"schemaVersion": 1, "runId": 3}'],
      [join(dir, "runs", "current.json"), "{ not json"],
      [join(dir, "binder.json"), '{"schemaVersion": 1, "units": {"u1": 7}}'],
    ];
    for (const [file, bad] of cases) {
      const good = await readFile(file, "utf8");
      await writeFile(file, bad);
      const service = again();
      const error = await service.getRun().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "corrupt", message: expect.stringContaining(file) });
      expect(await readFile(file, "utf8")).toBe(bad);
      // mended by the writer, the same open project reads it
      await writeFile(file, good);
      expect((await service.getRun())!.status).toBe("done");
    }
    await store.close();
  });

  it("refuses a studio.json or binder.json from a newer Quire, saying so", async () => {
    const { store, dir, runId, again } = await drafted();
    const studio = join(dir, "runs", runId, "studio.json");
    await writeFile(studio, JSON.stringify({ ...JSON.parse(await readFile(studio, "utf8")), schemaVersion: 2 }));
    await expect(again().getRun()).rejects.toThrow(/studio\.json was written by a newer Quire \(format 2/);
    const binder = join(dir, "binder.json");
    await writeFile(binder, JSON.stringify({ schemaVersion: 5, units: {} }));
    await expect(again().readPlan()).rejects.toThrow(/binder\.json was written by a newer Quire \(format 5/);
    await store.close();
  });

  it("refuses a runs/ folder that is a link leading outside the project, and writes nothing there", async () => {
    const { store, dir, again } = await drafted();
    const outside = await mkdtemp(join(tmpdir(), "quire-outside-"));
    try {
      await rename(join(dir, "runs"), join(outside, "runs"));
      await symlink(join(outside, "runs"), join(dir, "runs"));
      const error = await again().getRun().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "corrupt", message: expect.stringMatching(/runs.*leads outside the project folder/) });
      const before = await readdir(join(outside, "runs"));
      const starting = await again().startRun({ strategy: "parallel", parallel: 1, autopilot: true }).catch((e: unknown) => e);
      expect(starting).toMatchObject({ code: "corrupt" });
      expect(await readdir(join(outside, "runs"))).toEqual(before);
    } finally {
      await rm(outside, { recursive: true, force: true });
      await store.close();
    }
  });
});
