import { afterEach, describe, expect, it } from "vitest";
import { mkdtemp, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsRunStore } from "../../../electron/node/engine-store/fs-run-store";
import { writeFileAtomicCreatingFolder as writeFileAtomic } from "../../../electron/node/store/atomic-write";
import { UNIT_RECORD_VERSION, type UnitRecord } from "../../../electron/engine/run/types";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), "quire-runstore-"));
  dirs.push(d);
  return d;
};

describe("FsRunStore", () => {
  it("round-trips a unit and treats a record without its text as not done", async () => {
    const dir = await tmp();
    const store = await FsRunStore.at(dir);
    const record = { schemaVersion: UNIT_RECORD_VERSION, unitId: "u1", status: "done", words: 3, targetWords: 3, textHash: "x", findings: [], obligations: [], proposals: [], ledger: [], facts: [], millis: 1 } satisfies UnitRecord;
    await store.saveUnit("r", record, "One two three.");
    expect(await store.loadUnit("r", "u1")).toEqual({ record, text: "One two three." });
    expect(await store.loadUnit("r", "u2")).toBeNull();
    await rm(join(dir, "runs", "r", "units", "u1.md"));
    expect(await store.loadUnit("r", "u1")).toBeNull();
  });

  it("names the file when run state is damaged, and refuses ids that would escape the folder", async () => {
    const dir = await tmp();
    await mkdir(join(dir, "runs", "r"), { recursive: true });
    await writeFile(join(dir, "runs", "r", "run.json"), "{ not json");
    await expect((await FsRunStore.at(dir)).loadState("r")).rejects.toThrow(/runs\/r\/run\.json: is not valid JSON/);
    await expect((await FsRunStore.at(dir)).loadState("../x")).rejects.toThrow(/invalid run id/);
  });

  it("replaces files atomically without leaving temp files", async () => {
    const dir = await tmp();
    const file = join(dir, "a", "f.txt");
    await writeFileAtomic(file, "one");
    await writeFileAtomic(file, "two");
    expect(await readdir(join(dir, "a"))).toEqual(["f.txt"]);
  });
});
