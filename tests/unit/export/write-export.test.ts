import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  defaultExportProfile,
  EXPORT_PROFILES_FILE,
  exportProject,
  readExportProfiles,
  saveExportProfile,
} from "../../../electron/node/export/index";
import { smallProject } from "./small-project";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "quire-write-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("writing exports", () => {
  it("never overwrites without overwrite: true, and leaves no temp files", async () => {
    const dir = tmp();
    const p = smallProject();
    const target = join(dir, "book.md");
    writeFileSync(target, "the writer's earlier export");
    await expect(exportProject(p, defaultExportProfile(p.meta.levels, "md"), target)).rejects.toThrow(/book\.md: already exists; export again with overwrite/);
    expect(readFileSync(target, "utf8")).toBe("the writer's earlier export");
    await exportProject(p, defaultExportProfile(p.meta.levels, "md"), target, { overwrite: true });
    expect(readFileSync(target, "utf8")).toContain("# Morning");
    expect(readdirSync(dir)).toEqual(["book.md"]);
  });

  it("checks every file of a per-chapter export before writing any", async () => {
    const dir = tmp();
    const p = smallProject();
    const profile = { ...defaultExportProfile(p.meta.levels, "md"), layout: "per-chapter" as const };
    const out = join(dir, "chapters");
    expect(await exportProject(p, profile, out)).toHaveLength(3);
    writeFileSync(join(out, "01-The Letter.md"), "edited by hand");
    rmSync(join(out, "03-Lamps.md"));
    await expect(exportProject(p, profile, out)).rejects.toThrow(/01-The Letter\.md: already exists/);
    expect(readdirSync(out).sort()).toEqual(["01-The Letter.md", "02-The Reply.md"]);
    expect(readFileSync(join(out, "01-The Letter.md"), "utf8")).toBe("edited by hand");
  });

  it("says clearly when the target folder is missing, not a folder, or cannot be written", async () => {
    const dir = tmp();
    const p = smallProject();
    const md = defaultExportProfile(p.meta.levels, "md");
    await expect(exportProject(p, md, join(dir, "nope", "book.md"))).rejects.toThrow(/nope: the folder does not exist/);
    writeFileSync(join(dir, "file"), "");
    await expect(exportProject(p, md, join(dir, "file", "book.md"))).rejects.toThrow(/file: is not a folder/);
    await expect(exportProject(p, defaultExportProfile(p.meta.levels, "docx"), "/proc/quire-book.docx")).rejects.toThrow(/quire-book\.docx: (could not be written|the folder is not writable)/);
  });

  it.skipIf(process.getuid?.() === 0)("refuses a read-only folder (permission denied)", async () => {
    const dir = tmp();
    chmodSync(dir, 0o500);
    const p = smallProject();
    try {
      await expect(exportProject(p, defaultExportProfile(p.meta.levels, "md"), join(dir, "b.md"))).rejects.toThrow(/not writable/);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe("export profiles", () => {
  it("are saved per project in export-profiles.json and read back validated", async () => {
    const dir = tmp();
    expect(await readExportProfiles(dir)).toEqual([]);
    const p = smallProject();
    const a = { ...defaultExportProfile(p.meta.levels, "docx", "reading"), name: "Reading copy" };
    await saveExportProfile(dir, a);
    await saveExportProfile(dir, { ...a, docx: { ...a.docx, pageSize: "A4" } });
    const saved = await readExportProfiles(dir);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.docx.pageSize).toBe("A4");
    writeFileSync(join(dir, EXPORT_PROFILES_FILE), JSON.stringify({ version: 1, profiles: [{ ...a, format: "pdf" }] }));
    await expect(readExportProfiles(dir)).rejects.toThrow(/export-profiles\.json: profiles\.0\.format/);
  });
});
