/**
 * The fact reader with the real runtime and the generated models: its schema must close inside
 * its token budget even when the model writes word salad (a cut-off reply reads as no facts, so a
 * budget too small would silently turn the reader off), and nothing the model claims survives
 * unless its sentence says it.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../electron/engine/base/ledger";
import { factsFromBible } from "../../electron/engine/monitors/consistency";
import { extractFactsWithModel } from "../../electron/engine/monitors/extract-facts";
import { startLocalLlm, type LocalLlm } from "../../electron/node/llm";
import type { GenerateRequest, GenerateResult, LlmPort } from "../../electron/shared/llm/llm-port";
import { makeTestModel } from "../fixtures/gguf/test-model";

const bible: { name: string; kind: string; aliases: string[]; attributes: Record<string, string> }[] = [
  { name: "Mara", kind: "character", aliases: [], attributes: { eyes: "green" } },
  { name: "Tomas", kind: "character", aliases: [], attributes: {} },
];

const TEXT = [
  "The lamps came on along the quay.",
  "Mara's eyes were grey in the lamplight.",
  "Tomas was born in Harwick, a town of salt and rope.",
  "Mara works as a keeper of the harbour light.",
  "Nobody spoke for a while.",
].join(" ");

/** The port as the engine sees it, keeping each raw reply so the test can read what the model said. */
function recording(llm: LlmPort, replies: GenerateResult[]): LlmPort {
  return new Proxy(llm, {
    get(target, prop, receiver) {
      if (prop === "generate") {
        return async (req: GenerateRequest) => {
          const r = await target.generate(req);
          replies.push(r);
          return r;
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

const hosts: LocalLlm[] = [];
afterAll(async () => {
  await Promise.all(hosts.map((h) => h.dispose()));
});

describe.each(["whole", "split"] as const)("the fact reader with the %s test model", (variant) => {
  it("gets a reply that closes its JSON within the budget, and keeps only what the sentences state", async () => {
    const llm = await startLocalLlm({ modelPath: await makeTestModel({ params: "1M", variant }), gpu: false, threads: 1, contextSize: 1024, sequences: 1 });
    hosts.push(llm);
    const replies: GenerateResult[] = [];
    const ledger: LedgerEntry[] = [];
    const table = factsFromBible(bible, () => null);
    const r = await extractFactsWithModel(TEXT, 2, table, { llm: recording(llm, replies), unitId: "u2", heading: "Chapter 2", onLedger: (e) => ledger.push(e) });

    // one call, for the three cue sentences only
    expect(replies).toHaveLength(1);
    expect(ledger).toEqual([expect.objectContaining({ kind: "facts", unitId: "u2", note: expect.stringMatching(/^3 sentence\(s\)/) })]);
    const reply = replies[0]!;
    expect(reply.stopReason, reply.text).not.toBe("maxTokens");
    const parsed = JSON.parse(reply.text) as { facts: { entity: string; attribute: string; value: string }[] };
    expect(Array.isArray(parsed.facts)).toBe(true);
    expect(parsed.facts.length).toBeLessThanOrEqual(4);

    // whatever was claimed, a kept fact names a known person and its value is in the text
    for (const f of r.facts) {
      expect(["Mara", "Tomas"]).toContain(f.entity);
      expect(TEXT.toLowerCase()).toContain(f.value.toLowerCase());
    }
    for (const f of r.findings) expect(TEXT).toContain(f.excerpt!);
  }, 180_000);
});
