import { execFile, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CrashForTest, moveAppData } from "../../../electron/node/app-data-move";
import { ProjectRegistry } from "../../../electron/node/backend/project-registry";
import { ModelDownload } from "../../../electron/node/models/model-download";
import { treeDigest } from "../store/outside-tree";
import { useTmpDirs } from "../store/tmp-dir";

/**
 * The desktop app now keeps Quire's files in appDataDir() like browser mode: the old folder's
 * files move over on first start (surviving a crash half way), and both processes share the
 * folder safely (recent projects merged under a file lock, one download per partial file).
 */
const tmp = useTmpDirs();
const run = promisify(execFile);
const child = join(import.meta.dirname, "app-data-child.ts");
const runChild = (...args: string[]) => run(process.execPath, ["--import", "tsx", child, ...args]);

/** An old userData folder: Quire's files beside Chromium's. */
async function oldFolder(root: string): Promise<string> {
  const old = join(root, "userData");
  await mkdir(join(old, "models"), { recursive: true });
  await mkdir(join(old, "Local Storage", "leveldb"), { recursive: true });
  await writeFile(join(old, "Local Storage", "leveldb", "000003.log"), "chromium's own");
  await writeFile(join(old, "Preferences"), '{"chromium": true}');
  await writeFile(join(old, "models", "tiny.gguf"), Buffer.alloc(64 * 1024, 7));
  await writeFile(join(old, "models", "half.gguf.part"), Buffer.alloc(1000, 1));
  await writeFile(join(old, "models", "library.json"), JSON.stringify({ version: 1, models: [entry("tiny", join(old, "models", "tiny.gguf")), entry("mine", "/elsewhere/mine.gguf")] }));
  // the recent list as the old desktop app wrote it: a bare array (format 0)
  await writeFile(join(old, "recent-projects.json"), JSON.stringify([{ path: "/books/Old.quire", title: "Old", openedAt: "2026-01-02T00:00:00.000Z" }]));
  await writeFile(join(old, "window-state.json"), JSON.stringify({ bounds: { x: 1, y: 2, width: 900, height: 700 }, maximized: false }));
  return old;
}

function entry(id: string, path: string) {
  return { id, name: id, path, origin: id === "mine" ? "imported" : "catalog", bytes: 1, architecture: "llama", parameters: 1, contextLength: 4096, hasChatTemplate: true, addedAt: "2026-01-01T00:00:00.000Z" };
}

/** What the new folder holds after a complete move (the recent list merged with what was there). */
async function expectMoved(old: string, to: string): Promise<void> {
  expect((await readdir(join(to, "models"))).sort()).toEqual(["half.gguf.part", "library.json", "tiny.gguf"]);
  expect(await readFile(join(to, "models", "tiny.gguf"))).toEqual(Buffer.alloc(64 * 1024, 7));
  const index = JSON.parse(await readFile(join(to, "models", "library.json"), "utf8"));
  expect(Object.fromEntries(index.models.map((m: { id: string; path: string }) => [m.id, m.path]))).toEqual({ tiny: join(to, "models", "tiny.gguf"), mine: "/elsewhere/mine.gguf" });
  const recent = JSON.parse(await readFile(join(to, "recent-projects.json"), "utf8"));
  expect(recent.version).toBe(1);
  expect(recent.projects.map((p: { title: string }) => p.title)).toContain("Old");
  expect(JSON.parse(await readFile(join(to, "window-state.json"), "utf8")).bounds.width).toBe(900);
  // Chromium's files stay, Quire's are gone from the old folder
  expect((await readdir(old)).sort()).toEqual(["Local Storage", "Preferences"]);
}

describe("moving the desktop app's data to appDataDir()", () => {
  it("moves models, the model index (its paths following), recent projects and the window state; Chromium's files stay", async () => {
    const root = await tmp();
    const old = await oldFolder(root);
    const to = join(root, "quire-data");
    await mkdir(to);
    // browser mode already used the new folder
    await writeFile(join(to, "recent-projects.json"), JSON.stringify({ version: 1, projects: [{ path: "/books/New.quire", title: "New", openedAt: "2026-02-01T00:00:00.000Z" }] }));
    const chromium = await treeDigest(join(old, "Local Storage"));
    const report = await moveAppData(old, to);
    expect(report.problems).toEqual([]);
    await expectMoved(old, to);
    const recent = JSON.parse(await readFile(join(to, "recent-projects.json"), "utf8"));
    expect(recent.projects.map((p: { title: string }) => p.title)).toEqual(["New", "Old"]);
    expect(await treeDigest(join(old, "Local Storage"))).toEqual(chromium);
    // a second start finds nothing left to move
    expect(await moveAppData(old, to)).toEqual({ moved: [], problems: [] });
  });

  it("a move cut off after any of its steps finishes on the next start, with the same result", async () => {
    const steps: string[] = [];
    {
      const root = await tmp();
      await moveAppData(await oldFolder(root), join(root, "to"), { afterStep: (s) => void steps.push(s) });
    }
    expect(steps.length).toBeGreaterThan(8);
    for (const stop of steps) {
      const root = await tmp();
      const old = await oldFolder(root);
      const to = join(root, "to");
      await expect(
        moveAppData(old, to, {
          afterStep: (s) => {
            if (s === stop) throw new CrashForTest(s);
          },
        }),
      ).rejects.toThrow(CrashForTest);
      await moveAppData(old, to);
      await expectMoved(old, to);
    }
  });

  it("a move killed (kill -9) between copying a model and putting it in place finishes on the next start", async () => {
    const root = await tmp();
    const old = await oldFolder(root);
    const to = join(root, "to");
    const proc = spawn(process.execPath, ["--import", "tsx", child, "move", old, to, "copied models/tiny.gguf"], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on("data", (d: Buffer) => d.toString().includes("STOPPED") && resolve());
      proc.on("exit", () => reject(new Error("the child finished before the step")));
    });
    proc.kill("SIGKILL");
    await new Promise((r) => proc.on("exit", r));
    expect(await readdir(join(to, "models"))).toContain("tiny.gguf.moving.tmp");
    await moveAppData(old, to);
    await expectMoved(old, to);
  }, 30_000);

  it("never moves a folder onto itself (the same folder under another name)", async () => {
    const root = await tmp();
    const old = await oldFolder(root);
    const alias = join(root, "alias");
    await symlink(old, alias);
    const before = await treeDigest(old);
    expect(await moveAppData(old, alias)).toEqual({ moved: [], problems: [] });
    expect(await treeDigest(old)).toEqual(before);
  });
});

describe("two processes on one app data folder", () => {
  it("recent projects opened in two processes at once are all kept (merged under a file lock)", async () => {
    const data = await tmp();
    await Promise.all([runChild("touch", data, "desktop", "8"), runChild("touch", data, "browser", "8")]);
    const registry = new ProjectRegistry(data);
    await registry.load();
    const titles = registry.list().map((r) => r.title);
    expect(titles).toHaveLength(16);
    for (const p of ["desktop", "browser"]) for (let i = 0; i < 8; i++) expect(titles).toContain(`${p} ${i}`);
  }, 60_000);

  it("a download in progress in one process is refused in the other, and a dead process's is taken over", async () => {
    const dest = await tmp();
    const body = Buffer.alloc(256 * 1024, 3);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-length": body.length });
      res.write(body.subarray(0, 1024));
      void held.then(() => res.end(body.subarray(1024)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m.gguf`;
      const first = new ModelDownload({ url, destDir: dest, fileName: "m.gguf", freeSpace: async () => 1e12 });
      const done = first.start();
      await expect.poll(() => readdir(dest)).toContain("m.gguf.part.lock");
      const other = JSON.parse((await runChild("download", dest, url, "m.gguf")).stdout);
      expect(other).toMatchObject({ ok: false, code: "busy", message: expect.stringMatching(/m\.gguf is already being downloaded by another Quire/) });
      release();
      expect((await done).bytes).toBe(body.length);
      expect((await readdir(dest)).sort()).toEqual(["m.gguf"]);

      // a lock left by a process that died (kill -9) does not block the next download
      const dead = spawn(process.execPath, ["-e", ""]);
      await new Promise((r) => dead.on("exit", r));
      await writeFile(join(dest, "n.gguf.part.lock"), JSON.stringify({ pid: dead.pid, hostname: (await import("node:os")).hostname(), token: "x", startedAt: new Date().toISOString(), purpose: "downloading a model" }));
      const again = new ModelDownload({ url, destDir: dest, fileName: "n.gguf", freeSpace: async () => 1e12 });
      expect((await again.start()).bytes).toBe(body.length);
    } finally {
      release();
      server.close();
    }
  }, 60_000);
});
