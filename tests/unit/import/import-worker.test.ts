import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ImportError, previewImport } from "../../../electron/node/import/index";
import { runHeavy } from "../../../electron/node/worker/run-heavy";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "quire-import-worker-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

// Unclosed emphasis: marked's delimiter matching is quadratic, so 150 kB take seconds to parse.
// Within every limit, and exactly the kind of file that must not freeze the studio.
const slowMarkdown = () => `## One\n\n${"*a ".repeat(3_000)}\n\n## Two\n\n${"_b ".repeat(3_000)}\n`;

/** The longest the event loop went without running a timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stallMs: number; result: unknown }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  try {
    const result = await work().catch((e: unknown) => e);
    // the stall that ends with the work itself has no timer after it to notice
    return { stallMs: Math.max(stallMs, performance.now() - last), result };
  } finally {
    clearInterval(timer);
  }
}

type WorkLimits = { deadlineMs?: number; resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number } };
const previewWith = previewImport as (path: string, options?: object, limits?: WorkLimits) => ReturnType<typeof previewImport>;

describe("heavy import parsing runs in a worker thread", () => {
  it("reads a Markdown file that takes seconds to parse without blocking the event loop", async () => {
    const file = join(tmp(), "slow.md");
    writeFileSync(file, slowMarkdown());
    const { stallMs, result } = await longestStall(() => previewImport(file));
    expect(result).not.toBeInstanceOf(Error);
    expect((result as Awaited<ReturnType<typeof previewImport>>).units.map((u) => u.title)).toEqual(["One", "Two"]);
    // inline, the parse holds the loop for several seconds; in a worker only the hand-over does
    expect(stallMs).toBeLessThan(1_000);
  }, 60_000);

  it("ends the worker, not the studio, when an import runs out of memory; the next import works", async () => {
    const dir = tmp();
    const big = join(dir, "big.md");
    writeFileSync(big, Array.from({ length: 20_000 }, (_, i) => `## Chapter ${i}\n\n${"Words upon words. ".repeat(20)}\n`).join("\n"));
    const error = await previewWith(big, {}, { resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/big\.md: .*ran out of memory/);
    const small = join(dir, "small.md");
    writeFileSync(small, "## One\n\nText.\n");
    expect((await previewImport(small)).units).toHaveLength(1);
  }, 60_000);

  it("stops an import that takes longer than its deadline, with a clear error", async () => {
    const file = join(tmp(), "slow.md");
    writeFileSync(file, slowMarkdown());
    const error = await previewWith(file, {}, { deadlineMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/slow\.md: .*took longer than/);
  }, 60_000);

  it("runs more tasks than workers in turn, and a task it cannot hand over fails alone", async () => {
    const dir = tmp();
    const files = Array.from({ length: 5 }, (_, i) => {
      const file = join(dir, `part${i}.md`);
      writeFileSync(file, `## Part ${i}\n\nText.\n`);
      return file;
    });
    // as many as there are workers: a slot each kept would leave none for what follows
    for (let i = 0; i < 2; i++) {
      await expect(runHeavy("import.preview", { path: files[0]!, options: { title: (() => "x") as unknown as string } })).rejects.toThrow(/could not be cloned/);
    }
    const previews = await Promise.all(files.map((f) => previewImport(f)));
    expect(previews.map((p) => p.units[0]!.title)).toEqual(["Part 0", "Part 1", "Part 2", "Part 3", "Part 4"]);
  }, 30_000);
});
