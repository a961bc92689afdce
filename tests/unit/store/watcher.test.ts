import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { serializeUnit, parseUnitText } from "../../../electron/node/store/project-files";
import { ProjectStore, type StoreEvent } from "../../../electron/node/store/project-store";
import { StaleVersionError } from "../../../electron/node/store/errors";
import { useTmpDirs } from "./tmp-dir";

const tmp = useTmpDirs();
const open: ProjectStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function watched() {
  const store = await ProjectStore.create(await tmp(), { title: "Watched" }, { app: "test", journalDelayMs: 20 });
  open.push(store);
  const events: StoreEvent[] = [];
  store.onEvent((e) => events.push(e));
  const a = await store.createUnit({ parentId: null, level: 0, title: "A" });
  const b = await store.createUnit({ parentId: null, level: 0, title: "B" });
  const va = (await store.saveUnitBody(a.id, "A text.", (await store.readUnit(a.id)).version)).version;
  return { store, events, a: a.id, b: b.id, va };
}

/** Edits a unit file as another program would: same front matter, new body. */
async function editOutside(store: ProjectStore, id: string, body: string): Promise<void> {
  const file = store.unitFilePath(id);
  const parsed = parseUnitText(await readFile(file, "utf8"), file);
  await writeFile(file, serializeUnit({ ...parsed.value, body }, parsed.extra));
}

const has = (events: StoreEvent[], type: StoreEvent["type"], id?: string) => events.some((e) => e.type === type && (id === undefined || ("id" in e && e.id === id)));

describe("outside changes", () => {
  it("reloads a clean unit changed outside Quire and reports it", async () => {
    const { store, events, a, va } = await watched();
    await editOutside(store, a, "Edited in another editor.");
    await expect.poll(() => has(events, "unit-changed-on-disk", a), { timeout: 5000 }).toBe(true);
    // writeFile truncates, then writes: on a loaded machine the watcher may see the empty file first
    // and the full one a moment later (a second reload), so wait for the text, not the first event
    await expect.poll(async () => (await store.readUnit(a)).body).toBe("Edited in another editor.");
    const now = await store.readUnit(a);
    expect(now.version).not.toBe(va);
    await expect(store.saveUnitBody(a, "Quire's stale copy", va)).rejects.toThrow(StaleVersionError);
  });

  it("reports a conflict when the unit also has unsaved edits, and keeps both texts", async () => {
    const { store, events, a, va } = await watched();
    store.stageUnsavedEdit(a, "A text. Typed in Quire.", va);
    await editOutside(store, a, "A text. Typed elsewhere.");
    await expect.poll(() => has(events, "conflict", a), { timeout: 5000 }).toBe(true);
    expect(has(events, "unit-changed-on-disk", a)).toBe(false);
    // Quire's save based on the old version is refused: the outside text is not silently overwritten
    await expect(store.saveUnitBody(a, "A text. Typed in Quire.", va)).rejects.toThrow(StaleVersionError);
    expect(await readFile(store.unitFilePath(a), "utf8")).toMatch(/Typed elsewhere\.$/);
    const reasons = (await store.listSnapshots(a)).map((s) => s.reason).sort();
    expect(reasons).toEqual(["before-external-change", "external-change"]);
    await store.flushJournal();
    expect(JSON.parse(await readFile(join(store.dir, ".quire", "journal", `${a}.json`), "utf8")).body).toBe("A text. Typed in Quire.");
    // the writer chooses their text knowingly, against the new version
    const { version } = await store.readUnit(a);
    await store.saveUnitBody(a, "A text. Typed in Quire.", version);
    expect(await readFile(store.unitFilePath(a), "utf8")).toMatch(/Typed in Quire\.$/);
  });

  it("lets the writer take the outside text instead, keeping their edits as a snapshot", async () => {
    const { store, events, a, va } = await watched();
    store.stageUnsavedEdit(a, "Mine, unsaved.", va);
    await editOutside(store, a, "Theirs, on disk.");
    await expect.poll(() => has(events, "conflict", a), { timeout: 5000 }).toBe(true);
    await store.discardUnsavedEdit(a);
    expect((await store.readUnit(a)).body).toBe("Theirs, on disk.");
    const kept = (await store.listSnapshots(a)).find((x) => x.reason === "unsaved-edits-set-aside")!;
    expect((await store.readSnapshot(a, kept.id)).body).toBe("Mine, unsaved.");
    // no longer "unsaved": the next outside edit is a clean reload, and nothing is offered on reopen
    await editOutside(store, a, "Theirs again.");
    await expect.poll(() => has(events, "unit-changed-on-disk", a), { timeout: 5000 }).toBe(true);
    await store.close();
    const again = await ProjectStore.open(store.dir, { watch: false, app: "test" });
    open.push(again);
    expect(again.pendingRecovery()).toEqual([]);
  });

  it("does not report the store's own writes", async () => {
    const { store, events, a, b, va } = await watched();
    await store.saveUnitBody(a, "Saved by Quire.", va);
    await store.updateUnit(a, { title: "A renamed" });
    await store.recordWordsWritten(10, "2026-11-29");
    // a later outside edit to another unit: once it is seen, any event for our own writes would have been seen too
    await editOutside(store, b, "B edited outside.");
    await expect.poll(() => has(events, "unit-changed-on-disk", b), { timeout: 5000 }).toBe(true);
    await store.checkDisk();
    expect(events.filter((e) => "id" in e && e.id === a)).toEqual([]);
    expect(has(events, "meta-changed-on-disk")).toBe(false);
  });

  it("reports a removed file, and follows a file renamed outside", async () => {
    const { store, events, a, b } = await watched();
    await rm(store.unitFilePath(a));
    await expect.poll(() => has(events, "unit-removed-on-disk", a), { timeout: 5000 }).toBe(true);
    expect((await store.readUnit(a)).body).toBe("A text.");
    const oldPath = store.unitFilePath(b);
    await rename(oldPath, join(store.dir, "manuscript", "renamed-by-hand.md"));
    await expect.poll(() => store.unitFilePath(b).endsWith("renamed-by-hand.md"), { timeout: 5000 }).toBe(true);
    expect(store.units().map((u) => u.id)).toEqual([a, b]);
  });

  it("picks up a unit file added outside Quire", async () => {
    const { store, events } = await watched();
    await writeFile(join(store.dir, "manuscript", "new-x1.md"), serializeUnit({ id: "x1", parentId: null, level: 0, order: 5, title: "Added by hand", synopsis: "", targetWords: null, status: "draft", notes: "", body: "Hello." }));
    await expect.poll(() => has(events, "unit-added-on-disk", "x1"), { timeout: 5000 }).toBe(true);
    await expect.poll(() => has(events, "units-changed"), { timeout: 5000 }).toBe(true);
    expect(store.units().map((u) => u.title)).toEqual(["A", "B", "Added by hand"]);
  });

  it("reports a unit file broken outside Quire and keeps the text it had", async () => {
    const { store, events, a } = await watched();
    await writeFile(store.unitFilePath(a), Buffer.from([0, 159, 146, 150]));
    await expect.poll(() => events.some((e) => e.type === "problem" && e.problem.file.includes(a)), { timeout: 5000 }).toBe(true);
    expect((await store.readUnit(a)).body).toBe("A text.");
  });

  it("reloads quire.json edited outside, and reports a broken one without losing the settings", async () => {
    const { store, events } = await watched();
    const file = join(store.dir, "quire.json");
    const meta = JSON.parse(await readFile(file, "utf8"));
    await writeFile(file, JSON.stringify({ ...meta, targetWords: 50000 }));
    await expect.poll(() => store.meta().targetWords, { timeout: 5000 }).toBe(50000);
    expect(has(events, "meta-changed-on-disk")).toBe(true);
    await writeFile(file, "{ broken");
    await expect.poll(() => events.some((e) => e.type === "problem" && e.problem.file === "quire.json"), { timeout: 5000 }).toBe(true);
    expect(store.meta().targetWords).toBe(50000);
  });
});
