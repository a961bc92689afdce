import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBackend, type Backend } from "../../../electron/node/backend/create-backend";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { unwrapReply } from "../../../electron/shared/contract/client";

/** Findings the writer dismissed are kept per project, in .quire/studio.json, across restarts. */
let root: string;
let backend: Backend;

const boot = () =>
  createBackend({
    appDataDir: join(root, "data"),
    projectsDir: join(root, "projects"),
    shell: "browser",
    startupProject: null,
    catalogPath: join(import.meta.dirname, "../../../models/catalog.json"),
  });

async function call(method: string, payload: unknown): Promise<any> {
  return unwrapReply(await backend.dispatcher.dispatch(method, payload));
}

async function openProject(title: string): Promise<{ handle: string; dir: string }> {
  const store = await ProjectStore.create(join(root, "projects"), { title });
  const dir = store.dir;
  await store.close();
  const handle = backend.registry.register(dir);
  await call("projects.open", { handle });
  return { handle, dir };
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "quire-studio-settings-"));
  mkdirSync(join(root, "projects"));
  backend = await boot();
});

afterEach(async () => {
  await backend.close();
  rmSync(root, { recursive: true, force: true });
});

describe("studio settings: dismissed findings", () => {
  it("a dismissal survives a restart of the backend, per project", async () => {
    const a = await openProject("Alpha");
    const b = await openProject("Beta");
    expect(await call("studio.settings", { handle: a.handle })).toEqual({ dismissedFindings: [] });
    await call("studio.dismissFindings", { handle: a.handle, keys: ["u1:length:long:abc"], dismissed: true });
    await backend.close();
    backend = await boot();
    const again = backend.registry.register(a.dir);
    await call("projects.open", { handle: again });
    expect((await call("studio.settings", { handle: again })).dismissedFindings).toEqual(["u1:length:long:abc"]);
    const other = backend.registry.register(b.dir);
    await call("projects.open", { handle: other });
    expect((await call("studio.settings", { handle: other })).dismissedFindings).toEqual([]);
    expect(JSON.parse(readFileSync(join(a.dir, ".quire", "studio.json"), "utf8")).dismissedFindings).toEqual(["u1:length:long:abc"]);
  });

  it("quick dismissals all land, and a finding can be brought back", async () => {
    const { handle } = await openProject("Gamma");
    await Promise.all(["k1", "k2", "k3", "k4"].map((k) => call("studio.dismissFindings", { handle, keys: [k], dismissed: true })));
    expect((await call("studio.settings", { handle })).dismissedFindings.sort()).toEqual(["k1", "k2", "k3", "k4"]);
    const after = await call("studio.dismissFindings", { handle, keys: ["k2"], dismissed: false });
    expect(after.dismissedFindings.sort()).toEqual(["k1", "k3", "k4"]);
  });

  it("a damaged settings file reads as empty and is replaced by the next dismissal", async () => {
    const { handle, dir } = await openProject("Delta");
    writeFileSync(join(dir, ".quire", "studio.json"), "{ not json");
    expect(await call("studio.settings", { handle })).toEqual({ dismissedFindings: [] });
    await call("studio.dismissFindings", { handle, keys: ["k"], dismissed: true });
    expect((await call("studio.settings", { handle })).dismissedFindings).toEqual(["k"]);
  });

  it("refuses oversized keys and projects that are not open", async () => {
    const { handle } = await openProject("Epsilon");
    const reply = await backend.dispatcher.dispatch("studio.dismissFindings", { handle, keys: ["x".repeat(301)], dismissed: true });
    expect(reply.ok).toBe(false);
    const closed = await backend.dispatcher.dispatch("studio.settings", { handle: "nope" });
    expect(closed.ok).toBe(false);
  });
});
