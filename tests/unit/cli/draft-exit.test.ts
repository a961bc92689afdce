/**
 * `quire draft` end to end with a model that will not write one chapter: the command itself exits
 * with the code the README gives for a run that finished with failed units (4), its JSON summary
 * names the unit and why, the document holds nothing for it, and `--resume` on the same project
 * drafts it and exits 0. The model host is replaced by the realistic scripted model (no GGUF can
 * refuse on cue); everything else is the command as a writer runs it.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RealisticModel } from "../../fixtures/realistic-model/realistic-model";
import { useTmpDirs } from "../store/tmp-dir";

const models: RealisticModel[] = [];
vi.mock("../../../electron/node/llm/index", () => ({
  startLocalLlm: async () => {
    const model = models.shift();
    if (!model) throw new Error("test: no scripted model left for this run");
    return Object.assign(model, { dispose: async () => {} });
  },
}));

const { run } = await import("../../../electron/cli/commands/draft");
const tmp = useTmpDirs();

const BRIEF = `# Harbour
A novel of 4 chapters, 1,200 words in total. Anna returns to the harbour town in winter.

In chapter 2, Anna finds the letter hidden in the piano.
`;

/** Runs `quire draft` with argv; what it printed on stdout, and its exit code. */
async function draft(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    return { code: await run(argv), stdout };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => {
  models.length = 0;
});

describe("quire draft's exit code", () => {
  it("exits 4 when a unit failed (named with why, nothing in the document), and 0 once --resume has drafted it", async () => {
    const dir = await tmp();
    const brief = join(dir, "brief.md");
    const out = join(dir, "book.md");
    const project = join(dir, "project");
    await writeFile(brief, BRIEF);
    const argv = [brief, "--model", join(dir, "model.gguf"), "--out", out, "--project", project, "--no-model-plan", "--quiet", "--seed", "3"];

    // Chapter 3 refuses every ask: its retries run out
    models.push(new RealisticModel({ seed: 3 }).cue({ unit: "Chapter 3", habit: "refusal", times: "always" }));
    const first = await draft(argv);
    expect(first.code).toBe(4);
    const summary = JSON.parse(first.stdout) as { units: { heading: string; words: number; failed?: string }[] };
    expect(summary.units.map((u) => [u.heading, u.failed !== undefined])).toEqual([
      ["Chapter 1", false],
      ["Chapter 2", false],
      ["Chapter 3", true],
      ["Chapter 4", false],
    ]);
    expect(summary.units[2]).toMatchObject({ words: 0, failed: expect.stringMatching(/declined/) });
    const book = await readFile(out, "utf8");
    expect(book).not.toMatch(/I'm sorry|can't help/);
    const chapter = (n: number, text: string) => new RegExp(`\\n#+ Chapter ${n}\\n([\\s\\S]*?)(?=\\n#+ Chapter ${n + 1}\\n)`).exec(text)?.[1];
    expect(chapter(2, book)?.trim()).toMatch(/\w{3,}/);
    expect(chapter(3, book)?.trim()).toBe("");

    // the same project, resumed with a model that writes it
    models.push(new RealisticModel({ seed: 3 }));
    const second = await draft([...argv, "--resume"]);
    expect(second.code).toBe(0);
    const again = JSON.parse(second.stdout) as { units: { heading: string; words: number; failed?: string }[] };
    expect(again.units.every((u) => u.failed === undefined && u.words > 0)).toBe(true);
    expect(chapter(3, await readFile(out, "utf8"))?.trim()).toMatch(/\w{3,}/);
  }, 60_000);

  it("exits 0 when every unit is drafted", async () => {
    const dir = await tmp();
    const brief = join(dir, "brief.md");
    await writeFile(brief, BRIEF);
    models.push(new RealisticModel({ seed: 4 }).cue({ unit: "Chapter 2", habit: "preamble" }));
    const r = await draft([brief, "--model", join(dir, "model.gguf"), "--out", join(dir, "book.md"), "--no-model-plan", "--quiet"]);
    expect(r.code).toBe(0);
    expect(await readFile(join(dir, "book.md"), "utf8")).not.toMatch(/Sure! Here is/);
  }, 60_000);
});
