import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { readProjectData } from "../../../electron/node/store/project-files";

const run = promisify(execFile);
const BIN = resolve(__dirname, "../../../bin/quire.mjs");
const quire = (...args: string[]) =>
  run(process.execPath, [BIN, ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("quire import / quire export", () => {
  it("imports a Markdown file into a new project and exports it as DOCX and Markdown", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quire-cli-"));
    dirs.push(dir);
    writeFileSync(join(dir, "draft.md"), "# One\n\nFirst *words*.\n\n# Two\n\nSecond words.\n");
    const imp = await quire("import", join(dir, "draft.md"), "--out", join(dir, "Draft.quire"), "--split-level", "1", "--author", "Sam Vimes");
    expect(imp.stderr).toBe("");
    expect(imp.code).toBe(0);
    expect(imp.stdout).toContain("draft: 2 units (Chapter)");
    const project = await readProjectData(join(dir, "Draft.quire"));
    expect(project.units.map((u) => u.title)).toEqual(["One", "Two"]);
    expect(project.units[0]!.body).toBe("First *words*.\n");

    const docx = await quire("export", join(dir, "Draft.quire"), "--format", "docx", "--preset", "reading", "--out", join(dir, "draft.docx"));
    expect(docx.code).toBe(0);
    expect(readFileSync(join(dir, "draft.docx")).subarray(0, 2).toString()).toBe("PK");
    const again = await quire("export", join(dir, "Draft.quire"), "--format", "docx", "--out", join(dir, "draft.docx"));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/draft\.docx: already exists/);
    const md = await quire("export", join(dir, "Draft.quire"), "--format", "md", "--out", join(dir, "out.md"));
    expect(md.code).toBe(0);
    expect(readFileSync(join(dir, "out.md"), "utf8")).toBe("# One\n\nFirst *words*.\n\n# Two\n\nSecond words.\n");
  }, 60_000);

  it("creates nothing when the input is bad, and says why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quire-cli-"));
    dirs.push(dir);
    writeFileSync(join(dir, "bad.docx"), "not a docx");
    const r = await quire("import", join(dir, "bad.docx"), "--out", join(dir, "Bad.quire"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad.docx: is not a DOCX file");
    expect(existsSync(join(dir, "Bad.quire"))).toBe(false);
    const usage = await quire("export", join(dir, "Bad.quire"));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/PROJECT and --out are required/);
  }, 60_000);
});
