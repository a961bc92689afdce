/**
 * How `quire draft` reports a run that finished with failed units: its own exit code (README) and,
 * in the JSON summary, each failed unit with why and no words.
 */
import { describe, expect, it } from "vitest";
import { draftExitCode } from "../../../electron/cli/commands/draft";
import { draftToJson } from "../../../electron/cli/commands/engine-common";
import { buildPlan, parseBrief } from "../../../electron/engine/index";

describe("quire draft's outcome", () => {
  it("exits 0 done, 4 finished with failed units, 3 paused or cancelled, 1 failed", () => {
    expect(["done", "finished-with-failures", "paused", "cancelled", "failed"].map(draftExitCode)).toEqual([0, 4, 3, 3, 1]);
  });

  it("lists a failed unit with why, and no words, in the summary", () => {
    const plan = buildPlan(parseBrief("A novel of 3 chapters of about 300 words."));
    const json = draftToJson(plan, new Map(), 100, 2, new Map([["u2", "The model declined to write it (3 tries)"]]));
    expect(json.units.map((u) => [u.heading, u.words, u.failed])).toEqual([
      ["Chapter 1", 0, undefined],
      ["Chapter 2", 0, "The model declined to write it (3 tries)"],
      ["Chapter 3", 0, undefined],
    ]);
  });
});
