import { spawn } from "node:child_process";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ProjectLock, ProjectLockedError, readLock } from "../../../electron/node/store/project-lock";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { useTmpDirs } from "./tmp-dir";

const tmp = useTmpDirs();
const held: { release(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((h) => h.release()));
});

/** A pid that is certainly dead: a child we started and waited for. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => child.on("exit", r));
  return child.pid!;
}

describe("project lock", () => {
  it("stops a second process, saying who holds the project", async () => {
    const dir = await tmp();
    const lock = await ProjectLock.acquire(dir, "desktop");
    held.push(lock);
    const info = JSON.parse(await readFile(join(dir, ".quire", "lock"), "utf8"));
    expect(info).toMatchObject({ pid: process.pid, hostname: hostname(), app: "desktop" });
    const error = await ProjectLock.acquire(dir, "browser").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectLockedError);
    expect((error as ProjectLockedError).holder?.pid).toBe(process.pid);
    expect((error as Error).message).toContain("the Quire desktop app");
    expect((error as Error).message).toContain(`process ${process.pid}`);
    await lock.release();
    held.push(await ProjectLock.acquire(dir, "browser"));
  });

  it("takes over a lock left by a dead process on this machine", async () => {
    const dir = await tmp();
    await mkdir(join(dir, ".quire"));
    const pid = await deadPid();
    await writeFile(join(dir, ".quire", "lock"), JSON.stringify({ pid, hostname: hostname(), app: "browser", startedAt: new Date().toISOString(), token: "old" }));
    const lock = await ProjectLock.acquire(dir, "desktop");
    held.push(lock);
    expect((await readLock(dir))?.token).toBe(lock.info.token);
  });

  it("does not take over a lock held on another machine", async () => {
    const dir = await tmp();
    await mkdir(join(dir, ".quire"));
    await writeFile(join(dir, ".quire", "lock"), JSON.stringify({ pid: await deadPid(), hostname: "some-other-host", app: "desktop", startedAt: new Date().toISOString(), token: "x" }));
    await expect(ProjectLock.acquire(dir, "desktop")).rejects.toThrow(/on some-other-host/);
  });

  it("treats a fresh, half-written lock as held and an old unreadable one as stale", async () => {
    const dir = await tmp();
    await mkdir(join(dir, ".quire"));
    await writeFile(join(dir, ".quire", "lock"), "");
    await expect(ProjectLock.acquire(dir, "desktop")).rejects.toThrow(ProjectLockedError);
    const { utimes } = await import("node:fs/promises");
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, ".quire", "lock"), old, old);
    held.push(await ProjectLock.acquire(dir, "desktop"));
  });

  it("only releases its own lock", async () => {
    const dir = await tmp();
    const lock = await ProjectLock.acquire(dir, "desktop");
    await writeFile(join(dir, ".quire", "lock"), JSON.stringify({ ...lock.info, token: "someone-else" }));
    await lock.release();
    expect((await readLock(dir))?.token).toBe("someone-else");
  });

  it("is held by an open ProjectStore until it closes", async () => {
    const store = await ProjectStore.create(await tmp(), { title: "Locked" }, { watch: false, app: "browser" });
    held.push({ release: () => store.close() });
    await expect(ProjectStore.open(store.dir, { watch: false })).rejects.toThrow(/already open in Quire browser mode/);
    await store.close();
    const again = await ProjectStore.open(store.dir, { watch: false });
    held.push({ release: () => again.close() });
  });
});
