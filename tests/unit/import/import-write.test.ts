import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OpenProjects } from "../../../electron/node/backend/open-projects";
import { ProjectRegistry } from "../../../electron/node/backend/project-registry";
import { exchangeHandlers } from "../../../electron/node/backend/handlers/exchange-handlers";

// A disk that fails part-way through: the 120th rename (one per file written) is refused.
const failAt = vi.hoisted(() => ({ n: Number.POSITIVE_INFINITY, calls: 0 }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...fs,
    rename: (...args: Parameters<typeof fs.rename>) => {
      if (++failAt.calls === failAt.n) return Promise.reject(Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" }));
      return fs.rename(...args);
    },
  };
});

const repo = join(import.meta.dirname, "../../..");
const dirs: string[] = [];
// tmpfs when there is one: 20,000 files fsynced one by one are slow on a real disk, and what
// is under test is how many are open at once
const fastTmp = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
const tmp = (base = tmpdir()) => {
  const d = mkdtempSync(join(base, "quire-import-write-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  failAt.n = Number.POSITIVE_INFINITY;
  failAt.calls = 0;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const chapters = (n: number) => Array.from({ length: n }, (_, i) => `## Chapter ${i + 1}\n\nText ${i + 1}.\n`).join("\n");

describe("writing an imported project", () => {
  it("imports 20,000 units with only 256 files open at a time (every file written at once hit EMFILE)", async () => {
    const dir = tmp(fastTmp);
    const source = join(dir, "long.md");
    writeFileSync(source, chapters(20_000));
    const out = join(dir, "Long.quire");
    const run = await promisify(execFile)("bash", ["-c", `ulimit -n 256 && exec "${process.execPath}" bin/quire.mjs import "${source}" --out "${out}"`], {
      cwd: repo,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((e: { stderr?: string; code?: number }) => ({ stdout: "", stderr: `exit ${e.code}: ${e.stderr ?? ""}` }));
    expect(run.stderr).toBe("");
    expect(readdirSync(join(out, "manuscript")).filter((n) => n.endsWith(".md"))).toHaveLength(20_000);
    // nothing but the project is left beside it
    expect(readdirSync(dir).sort()).toEqual(["Long.quire", "long.md"]);
  }, 180_000);

  it("removes the half-written folder when the disk fails part-way through an import in the studio", async () => {
    const root = tmp();
    const projectsDir = join(root, "projects");
    mkdirSync(projectsDir);
    const registry = new ProjectRegistry(join(root, "data"));
    mkdirSync(join(root, "data"));
    await registry.load();
    const handlers = exchangeHandlers({ open: new OpenProjects(registry, () => {}, "browser"), registry, projectsDir });
    failAt.n = 120;
    const base64 = Buffer.from(chapters(300)).toString("base64");
    await expect(handlers["import.create"]({ fileName: "book.md", base64, splitLevel: 2 })).rejects.toThrow(/EIO|i\/o error/);
    expect(failAt.calls).toBeGreaterThanOrEqual(120);
    expect(readdirSync(projectsDir)).toEqual([]);
    // and the same import, once the disk works, makes the project
    failAt.n = Number.POSITIVE_INFINITY;
    const made = await handlers["import.create"]({ fileName: "book.md", base64, splitLevel: 2 });
    expect(readdirSync(join(made.location, "manuscript")).filter((n) => n.endsWith(".md"))).toHaveLength(300);
    expect(readdirSync(projectsDir)).toEqual(["book.quire"]);
  }, 60_000);
});
