import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBackend, type Backend } from "../../../electron/node/backend/create-backend";
import { defaultExportProfile } from "../../../electron/shared/export/export-profile";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { treeDigest } from "../store/outside-tree";

/**
 * A project someone shared, used through the contract as the studio uses it. Ids that are
 * paths, trash entries naming files outside, and folders that are links leading out of the
 * project are refused with clear errors that say nothing about what exists outside.
 */
let root: string;
let data: string;
let outside: string;
let backend: Backend;
const events: { name: string; payload: unknown }[] = [];

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; file?: string } };
const call = (method: string, payload: unknown) => backend.dispatcher.dispatch(method, payload) as Promise<Reply>;
async function ok<T>(method: string, payload: unknown): Promise<T> {
  const r = await call(method, payload);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
async function failure(method: string, payload: unknown): Promise<{ code: string; message: string; file?: string }> {
  const r = await call(method, payload);
  if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "quire-hostile-"));
  data = await mkdtemp(join(tmpdir(), "quire-hostile-data-"));
  outside = join(root, "outside");
  await mkdir(join(outside, "snaps"), { recursive: true });
  await mkdir(join(outside, "exports"), { recursive: true });
  await writeFile(join(outside, "victim.md"), "precious outside text\n");
  await writeFile(join(outside, "exports", "secret.docx"), "outside bytes a download must not return");
  await writeFile(join(outside, "snaps", "20260101T000000000Z-abcdef.md"), "---\ntitle: Outside\n---\n\nan outside snapshot\n");
  backend = await createBackend({
    appDataDir: data,
    projectsDir: join(root, "projects"),
    shell: "browser",
    startupProject: null,
    catalogPath: join(import.meta.dirname, "../../../models/catalog.json"),
  });
  events.length = 0;
  backend.dispatcher.subscribe((name, payload) => events.push({ name, payload }));
});

afterEach(async () => {
  await backend.close();
  await rm(root, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });
});

async function shared(title = "Shared", units = ["One", "Two"]): Promise<{ dir: string; handle: string; ids: string[] }> {
  const store = await ProjectStore.create(join(root, "shared"), { title }, { watch: false, app: "test" });
  const ids: string[] = [];
  for (const t of units) {
    const u = await store.createUnit({ parentId: null, level: 0, title: t });
    await store.saveUnitBody(u.id, `Text of ${t}.\n`, (await store.readUnit(u.id)).version);
    ids.push(u.id);
  }
  const dir = store.dir;
  await store.close();
  return { dir, handle: backend.registry.register(dir), ids };
}

async function linkOut(dir: string, sub: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  await rm(join(dir, sub), { recursive: true, force: true });
  await symlink(target, join(dir, sub));
}

describe("ids that are paths, through the contract", () => {
  it("snapshots.list and snapshots.diff refuse ../ unit ids with one message, whether or not the target exists", async () => {
    const { handle } = await shared();
    await ok("projects.open", { handle });
    // from snapshots/, ../../outside/snaps is a real folder holding a file named like a snapshot
    for (const unitId of ["../../outside/snaps", "../../../outside/snaps", "..", "a/b"]) {
      const list = await failure("snapshots.list", { handle, unitId });
      const diff = await failure("snapshots.diff", { handle, unitId, snapshotId: "20260101T000000000Z-abcdef" });
      expect([list.code, diff.code]).toEqual(["invalid-payload", "invalid-payload"]);
    }
    const there = await failure("snapshots.diff", { handle, unitId: "../../../outside/snaps", snapshotId: "20260101T000000000Z-abcdef" });
    const nothing = await failure("snapshots.diff", { handle, unitId: "../../../outside/empty", snapshotId: "20260101T000000000Z-abcdef" });
    expect(there.message.replace("../../../outside/snaps", "<id>")).toBe(nothing.message.replace("../../../outside/empty", "<id>"));
  });

  it("units.restore refuses a ../ id with one message, whether or not an entry exists there", async () => {
    const { dir, handle } = await shared();
    await mkdir(join(dir, ".quire", "evil"), { recursive: true });
    await writeFile(join(dir, ".quire", "evil", "entry.json"), JSON.stringify({ id: "../evil", title: "E", trashedAt: "2026-01-01T00:00:00.000Z", parentId: null, order: 0, files: [] }));
    await ok("projects.open", { handle });
    const a = await failure("units.restore", { handle, id: "../evil" });
    const b = await failure("units.restore", { handle, id: "../gone" });
    expect(a.code).toBe("invalid-payload");
    expect(a.message.replace("evil", "X")).toBe(b.message.replace("gone", "X"));
    expect(await readdir(join(dir, ".quire", "evil"))).toEqual(["entry.json"]);
  });
});

describe("exports/ as a link leading outside", () => {
  it("export.download does not return a file behind a linked exports/ folder", async () => {
    const { dir, handle } = await shared();
    await linkOut(dir, "exports", join(outside, "exports"));
    await ok("projects.open", { handle });
    const error = await failure("export.download", { handle, name: "secret.docx" });
    expect(error.message).toMatch(/exports.*outside the project/);
    expect(JSON.stringify(error)).not.toContain(Buffer.from("outside bytes").toString("base64").slice(0, 12));
  });

  it("export.run does not write through a linked exports/ folder", async () => {
    const { dir, handle } = await shared();
    await linkOut(dir, "exports", join(outside, "exports"));
    const before = await treeDigest(outside);
    await ok("projects.open", { handle });
    const error = await failure("export.run", { handle, profile: defaultExportProfile(["Part", "Chapter", "Scene"], "md"), overwrite: true });
    expect(error.message).toMatch(/exports.*outside the project/);
    expect(await treeDigest(outside)).toEqual(before);
  });
});

describe("export-profiles.json as a link leading outside", () => {
  it("is not read, and saving a profile does not write through it", async () => {
    const { dir, handle } = await shared();
    await writeFile(join(outside, "profiles.json"), JSON.stringify({ version: 1, profiles: [{ secret: "outside" }] }));
    await symlink(join(outside, "profiles.json"), join(dir, "export-profiles.json"));
    const before = await treeDigest(outside);
    await ok("projects.open", { handle });
    const error = await failure("export.profiles", { handle });
    expect(error.message).toMatch(/export-profiles\.json.*outside the project/);
    expect(error.message).not.toContain("secret");
    await call("export.saveProfile", { handle, profile: { ...defaultExportProfile(["Part", "Chapter", "Scene"], "md"), name: "Mine" } });
    expect(await treeDigest(outside)).toEqual(before);
  });
});

describe("outside edits too large to hold", () => {
  it("a unit edited outside to over 20 M characters is refused with a finding, and nothing throws", async () => {
    const { dir, handle, ids } = await shared();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
      await ok("projects.open", { handle });
      const file = join(dir, "manuscript", (await readdir(join(dir, "manuscript"))).find((n) => n.includes(ids[0]!))!);
      const text = await readFile(file, "utf8");
      await writeFile(file, text.replace("Text of One.\n", "x".repeat(20_000_001)));
      await expect
        .poll(() => events.filter((e) => e.name === "project.problem").map((e) => JSON.stringify(e.payload)).join("\n"))
        .toMatch(/manuscript\/.*(too long|over|limit)/);
      const read = await ok<{ body: string }>("units.read", { handle, id: ids[0] });
      expect(read.body).toBe("Text of One.\n");
      await new Promise((r) => setTimeout(r, 300));
      expect(rejections).toEqual([]);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });
});

describe("names cut by bytes", () => {
  const wide = "𠀀".repeat(100); // 100 characters of 4 bytes each: 400 bytes in UTF-8

  it("a title of 4-byte characters makes a project, units, bible entries and exports", async () => {
    const created = await ok<{ handle: string; location: string }>("projects.create", { title: wide, levels: ["Part", "Chapter", "Scene"] });
    expect(Buffer.byteLength(created.location.split("/").pop()!)).toBeLessThanOrEqual(255);
    await ok("projects.open", { handle: created.handle });
    await ok("units.create", { handle: created.handle, parentId: null, level: 0, title: wide });
    await ok("bible.create", { handle: created.handle, entry: { kind: "character", name: wide } });
    for (const format of ["md", "docx"] as const) {
      const run = await ok<{ files: { name: string }[] }>("export.run", { handle: created.handle, profile: defaultExportProfile(["Part", "Chapter", "Scene"], format), overwrite: false });
      for (const f of run.files) expect(Buffer.byteLength(f.name)).toBeLessThanOrEqual(255);
    }
    const second = await ok<{ location: string }>("projects.create", { title: wide });
    expect(second.location).not.toBe(created.location);
  });
});

describe("a hostile shared project", () => {
  it("opens, is used (restore, snapshot, export, download, journal) and leaves every file outside its folder byte-identical", async () => {
    const { dir, handle, ids } = await shared("Hostile", ["One", "Two"]);
    const keep = (await readdir(join(dir, "manuscript"))).find((n) => n.includes(ids[0]!))!;
    // trash entries naming files outside, an entry outside the trash, and a folder waiting two levels up
    for (const [id, files] of [
      ["uevil", ["../../../outside/victim.md"]],
      ["usteal", [`../../../manuscript/${keep}`]],
    ] as const) {
      await mkdir(join(dir, ".quire", "trash", id), { recursive: true });
      await writeFile(join(dir, ".quire", "trash", id, "entry.json"), JSON.stringify({ id, title: id, trashedAt: "2026-01-01T00:00:00.000Z", parentId: null, order: 0, files }));
    }
    await mkdir(join(root, "manuscript"));
    await mkdir(join(dir, ".quire", "evil"), { recursive: true });
    await writeFile(join(dir, ".quire", "evil", "entry.json"), JSON.stringify({ id: "../evil", title: "E", trashedAt: "2026-01-01T00:00:00.000Z", parentId: null, order: 0, files: [`../manuscript/${keep}`] }));
    // folders that are links leading outside
    await linkOut(dir, "snapshots", join(outside, "snaps"));
    await linkOut(dir, "exports", join(outside, "exports"));
    await linkOut(dir, ".quire/journal", join(outside, "journal"));
    await writeFile(join(outside, "journal", `${ids[1]}.json`), JSON.stringify({ unitId: ids[1], body: "outside text offered as yours", baseHash: null, savedAt: "2026-01-01T00:00:00.000Z" }));
    await linkOut(dir, "bible", join(outside, "bible"));
    // files that are links leading outside
    await symlink(join(outside, "victim.md"), join(dir, "manuscript", "victim-u999.md"));
    await rename(join(dir, "brief.md"), join(dir, "brief-old.md"));
    await symlink(join(outside, "victim.md"), join(dir, "brief.md"));
    await symlink(join(outside, "victim.md"), join(dir, "plan.json"));

    const outsideOfProject = async () => {
      const all = await treeDigest(root);
      return Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith("shared/Hostile.quire/")));
    };
    const before = await outsideOfProject();

    const state = await ok<{ units: { id: string }[]; problems: { file: string; message: string }[]; recovery: unknown[] }>("projects.open", { handle });
    expect(state.units.map((u) => u.id).sort()).toEqual([...ids].sort());
    expect(state.recovery).toEqual([]);
    const problems = state.problems.map((p) => `${p.file}: ${p.message}`).join("\n");
    expect(problems).toMatch(/journal.*outside the project/);
    expect(problems).toMatch(/bible.*outside the project/);
    expect(problems).toMatch(/victim-u999\.md/);

    // restore: ../ names and ../ ids
    for (const id of ["uevil", "usteal"]) expect((await failure("units.restore", { handle, id })).message).toMatch(/outside/);
    expect((await failure("units.restore", { handle, id: "../evil" })).code).toBe("invalid-payload");
    expect(await ok("units.listTrash", { handle })).toEqual([]);
    // the project's own trash still works: a unit trashed and restored comes back whole
    await ok("units.trash", { handle, id: ids[0] });
    expect((await ok<{ id: string }[]>("units.listTrash", { handle })).map((t) => t.id)).toEqual([ids[0]]);
    await ok("units.restore", { handle, id: ids[0] });
    expect((await ok<{ body: string }>("units.read", { handle, id: ids[0] })).body).toBe("Text of One.\n");
    // snapshots: taking one needs snapshots/, which leads outside; hostile ids never reach a path
    expect((await failure("snapshots.create", { handle, unitId: ids[0], reason: "manual" })).message).toMatch(/snapshots.*outside the project/);
    expect((await failure("snapshots.list", { handle, unitId: "../../../outside/snaps" })).code).toBe("invalid-payload");
    expect((await failure("snapshots.list", { handle, unitId: ids[0] })).message).toMatch(/snapshots.*outside the project/);
    // export and download
    expect((await failure("export.run", { handle, profile: defaultExportProfile(["Part", "Chapter", "Scene"], "md"), overwrite: true })).message).toMatch(/exports.*outside the project/);
    expect((await failure("export.download", { handle, name: "secret.docx" })).message).toMatch(/exports.*outside the project/);
    // the journal: typing, then a save, then closing
    const one = await ok<{ body: string; version: number }>("units.read", { handle, id: ids[1] });
    await ok("units.journal", { handle, id: ids[1], body: "typed here", baseVersion: one.version });
    await ok("units.save", { handle, id: ids[1], body: "typed here", baseVersion: one.version, writerWordsDelta: 2 });
    await ok("units.journal", { handle, id: ids[1], body: "typed here and more", baseVersion: one.version + 1 }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1200));
    // the brief and the plan are links leading outside: refused, not read
    expect(JSON.stringify(await call("brief.read", { handle }))).not.toContain("precious");
    expect(JSON.stringify(await call("plan.read", { handle }))).not.toContain("precious");
    await ok("projects.close", { handle });

    expect(await outsideOfProject()).toEqual(before);
    expect(await readdir(join(dir, "manuscript"))).toContain(keep);
  });
});
