/**
 * What the engine reads back is parsed, never cast: run.json, unit records and plans through
 * their schemas (versions checked, older migrated, newer refused, a clear error naming the file),
 * and every model JSON reply through the call's schema (a reply that does not fit is a handled
 * outcome, noted in the ledger, never a crash or a silently wrong value).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../../electron/engine/base/ledger";
import { DataError, parseModelReply } from "../../../electron/engine/base/parse";
import { extractRequirementsWithModel } from "../../../electron/engine/brief/model-extract";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { FactTable } from "../../../electron/engine/base/facts";
import { extractFactsWithModel } from "../../../electron/engine/monitors/extract-facts";
import { judgeObligation } from "../../../electron/engine/monitors/obligations";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import { fillPlanWithModel } from "../../../electron/engine/plan/model-planner";
import { parsePlan } from "../../../electron/engine/plan/plan-schema";
import { PLAN_SCHEMA_VERSION } from "../../../electron/engine/plan/types";
import { parseRunState, parseUnitRecord } from "../../../electron/engine/run/run-schema";
import { RUN_SCHEMA_VERSION, UNIT_RECORD_VERSION } from "../../../electron/engine/run/types";
import type { GenerateRequest, GenerateResult, LlmPort } from "../../../electron/shared/llm/llm-port";
import { z } from "zod";

const FIXTURE = join(import.meta.dirname, "../../fixtures/paused-run/Harbour.quire");
const runDir = join(FIXTURE, "runs", readdirSync(join(FIXTURE, "runs")).find((n) => n.startsWith("run-"))!);
const json = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

/** A model that answers every call with `reply`. */
function answering(reply: string): LlmPort & { calls: GenerateRequest[] } {
  const calls: GenerateRequest[] = [];
  return {
    calls,
    info: async () => null,
    countTokens: async (t) => Math.ceil(t.length / 4),
    leaseSequence: async () => ({ id: 0, release() {} }),
    async generate(r): Promise<GenerateResult> {
      calls.push(r);
      return { text: reply, stopReason: "eos", promptTokens: 10, completionTokens: 5, millis: 1 };
    },
  };
}

describe("run files", () => {
  it("reads a version-1 run.json (the fixture's) as version 2, the binder its plan carried left out", () => {
    const raw = json(join(runDir, "run.json"));
    expect(raw.schemaVersion).toBe(1);
    expect((raw.plan as { binder?: unknown }).binder).toBeDefined();
    const state = parseRunState(raw, "run.json");
    expect(state.schemaVersion).toBe(RUN_SCHEMA_VERSION);
    expect("binder" in state.plan).toBe(false);
    expect(state.status).toBe("paused");
  });

  it("reads a record from before versions (proposal status and decider) as what autopilot did", () => {
    const raw = json(join(runDir, "units", "u2.json"));
    expect(raw.schemaVersion).toBeUndefined();
    const record = parseUnitRecord(raw, "u2.json");
    expect(record.schemaVersion).toBe(UNIT_RECORD_VERSION);
    // autopilot was off in that run: the revision was left for the writer
    expect(record.proposals[0]).not.toHaveProperty("status");
    expect(record.proposals[0]!.autopilot).toBeUndefined();
    const applied = parseUnitRecord({ ...raw, proposals: [{ ...(raw.proposals as object[])[0], status: "accepted", decidedBy: "autopilot" }] }, "u2.json");
    expect(applied.proposals[0]!.autopilot).toBe("applied");
    const declined = parseUnitRecord({ ...raw, proposals: [{ ...(raw.proposals as object[])[0], status: "rejected", decidedBy: "autopilot" }] }, "u2.json");
    expect(declined.proposals[0]!.autopilot).toBe("declined");
  });

  it("refuses files from a newer Quire, saying so, and names the file and the field when one does not fit", () => {
    const run = json(join(runDir, "run.json"));
    expect(() => parseRunState({ ...run, schemaVersion: RUN_SCHEMA_VERSION + 1 }, "/p/runs/r/run.json")).toThrow(new RegExp(`/p/runs/r/run\\.json: was written by a newer version of Quire \\(run version ${RUN_SCHEMA_VERSION + 1}`));
    expect(() => parseUnitRecord({ schemaVersion: 9 }, "u1.json")).toThrow(DataError);
    const bad = { ...run, options: { ...(run.options as object), parallel: "four" } };
    expect(() => parseRunState(bad, "/p/runs/r/run.json")).toThrow(/\/p\/runs\/r\/run\.json: is not a Quire run \(options\.parallel: /);
    expect(() => parseUnitRecord({ ...json(join(runDir, "units", "u1.json")), words: -3 }, "units/u1.json")).toThrow(/units\/u1\.json: is not a Quire unit record \(words: /);
  });

  it("plans: a legacy binder key is not part of the plan; a plan from a newer Quire or with a broken tree is refused", () => {
    const plan = parsePlan(json(join(FIXTURE, "plan.json")), "plan.json");
    expect("binder" in plan).toBe(false);
    expect(plan.units).toHaveLength(5);
    expect(() => parsePlan({ ...plan, schemaVersion: PLAN_SCHEMA_VERSION + 1 }, "plan.json")).toThrow(new RegExp(`newer version of Quire \\(plan version ${PLAN_SCHEMA_VERSION + 1}`));
    expect(() => parsePlan({ ...plan, units: [{ ...plan.units[0]!, parentId: "nowhere" }] }, "plan.json")).toThrow(/plan\.json: .*parent nowhere/);
    expect(() => parsePlan({ ...plan, units: "all of them" }, "plan.json")).toThrow(/plan\.json: is not a Quire plan \(units: /);
  });
});

describe("model replies", () => {
  it("parseModelReply names the call and what did not fit", () => {
    const schema = z.object({ answer: z.enum(["yes", "no"]) });
    expect(parseModelReply(schema, '{"answer":"yes"}', "the judge")).toEqual({ ok: true, value: { answer: "yes" } });
    expect(parseModelReply(schema, '{"answer":"maybe"}', "the judge")).toMatchObject({ ok: false, error: expect.stringMatching(/^the judge: the reply does not fit its schema \(answer: /) });
    expect(parseModelReply(schema, '{"answer": "ye', "the judge")).toMatchObject({ ok: false, error: expect.stringMatching(/^the judge: the reply is not JSON/) });
  });

  it("the judge: an answer outside the schema is noted for the ledger; a plain no still counts, a yes only with its quote", async () => {
    const notes: (string | undefined)[] = [];
    const onCall = (c: { note?: string }) => notes.push(c.note);
    expect(await judgeObligation("the ferry sinks", "The ferry sank at dawn.", { llm: answering('{"answer":"yes","quote":"The ferry sank at dawn."}'), onCall })).toBe(true);
    expect(await judgeObligation("the ferry sinks", "The ferry sank at dawn.", { llm: answering('{"answer":"perhaps","quote":""}'), onCall })).toBeNull();
    expect(await judgeObligation("the ferry sinks", "The ferry sank at dawn.", { llm: answering("No, it does not."), onCall })).toBe(false);
    // a yes without the sentence that meets the item is not an answer the engine takes
    expect(await judgeObligation("the ferry sinks", "The ferry sank at dawn.", { llm: answering('{"answer":"yes"}'), onCall })).toBe(false);
    expect(notes[0]).toBeUndefined();
    expect(notes[1]).toMatch(/the requirement judge: the reply does not fit its schema/);
    expect(notes[2]).toMatch(/the requirement judge: the reply is not JSON/);
    expect(notes[3]).toMatch(/the requirement judge: the reply does not fit its schema \(quote/);
  });

  it("the fact reader: a reply that does not fit reads as no facts, and the ledger says why", async () => {
    const table = new FactTable([{ name: "Mara", aliases: [], kind: "character" }]);
    const ledger: LedgerEntry[] = [];
    const read = await extractFactsWithModel("Mara's hair was red in the wind.", 2, table, { llm: answering('{"facts": "red hair"}'), onLedger: (e) => ledger.push(e) });
    expect(read.facts).toEqual([]);
    expect(ledger[0]!.note).toMatch(/the fact reader: the reply does not fit its schema \(facts: /);
    // one bad claim costs only itself
    const mixed = JSON.stringify({ facts: [{ entity: "Mara", attribute: "hair", value: "red" }, { entity: 7 }] });
    const kept = await extractFactsWithModel("Mara's hair was red in the wind.", 2, new FactTable([{ name: "Mara", aliases: [], kind: "character" }]), { llm: answering(mixed) });
    expect(kept.facts).toEqual([expect.objectContaining({ entity: "Mara", attribute: "hair", value: "red" })]);
  });

  it("the planner and its reviewer: replies that do not fit leave units unfilled (asked again) and problems unfound, noted", async () => {
    const brief = parseBrief("A novel of 3 chapters, 900 words in total.");
    const plan = buildPlan(brief);
    const ledger: LedgerEntry[] = [];
    await fillPlanWithModel(plan, brief, { llm: answering('{"units": 3, "problems": "none"}'), onLedger: (e) => ledger.push(e) });
    expect(plan.units.every((u) => u.summary === "")).toBe(true);
    expect(ledger.filter((e) => e.kind === "plan").every((e) => /the planner: the reply does not fit its schema/.test(e.note ?? ""))).toBe(true);
    expect(ledger.find((e) => e.kind === "plan-review")!.note).toMatch(/the plan reviewer: the reply does not fit its schema \(problems: /);
  });

  it("the brief reader: a reply that does not fit places nothing, noted", async () => {
    const brief = parseBrief("A novel of 3 chapters, 900 words in total.\n\nIn the chapter after the storm, Anna learns the truth about her father.");
    const ledger: LedgerEntry[] = [];
    const placed = await extractRequirementsWithModel(brief, answering('{"items": [{"n": "one"}]}'), (e) => ledger.push(e));
    expect(placed).toEqual([]);
    expect(ledger[0]!.note).toMatch(/the brief reader: the reply does not fit its schema \(items\.0\.n: /);
  });
});
