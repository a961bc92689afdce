/**
 * The project's brief corpus (tests/fixtures/brief-corpus/own: briefs written by hand, half of them
 * by someone who had not read the grammar) read with no model. Every brief's budgets add up to its
 * total; each set's figures may not fall below what the reader reaches today (raise the floors as
 * it improves; the aim is 0.98). Misses are printed so a failure says which brief broke.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { figures, loadCorpus, scoreCorpusBrief } from "../../bench/briefs-score";

const own = loadCorpus(join(import.meta.dirname, "../../fixtures/brief-corpus/own"));
const scores = own.map((b) => scoreCorpusBrief(b.id, b.source, b.expected));

/** Today's figures, rounded down: a change that reads briefs worse fails here. */
const FLOOR = { unitsRight: 0.96, recall: 0.97, precision: 0.98, budgetsOk: 0.98 };

describe("the own brief corpus", () => {
  it("has at least 150 briefs, each with its expectation", () => {
    expect(own.length).toBeGreaterThanOrEqual(150);
  });

  it("reads the corpus at least as well as before", () => {
    const f = figures(scores);
    const report = scores.filter((s) => s.misses.length > 0).map((s) => `${s.id}: ${s.misses.join("; ")}`).join("\n");
    expect(f.unitsRight, report).toBeGreaterThanOrEqual(FLOOR.unitsRight);
    expect(f.recall, report).toBeGreaterThanOrEqual(FLOOR.recall);
    expect(f.precision, report).toBeGreaterThanOrEqual(FLOOR.precision);
    expect(f.budgetsOk, report).toBeGreaterThanOrEqual(FLOOR.budgetsOk);
  });

  it("never plans budgets that miss the total", () => {
    const broken = scores.filter((s) => s.gotUnits > 0 && !s.budgetsOk).map((s) => s.id);
    expect(broken).toEqual([]);
  });
});
