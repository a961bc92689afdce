import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseWindowState } from "../../../electron/main/window-state";
import { readExportProfiles } from "../../../electron/node/export/profile-file";
import { ModelLibrary } from "../../../electron/node/models/model-library";
import { ProjectFileError } from "../../../electron/node/store/errors";
import { parseJsonFile } from "../../../electron/node/store/json-file";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { useTmpDirs } from "./tmp-dir";

/** Every JSON file the store side reads: parsed with its schema, versions checked, errors naming the file. */
const tmp = useTmpDirs();
const open: ProjectStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function projectWithUnit(): Promise<{ store: ProjectStore; id: string }> {
  const store = await ProjectStore.create(await tmp(), { title: "Formats" }, { watch: false, app: "test", journalDelayMs: 10 });
  open.push(store);
  const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
  await store.saveUnitBody(u.id, "Saved text.\n", (await store.readUnit(u.id)).version);
  return { store, id: u.id };
}

async function reopen(store: ProjectStore): Promise<ProjectStore> {
  await store.close();
  const again = await ProjectStore.open(store.dir, { watch: false, app: "test" });
  open.push(again);
  return again;
}

describe("parseJsonFile", () => {
  const format = {
    what: "a test file",
    schema: z.object({ version: z.literal(3), name: z.string(), words: z.number().int() }),
    version: {
      key: "version",
      current: 3,
      whenMissing: 1,
      migrations: {
        1: (old: unknown) => ({ ...(old as object), version: 2, words: 0 }),
        2: (old: unknown) => {
          const { title, ...rest } = old as { title: string };
          return { ...rest, version: 3, name: title };
        },
      },
    },
  };

  it("migrates older formats step by step, and reads a file written before versions as the first", () => {
    expect(parseJsonFile('{"version": 2, "title": "A", "words": 5}', "f.json", format)).toEqual({ version: 3, name: "A", words: 5 });
    expect(parseJsonFile('{"title": "B"}', "f.json", format)).toEqual({ version: 3, name: "B", words: 0 });
  });

  it("refuses a newer format, bad JSON and bad fields with an error naming the file", () => {
    const error = (text: string) => {
      try {
        parseJsonFile(text, "/data/f.json", format);
      } catch (e) {
        expect(e).toBeInstanceOf(ProjectFileError);
        return (e as Error).message;
      }
      throw new Error("no error");
    };
    expect(error('{"version": 4, "name": "A", "words": 1}')).toMatch(/^\/data\/f\.json was written by a newer Quire \(format 4; this Quire reads up to 3\)/);
    expect(error("{ not json")).toMatch(/^\/data\/f\.json is not valid JSON/);
    expect(error('{"version": 3, "name": "A", "words": "many"}')).toMatch(/^\/data\/f\.json is not a test file Quire can read: words:/);
    expect(error('{"version": "3"}')).toMatch(/version must be a format number/);
    expect(error('{"version": 0}')).toMatch(/format 0, which this Quire can no longer read/);
  });
});

describe("project files", () => {
  it("journal entries: an entry from before versions is offered; a newer one and one for another unit are named, not used", async () => {
    const { store, id } = await projectWithUnit();
    const journal = join(store.dir, ".quire", "journal");
    await store.close();
    await mkdir(journal, { recursive: true });
    await writeFile(join(journal, `${id}.json`), JSON.stringify({ unitId: id, body: "Typed before a crash.\n", baseHash: null, savedAt: "2026-01-01T00:00:00.000Z" }));
    await writeFile(join(journal, "unewer.json"), JSON.stringify({ version: 2, unitId: "unewer", body: "x", savedAt: "2026-01-01T00:00:00.000Z" }));
    await writeFile(join(journal, "uother.json"), JSON.stringify({ unitId: id, body: "x", savedAt: "2026-01-01T00:00:00.000Z" }));
    const again = await ProjectStore.open(store.dir, { watch: false, app: "test" });
    open.push(again);
    expect(again.pendingRecovery().map((r) => [r.unitId, r.journalBody])).toEqual([[id, "Typed before a crash.\n"]]);
    const problems = Object.fromEntries(again.problems().map((p) => [p.file, p.message]));
    expect(problems[".quire/journal/unewer.json"]).toMatch(/newer Quire/);
    expect(problems[".quire/journal/uother.json"]).toMatch(/another unit/);
  });

  it("journal entries are written with their format version", async () => {
    const { store, id } = await projectWithUnit();
    store.stageUnsavedEdit(id, "Unsaved.\n", (await store.readUnit(id)).version);
    await store.flushJournal();
    expect(JSON.parse(await readFile(join(store.dir, ".quire", "journal", `${id}.json`), "utf8"))).toMatchObject({ version: 1, unitId: id, body: "Unsaved.\n" });
  });

  it("trash entries: one from before versions is restored; a newer one is refused with the file named", async () => {
    let { store, id } = await projectWithUnit();
    await store.trashUnit(id);
    const entryFile = join(store.dir, ".quire", "trash", id, "entry.json");
    const entry = JSON.parse(await readFile(entryFile, "utf8"));
    expect(entry.version).toBe(1);
    await writeFile(entryFile, JSON.stringify({ ...entry, version: 7 }));
    store = await reopen(store);
    await expect(store.restoreUnit(id)).rejects.toThrow(/trash\/.*entry\.json was written by a newer Quire/);
    const { version: _v, ...legacy } = entry;
    await writeFile(entryFile, JSON.stringify(legacy));
    await store.restoreUnit(id);
    expect((await store.readUnit(id)).body).toBe("Saved text.\n");
  });
});

describe("app data files", () => {
  it("export profiles: a newer file is refused with the file named", async () => {
    const { store } = await projectWithUnit();
    await writeFile(join(store.dir, "export-profiles.json"), JSON.stringify({ version: 2, profiles: [] }));
    await expect(readExportProfiles(store.dir)).rejects.toThrow(/export-profiles\.json was written by a newer Quire/);
  });

  it("the model index: damaged or newer, an error naming the file; missing, an empty list", async () => {
    const data = await tmp();
    const lib = new ModelLibrary(data);
    expect(await lib.list()).toEqual([]);
    await mkdir(lib.modelsDir, { recursive: true });
    const index = join(lib.modelsDir, "library.json");
    await writeFile(index, "{ damaged");
    await expect(lib.list()).rejects.toThrow(new RegExp(`${index.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not valid JSON`));
    await writeFile(index, JSON.stringify({ version: 2, models: [] }));
    await expect(lib.list()).rejects.toThrow(/library\.json was written by a newer Quire/);
    await writeFile(index, JSON.stringify({ version: 1, models: [{ id: "x" }] }));
    await expect(lib.list()).rejects.toThrow(/library\.json is not .* Quire can read: models\.0\.name/);
    expect(await readdir(lib.modelsDir)).toEqual(["library.json"]);
  });

  it("the window state: read with or without a version, and a bad one gives the default", () => {
    const state = { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true };
    expect(parseWindowState(JSON.stringify(state), "w.json")).toEqual(state);
    expect(parseWindowState(JSON.stringify({ version: 1, ...state }), "w.json")).toEqual(state);
    expect(parseWindowState(JSON.stringify({ ...state, bounds: { ...state.bounds, width: 5 } }), "w.json")).toBeNull();
    expect(parseWindowState(JSON.stringify({ version: 2, ...state }), "w.json")).toBeNull();
    expect(parseWindowState("[]", "w.json")).toBeNull();
  });
});
