import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { useBackend } from "./backend-harness";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { unwrapReply } from "../../../electron/shared/contract/client";

/** The project's levels bound the binder: no scene inside a scene when the levels end at Scene. */
const env = useBackend("unit-levels");
let handle: string;

async function call(method: string, payload: unknown): Promise<any> {
  return unwrapReply(await env.backend.dispatcher.dispatch(method, payload));
}
const create = (parentId: string | null, level: number, title: string) => call("units.create", { handle, parentId, level, title });

beforeEach(async () => {
  const store = await ProjectStore.create(join(env.root, "projects"), { title: "Levels", levels: ["Part", "Chapter", "Scene"] });
  const dir = store.dir;
  await store.close();
  handle = env.backend.registry.register(dir);
  await call("projects.open", { handle });
});

describe("levels in the binder", () => {
  it("refuses a unit inside the last level, with the levels named", async () => {
    const part = await create(null, 0, "Part One");
    const chapter = await create(part.id, 1, "Chapter One");
    const scene = await create(chapter.id, 2, "Scene One");
    await expect(create(scene.id, 3, "Too deep")).rejects.toThrow(/“Scene One”.*Scene.*Part › Chapter › Scene/);
    const { units } = await call("projects.open", { handle });
    expect(units.map((u: { title: string }) => u.title)).toEqual(["Part One", "Chapter One", "Scene One"]);
  });

  it("gives a new unit its parent's level plus one, whatever level was asked", async () => {
    const part = await create(null, 0, "Part One");
    const chapter = await create(part.id, 0, "Chapter One");
    expect(chapter.level).toBe(1);
  });

  it("refuses a move that would put a scene inside a scene, or a chapter's scenes below the last level", async () => {
    const part = await create(null, 0, "Part One");
    const chapter = await create(part.id, 1, "Chapter One");
    const a = await create(chapter.id, 2, "Scene A");
    const b = await create(chapter.id, 2, "Scene B");
    const other = await create(part.id, 1, "Chapter Two");
    await expect(call("units.move", { handle, id: b.id, parentId: a.id, index: 0 })).rejects.toThrow(/cannot go inside “Scene A”/);
    // a chapter holding scenes cannot go inside another chapter: its scenes would be a fourth level
    await expect(call("units.move", { handle, id: chapter.id, parentId: other.id, index: 0 })).rejects.toThrow(/deeper than Scene/);
    const { units } = await call("projects.open", { handle });
    expect(units.find((u: { id: string }) => u.id === b.id).parentId).toBe(chapter.id);
  });

  it("a move that changes depth takes what the unit holds along, one level each", async () => {
    const part = await create(null, 0, "Part One");
    const second = await create(null, 0, "Part Two");
    const inner = await create(second.id, 1, "Its Chapter");
    const { units } = await call("units.move", { handle, id: second.id, parentId: part.id, index: 0 });
    const byId = new Map(units.map((u: { id: string; level: number }) => [u.id, u.level]));
    expect(byId.get(second.id)).toBe(1);
    expect(byId.get(inner.id)).toBe(2);
    // and back out to the top level: the unit keeps its level (a chapter outside any part)
    const out = await call("units.move", { handle, id: second.id, parentId: null, index: 1 });
    expect(out.units.find((u: { id: string }) => u.id === second.id).level).toBe(1);
    // Part One, once it holds a chapter, cannot go inside that loose chapter: the chapter would be a fourth level
    await create(part.id, 1, "Chapter One");
    await expect(call("units.move", { handle, id: part.id, parentId: second.id, index: 0 })).rejects.toThrow(/deeper than Scene|holds no further level/);
  });

  it("a single-level project keeps every unit at the top", async () => {
    await call("projects.updateMeta", { handle, patch: { levels: ["Lesson"] } });
    const one = await create(null, 0, "Lesson One");
    await expect(create(one.id, 1, "Inside")).rejects.toThrow(/a Lesson holds no further level/);
  });
});
