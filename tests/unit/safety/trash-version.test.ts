import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ProjectStore } from "../../../electron/node/store/project-store";

const dirs: string[] = [];
const stores: ProjectStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function book() {
  const dir = await mkdtemp(join(tmpdir(), "quire-trash-version-"));
  dirs.push(dir);
  const store = await ProjectStore.create(dir, { title: "Village", levels: ["Part", "Chapter", "Scene"] }, { watch: false, app: "test" });
  stores.push(store);
  const part = await store.createUnit({ parentId: null, level: 0, title: "Part One" });
  const chapter = await store.createUnit({ parentId: part.id, level: 1, title: "The Green" });
  const a = await store.createUnit({ parentId: chapter.id, level: 2, title: "Arrival" });
  const b = await store.createUnit({ parentId: chapter.id, level: 2, title: "Evening" });
  return { store, part, chapter, a, b };
}

describe("a unit's identity and version through the trash", () => {
  it("a trashed and restored unit keeps its id and version, so an editor holding it saves on; its neighbours keep theirs", async () => {
    const { store, chapter, a, b } = await book();
    const saved = await store.saveUnitBody(a.id, "The bus left her.", (await store.readUnit(a.id)).version);
    const neighbour = (await store.readUnit(b.id)).version;
    await store.trashUnit(chapter.id);
    await store.restoreUnit(chapter.id);
    expect((await store.readUnit(a.id)).version).toBe(saved.version);
    expect((await store.readUnit(b.id)).version).toBe(neighbour);
    // the save an open editor makes next, on the version it holds
    await store.saveUnitBody(a.id, "The bus left her. Then rain.", saved.version);
    expect((await store.readUnit(a.id)).body).toBe("The bus left her. Then rain.");
  });

  it("a file changed while in the trash comes back as a new version", async () => {
    const { store, a } = await book();
    const saved = await store.saveUnitBody(a.id, "The bus left her.", (await store.readUnit(a.id)).version);
    await store.trashUnit(a.id);
    const entry = join(store.dir, ".quire", "trash", a.id);
    const file = (await readdir(entry)).find((n) => n.endsWith(".md"))!;
    await writeFile(join(entry, file), (await readFile(join(entry, file), "utf8")).replace("bus", "coach"));
    await store.restoreUnit(a.id);
    const back = await store.readUnit(a.id);
    expect(back.body).toContain("coach");
    expect(back.version).not.toBe(saved.version);
    await expect(store.saveUnitBody(a.id, "stale", saved.version)).rejects.toMatchObject({ name: expect.stringMatching(/Stale/) });
  });
});
