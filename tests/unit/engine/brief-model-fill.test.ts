/**
 * With a model loaded, only the sentences the reader could not place go to the model, in one
 * schema-constrained call that answers with unit references; the planner's resolver places them
 * and rejects references to units that do not exist.
 */
import { describe, expect, it } from "vitest";
import type { GenerateRequest, GenerateResult, LlmPort } from "../../../electron/shared/llm/llm-port";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { extractRequirementsWithModel, fillUnresolvedWithModel } from "../../../electron/engine/brief/model-extract";
import { buildPlan } from "../../../electron/engine/plan/build-plan";

/**
 * A scripted reader: it answers the numbered sentences of the prompt by what they say (it finds
 * them by their words, never by a test flag), and answers one of them wrongly on purpose.
 */
function scriptedModel(answers: { about: RegExp; ref: unknown }[]): LlmPort & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  return {
    requests,
    info: async () => null,
    countTokens: async (t: string) => t.length,
    leaseSequence: async () => ({ id: 0, release() {} }),
    generate: async (req: GenerateRequest): Promise<GenerateResult> => {
      requests.push(req);
      const prompt = req.messages[req.messages.length - 1]!.content;
      const items = prompt
        .split("\n")
        .map((line) => /^(\d+)\. (.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .flatMap((m) => answers.filter((a) => a.about.test(m[2]!)).map((a) => ({ n: Number(m[1]), ref: a.ref })));
      return { text: JSON.stringify({ items }), stopReason: "eos", promptTokens: prompt.length, completionTokens: 20, millis: 1 };
    },
  } as LlmPort & { requests: GenerateRequest[] };
}

const BRIEF = "A novel of 6 chapters of about 300 words. In chapter 2 the ferry sinks. Ines must learn to swim before the ferry sinks. Near the end, the harbour master confesses. The sea is cold.";

describe("the model fills only the gaps", () => {
  it("sends only the unresolved sentences, in one schema-constrained call, and places what resolves", async () => {
    const brief = parseBrief(BRIEF);
    expect(brief.unresolved.map((u) => u.text)).toEqual(["Ines must learn to swim before the ferry sinks.", "Near the end, the harbour master confesses."]);
    const llm = scriptedModel([
      { about: /learn to swim/, ref: { kind: "once", level: "Chapter", index: 1 } },
      // chapter 9 of 6: the resolver must refuse it
      { about: /harbour master/, ref: { kind: "once", level: "Chapter", index: 9 } },
    ]);
    const { placed, rejected } = await fillUnresolvedWithModel(brief, llm);
    expect(llm.requests).toHaveLength(1);
    expect(llm.requests[0]!.jsonSchema).toBeDefined();
    const prompt = llm.requests[0]!.messages.at(-1)!.content;
    expect(prompt).not.toContain("the ferry sinks.\n2. In chapter 2");
    expect(prompt).not.toContain("The sea is cold");
    expect(prompt).not.toMatch(/^\d+\. In chapter 2 the ferry sinks/m);

    expect(placed.map((r) => r.text)).toEqual(["Ines must learn to swim before the ferry sinks."]);
    expect(rejected).toEqual([{ text: "Near the end, the harbour master confesses.", why: expect.stringMatching(/chapter 9 does not exist/) }]);
    // what the model placed is listed, and the rejected sentence stays not understood
    expect(brief.assumed.some((a) => a.text.includes("learn to swim") && /placed by the model/.test(a.why))).toBe(true);
    expect(brief.unresolved.map((u) => u.text)).toEqual(["Near the end, the harbour master confesses."]);

    const plan = buildPlan(brief);
    const where = (needle: string) => plan.obligations.find((o) => o.text.includes(needle))!;
    expect(where("learn to swim").unitIds).toEqual(["u1"]);
    expect(where("harbour master").unitIds).toEqual([]);
    expect(where("harbour master").notPlaced).toMatch(/not placed/);
  });

  it("asks nothing when every sentence was understood", async () => {
    const brief = parseBrief("A novel of 6 chapters of about 300 words. In chapter 2 the ferry sinks.");
    const llm = scriptedModel([]);
    expect(await fillUnresolvedWithModel(brief, llm)).toEqual({ placed: [], rejected: [] });
    expect(llm.requests).toHaveLength(0);
  });

  it("rejects an answer that is not a unit reference, and a level the brief does not have", async () => {
    const brief = parseBrief(BRIEF);
    const llm = scriptedModel([
      { about: /learn to swim/, ref: { kind: "once", level: "Scene", index: 1 } },
      { about: /harbour master/, ref: { kind: "somewhere" } },
    ]);
    const { placed, rejected } = await fillUnresolvedWithModel(brief, llm);
    expect(placed).toEqual([]);
    expect(rejected.map((r) => r.why)).toEqual([expect.stringMatching(/no scenes/), expect.stringMatching(/not a valid unit reference/)]);
    expect(brief.unresolved).toHaveLength(2);
  });

  it("keeps the older call shape: placed requirements come back once, to be added and planned", async () => {
    const brief = parseBrief(BRIEF);
    const llm = scriptedModel([{ about: /learn to swim/, ref: { kind: "last", level: "Chapter" } }]);
    const extra = await extractRequirementsWithModel(brief, llm);
    expect(extra).toHaveLength(1);
    expect(extra[0]).toMatchObject({ text: "Ines must learn to swim before the ferry sinks.", placement: { kind: "last", level: "Chapter" }, source: "model" });
    brief.requirements.push(...extra);
    expect(brief.requirements.filter((r) => r.text === extra[0]!.text)).toHaveLength(1);
    expect(buildPlan(brief).obligations.find((o) => o.text === extra[0]!.text)!.unitIds).toEqual(["u6"]);
  });
});
