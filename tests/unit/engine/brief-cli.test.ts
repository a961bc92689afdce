/**
 * `quire plan` on the issue's own briefs, as a script would run it: the field guide's sections,
 * headings, budgets and placements; the cozy mystery's assumed total, said on stderr and in the
 * JSON; and a sentence nothing can place, reported and kept in the plan.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "quire-plan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function plan(name: string, text: string, json = true) {
  const file = join(dir, `${name}.md`);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, ["bin/quire.mjs", "plan", file, "--no-model", ...(json ? ["--json"] : [])], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: json && r.status === 0 ? JSON.parse(r.stdout) : null };
}

interface PlanJson {
  schemaVersion: number;
  targetWords: number;
  units: { index: number; heading: string; targetWords: number; obligations: string[] }[];
  unplaced: { text: string; why: string }[];
  unresolved: { text: string; why: string }[];
  assumed: { text: string; why: string }[];
}

describe("quire plan", () => {
  it("plans the field guide: 12 sections headed as asked, 500 words each, the heron on 5 and the migrants on 9 and 10", () => {
    const r = plan("varra", "Write a field guide to the birds of the fictional island of Varra, in 12 sections headed 'Section N: Name of the bird', 6,000 words in total. Section 5 describes the ash-crowned heron. Sections 9 to 10 cover the winter migrants.\n");
    expect(r.status, r.stderr).toBe(0);
    const p = r.json as PlanJson;
    expect(p.schemaVersion).toBe(2);
    expect(p.units).toHaveLength(12);
    expect(p.units.map((u) => u.heading)).toEqual(Array.from({ length: 12 }, (_, i) => `Section ${i + 1}`));
    expect(p.units.every((u) => u.targetWords === 500)).toBe(true);
    const on = (needle: string) => p.units.filter((u) => u.obligations.some((o) => o.includes(needle))).map((u) => u.index);
    expect(on("ash-crowned heron")).toEqual([5]);
    expect(on("winter migrants")).toEqual([9, 10]);
    expect(p.unresolved).toEqual([]);
    expect(p.unplaced).toEqual([]);
  });

  it("plans the cozy mystery at 3,000 words a chapter, 36,000 in all, and lists the assumption", () => {
    const r = plan("cozy", "A cozy mystery in 12 chapters, about 36,000 words.\n");
    expect(r.status, r.stderr).toBe(0);
    const p = r.json as PlanJson;
    expect(p.targetWords).toBe(36_000);
    expect(p.units.map((u) => u.targetWords)).toEqual(Array(12).fill(3000));
    expect(p.assumed).toEqual([expect.objectContaining({ text: "A cozy mystery in 12 chapters, about 36,000 words.", why: expect.stringMatching(/total/) })]);
    expect(r.stderr).toMatch(/^assumed: “A cozy mystery in 12 chapters, about 36,000 words\.”: .*total/m);
  });

  it("gives back a sentence nothing can place, on stderr and in the JSON, and keeps the item in the plan", () => {
    const brief = "A novel of 10 chapters of about 3,000 words. In chapter 2 the mill burns. Near the end, the miller's daughter forgives him.\n";
    const r = plan("unplaceable", brief);
    expect(r.status, r.stderr).toBe(0);
    const p = r.json as PlanJson;
    expect(p.unresolved).toEqual([{ text: "Near the end, the miller's daughter forgives him.", why: expect.stringMatching(/near the end/i) }]);
    expect(p.unplaced).toEqual([{ text: "Near the end, the miller's daughter forgives him.", why: expect.stringMatching(/^anywhere \(not placed\)/) }]);
    expect(r.stderr).toContain("not understood: “Near the end, the miller's daughter forgives him.”");
    const text = plan("unplaceable-text", brief, false);
    expect(text.stdout).toMatch(/anywhere \(not placed\):\n\s+• Near the end, the miller's daughter forgives him\./);
  });
});
