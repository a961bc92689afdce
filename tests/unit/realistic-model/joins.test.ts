/**
 * The realistic model at the joins (issue 15): it reads the seam check's and the bridge's prompts
 * through its one reader, fails loudly when a section it needs is missing, and its plan and draft
 * answers carry places that join (or, on cue, a character moved in the gap).
 */
import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { factsFromBible } from "../../../electron/engine/base/bible-facts";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import { bridgeSeam, checkSeam, type SeamContext } from "../../../electron/engine/review/seam-check";
import type { LedgerEntry } from "../../../electron/engine/base/ledger";
import { PromptReadError } from "../../fixtures/realistic-model/prompt-reader";
import { RealisticModel } from "../../fixtures/realistic-model/realistic-model";

const brief = parseBrief("# The Island\nA novel of 3 chapters, 900 words in total. Anna returns to the island.");
const plan = buildPlan(brief);
const [one, two] = plan.units;

function ctx(llm: RealisticModel, ledger: LedgerEntry[] = []): SeamContext {
  return { llm, brief, plan, facts: factsFromBible([], () => null), systemPrompt: 'You are writing "The Island", a novel in en.', leafIndex: 2, onLedger: (e) => ledger.push(e) };
}

describe("the realistic model at the joins", () => {
  it("reads a seam check: places that differ with nothing between do not join; the same place joins", async () => {
    const model = new RealisticModel();
    const ledger: LedgerEntry[] = [];
    const end = { unit: one!, text: "Rain fell.\n\nIn the end Anna was at the harbour wall." };
    expect(await checkSeam(end, { unit: two!, text: "Anna was at the harbour wall. The ferry was late." }, ctx(model, ledger))).toEqual({ joins: true });
    const moved = await checkSeam(end, { unit: two!, text: "Anna was at the station platform. The train was late." }, ctx(model, ledger));
    expect(moved).toMatchObject({ joins: false, fix: "start", problem: expect.stringMatching(/harbour wall.*station platform/) });
    expect(ledger.map((e) => [e.kind, e.note])).toEqual([["seam", "u1|u2: joins"], ["seam", expect.stringMatching(/^u1\|u2: does not join: /)]]);
    // the bridge puts her where the chapter before left her
    const bridge = await bridgeSeam(end, { unit: two!, text: "Anna was at the station platform. The train was late." }, "start", moved.problem!, ctx(model));
    expect(bridge!.text).toBe("Anna was at the harbour wall. The train was late.");
    expect(model.calls.map((c) => c.kind)).toEqual(["seam", "seam", "bridge"]);
  });

  it("fails loudly on a seam prompt without its sides", async () => {
    const model = new RealisticModel();
    const noStart = model.generate({
      messages: [
        { role: "system", content: "You check that two consecutive sections of a book join up. Reply with JSON only." },
        { role: "user", content: "\"The Island\", a novel.\n\nEnd of Chapter 1:\nAnna was at the harbour wall.\n\nDo the two join?" },
      ],
      maxTokens: 90,
      jsonSchema: { type: "object" },
    });
    const err = await noStart.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromptReadError);
    expect((err as PromptReadError).section).toMatch(/End of … section|Start of … section/);
  });
});
