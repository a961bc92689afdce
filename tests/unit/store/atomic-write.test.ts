import { readdir, readFile, writeFile, stat, chmod } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isTempFileName, setAtomicWriteProbe, writeFileAtomic, type AtomicWritePhase } from "../../../electron/node/store/atomic-write";
import { useTmpDirs } from "./tmp-dir";

const tmp = useTmpDirs();
afterEach(() => setAtomicWriteProbe(undefined));

describe("writeFileAtomic", () => {
  it("replaces a file and leaves no temp file behind", async () => {
    const dir = await tmp();
    const file = join(dir, "a.md");
    await writeFile(file, "old");
    await writeFileAtomic(file, "new text ✓");
    expect(await readFile(file, "utf8")).toBe("new text ✓");
    expect(await readdir(dir)).toEqual(["a.md"]);
  });

  it("writes through a temp file in the same folder and renames it over the target", async () => {
    const dir = await tmp();
    const file = join(dir, "a.md");
    await writeFile(file, "old");
    const seen: { phase: AtomicWritePhase; content: string; files: string[] }[] = [];
    setAtomicWriteProbe(async (phase) => {
      seen.push({ phase, content: await readFile(file, "utf8"), files: (await readdir(dir)).sort() });
    });
    await writeFileAtomic(file, "new");
    expect(seen.map((s) => s.phase)).toEqual(["temp-created", "temp-synced", "renamed", "dir-synced"]);
    // until the rename the target still holds the old text, and the temp sits beside it
    expect(seen[1]!.content).toBe("old");
    expect(seen[1]!.files).toHaveLength(2);
    expect(seen[1]!.files.filter(isTempFileName)).toHaveLength(1);
    expect(seen[2]!.content).toBe("new");
    expect(seen[2]!.files).toEqual(["a.md"]);
  });

  it("serialises writes to one file in call order, so the last save wins", async () => {
    const dir = await tmp();
    const file = join(dir, "a.md");
    let inFlight = 0;
    let maxInFlight = 0;
    setAtomicWriteProbe(async (phase) => {
      if (phase === "temp-created") inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      if (phase === "dir-synced") inFlight--;
    });
    const bodies = Array.from({ length: 20 }, (_, i) => `version ${i} `.repeat(1000 + i));
    await Promise.all(bodies.map((b) => writeFileAtomic(file, b)));
    expect(maxInFlight).toBe(1);
    expect(await readFile(file, "utf8")).toBe(bodies.at(-1));
  });

  it("lets writes to different files proceed independently", async () => {
    const dir = await tmp();
    await Promise.all(Array.from({ length: 10 }, (_, i) => writeFileAtomic(join(dir, `f${i}.md`), `body ${i}`)));
    for (let i = 0; i < 10; i++) expect(await readFile(join(dir, `f${i}.md`), "utf8")).toBe(`body ${i}`);
  });

  it("a failed write leaves the old file and no temp file, and does not block the next write", async () => {
    const dir = await tmp();
    const file = join(dir, "a.md");
    await writeFile(file, "old");
    setAtomicWriteProbe((phase) => {
      if (phase === "temp-synced") throw new Error("disk full (simulated)");
    });
    await expect(writeFileAtomic(file, "new")).rejects.toThrow("disk full");
    expect(await readFile(file, "utf8")).toBe("old");
    expect(await readdir(dir)).toEqual(["a.md"]);
    setAtomicWriteProbe(undefined);
    await writeFileAtomic(file, "newer");
    expect(await readFile(file, "utf8")).toBe("newer");
  });

  it.skipIf(process.platform === "win32")("keeps the file's permissions", async () => {
    const dir = await tmp();
    const file = join(dir, "a.md");
    await writeFile(file, "old");
    await chmod(file, 0o600);
    await writeFileAtomic(file, "new");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
