import { readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useBackend } from "./backend-harness";
import { ProjectStore } from "../../../electron/node/store/project-store";

/** Bad input through the contract, as the studio meets it: a clear error naming the file, and the rest still opens. */
const env = useBackend("bad");

async function call(method: string, payload: unknown) {
  return env.backend.dispatcher.dispatch(method, payload);
}

async function makeProject(title: string): Promise<{ dir: string; handle: string; ids: string[] }> {
  const store = await ProjectStore.create(join(env.root, "projects"), { title });
  const ids: string[] = [];
  for (const t of ["One", "Two", "Three"]) {
    const u = await store.createUnit({ parentId: null, level: 0, title: t });
    await store.saveUnitBody(u.id, `Text of ${t}.\n`, (await store.readUnit(u.id)).version);
    ids.push(u.id);
  }
  const dir = store.dir;
  await store.close();
  return { dir, handle: env.backend.registry.register(dir), ids };
}

const manuscriptFile = (dir: string, id: string) =>
  join(dir, "manuscript", readdirSync(join(dir, "manuscript")).find((n) => n.includes(id))!);


describe("opening damaged projects", () => {
  it("a corrupt quire.json is refused with an error naming it", async () => {
    const { dir, handle } = await makeProject("Corrupt Meta");
    writeFileSync(join(dir, "quire.json"), "{ this is not json");
    const reply = await call("projects.open", { handle });
    expect(reply.ok).toBe(false);
    const error = (reply as { error: { code: string; message: string; file?: string } }).error;
    expect(error.code).toBe("corrupt");
    expect(`${error.message} ${error.file}`).toContain("quire.json");
  });

  it("broken front matter and binary junk are reported per file while the other units open", async () => {
    const { dir, handle, ids } = await makeProject("Damaged Units");
    writeFileSync(manuscriptFile(dir, ids[0]!), "---\nid: [unclosed\ntitle: : :\n---\nBody\n");
    writeFileSync(manuscriptFile(dir, ids[1]!), Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    const reply = await call("projects.open", { handle });
    expect(reply.ok).toBe(true);
    const state = (reply as { value: { units: { id: string }[]; problems: { file: string; message: string }[] } }).value;
    expect(state.units.map((u) => u.id)).toContain(ids[2]);
    const files = state.problems.map((p) => p.file).join(" ");
    expect(files).toContain(manuscriptFile(dir, ids[1]!).split("/").pop());
    expect(state.problems.length).toBeGreaterThanOrEqual(1);
    for (const p of state.problems) expect(p.message.length).toBeGreaterThan(5);
    // the damaged files are left as they were: nothing is lost
    expect(readFileSync(manuscriptFile(dir, ids[1]!))[0]).toBe(0x00);
  });

  it("a unit file deleted while open keeps its text and is written back on save", async () => {
    const { dir, handle, ids } = await makeProject("Deleted File");
    await call("projects.open", { handle });
    const read = (await call("units.read", { handle, id: ids[0] })) as { value: { body: string; version: number } };
    unlinkSync(manuscriptFile(dir, ids[0]!));
    const again = (await call("units.read", { handle, id: ids[0] })) as { ok: boolean; value: { body: string; version: number } };
    expect(again.ok).toBe(true);
    expect(again.value.body).toContain("Text of One");
    const saved = await call("units.save", { handle, id: ids[0], body: "Written back.\n", baseVersion: again.value.version });
    expect(saved.ok).toBe(true);
    expect(readFileSync(manuscriptFile(dir, ids[0]!), "utf8")).toContain("Written back.");
    expect(read.value.body).toContain("Text of One");
  });

  it("a project open in another Quire process is refused with a clear message", async () => {
    const { dir, handle } = await makeProject("Locked");
    const other = await ProjectStore.open(dir, { app: "desktop" });
    try {
      const reply = await call("projects.open", { handle });
      expect(reply.ok).toBe(false);
      const error = (reply as { error: { code: string; message: string } }).error;
      expect(error.code).toBe("locked");
      expect(error.message).toMatch(/already open/);
    } finally {
      await other.close();
    }
  });

  it("a stale save is refused so a late save never undoes newer edits", async () => {
    const { handle, ids } = await makeProject("Stale");
    await call("projects.open", { handle });
    const { value } = (await call("units.read", { handle, id: ids[0] })) as { value: { version: number } };
    expect((await call("units.save", { handle, id: ids[0], body: "New.\n", baseVersion: value.version })).ok).toBe(true);
    const stale = await call("units.save", { handle, id: ids[0], body: "Old late save.\n", baseVersion: value.version });
    expect(stale.ok).toBe(false);
    expect((stale as { error: { code: string } }).error.code).toBe("stale-version");
  });
});
