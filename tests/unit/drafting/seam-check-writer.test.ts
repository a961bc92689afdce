/**
 * The seam check on the writer's own text (issue 15): the open unit against the end of the unit
 * before and the start of the one after, as saved; a join that does not hold comes back with a
 * bridge of this unit's side (passage, rewrite, diff), and nothing is written.
 */
import { describe, expect, it } from "vitest";
import { QuireError } from "../../../electron/shared/contract/errors";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import type { ModelProvider } from "../../../electron/node/backend/drafting/model-provider";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { RealisticModel } from "../../fixtures/realistic-model/realistic-model";
import { useTmpDirs } from "../store/tmp-dir";
import { harbourForm } from "./studio-harness";

const tmp = useTmpDirs();

const form = harbourForm({
  title: "The Island",
  premise: "Anna returns to the island where her grandmother kept the lighthouse.",
  length: { total: 1500, unit: "words", tolerance: 0.1 },
  structure: [{ name: "Chapter", count: 3 }],
});

async function planned(available = true) {
  const store = await ProjectStore.create(await tmp(), { title: "The Island", language: "en", levels: ["Chapter"] }, { watch: false, app: "test" });
  const llm = new RealisticModel({ seed: 3 });
  const models: ModelProvider = { available: () => available, get: async () => llm, info: () => llm.info(), dispose: async () => {} };
  const service = new DraftingService("h", store, models, () => {});
  await service.saveBrief(form);
  await service.buildPlan(available);
  const { units } = await service.acceptPlan();
  return { store, service, llm, units };
}

const ONE = "Rain fell on the roofs all morning.\n\nIn the end Anna was at the harbour wall. She waited for the ferry.";
const TWO = "Anna was at the station platform. The train was late, as it always was in winter.\n\nShe counted the carriages as they came in.";
const THREE = "Anna was at the station platform. The last train left without her.\n\nNobody else got off.";

describe("the seam check on the writer's text", () => {
  it("finds the join that does not hold, bridges this unit's opening, and writes nothing", async () => {
    const { store, service, units } = await planned();
    const [u1, u2, u3] = units;
    for (const [u, text] of [[u1!, ONE], [u3!, THREE]] as const) {
      const r = await store.readUnitWithVersion(u.id);
      await store.saveUnitBody(u.id, text, r.version);
    }
    const before = (await store.readUnit(u2!.id)).body;
    const r = await service.checkSeams(u2!.id, TWO);
    expect(r.joins.map((j) => [j.side, j.neighbour.replace(/:.*$/, ""), j.joins])).toEqual([["before", "Chapter 1", false], ["after", "Chapter 3", true]]);
    const broken = r.joins[0]!;
    expect(broken.problem).toMatch(/harbour wall.*station platform/);
    // the opening: as many paragraphs as make about 120 words (here the whole short unit)
    expect(broken.bridge!.passage).toBe(TWO);
    expect(broken.bridge!.rewritten).toMatch(/^Anna was at the harbour wall\./);
    expect(broken.bridge!.parts.filter((p) => p.added).map((p) => p.value).join(" ")).toMatch(/harbour/);
    expect(broken.bridge!.parts.filter((p) => p.removed).map((p) => p.value).join(" ")).toMatch(/station/);
    // nothing written
    expect((await store.readUnit(u2!.id)).body).toBe(before);
    await store.close();
  });

  it("says clearly why it cannot run: no model loaded, a unit the plan did not make", async () => {
    const { store, service } = await planned(false);
    const loose = await store.createUnit({ parentId: null, level: 0, title: "Notes" });
    await expect(service.checkSeams(loose.id, "Some notes.")).rejects.toThrow(/not planned from the brief/);
    const first = store.units()[0]!;
    const err = await service.checkSeams(first.id, "Anna was at the harbour wall.").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuireError);
    expect((err as QuireError).message).toMatch(/Load a model/);
    await store.close();
  });
});
