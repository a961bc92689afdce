import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { OpenProjects } from "../../../electron/node/backend/open-projects";
import { ProjectRegistry } from "../../../electron/node/backend/project-registry";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { useTmpDirs } from "../store/tmp-dir";

/**
 * The store's events reach the transports through OpenProjects. Sending one can fail (the
 * contract refuses a payload, a transport is gone); that must never throw into the store or
 * surface as an unhandled rejection, which ends the process.
 */
const tmp = useTmpDirs();
let projects: OpenProjects | undefined;
afterEach(async () => {
  await projects?.closeAll();
});

it("an event that cannot be sent is reported as a problem, never thrown into the store or left unhandled", async () => {
  const store = await ProjectStore.create(await tmp(), { title: "Events" }, { watch: false, app: "test" });
  const u = await store.createUnit({ parentId: null, level: 0, title: "One" });
  const dir = store.dir;
  await store.close();
  const registry = new ProjectRegistry(await tmp());
  const sent: { name: string; payload: unknown }[] = [];
  projects = new OpenProjects(
    registry,
    (name, payload) => {
      if (name === "unit.reloaded" || name === "units.changed") throw new Error(`the contract refused ${name}`);
      sent.push({ name, payload });
    },
    "browser",
  );
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    const handle = registry.register(dir);
    const open = await projects.open(handle);
    const file = join(dir, "manuscript", (await readdir(join(dir, "manuscript"))).find((n) => n.includes(u.id))!);
    await writeFile(file, (await readFile(file, "utf8")).replace("title: One", "title: One, edited outside") + "New text.\n");
    await open.checkDisk();
    await expect.poll(() => sent.filter((e) => e.name === "project.problem").map((e) => JSON.stringify(e.payload)).join("\n")).toMatch(/unit\.reloaded/);
    await new Promise((r) => setTimeout(r, 100));
    expect(rejections).toEqual([]);
    expect((await open.readUnit(u.id)).body).toBe("New text.\n");
  } finally {
    process.off("unhandledRejection", onRejection);
  }
});
