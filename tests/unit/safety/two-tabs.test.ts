/**
 * Two tabs on one unit (issue 16, item 5), through the contract: each tab's unsaved text has its
 * own journal entry, so after a crash both are offered back; a save is announced to every other
 * tab with the new version, and not mistaken by the saving tab for someone else's.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBackend, type Backend } from "../../../electron/node/backend/create-backend";
import { ProjectStore } from "../../../electron/node/store/project-store";

let root: string;
let backend: Backend;

async function call<T = unknown>(method: string, payload: unknown): Promise<T> {
  const reply = (await backend.dispatcher.dispatch(method, payload)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}

const start = () =>
  createBackend({
    appDataDir: join(root, "data"),
    projectsDir: join(root, "projects"),
    shell: "browser",
    startupProject: null,
    catalogPath: join(import.meta.dirname, "../../../models/catalog.json"),
  });

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "quire-tabs-"));
  mkdirSync(join(root, "projects"));
  backend = await start();
});

afterEach(async () => {
  await backend.close();
  rmSync(root, { recursive: true, force: true });
});

async function project() {
  const store = await ProjectStore.create(join(root, "projects"), { title: "Village", levels: ["Chapter"] });
  const unit = await store.createUnit({ parentId: null, level: 0, title: "Arrival" });
  await store.saveUnitBody(unit.id, "The bus left her.", (await store.readUnit(unit.id)).version);
  const dir = store.dir;
  await store.close();
  const handle = backend.registry.register(dir);
  await call("projects.open", { handle });
  return { dir, handle, id: unit.id };
}

type Recovery = { unitId: string; journalBody: string; client?: string };

describe("two tabs, one unit", () => {
  it("after a crash, both tabs' unsaved text is offered back, and each can be restored", async () => {
    const { dir, handle, id } = await project();
    const { version } = await call<{ version: number }>("units.read", { handle, id });
    await call("units.journal", { handle, id, body: "The bus left her. Tab one typed this.", baseVersion: version, client: "tab-one" });
    await call("units.journal", { handle, id, body: "The bus left her. Tab two typed that.", baseVersion: version, client: "tab-two" });
    const journal = join(dir, ".quire", "journal");
    await expect.poll(() => readdirSync(journal).filter((n) => n.endsWith(".json")).length).toBe(2);
    // the studio goes down with both tabs' edits unsaved
    await backend.close();
    backend = await start();
    const state = await call<{ recovery: Recovery[] }>("projects.open", { handle: backend.registry.register(dir) });
    expect(state.recovery.map((r) => r.journalBody).sort()).toEqual(["The bus left her. Tab one typed this.", "The bus left her. Tab two typed that."]);
    const h = backend.registry.register(dir);
    const one = state.recovery.find((r) => r.journalBody.includes("Tab one"))!;
    const two = state.recovery.find((r) => r.journalBody.includes("Tab two"))!;
    await call("projects.resolveRecovery", { handle: h, unitId: one.unitId, client: one.client, action: "restore" });
    // restoring one tab's text leaves the other's on offer, then takes it too (the first kept as a snapshot)
    const after = await call<{ recovery: Recovery[] }>("projects.open", { handle: h });
    expect(after.recovery.map((r) => r.journalBody)).toEqual([two.journalBody]);
    await call("projects.resolveRecovery", { handle: h, unitId: two.unitId, client: two.client, action: "restore" });
    expect((await call<{ body: string }>("units.read", { handle: h, id })).body).toBe("The bus left her. Tab two typed that.");
    const snapshots = await call<{ id: string }[]>("snapshots.list", { handle: h, unitId: id });
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
  });

  it("a save is announced to the other tabs with its new version; the saving tab's own journal entry goes, the other's stays", async () => {
    const { dir, handle, id } = await project();
    const events: { name: string; payload: { id?: string; version?: number; by?: string } }[] = [];
    backend.dispatcher.subscribe((name, payload) => events.push({ name, payload: payload as never }));
    const { version } = await call<{ version: number }>("units.read", { handle, id });
    await call("units.journal", { handle, id, body: "The bus left her. Tab two, unsaved.", baseVersion: version, client: "tab-two" });
    await call("units.journal", { handle, id, body: "The bus left her. Tab one.", baseVersion: version, client: "tab-one" });
    const saved = await call<{ version: number }>("units.save", { handle, id, body: "The bus left her. Tab one.", baseVersion: version, client: "tab-one" });
    expect(events.filter((e) => e.name === "unit.saved").map((e) => e.payload)).toEqual([{ handle, id, version: saved.version, by: "tab-one" }]);
    await backend.close();
    backend = await start();
    const state = await call<{ recovery: Recovery[] }>("projects.open", { handle: backend.registry.register(dir) });
    expect(state.recovery.map((r) => r.journalBody)).toEqual(["The bus left her. Tab two, unsaved."]);
  });
});
