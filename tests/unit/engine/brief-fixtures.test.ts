/**
 * The hand-written placement briefs in tests/fixtures/briefs: `quire plan --no-model --json`
 * must put every obligation exactly where the .expected.json beside each brief says, and the
 * unit budgets must sum exactly to the total.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dirname, "../../fixtures/briefs");
const briefs = readdirSync(dir).filter((f) => f.endsWith(".md"));

interface Expected {
  targetWords: number;
  units: number;
  paths?: Record<string, string[]>;
  placements: Record<string, number[]>;
}

describe.each(briefs)("quire plan --no-model %s", (file) => {
  it("places every obligation on the expected units and budgets sum to the total", () => {
    const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.md$/, ".expected.json")), "utf8")) as Expected;
    const r = spawnSync(process.execPath, ["bin/quire.mjs", "plan", join(dir, file), "--no-model", "--json"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { schemaVersion: number; countUnit: string; targetWords: number; units: { index: number; path: string[]; heading: string; targetWords: number; obligations: string[] }[] };
    expect(plan.schemaVersion).toBe(2);
    expect(plan.countUnit).toBe("words");
    expect(plan.targetWords).toBe(expected.targetWords);
    expect(plan.units).toHaveLength(expected.units);
    expect(plan.units.map((u) => u.index)).toEqual(plan.units.map((_, i) => i + 1));
    expect(plan.units.reduce((a, u) => a + u.targetWords, 0)).toBe(expected.targetWords);
    for (const [index, path] of Object.entries(expected.paths ?? {})) expect(plan.units[Number(index) - 1]!.path).toEqual(path);
    const source = readFileSync(join(dir, file), "utf8");
    const all = plan.units.flatMap((u) => u.obligations);
    for (const [needle, units] of Object.entries(expected.placements)) {
      const got = plan.units.filter((u) => u.obligations.some((o) => o.includes(needle))).map((u) => u.index);
      expect(got, needle).toEqual(units);
    }
    // nothing placed that the expectations do not know about, and every obligation in the brief's own words
    for (const ob of all) {
      expect(Object.keys(expected.placements).some((n) => ob.includes(n)), ob).toBe(true);
      expect(source).toContain(ob);
    }
  });
});
