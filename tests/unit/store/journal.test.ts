import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { Journal, JournalWriter } from "../../../electron/node/store/journal";
import { ProjectPaths } from "../../../electron/node/store/project-paths";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { useTmpDirs } from "./tmp-dir";

const tmp = useTmpDirs();
const open: ProjectStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
const run = promisify(execFile);
const child = fileURLToPath(new URL("./crash-child.ts", import.meta.url));

async function store(dir?: string): Promise<ProjectStore> {
  const s = dir ? await ProjectStore.open(dir, { watch: false, app: "test", journalDelayMs: 20 }) : await ProjectStore.create(await tmp(), { title: "Journal" }, { watch: false, app: "test", journalDelayMs: 20 });
  open.push(s);
  return s;
}

async function crashWithUnsavedEdit(dir: string, unitId: string, text: string): Promise<void> {
  const result = await run(process.execPath, ["--import", "tsx", child, "journal", dir, unitId, text]).catch((e: { signal?: string }) => e);
  expect((result as { signal?: string }).signal).toBe("SIGKILL");
}

describe("journal of unsaved edits", () => {
  it("offers back edits made before a crash (kill -9), and applies them", async () => {
    const s = await store();
    const u = await s.createUnit({ parentId: null, level: 0, title: "One" });
    await s.saveUnitBody(u.id, "Saved text.", (await s.readUnit(u.id)).version);
    await s.close();
    await crashWithUnsavedEdit(s.dir, u.id, "Saved text. And the unsaved sentence.");
    // the file itself never got the edit
    expect(await readFile(join(s.dir, "manuscript", `one-${u.id}.md`), "utf8")).toMatch(/Saved text\.$/);

    const again = await store(s.dir); // the dead child's lock is taken over
    const [entry, ...rest] = again.pendingRecovery();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ unitId: u.id, title: "One", journalBody: "Saved text. And the unsaved sentence.", diskBody: "Saved text.", diskChanged: false });
    const { version } = await again.applyRecovery(u.id);
    expect(await again.readUnit(u.id)).toMatchObject({ body: "Saved text. And the unsaved sentence.", version });
    expect(again.pendingRecovery()).toEqual([]);
    expect((await again.listSnapshots(u.id)).map((x) => x.reason)).toEqual(["before-recovery"]);
    await again.close();
    const third = await store(s.dir);
    expect(third.pendingRecovery()).toEqual([]);
    expect((await third.readUnit(u.id)).body).toBe("Saved text. And the unsaved sentence.");
  }, 30_000);

  it("keeps a discarded recovery as a snapshot rather than losing it", async () => {
    const s = await store();
    const u = await s.createUnit({ parentId: null, level: 0, title: "One" });
    await s.close();
    await crashWithUnsavedEdit(s.dir, u.id, "Words I may want later.");
    const again = await store(s.dir);
    await again.discardRecovery(u.id);
    expect(again.pendingRecovery()).toEqual([]);
    expect((await again.readUnit(u.id)).body).toBe("");
    const [snap] = await again.listSnapshots(u.id);
    expect(snap!.reason).toBe("recovery-set-aside");
    expect((await again.readSnapshot(u.id, snap!.id)).body).toBe("Words I may want later.");
  }, 30_000);

  it("clears the entry once the same text is saved, but keeps newer typing", async () => {
    const s = await store();
    const u = await s.createUnit({ parentId: null, level: 0, title: "One" });
    const v0 = (await s.readUnit(u.id)).version;
    s.stageUnsavedEdit(u.id, "typed", v0);
    await s.flushJournal();
    expect(await readdir(join(s.dir, ".quire", "journal"))).toEqual([`${u.id}.json`]);
    const { version: v1 } = await s.saveUnitBody(u.id, "typed", v0);
    expect(await readdir(join(s.dir, ".quire", "journal"))).toEqual([]);
    s.stageUnsavedEdit(u.id, "typed more", v1);
    await s.saveUnitBody(u.id, "typed mo", v1); // a save of older text while typing went on
    await s.flushJournal();
    const entry = JSON.parse(await readFile(join(s.dir, ".quire", "journal", `${u.id}.json`), "utf8"));
    expect(entry.body).toBe("typed more");
  });

  it("keeps newer typing that already reached the journal when older text is saved", async () => {
    const s = await store();
    const u = await s.createUnit({ parentId: null, level: 0, title: "One" });
    const v0 = (await s.readUnit(u.id)).version;
    s.stageUnsavedEdit(u.id, "typed more", v0);
    await s.flushJournal(); // the journal's timer got there before the save
    await s.saveUnitBody(u.id, "typed mo", v0);
    const entry = JSON.parse(await readFile(join(s.dir, ".quire", "journal", `${u.id}.json`), "utf8"));
    expect(entry.body).toBe("typed more");
  });

  it("clears the entry when the writer types back to the text on disk", async () => {
    const s = await store();
    const u = await s.createUnit({ parentId: null, level: 0, title: "One" });
    const { version } = await s.saveUnitBody(u.id, "Saved.", (await s.readUnit(u.id)).version);
    s.stageUnsavedEdit(u.id, "Saved. Then", version);
    await s.flushJournal();
    expect(await readdir(join(s.dir, ".quire", "journal"))).toEqual([`${u.id}.json`]);
    s.stageUnsavedEdit(u.id, "Saved.", version); // the added word deleted again
    await expect.poll(() => readdir(join(s.dir, ".quire", "journal"))).toEqual([]);
    await s.flushJournal();
    expect(await readdir(join(s.dir, ".quire", "journal"))).toEqual([]);
    // text typed over a stale version is never taken for the disk text
    s.stageUnsavedEdit(u.id, "Saved.", version - 1);
    await s.flushJournal();
    expect(await readdir(join(s.dir, ".quire", "journal"))).toEqual([`${u.id}.json`]);
  });

  it("does not lose recovered text when the writer starts typing over it", async () => {
    const s = await store();
    const u = await s.createUnit({ parentId: null, level: 0, title: "One" });
    await s.close();
    await crashWithUnsavedEdit(s.dir, u.id, "Recovered but ignored.");
    const again = await store(s.dir);
    again.stageUnsavedEdit(u.id, "New typing", (await again.readUnit(u.id)).version);
    await again.flushJournal();
    expect(again.pendingRecovery()).toEqual([]);
    await expect.poll(async () => (await again.listSnapshots(u.id)).length).toBe(1);
    const [snap] = await again.listSnapshots(u.id);
    expect((await again.readSnapshot(u.id, snap!.id)).body).toBe("Recovered but ignored.");
  }, 30_000);

  it("writes at most once per delay while edits keep coming", async () => {
    const dir = await tmp();
    const writes: string[] = [];
    const journal = new Journal(await ProjectPaths.of(dir));
    const realWrite = journal.write.bind(journal);
    journal.write = async (e) => {
      writes.push(e.body);
      await realWrite(e);
    };
    const writer = new JournalWriter(journal, 50);
    for (let i = 0; i < 10; i++) writer.stage("u1", null, `text ${i}`, null);
    expect(writes).toEqual([]);
    await expect.poll(async () => (await journal.read("u1", null))?.body).toBe("text 9");
    expect(writes).toEqual(["text 9"]);
    await writer.close();
  });
});
