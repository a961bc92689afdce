import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError } from "../../../electron/node/store/errors";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { diffTexts } from "../../../electron/shared/text/diff";
import { useTmpDirs } from "./tmp-dir";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";

const tmp = useTmpDirs();
const open: ProjectStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function unitWith(body: string) {
  const store = await ProjectStore.create(await tmp(), { title: "Snaps" }, { watch: false, app: "test" });
  open.push(store);
  const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
  const { version } = await store.saveUnitBody(u.id, body, (await store.readUnit(u.id)).version);
  return { store, id: u.id, version };
}

describe("snapshots", () => {
  it("takes, lists (newest first) and reads snapshots, stored as readable Markdown", async () => {
    const { store, id, version } = await unitWith("The first version of the scene.");
    const a = await store.createSnapshot(id, "manual");
    await store.saveUnitBody(id, "The second version of the scene, longer.", version);
    const b = await store.createSnapshot(id);
    const list = await store.listSnapshots(id);
    expect(list.map((s) => s.id)).toEqual([b.id, a.id]);
    expect(list[1]).toMatchObject({ unitId: id, title: "One", reason: "manual", words: 6 });
    expect((await store.readSnapshot(id, a.id)).body).toBe("The first version of the scene.");
    const files = await readdir(join(store.dir, "snapshots", id));
    expect(files.sort()).toEqual([`${a.id}.md`, `${b.id}.md`].sort());
    expect(await readFile(join(store.dir, "snapshots", id, `${a.id}.md`), "utf8")).toMatch(/reason: manual[\s\S]*The first version of the scene\.$/);
    await expect(store.readSnapshot(id, "20990101T000000000Z-nope")).rejects.toThrow(NotFoundError);
    await expect(store.readSnapshot(id, "../../quire")).rejects.toThrow(NotFoundError);
  });

  it("diffs a snapshot against the current text by words and by lines", async () => {
    const { store, id, version } = await unitWith("Mara walked to the sea.\nThe gulls cried.\n");
    const snap = await store.createSnapshot(id);
    await store.saveUnitBody(id, "Mara ran to the grey sea.\nThe gulls cried.\n", version);
    const words = await store.diffSnapshot(id, snap.id);
    expect(words.parts.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(["walked"]);
    expect(words.parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(["ran", "grey"]);
    const lines = await store.diffSnapshot(id, snap.id, { granularity: "lines" });
    expect(lines.parts.filter((p) => !p.added && !p.removed).map((p) => p.value)).toEqual(["The gulls cried.\n"]);
  });

  it("restores a snapshot after snapshotting the current text, so the restore can be undone", async () => {
    const { store, id, version } = await unitWith("Old text.");
    const snap = await store.createSnapshot(id, "before-rewrite");
    await store.saveUnitBody(id, "New text the writer may still want.", version);
    const restored = await store.restoreSnapshot(id, snap.id);
    expect(restored.body).toBe("Old text.");
    expect(await store.readUnit(id)).toMatchObject({ body: "Old text.", version: restored.version });
    expect(restored.snapshot.reason).toBe("before-restore");
    expect((await store.readSnapshot(id, restored.snapshot.id)).body).toBe("New text the writer may still want.");
    await expect(store.saveUnitBody(id, "late", version)).rejects.toThrow(/refused/);
  });

  it("snapshots before an automated rewrite", async () => {
    const { store, id, version } = await unitWith("Writer's words.");
    const { snapshot, version: v2 } = await store.rewriteUnitBody(id, "Model's rewrite.", version);
    expect((await store.readSnapshot(id, snapshot.id)).body).toBe("Writer's words.");
    expect(await store.readUnit(id)).toMatchObject({ body: "Model's rewrite.", version: v2 });
  });
});

describe("diffTexts", () => {
  const cases = [
    ["", "new"],
    ["same", "same"],
    ["a b c", "a  c d"],
    ["東京の夜 🌊", "京都の朝 🌊"],
    ["line 1\nline 2\n", "line 1\nline 2 changed\nline 3"],
  ] as const;
  it.each(cases)("rebuilds both texts from the parts: %j → %j", (before, after) => {
    for (const granularity of ["words", "lines"] as const) {
      const { parts } = diffTexts(before, after, granularity);
      expect(parts.filter((p) => !p.added).map((p) => p.value).join("")).toBe(before);
      expect(parts.filter((p) => !p.removed).map((p) => p.value).join("")).toBe(after);
    }
  });
});
