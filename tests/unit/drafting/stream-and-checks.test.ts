import { describe, expect, it } from "vitest";
import type { GenerateRequest, LlmPort } from "../../../electron/shared/llm/llm-port";
import { withFaults } from "../../e2e/harness/fault-llm";
import { unitChecks } from "../../../electron/node/backend/drafting/unit-checks";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";

/** Streams a fixed reply in small deltas. */
function echo(reply: string): LlmPort & { seen: GenerateRequest[] } {
  const seen: GenerateRequest[] = [];
  return {
    seen,
    info: async () => null,
    countTokens: async (t) => t.length,
    leaseSequence: async () => ({ id: 0, release() {} }),
    async generate(r) {
      seen.push(r);
      for (const w of reply.split(/(?<= )/)) r.onDelta?.(w);
      return { text: reply, stopReason: "eos", promptTokens: 1, completionTokens: 1, millis: 0 };
    },
  };
}

const ask = (user: string, extra: Partial<GenerateRequest> = {}): GenerateRequest => ({ messages: [{ role: "user", content: user }], maxTokens: 10, ...extra });

describe("the fault wrapper", () => {
  it("fails only the named required moment, and its revision then carries it", async () => {
    const llm = withFaults(echo("salad words"), { omit: ["the ferry sinks"] });
    expect((await llm.generate(ask("Requirement: the ferry sinks\n\nPassage:\nz"))).text).toContain('"no"');
    expect((await llm.generate(ask("Requirement: a fox\n\nPassage:\nz"))).text).toBe("salad words");
    const passage = await llm.generate(ask("For Chapter 2, write a short passage that includes: the ferry sinks\nIt goes in the middle."));
    expect(passage.text.startsWith("the ferry sinks.")).toBe(true);
  });
});

describe("monitors on the writer's text", () => {
  const plan = { ...buildPlan(parseBrief("A novel of 4 chapters and 2,000 words.\n\nIn chapter 2, the ferry sinks in the harbour.", "b.md")), binder: { u2: "unit-2" } };

  it("checks length and required content for a planned unit, without a model", async () => {
    const base = { countUnit: "words" as const, language: "en", targetWords: null, plan, planId: "u2", bible: [], facts: [] };
    const short = await unitChecks({ ...base, text: "The ferry sinks in the harbour at dawn." });
    expect(short.targetWords).toBe(500);
    expect(short.findings.map((f) => f.code)).toContain("too-short");
    expect(short.obligations[0]!.met).toBe(true);
    const missing = await unitChecks({ ...base, text: "Gulls over grey water. ".repeat(125) });
    expect(missing.obligations[0]!.met).toBe(false);
    expect(missing.findings.some((f) => f.code === "too-short" || f.code === "too-long")).toBe(false);
  });

  it("flags a dead character speaking from the bible's facts", async () => {
    const r = await unitChecks({
      countUnit: "words", language: "en", targetWords: null, plan, planId: "u2", facts: [],
      bible: [{ name: "Mara", aliases: [], kind: "character", attributes: { dies: "chapter 1" } }],
      text: '"Come back," Mara said to the gulls.',
    });
    expect(r.findings.some((f) => f.monitor === "consistency")).toBe(true);
  });

  it("flags a character speaking after the unit before it recorded their death", async () => {
    const mara = [{ name: "Mara", aliases: [], kind: "character", attributes: {} }];
    const died = { entity: "Mara", attribute: "status", value: "dead", fromUnit: 2, toUnit: null, source: "unit 1", confirmed: false };
    const text = '"Come back," Mara said to the gulls.';
    const base = { countUnit: "words" as const, language: "en", targetWords: null, plan, planId: "u2", bible: mara, text };
    expect((await unitChecks({ ...base, facts: [died] })).findings.map((f) => f.code)).toContain("dead-speaks");
    // the same fact read from this unit's own text says nothing against it
    expect((await unitChecks({ ...base, facts: [{ ...died, source: "unit 2" }] })).findings.map((f) => f.code)).not.toContain("dead-speaks");
  });
});
