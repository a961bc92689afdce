import { mkdir, readdir, readFile, rename, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { treeDigest } from "./outside-tree";
import { useTmpDirs } from "./tmp-dir";

/**
 * A project someone shared may hold links and names that lead out of its folder. Whatever it
 * holds, Quire reads and writes only inside the folder: every case below leaves the folders
 * outside byte-identical.
 */
const tmp = useTmpDirs();
const open: ProjectStore[] = [];
let root: string;
/** a folder beside the project, full of files a hostile project would like to read or overwrite */
let outside: string;

beforeEach(async () => {
  root = await tmp();
  outside = join(root, "outside");
  await mkdir(join(outside, "snaps"), { recursive: true });
  await writeFile(join(outside, "victim.md"), "precious outside text\n");
  await writeFile(join(outside, "notes.json"), '{"keep": true}\n');
  await writeFile(join(outside, "snaps", "20260101T000000000Z-abcdef.md"), "---\ntitle: Outside\n---\n\nan outside snapshot\n");
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
});

async function project(units = ["Keep"]): Promise<{ dir: string; ids: string[] }> {
  const store = await ProjectStore.create(join(root, "shared"), { title: "Shared" }, { watch: false, app: "test" });
  const ids: string[] = [];
  for (const title of units) {
    const u = await store.createUnit({ parentId: null, level: 0, title });
    await store.saveUnitBody(u.id, `Text of ${title}.\n`, (await store.readUnit(u.id)).version);
    ids.push(u.id);
  }
  const dir = store.dir;
  await store.close();
  return { dir, ids };
}

async function openStore(dir: string): Promise<ProjectStore> {
  const store = await ProjectStore.open(dir, { watch: false, app: "test", journalDelayMs: 10 });
  open.push(store);
  return store;
}

async function writeTrashEntry(dir: string, id: string, files: string[]): Promise<void> {
  await mkdir(join(dir, ".quire", "trash", id), { recursive: true });
  await writeFile(
    join(dir, ".quire", "trash", id, "entry.json"),
    JSON.stringify({ id, title: "Hostile", trashedAt: "2026-01-01T00:00:00.000Z", parentId: null, order: 0, files }),
  );
}

/** Replaces a project folder with a link to `target` (an outside folder the link leads to). */
async function linkOut(dir: string, sub: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  await rename(join(dir, sub), join(root, `moved-${sub.replace(/\W/g, "_")}`)).catch(() => undefined);
  await symlink(target, join(dir, sub));
}

describe("trash entries from a shared project", () => {
  it("refuses a ../ name in a trash entry, so restore moves no project file out", async () => {
    const { dir, ids } = await project();
    const keepFile = (await readdir(join(dir, "manuscript")))[0]!;
    // .quire/trash/uevil/../../../manuscript/<file> is the project's own unit file; the same name
    // under manuscript/ leads two levels above the project, where a folder of that name waits.
    await mkdir(join(root, "manuscript"));
    await writeTrashEntry(dir, "uevil", [`../../../manuscript/${keepFile}`]);
    const store = await openStore(dir);
    await expect(store.restoreUnit("uevil")).rejects.toThrow(/entry\.json.*outside|outside.*entry\.json/s);
    expect(await readdir(join(dir, "manuscript"))).toContain(keepFile);
    expect(await readdir(join(root, "manuscript"))).toEqual([]);
    expect((await store.readUnit(ids[0]!)).body).toBe("Text of Keep.\n");
  });

  it("never loads an outside file as a unit through a trash entry, so no save can overwrite it", async () => {
    const { dir } = await project();
    // manuscript/../../../outside/victim.md is the outside file itself
    await writeTrashEntry(dir, "uevil", ["../../../outside/victim.md"]);
    const before = await treeDigest(outside);
    const store = await openStore(dir);
    await expect(store.restoreUnit("uevil")).rejects.toThrow(/outside/);
    for (const u of store.units()) {
      const unit = await store.readUnit(u.id);
      expect(unit.body).not.toContain("precious outside text");
      await store.saveUnitBody(u.id, `${unit.body}More.\n`, unit.version);
    }
    expect(await treeDigest(outside)).toEqual(before);
  });

  it("lists only trash entries whose names and files are plain names inside the trash", async () => {
    const { dir } = await project();
    await writeTrashEntry(dir, "uevil", ["../../../outside/victim.md"]);
    await writeTrashEntry(dir, "uliar", ["fine.md"]);
    // an entry that claims another id than its folder's
    await writeFile(join(dir, ".quire", "trash", "uliar", "entry.json"), JSON.stringify({ id: "../../outside", title: "Liar", trashedAt: "2026-01-01T00:00:00.000Z", parentId: null, order: 0, files: [] }));
    const store = await openStore(dir);
    expect(await store.listTrash()).toEqual([]);
  });
});

describe("ids that would be paths", () => {
  const hostile = ["..", "../outside", "../../outside/snaps", "../../../outside/snaps", "a/b", "u1\0", ".quire", ""];

  it("snapshots: list, read, diff and restore refuse a ../ unit id with one message, whether or not the target exists", async () => {
    const { dir, ids } = await project();
    const store = await openStore(dir);
    const snap = await store.createSnapshot(ids[0]!);
    for (const id of hostile) {
      await expect(store.listSnapshots(id)).rejects.toThrow(/not a valid unit id/);
      await expect(store.readSnapshot(id, "20260101T000000000Z-abcdef")).rejects.toThrow(/not a valid unit id/);
      await expect(store.diffSnapshot(id, "20260101T000000000Z-abcdef")).rejects.toThrow(/not a valid unit id/);
      await expect(store.restoreSnapshot(id, snap.id)).rejects.toThrow(/not a valid unit id/);
    }
    // the message names the id it was given, and nothing about what is on disk
    const messages = await Promise.all(
      ["../../../outside/snaps", "../../../outside/nothing-here"].map((id) => store.listSnapshots(id).then(() => "", (e: Error) => e.message.replace(id, "<id>"))),
    );
    expect(messages[0]).toBe(messages[1]);
  });

  it("restoreUnit refuses a ../ id with one message, whether or not an entry exists there", async () => {
    const { dir } = await project();
    // a trash entry where ../ from .quire/trash leads: .quire/trash/../evil/entry.json
    await mkdir(join(dir, ".quire", "evil"));
    await writeFile(join(dir, ".quire", "evil", "entry.json"), JSON.stringify({ id: "../evil", title: "E", trashedAt: "2026-01-01T00:00:00.000Z", parentId: null, order: 0, files: [] }));
    const store = await openStore(dir);
    const a = await store.restoreUnit("../evil").then(() => "restored", (e: Error) => e.message.replace("../evil", "<id>"));
    const b = await store.restoreUnit("../nothing").then(() => "restored", (e: Error) => e.message.replace("../nothing", "<id>"));
    expect(a).toMatch(/not a valid unit id/);
    expect(a).toBe(b);
  });

  it("a journal entry whose name is not an id is reported, not offered", async () => {
    const { dir } = await project();
    await mkdir(join(dir, ".quire", "journal"), { recursive: true });
    await writeFile(join(dir, ".quire", "journal", "...json"), JSON.stringify({ unitId: "..", body: "x", baseHash: null, savedAt: "2026-01-01T00:00:00.000Z" }));
    const store = await openStore(dir);
    expect(store.pendingRecovery()).toEqual([]);
    expect(store.problems().map((p) => p.file)).toContain(".quire/journal/...json");
  });
});

describe("folders that are links leading outside", () => {
  it("snapshots/: taking, listing and reading snapshots are refused with a clear error", async () => {
    const { dir, ids } = await project();
    await linkOut(dir, "snapshots", join(outside, "snaps-target"));
    await mkdir(join(outside, "snaps-target", ids[0]!), { recursive: true });
    await writeFile(join(outside, "snaps-target", ids[0]!, "20260101T000000000Z-abcdef.md"), "---\ntitle: Outside\n---\n\nan outside snapshot\n");
    const before = await treeDigest(outside);
    const store = await openStore(dir);
    await expect(store.createSnapshot(ids[0]!)).rejects.toThrow(/snapshots.*outside the project/);
    await expect(store.listSnapshots(ids[0]!)).rejects.toThrow(/snapshots.*outside the project/);
    await expect(store.readSnapshot(ids[0]!, "20260101T000000000Z-abcdef")).rejects.toThrow(/snapshots.*outside the project/);
    const u = await store.readUnit(ids[0]!);
    await expect(store.rewriteUnitBody(ids[0]!, "Rewritten.\n", u.version)).rejects.toThrow(/snapshots.*outside the project/);
    expect((await store.readUnit(ids[0]!)).body).toBe("Text of Keep.\n");
    expect(await treeDigest(outside)).toEqual(before);
  });

  it("a link that stays inside the project is followed", async () => {
    const { dir, ids } = await project();
    await mkdir(join(dir, "kept-snapshots"));
    await linkOut(dir, "snapshots", join(dir, "kept-snapshots"));
    const store = await openStore(dir);
    const snap = await store.createSnapshot(ids[0]!);
    expect((await store.listSnapshots(ids[0]!)).map((s) => s.id)).toEqual([snap.id]);
    expect(await readdir(join(dir, "kept-snapshots", ids[0]!))).toEqual([`${snap.id}.md`]);
  });

  it(".quire/journal/: unsaved edits are not written there, and entries found there are not offered", async () => {
    const { dir, ids } = await project();
    await linkOut(dir, ".quire/journal", join(outside, "journal"));
    await writeFile(join(outside, "journal", `${ids[0]}.json`), JSON.stringify({ unitId: ids[0], body: "outside text offered as yours", baseHash: null, savedAt: "2026-01-01T00:00:00.000Z" }));
    const before = await treeDigest(outside);
    const store = await openStore(dir);
    expect(store.pendingRecovery()).toEqual([]);
    expect(store.problems().some((p) => p.file.startsWith(".quire/journal") && /outside the project/.test(p.message))).toBe(true);
    const u = await store.readUnit(ids[0]!);
    store.stageUnsavedEdit(ids[0]!, "typing", u.version);
    await store.flushJournal().catch(() => undefined);
    await store.saveUnitBody(ids[0]!, "typing", u.version);
    expect(await treeDigest(outside)).toEqual(before);
  });

  it(".quire/trash/: trashing is refused with a clear error and the unit stays", async () => {
    const { dir, ids } = await project(["Keep", "Other"]);
    await linkOut(dir, ".quire/trash", join(outside, "trash"));
    const before = await treeDigest(outside);
    const store = await openStore(dir);
    await expect(store.trashUnit(ids[0]!)).rejects.toThrow(/trash.*outside the project/);
    expect(store.units().map((u) => u.id)).toEqual(ids);
    expect((await readdir(join(dir, "manuscript"))).length).toBe(2);
    await expect(store.listTrash()).rejects.toThrow(/trash.*outside the project/);
    expect(await treeDigest(outside)).toEqual(before);
  });

  it("manuscript/ and bible/: the project opens with the problem named, and nothing outside is read or written", async () => {
    const { dir } = await project();
    await linkOut(dir, "manuscript", join(outside, "ms"));
    await writeFile(join(outside, "ms", "stolen-u123.md"), "---\nid: u123\ntitle: Stolen\n---\n\nread through a link\n");
    await linkOut(dir, "bible", join(outside, "bible"));
    await writeFile(join(outside, "bible", "who-b123.md"), "---\nid: b123\nkind: character\nname: Who\n---\n\nread through a link\n");
    const before = await treeDigest(outside);
    const store = await openStore(dir);
    expect(store.units()).toEqual([]);
    expect(store.listBible()).toEqual([]);
    const problems = store.problems().map((p) => `${p.file}: ${p.message}`).join("\n");
    expect(problems).toMatch(/manuscript.*outside the project/);
    expect(problems).toMatch(/bible.*outside the project/);
    await expect(store.createUnit({ parentId: null, level: 0, title: "New" })).rejects.toThrow(/manuscript.*outside the project/);
    await expect(store.createBibleEntry({ kind: "place", name: "Here" })).rejects.toThrow(/bible.*outside the project/);
    expect(await treeDigest(outside)).toEqual(before);
  });

  it(".quire/ itself: the project is refused before anything is written there", async () => {
    const { dir } = await project();
    await linkOut(dir, ".quire", join(outside, "dot-quire"));
    const before = await treeDigest(outside);
    await expect(ProjectStore.open(dir, { watch: false, app: "test" })).rejects.toThrow(/\.quire.*outside the project/);
    expect(await treeDigest(outside)).toEqual(before);
  });

  it("quire.json, brief.md and plan.json that are links leading outside are not read", async () => {
    const { dir } = await project();
    await writeFile(join(outside, "brief.md"), "an outside brief");
    await writeFile(join(outside, "plan.json"), '{"outside": true}');
    await rename(join(dir, "brief.md"), join(root, "old-brief.md"));
    await symlink(join(outside, "brief.md"), join(dir, "brief.md"));
    await symlink(join(outside, "plan.json"), join(dir, "plan.json"));
    const before = await treeDigest(outside);
    const store = await openStore(dir);
    await expect(store.readBrief()).rejects.toThrow(/brief\.md.*outside the project/);
    await expect(store.readPlan()).rejects.toThrow(/plan\.json.*outside the project/);
    await store.close();
    await writeFile(join(outside, "quire.json"), await readFile(join(dir, "quire.json")));
    await rename(join(dir, "quire.json"), join(root, "old-quire.json"));
    await symlink(join(outside, "quire.json"), join(dir, "quire.json"));
    const beforeOpen = await treeDigest(outside);
    await expect(ProjectStore.open(dir, { watch: false, app: "test" })).rejects.toThrow(/quire\.json.*outside the project/);
    expect(await treeDigest(outside)).toEqual(beforeOpen);
    expect(beforeOpen).toMatchObject(before);
  });

  it("a unit file that is a link leading outside is named as a problem, not opened", async () => {
    const { dir } = await project();
    await symlink(join(outside, "victim.md"), join(dir, "manuscript", "victim-u999.md"));
    const store = await openStore(dir);
    expect(store.units().map((u) => u.title)).toEqual(["Keep"]);
    expect(store.problems().map((p) => p.file)).toContain("manuscript/victim-u999.md");
  });
});
