import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import type { LedgerEntry } from "../../../electron/engine/base/ledger";
import { checkConsistency, factsFromBible } from "../../../electron/engine/monitors/consistency";
import { extractFactsWithModel, factCueSentences, newFactMemo } from "../../../electron/engine/monitors/extract-facts";
import { checkWritersText } from "../../../electron/engine/monitors/check-text";
import { DraftRun } from "../../../electron/engine/run/runner";
import { MemoryRunStore } from "../../../electron/engine/run/memory-run-store";
import type { RunOptions } from "../../../electron/engine/run/types";
import { FakeLlm, type Cue } from "./fake-llm";

const bible: { name: string; kind: string; aliases: string[]; attributes: Record<string, string> }[] = [
  { name: "Mara Lind", kind: "character", aliases: ["Marri"], attributes: { eyes: "green" } },
  { name: "Tom", kind: "character", aliases: [], attributes: { dies: "3" } },
  { name: "Skarv", kind: "place", aliases: [], attributes: {} },
];
const table = () => factsFromBible(bible, (ref) => Number(ref));

const FILLER = "The river ran past old houses while the lamps came on. A dog waited near the gate of the mill.";

describe("the cue gate", () => {
  it("keeps only sentences that name a known entity and state an attribute, at most max", () => {
    const text = `${FILLER} Mara's hair was red in the wind. Her hair was long. Mara laughed at the dog. Tom was born in Skarv.\n\nMarri worked as a keeper. Someone's eyes were grey.`;
    expect(factCueSentences(text, table())).toEqual(["Mara's hair was red in the wind.", "Tom was born in Skarv.", "Marri worked as a keeper."]);
    expect(factCueSentences(text, table(), 1)).toEqual(["Mara's hair was red in the wind."]);
    // names are matched as written: a rose is not Rose
    expect(factCueSentences("The tom cat had green eyes.", table())).toEqual([]);
  });

  it("makes no model call when no sentence qualifies, or when the table knows no one", async () => {
    const llm = new FakeLlm();
    const ledger: LedgerEntry[] = [];
    const r = await extractFactsWithModel(`${FILLER} Mara laughed.`, 2, table(), { llm, onLedger: (e) => ledger.push(e) });
    expect(r).toEqual({ findings: [], facts: [] });
    expect(await extractFactsWithModel("Mara's hair was red.", 2, factsFromBible([], () => null), { llm })).toEqual({ findings: [], facts: [] });
    expect(llm.calls).toHaveLength(0);
    expect(ledger).toEqual([]);
  });
});

describe("facts read by the model", () => {
  it("sends only the cue sentences in one small schema call, and adds what they state, unconfirmed", async () => {
    const llm = new FakeLlm();
    const t = table();
    const ledger: LedgerEntry[] = [];
    const text = `${FILLER.repeat(20)} Mara's hair was red in the wind. ${FILLER} Tom was born in Skarv.`;
    const r = await extractFactsWithModel(text, 2, t, { llm, unitId: "u2", heading: "Chapter 2", onLedger: (e) => ledger.push(e) });
    expect(r.findings).toEqual([]);
    expect(llm.factCalls).toBe(1);
    const call = llm.calls[0]!;
    expect(call.jsonSchema).toBeDefined();
    expect(call.sampling?.temperature).toBe(0);
    expect(call.maxTokens).toBeLessThanOrEqual(200);
    const prompt = call.messages.map((m) => m.content).join("\n");
    expect(prompt).not.toContain("lamps came on");
    expect(prompt).toContain("Mara's hair was red in the wind.");
    expect(ledger).toEqual([expect.objectContaining({ unitId: "u2", kind: "facts", stopReason: "eos" })]);
    // a short prompt however long the unit: the cheapness this gate is for
    expect(ledger[0]!.promptTokens).toBeLessThan(100);
    expect(t.at("Mara Lind", "hair", 2)).toEqual([
      { entity: "Mara Lind", attribute: "hair", value: "red", fromUnit: 2, toUnit: null, source: "unit 2", confirmed: false },
    ]);
    expect(t.at("Tom", "birthplace", 2)[0]).toMatchObject({ value: "skarv", source: "unit 2", confirmed: false });
    expect(t.at("Mara Lind", "hair", 1)).toEqual([]);
  });

  it("drops facts about names it was not given and values the sentences do not hold", async () => {
    const llm = new FakeLlm({ cues: [{ unit: "Chapter 2", does: "invents", name: "Zed", value: "violet" }] });
    const t = table();
    const ledger: LedgerEntry[] = [];
    const text = "Mara's eyes were green in the lamplight. Mara's hair was red in the wind.";
    const r = await extractFactsWithModel(text, 2, t, { llm, heading: "Chapter 2", onLedger: (e) => ledger.push(e) });
    // kept, "violet" would contradict the bible's green eyes
    expect(r.findings).toEqual([]);
    expect(r.facts.map((f) => `${f.entity}/${f.attribute}/${f.value}`)).toEqual(["Mara Lind/hair/red"]);
    expect(t.facts.some((f) => f.entity === "Zed" || f.value === "violet")).toBe(false);
    expect(ledger[0]!.note).toMatch(/kept 2 of 4/);
  });

  it("flags a single-valued attribute that changes, with both values and where the known one comes from", async () => {
    const llm = new FakeLlm();
    const t = table();
    await extractFactsWithModel("Mara's hair was red in the wind.", 2, t, { llm });
    const r = await extractFactsWithModel(`${FILLER} Mara's hair was black in the wind.`, 5, t, { llm, unitId: "u5" });
    expect(r.findings).toEqual([{
      monitor: "consistency", severity: "error", code: "fact-contradiction", unitId: "u5",
      message: "Mara Lind's hair is black here, but red (unit 2)",
      excerpt: "Mara's hair was black in the wind.",
      fix: { kind: "rewrite-passage", passage: "Mara's hair was black in the wind.", instruction: "Mara Lind's hair is red" },
    }]);
    expect(r.facts).toEqual([]);
    expect(t.at("Mara Lind", "hair", 5).map((f) => f.value)).toEqual(["red"]);
    // a shade of the same colour is no contradiction, and a development of a multi-valued one neither
    expect((await extractFactsWithModel("Mara's hair was dark red that winter.", 6, t, { llm })).findings).toEqual([]);
  });

  it("does not repeat a contradiction the regex rules already raised for the sentence", async () => {
    const llm = new FakeLlm();
    const text = "Mara's brown eyes caught the light.";
    const raised = checkConsistency(text, 2, table());
    expect(raised.map((f) => f.code)).toEqual(["eye-colour"]);
    expect((await extractFactsWithModel(text, 2, table(), { llm, raised })).findings).toEqual([]);
    const alone = await extractFactsWithModel(text, 2, table(), { llm });
    expect(alone.findings.map((f) => f.message)).toEqual(["Mara Lind's eyes are brown here, but green (bible)"]);
  });

  it("records a death from the next unit on, and reads a sentence only once per memo", async () => {
    const llm = new FakeLlm();
    const t = factsFromBible([{ name: "Ola Berg", kind: "character", aliases: [], attributes: {} }], () => null);
    const memo = newFactMemo();
    const text = `${FILLER} Ola drowned in the bay.`;
    const r = await extractFactsWithModel(text, 4, t, { llm, memo, deferAdd: true });
    expect(r.facts).toEqual([{ entity: "Ola Berg", attribute: "status", value: "dead", fromUnit: 5, toUnit: null, source: "unit 4", confirmed: false }]);
    expect(t.facts).toEqual([]);
    await extractFactsWithModel(`${text} Ola's eyes were grey.`, 4, t, { llm, memo, deferAdd: true });
    expect(llm.factCalls).toBe(2);
    expect(llm.calls[1]!.messages[1]!.content).not.toContain("drowned");
    await extractFactsWithModel(text, 4, t, { llm, memo, deferAdd: true });
    expect(llm.factCalls).toBe(2);
  });

  it("reads facts from the writer's own text when a model is given, and not in rules mode", async () => {
    const text = { unitId: "b1", unitNumber: 2, text: "Mara's hair was red in the wind.", targetWords: null, obligations: [] };
    const o = { countUnit: "words" as const, language: "en", tolerance: 0.1 };
    const llm = new FakeLlm();
    const t = table();
    await checkWritersText(text, { ...o, facts: t, llm, factExtraction: "rules" });
    expect(llm.factCalls).toBe(0);
    await checkWritersText(text, { ...o, facts: t, llm });
    expect(llm.factCalls).toBe(1);
    expect(t.at("Mara Lind", "hair", 2).map((f) => f.value)).toEqual(["red"]);
  });
});

const BRIEF = `---
bible:
  - { name: Mara Lind, attributes: { eyes: green } }
---
# The Lighthouse
A novel of 6 chapters of about 300 words. Mara keeps the lighthouse on the island.
`;

async function draft(cues: Cue[], options: Partial<RunOptions> = {}) {
  const brief = parseBrief(BRIEF);
  const llm = new FakeLlm({ cues, sequences: 1 });
  const run = await DraftRun.create({ llm, store: new MemoryRunStore() }, { runId: "f", brief, plan: buildPlan(brief), options: { strategy: "sequential", ...options } });
  const state = await run.start();
  const units = await run.texts();
  return { state, llm, units, by: (h: string) => units.find((u) => u.unit.heading === h)! };
}

describe("facts in a drafting run", () => {
  it("adds a fact the model reads to the unit record, and has a later contradiction revised within the limit", async () => {
    const { state, by, units } = await draft([
      { unit: "Chapter 2", does: "hair-colour", name: "Mara", value: "red" },
      { unit: "Chapter 5", does: "hair-colour", name: "Mara", value: "black" },
    ]);
    expect(state.status).toBe("done");
    expect(by("Chapter 2").record.facts).toContainEqual({ entity: "Mara Lind", attribute: "hair", value: "red", fromUnit: 2, toUnit: null, source: "unit 2", confirmed: false });
    const u5 = by("Chapter 5");
    expect(u5.record.proposals[0]).toMatchObject({ autopilot: "applied" });
    expect(u5.record.proposals[0]!.reasons).toContain("Mara Lind's hair is black here, but red (unit 2)");
    expect(u5.record.proposals.length).toBeLessThanOrEqual(state.options.maxRevisions);
    expect(u5.text).not.toMatch(/hair was black/);
    expect(u5.text).toMatch(/Mara Lind's hair was red/);
    expect(u5.record.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(u5.record.facts.filter((f) => f.attribute === "hair")).toEqual([]);
    // one call for the draft, one for the rewritten sentence only
    const calls = u5.record.ledger.filter((e) => e.kind === "facts");
    expect(calls).toHaveLength(2);
    expect(calls[1]!.note).toMatch(/^1 sentence/);
    // units with nothing to read cost nothing
    for (const h of ["Chapter 1", "Chapter 3", "Chapter 4", "Chapter 6"]) expect(by(h).record.ledger.some((e) => e.kind === "facts")).toBe(false);
    expect(units).toHaveLength(6);
  });

  it("leaves the model out in rules mode", async () => {
    const { by, llm } = await draft([
      { unit: "Chapter 2", does: "hair-colour", name: "Mara", value: "red" },
      { unit: "Chapter 5", does: "hair-colour", name: "Mara", value: "black" },
    ], { factExtraction: "rules" });
    expect(llm.factCalls).toBe(0);
    expect(by("Chapter 5").record.ledger.some((e) => e.kind === "facts")).toBe(false);
    expect(by("Chapter 5").record.findings.some((f) => f.code === "fact-contradiction")).toBe(false);
    expect(by("Chapter 5").text).toMatch(/hair was black/);
  });
});
