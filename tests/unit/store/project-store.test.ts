import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, basename } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError, ProjectFileError, StaleVersionError, InvalidOperationError } from "../../../electron/node/store/errors";
import { parseUnitText, readProjectData, serializeUnit } from "../../../electron/node/store/project-files";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { useTmpDirs } from "./tmp-dir";

const tmp = useTmpDirs();
const open: ProjectStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function newStore(title = "The Salt Road", levels?: string[]): Promise<ProjectStore> {
  const store = await ProjectStore.create(await tmp(), { title, author: "A. Writer", language: "en-GB", levels }, { watch: false, app: "test" });
  open.push(store);
  return store;
}

async function reopen(store: ProjectStore): Promise<ProjectStore> {
  await store.close();
  const again = await ProjectStore.open(store.dir, { watch: false, app: "test" });
  open.push(again);
  return again;
}

const titles = (store: ProjectStore) => store.units().map((u) => u.title);

describe("ProjectStore: creating and opening", () => {
  it("creates Title.quire with a unique, file-safe name", async () => {
    const parent = await tmp();
    const a = await ProjectStore.create(parent, { title: 'A/B: "C"?' }, { watch: false });
    const b = await ProjectStore.create(parent, { title: 'A/B: "C"?' }, { watch: false });
    open.push(a, b);
    expect(basename(a.dir)).toBe("A B C.quire");
    expect(basename(b.dir)).toBe("A B C 2.quire");
    expect(a.meta().title).toBe('A/B: "C"?');
    expect(a.meta().id).not.toBe(b.meta().id);
  });

  it("refuses a folder that is not a project, without touching it", async () => {
    const dir = await tmp();
    await expect(ProjectStore.open(dir)).rejects.toThrow(ProjectFileError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("reports a corrupt quire.json naming the file", async () => {
    const store = await newStore();
    await store.close();
    await writeFile(join(store.dir, "quire.json"), "{ not json");
    await expect(ProjectStore.open(store.dir, { watch: false })).rejects.toThrow(new RegExp(`${join(store.dir, "quire.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*not valid JSON`));
  });
});

describe("ProjectStore: the unit tree", () => {
  it("builds a tree of any depth with any level names, and keeps it across reopen", async () => {
    let store = await newStore("Course", ["Week", "Day", "Lesson", "Step"]);
    const w1 = await store.createUnit({ parentId: null, level: 0, title: "Week 1" });
    const d1 = await store.createUnit({ parentId: w1.id, level: 1, title: "Monday" });
    const l1 = await store.createUnit({ parentId: d1.id, level: 2, title: "Lesson A" });
    await store.createUnit({ parentId: l1.id, level: 3, title: "Step 1" });
    await store.createUnit({ parentId: l1.id, level: 3, title: "Step 0", index: 0 });
    await store.createUnit({ parentId: null, level: 0, title: "Week 2" });
    const expected = ["Week 1", "Monday", "Lesson A", "Step 0", "Step 1", "Week 2"];
    expect(titles(store)).toEqual(expected);
    store = await reopen(store);
    expect(titles(store)).toEqual(expected);
    expect(store.meta().levels).toEqual(["Week", "Day", "Lesson", "Step"]);
    expect(store.units().map((u) => u.level)).toEqual([0, 1, 2, 3, 3, 0]);
  });

  it("moves units between parents and within siblings, children travelling along", async () => {
    const store = await newStore();
    const p1 = await store.createUnit({ parentId: null, level: 0, title: "P1" });
    const p2 = await store.createUnit({ parentId: null, level: 0, title: "P2" });
    const a = await store.createUnit({ parentId: p1.id, level: 1, title: "A" });
    await store.createUnit({ parentId: a.id, level: 2, title: "A.1" });
    const b = await store.createUnit({ parentId: p1.id, level: 1, title: "B" });
    await store.moveUnit(b.id, p1.id, 0);
    expect(titles(store)).toEqual(["P1", "B", "A", "A.1", "P2"]);
    await store.moveUnit(a.id, p2.id, 0);
    expect(titles(store)).toEqual(["P1", "B", "P2", "A", "A.1"]);
    await expect(store.moveUnit(p2.id, a.id, 0)).rejects.toThrow(InvalidOperationError);
    const orders = store.units().map((u) => [u.title, u.order]);
    expect(orders).toEqual([["P1", 0], ["B", 0], ["P2", 1], ["A", 0], ["A.1", 0]]);
    expect(titles(await reopen(store))).toEqual(["P1", "B", "P2", "A", "A.1"]);
  });

  it("keeps a unit's file name when it is renamed or moved", async () => {
    const store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "First Title" });
    const file = store.unitFilePath(u.id);
    expect(basename(file)).toBe(`first-title-${u.id}.md`);
    await store.updateUnit(u.id, { title: "Another", synopsis: "What happens", status: "revised", targetWords: 3000 });
    expect(store.unitFilePath(u.id)).toBe(file);
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/title: Another/);
    expect(text).toMatch(/status: revised/);
  });

  it("trashes a unit with its children and restores them where they were", async () => {
    let store = await newStore();
    const p = await store.createUnit({ parentId: null, level: 0, title: "P" });
    await store.createUnit({ parentId: p.id, level: 1, title: "A" });
    const b = await store.createUnit({ parentId: p.id, level: 1, title: "B" });
    const b1 = await store.createUnit({ parentId: b.id, level: 2, title: "B1" });
    await store.createUnit({ parentId: p.id, level: 1, title: "C" });
    const { version } = await store.readUnit(b1.id);
    const saved = await store.saveUnitBody(b1.id, "Words in B1.", version);
    store.stageUnsavedEdit(b1.id, "Words in B1. Unsaved.", saved.version);
    await store.trashUnit(b.id);
    const [setAside] = await store.listSnapshots(b1.id);
    expect((await store.readSnapshot(b1.id, setAside!.id)).body).toBe("Words in B1. Unsaved.");
    expect(titles(store)).toEqual(["P", "A", "C"]);
    expect((await readdir(join(store.dir, "manuscript"))).some((f) => f.includes(b1.id))).toBe(false);
    expect((await store.listTrash()).map((t) => t.title)).toEqual(["B"]);
    store = await reopen(store);
    expect(titles(store)).toEqual(["P", "A", "C"]);
    expect(store.pendingRecovery()).toEqual([]);
    await store.restoreUnit(b.id);
    expect(titles(store)).toEqual(["P", "A", "B", "B1", "C"]);
    expect((await store.readUnit(b1.id)).body).toBe("Words in B1.");
    expect(await store.listTrash()).toEqual([]);
    await expect(store.restoreUnit(b.id)).rejects.toThrow(NotFoundError);
  });
});

describe("ProjectStore: saving", () => {
  it("saves a body, bumps the version and refuses a stale base version", async () => {
    const store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
    const v0 = (await store.readUnit(u.id)).version;
    const { version: v1 } = await store.saveUnitBody(u.id, "First draft.", v0);
    expect(v1).not.toBe(v0);
    const { version: v2 } = await store.saveUnitBody(u.id, "Second draft, newer.", v1);
    // a late save based on v1 must not undo the newer text
    const late = await store.saveUnitBody(u.id, "First draft, late.", v1).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(StaleVersionError);
    expect((await store.readUnit(u.id)).body).toBe("Second draft, newer.");
    expect((await store.readUnit(u.id)).version).toBe(v2);
    expect((await readProjectData(store.dir)).units[0]!.body).toBe("Second draft, newer.");
  });

  it("lets only one of two concurrent saves from the same base through", async () => {
    const store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
    const v0 = (await store.readUnit(u.id)).version;
    const results = await Promise.allSettled([store.saveUnitBody(u.id, "tab A", v0), store.saveUnitBody(u.id, "tab B", v0)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect((await store.readUnit(u.id)).body).toBe("tab A");
  });

  it("refuses a version from an earlier session", async () => {
    let store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
    const { version } = await store.saveUnitBody(u.id, "text", (await store.readUnit(u.id)).version);
    store = await reopen(store);
    await expect(store.saveUnitBody(u.id, "from an old tab", version)).rejects.toThrow(StaleVersionError);
  });

  it("keeps front matter keys added by hand when Quire rewrites the file", async () => {
    let store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
    await store.close();
    const file = join(store.dir, "manuscript", `one-${u.id}.md`);
    await writeFile(file, (await readFile(file, "utf8")).replace("---\n\n", "pov: Mara\n---\n\n"));
    store = await reopen(store);
    await store.saveUnitBody(u.id, "New text", (await store.readUnit(u.id)).version);
    expect(await readFile(file, "utf8")).toMatch(/pov: Mara/);
  });
});

describe("ProjectStore: outside edits racing a save", () => {
  // No watcher here: the edit lands just before Quire writes, before any fs event could be handled.
  async function editOutside(store: ProjectStore, id: string, body: string) {
    const file = store.unitFilePath(id);
    const parsed = parseUnitText(await readFile(file, "utf8"), file);
    await writeFile(file, serializeUnit({ ...parsed.value, body }, parsed.extra));
  }

  it("refuses a save based on text that was changed outside, instead of overwriting it", async () => {
    const store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
    const { version } = await store.saveUnitBody(u.id, "Quire's text.", (await store.readUnit(u.id)).version);
    const events: string[] = [];
    store.onEvent((e) => events.push(e.type));
    await editOutside(store, u.id, "Changed in another editor.");
    await expect(store.saveUnitBody(u.id, "Quire's text, edited.", version)).rejects.toThrow(StaleVersionError);
    expect(await readFile(store.unitFilePath(u.id), "utf8")).toMatch(/Changed in another editor\.$/);
    expect(events).toContain("unit-changed-on-disk");
    expect((await store.readUnit(u.id)).body).toBe("Changed in another editor.");
  });

  it("applies a metadata change on top of an outside edit of the body", async () => {
    const store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
    await store.saveUnitBody(u.id, "Old.", (await store.readUnit(u.id)).version);
    await editOutside(store, u.id, "New from outside.");
    await store.updateUnit(u.id, { title: "Renamed" });
    const onDisk = parseUnitText(await readFile(store.unitFilePath(u.id), "utf8"), "x.md").value;
    expect(onDisk).toMatchObject({ title: "Renamed", body: "New from outside." });
  });
});

describe("ProjectStore: bad files", () => {
  it("opens the rest of the project and names each bad file", async () => {
    let store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "Good" });
    await store.close();
    const m = join(store.dir, "manuscript");
    await writeFile(join(m, "junk.md"), Buffer.from([0, 1, 2, 3, 255]));
    await writeFile(join(m, "broken.md"), "---\nid: [\n---\nText");
    await writeFile(join(m, "odd.md"), "---\nid: odd1\ntitle: Odd\nstatus: finished\n---\n\nOdd text");
    store = await reopen(store);
    expect(titles(store)).toEqual(["Good", "Odd"]);
    expect((await store.readUnit("odd1")).status).toBe("draft");
    const files = store.problems().map((p) => p.file).sort();
    expect(files).toEqual(["manuscript/broken.md", "manuscript/junk.md", "manuscript/odd.md"]);
    expect((await store.readUnit(u.id)).title).toBe("Good");
  });

  it("keeps the text of a unit whose file was deleted while open, and writes it again on save", async () => {
    const store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
    const { version } = await store.saveUnitBody(u.id, "Precious words.", (await store.readUnit(u.id)).version);
    const events: string[] = [];
    store.onEvent((e) => events.push(e.type));
    await rm(store.unitFilePath(u.id));
    await store.checkDisk();
    expect(events).toContain("unit-removed-on-disk");
    expect(store.problems().map((p) => p.file)).toContain(`manuscript/one-${u.id}.md`);
    expect((await store.readUnit(u.id)).body).toBe("Precious words.");
    await store.saveUnitBody(u.id, "Precious words, and more.", version);
    expect(await readFile(store.unitFilePath(u.id), "utf8")).toMatch(/Precious words, and more\.$/);
  });

  it("rejects invalid project settings without changing them", async () => {
    const store = await newStore();
    await expect(store.updateMeta({ language: "not a tag!" })).rejects.toThrow(/language/);
    expect(store.meta().language).toBe("en-GB");
    const meta = await store.updateMeta({ targetWords: 90000, deadline: "2027-03-01", levels: ["Act", "Scene"] });
    expect(meta.targetWords).toBe(90000);
    expect(JSON.parse(await readFile(join(store.dir, "quire.json"), "utf8")).levels).toEqual(["Act", "Scene"]);
  });
});

describe("ProjectStore: bible, brief, plan, history", () => {
  it("creates, updates, lists and deletes bible entries as Markdown files", async () => {
    let store = await newStore();
    const mara = await store.createBibleEntry({ kind: "character", name: "Mara", aliases: ["the salt-wife"], attributes: { eyes: "green" }, notes: "Keeps bees." });
    await store.createBibleEntry({ kind: "place", name: "Eastmarsh" });
    await store.updateBibleEntry(mara.id, { attributes: { eyes: "grey" } });
    store = await reopen(store);
    expect(store.listBible().map((b) => b.name)).toEqual(["Eastmarsh", "Mara"]);
    expect((await store.readBibleEntry(mara.id)).attributes).toEqual({ eyes: "grey" });
    expect((await store.readBibleEntry(mara.id)).notes).toBe("Keeps bees.");
    await store.deleteBibleEntry(mara.id);
    expect(store.listBible().map((b) => b.name)).toEqual(["Eastmarsh"]);
    expect(await readdir(join(store.dir, ".quire", "trash", "bible"))).toEqual([`mara-${mara.id}.md`]);
  });

  it("reads and writes brief.md and plan.json, and names plan.json when it is broken", async () => {
    const store = await newStore();
    expect(await store.readBrief()).toBe("");
    expect(await store.readPlan()).toBeNull();
    await store.writeBrief("A quiet novel about salt.\n");
    await store.writePlan({ chapters: [{ title: "One" }] });
    expect(await store.readBrief()).toBe("A quiet novel about salt.\n");
    expect(await store.readPlan()).toEqual({ chapters: [{ title: "One" }] });
    await writeFile(join(store.dir, "plan.json"), "{");
    await expect(store.readPlan()).rejects.toThrow(/plan\.json is not valid JSON/);
  });

  it("adds up the words written per day", async () => {
    let store = await newStore();
    await store.recordWordsWritten(120, "2026-11-28");
    await store.recordWordsWritten(300, "2026-11-29");
    await store.recordWordsWritten(-20, "2026-11-29");
    store = await reopen(store);
    expect(store.meta().history).toEqual([
      { date: "2026-11-28", words: 120 },
      { date: "2026-11-29", words: 280 },
    ]);
  });

  it("counts words with the project's counter", async () => {
    const store = await newStore();
    const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
    await store.saveUnitBody(u.id, "東京の夜 is long", (await store.readUnit(u.id)).version);
    expect(store.wordCounts()[u.id]).toBe(6);
    await store.updateMeta({ language: "ja" });
    expect(store.countUnit()).toBe("characters");
    expect(store.wordCounts()[u.id]).toBe(10);
  });

  it("adopts a Markdown file dropped into manuscript/ and gives it front matter on save", async () => {
    let store = await newStore();
    await store.close();
    await writeFile(join(store.dir, "manuscript", "loose-notes.md"), "# Notes\n\nSome text.\n");
    store = await reopen(store);
    const [u] = store.units();
    expect(u!.title).toBe("loose notes");
    expect((await store.readUnit(u!.id)).body).toBe("# Notes\n\nSome text.\n");
    await store.saveUnitBody(u!.id, "# Notes\n\nMore text.\n", (await store.readUnit(u!.id)).version);
    const text = await readFile(join(store.dir, "manuscript", "loose-notes.md"), "utf8");
    expect(text.startsWith(`---\nid: ${u!.id}\n`)).toBe(true);
    store = await reopen(store);
    expect(store.units().map((x) => x.id)).toEqual([u!.id]);
  });
});
