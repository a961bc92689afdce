/**
 * What the studio is told is what happened (issue 16, item 6), through the contract: a save whose
 * body landed is a save, even when today's word count could not be written; a unit the store could
 * not create is not in the binder, now or after the project is opened again.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createBackend, type Backend } from "../../../electron/node/backend/create-backend";
import { ProjectStore } from "../../../electron/node/store/project-store";

/** A disk that fails the writes the test names: before the file lands, or after (a failed fsync). */
const disk = vi.hoisted(() => ({ fail: null as null | { when: (path: string) => boolean; landed: boolean } }));
vi.mock("../../../electron/node/store/atomic-write", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../electron/node/store/atomic-write")>();
  const full = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  return {
    ...real,
    writeFileAtomic: async (path: string, data: string | Uint8Array, ...rest: unknown[]) => {
      const f = disk.fail;
      if (f?.when(path) && !f.landed) throw full();
      await (real.writeFileAtomic as (...a: unknown[]) => Promise<void>)(path, data, ...rest);
      if (f?.when(path) && f.landed) throw full();
    },
  };
});

let root: string;
let backend: Backend;

async function call<T = unknown>(method: string, payload: unknown): Promise<T> {
  const reply = (await backend.dispatcher.dispatch(method, payload)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}

async function project() {
  const store = await ProjectStore.create(join(root, "projects"), { title: "Village", levels: ["Chapter"] });
  const ids: string[] = [];
  for (const t of ["One", "Two"]) ids.push((await store.createUnit({ parentId: null, level: 0, title: t })).id);
  const dir = store.dir;
  await store.close();
  const handle = backend.registry.register(dir);
  await call("projects.open", { handle });
  return { dir, handle, ids };
}

beforeEach(async () => {
  disk.fail = null;
  root = mkdtempSync(join(tmpdir(), "quire-truth-"));
  mkdirSync(join(root, "projects"));
  backend = await createBackend({
    appDataDir: join(root, "data"),
    projectsDir: join(root, "projects"),
    shell: "browser",
    startupProject: null,
    catalogPath: join(import.meta.dirname, "../../../models/catalog.json"),
  });
});

afterEach(async () => {
  disk.fail = null;
  await backend.close();
  rmSync(root, { recursive: true, force: true });
});

describe("the save reply tells the truth", () => {
  it("a body that landed is a save even when today's word count cannot be written; the retry is no stale version, and the words are counted later", async () => {
    const { handle, ids } = await project();
    const id = ids[0]!;
    const { version } = await call<{ version: number }>("units.read", { handle, id });
    disk.fail = { when: (p) => p.endsWith("quire.json"), landed: false };
    const saved = await call<{ version: number; warning?: string }>("units.save", { handle, id, body: "The bus left her.", baseVersion: version, writerWordsDelta: 4 });
    expect(saved.warning).toMatch(/word count/i);
    expect((await call<{ body: string; version: number }>("units.read", { handle, id })).body).toBe("The bus left her.");
    // the studio saves again on the version it was given: no stale-version error
    const again = await call<{ version: number }>("units.save", { handle, id, body: "The bus left her. Rain.", baseVersion: saved.version, writerWordsDelta: 1 });
    disk.fail = null;
    await call("units.save", { handle, id, body: "The bus left her. Rain. Dark.", baseVersion: again.version, writerWordsDelta: 1 });
    // no word the writer typed went missing from today's count
    const meta = (await call<{ meta: { history: { words: number }[] } }>("projects.open", { handle })).meta;
    expect(meta.history.reduce((n, h) => n + h.words, 0)).toBe(6);
  });
});

describe("a failed units.create leaves no ghost", () => {
  for (const landed of [false, true]) {
    it(`when the new unit's file ${landed ? "lands but its write reports a failure" : "cannot be written"}, and when a neighbour cannot be renumbered`, async () => {
      const { dir, handle } = await project();
      const before = readdirSync(join(dir, "manuscript")).sort();
      const known = new Set(before);
      disk.fail = { when: (p) => p.includes("manuscript") && !known.has(p.split(/[\\/]/).pop()!), landed };
      await expect(call("units.create", { handle, parentId: null, level: 0, title: "Ghost", index: 0 })).rejects.toMatchObject({ message: expect.stringMatching(/space/) });
      // the neighbours move down for a unit put first: their renumbering fails this time
      disk.fail = { when: (p) => p.includes("manuscript") && known.has(p.split(/[\\/]/).pop()!), landed };
      await expect(call("units.create", { handle, parentId: null, level: 0, title: "Phantom", index: 0 })).rejects.toMatchObject({ message: expect.stringMatching(/space/) });
      disk.fail = null;
      const state = await call<{ units: { title: string }[] }>("projects.open", { handle });
      expect(state.units.map((u) => u.title)).toEqual(["One", "Two"]);
      expect(readdirSync(join(dir, "manuscript")).sort()).toEqual(before);
      // and opened again from disk
      await call("projects.close", { handle });
      const reopened = await call<{ units: { title: string; order: number }[] }>("projects.open", { handle });
      expect(reopened.units.map((u) => `${u.title}:${u.order}`)).toEqual(["One:0", "Two:1"]);
    });
  }
});
