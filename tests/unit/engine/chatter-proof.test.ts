/**
 * Monitors and length control that chatter cannot fool, piece by piece: the lexical pass counts
 * an item only where one sentence (or two neighbouring ones) of the prose carries it, never in
 * reasoning or a negation; the judge sees the whole unit, in windows, and must quote the sentence
 * that meets the item; CJK items are compared by characters; an inserted item never costs the
 * unit its ending; reasoning tokens stay out of the tokens-per-word estimate; replies that are
 * not prose are asked for again a bounded number of times.
 */
import { describe, expect, it } from "vitest";
import type { GenerateRequest, GenerateResult, LlmPort } from "../../../electron/shared/llm/llm-port";
import { countWords } from "../../../electron/shared/text/count-words";
import type { LedgerEntry } from "../../../electron/engine/base/ledger";
import { ReplyCleaner } from "../../../electron/engine/draft/clean-reply";
import { writeToLength } from "../../../electron/engine/draft/write-to-length";
import { checkDegeneration } from "../../../electron/engine/monitors/degeneration";
import { detectLanguage, languageName } from "../../../electron/engine/monitors/language";
import { lengthWindow } from "../../../electron/engine/monitors/length-monitor";
import { checkObligations, judgeItem, judgeWindows } from "../../../electron/engine/monitors/obligations";
import { revise } from "../../../electron/engine/review/revise";
import { writeProse } from "../../fixtures/realistic-model/prose";
import { RealisticModel } from "../../fixtures/realistic-model/realistic-model";

const ITEM = "Anna finds the letter hidden in the piano.";
const ob = (content: string) => [{ id: "o1", content, text: content }];
const filler = (words: number, seed = 3) => writeProse({ cast: ["Anna", "Tom"], about: "the island, the lighthouse and the harbour", include: [] }, words, seed);

/** A port that answers every call with the given function of its request. */
function port(answer: (req: GenerateRequest, n: number) => Partial<GenerateResult> & { text: string }): LlmPort & { calls: GenerateRequest[] } {
  const calls: GenerateRequest[] = [];
  return {
    calls,
    info: async () => ({ name: "scripted", architecture: "scripted", contextSize: 8192, backend: "cpu", sequences: 1 }),
    countTokens: async (t) => Math.ceil(t.length / 4),
    leaseSequence: async () => ({ id: 0, release: () => {} }),
    generate: async (req) => {
      calls.push(req);
      const r = answer(req, calls.length);
      req.onDelta?.(r.text);
      return { stopReason: "eos", promptTokens: 10, completionTokens: Math.ceil(countWords(r.text) * 1.3), millis: 1, ...r };
    },
  };
}

describe("the lexical pass", () => {
  it("counts an item carried by one sentence of the prose", async () => {
    const { checks } = await checkObligations(`${filler(120)}\n\nIn the end ${ITEM.charAt(0).toLowerCase()}${ITEM.slice(1)} ${filler(40, 5)}`, ob(ITEM), null);
    expect(checks[0]).toMatchObject({ met: true, by: "lexical", quote: expect.stringMatching(/finds the letter hidden in the piano/) });
  });

  it("never counts a negation, a mention in reasoning, or the item's words scattered over the unit", async () => {
    const negated = `${filler(150)} Anna did not find the letter hidden in the piano.`;
    const reasoning = `<think>The brief says: ${ITEM} I will keep that for later.</think>\n\n${filler(150)}`;
    const scattered = `Anna walked to the harbour. A letter had come for Tom. The piano was out of tune. Nothing was hidden any more. She finds her way home.`;
    for (const text of [negated, reasoning, scattered]) {
      const { checks, findings } = await checkObligations(text, ob(ITEM), null);
      expect(checks[0]!.met, text.slice(-80)).not.toBe(true);
      // without a judge: missing where nothing comes near it; words of it here and there are left open (null), never met
      if (text !== scattered) expect(findings.map((f) => f.code)).toEqual(["missing-obligation"]);
    }
    // an item that is itself a negation is met by its own sentence
    expect((await checkObligations("Tom never came back to the island.", ob("Tom never comes back to the island."), null)).checks[0]!.met).toBe(true);
  });

  it("lets a negation deny only its own clause: an item in the next clause of a long sentence is met", async () => {
    const KEEPER = "The lighthouse keeper tells Anna about the storm.";
    const met = async (text: string, item: string) => (await checkObligations(text, ob(item), null)).checks[0]!.met;
    // a writer's sentence: the "nobody" is about the sleepers, not the keeper's news
    expect(await met(`${filler(60)} Nobody had slept, and at dusk the lighthouse keeper tells Anna about the storm.`, KEEPER)).toBe(true);
    // a run-on with no full stop for a hundred words, a "no" far back in it, then the item in its own clause
    const runOn = `${filler(100).replace(/[.!?]/g, "")} with no light left in the village of the harbour, then in chapter 8, the lighthouse keeper tells Anna about the storm.`;
    expect(await met(runOn, KEEPER)).toBe(true);
    expect(await met("汤姆没有说话，安娜在钢琴里找到了那封信。", "安娜在钢琴里找到了那封信")).toBe(true);
    // the clause that carries the item is the one denied: never met
    expect(await met(`${filler(60)} Anna searched the piano, but she did not find the letter hidden in it.`, ITEM)).not.toBe(true);
    expect(await met(`${filler(60)} In the evening, Anna never finds the letter hidden in the piano.`, ITEM)).not.toBe(true);
    expect(await met(`${filler(60)} The keeper, who never tells Anna about the storm, sleeps.`, KEEPER)).not.toBe(true);
  });

  it("compares Chinese by characters: an item in other words around it is found, a different one is not", async () => {
    const text = "雨从中午就开始下。安娜终于在钢琴里找到了那封信，她的手在发抖。汤姆没有说话。";
    expect((await checkObligations(text, ob("安娜在钢琴里找到了那封信"), null)).checks[0]!.met).toBe(true);
    expect((await checkObligations(text, ob("汤姆把船卖给了陌生人"), null)).checks[0]!.met).not.toBe(true);
  });
});

describe("the judge", () => {
  // paraphrased, so the lexical pass leaves it to the judge: "discovers … inside" for "finds … hidden in"
  const REQ = "Anna discovers the letter inside the piano";
  const long = () => `${filler(1600)}\n\n${filler(400, 9)} At the very end Anna finds the letter hidden in the piano.`;

  it("sees the whole unit, a window at a time, and finds an item met late in a long unit", async () => {
    const text = long();
    expect(text.length).toBeGreaterThan(8000);
    expect(judgeWindows(text, 3000).length).toBeGreaterThan(2);
    const model = new RealisticModel();
    const calls: string[] = [];
    const j = await judgeItem(REQ, text, { llm: model, maxChars: 3000, onCall: (c) => calls.push(c.note ?? "") });
    expect(j).toMatchObject({ met: true, quote: expect.stringMatching(/Anna finds the letter hidden in the piano/) });
    expect(model.calls.every((c) => c.kind === "judge")).toBe(true);
  });

  it("a yes without a quote, or with a quote the unit does not hold or that negates the item, is not met", async () => {
    const text = `${filler(200)} Tom sat by the window.`;
    const lax = new RealisticModel().cue({ habit: "judge-yes-no-quote", times: "always" });
    expect((await judgeItem(REQ, text, { llm: lax })).met).toBe(false);
    const inventing = port(() => ({ text: JSON.stringify({ answer: "yes", quote: "Anna finds the letter hidden in the piano." }) }));
    expect((await judgeItem(REQ, text, { llm: inventing })).met).toBe(false);
    const negating = port(() => ({ text: JSON.stringify({ answer: "yes", quote: "Anna did not find the letter inside the piano." }) }));
    expect((await judgeItem(REQ, `${text} Anna did not find the letter inside the piano.`, { llm: negating })).met).toBe(false);
    const notes: string[] = [];
    await checkObligations(text, ob(REQ), { llm: lax, onCall: (c) => notes.push(c.note ?? "") });
    expect(notes.join(" ")).toMatch(/said yes without quoting the sentence/);
  });
});

describe("revisions keep the unit's ending", () => {
  it("an inserted item rewrites a paragraph in the middle at about its length: the ending stays, the length holds", async () => {
    const text = filler(490, 6);
    const paras = text.split("\n\n");
    const window = lengthWindow(500, 0.05);
    expect(paras.length).toBeGreaterThanOrEqual(5);
    expect(countWords(text)).toBeGreaterThanOrEqual(window.lo);
    expect(countWords(text)).toBeLessThanOrEqual(window.hi);
    const model = new RealisticModel({ seed: 4 });
    const ledger: LedgerEntry[] = [];
    const out = await revise(text, [{ monitor: "obligation", severity: "error", code: "missing-obligation", obligationId: "o1", message: "not found", fix: { kind: "insert-obligation", obligationId: "o1", content: ITEM } }], {
      llm: model, unitId: "u3", heading: "Chapter 3", countUnit: "words", window, systemPrompt: 'You are writing "The Island", a novel in English.',
      messages: [{ role: "system", content: 'You are writing "The Island", a novel in English.' }, { role: "user", content: "Now write Chapter 3.\n\nWrite about 500 words of prose. No heading, no notes, only the text." }],
      ratio: { tokensPerWord: 1.3 }, onLedger: (e) => ledger.push(e),
    });
    expect(out).toContain(ITEM);
    expect(out.endsWith(paras.at(-1)!)).toBe(true);
    expect(out.startsWith(paras[0]!)).toBe(true);
    const words = countWords(out);
    expect(words).toBeGreaterThanOrEqual(window.lo);
    expect(words).toBeLessThanOrEqual(window.hi);
    expect(ledger.filter((e) => e.kind === "trim")).toEqual([]);
  });
});

describe("revising a long paragraph", () => {
  it("an item goes into a few sentences of a long paragraph, not a rewrite of all of it: the rest of the paragraph and the ending stay", async () => {
    const opening = filler(60, 2);
    const long = filler(330, 5).replace(/\n\n/g, " ");
    const ending = filler(80, 7);
    const text = [opening, long, ending].join("\n\n");
    const target = countWords(text);
    const window = lengthWindow(target, 0.05);
    const model = new RealisticModel({ seed: 4 });
    const out = await revise(text, [{ monitor: "obligation", severity: "error", code: "missing-obligation", obligationId: "o1", message: "not found", fix: { kind: "insert-obligation", obligationId: "o1", content: ITEM } }], {
      llm: model, unitId: "u3", heading: "Chapter 3", countUnit: "words", window, systemPrompt: 'You are writing "The Island", a novel in English.',
      messages: [{ role: "system", content: 'You are writing "The Island", a novel in English.' }, { role: "user", content: `Now write Chapter 3.\n\nWrite about ${target} words of prose. No heading, no notes, only the text.` }],
      ratio: { tokensPerWord: 1.3 }, onLedger: () => {},
    });
    expect(out).toContain(ITEM);
    expect(out.startsWith(opening)).toBe(true);
    expect(out.endsWith(ending)).toBe(true);
    const insert = model.calls.find((c) => c.kind === "insert")!;
    const paragraph = /\n\nParagraph:\n([\s\S]*)$/.exec(insert.request.messages.at(-1)!.content)![1]!;
    expect(countWords(paragraph)).toBeLessThanOrEqual(120);
    // what was not rewritten of the long paragraph is there word for word
    const kept = long.split(paragraph);
    expect(kept).toHaveLength(2);
    for (const part of kept) expect(out).toContain(part.trim());
  });

  it("a long run-on stretch with no sentence end is taken a few dozen words at a time", async () => {
    const runOn = `${Array.from({ length: 300 }, (_, i) => ["rain", "harbour", "lamp", "window", "boat"][i % 5]).join(" ")}.`;
    const text = [filler(60, 2), runOn, filler(80, 7)].join("\n\n");
    const model = new RealisticModel({ seed: 4 });
    const out = await revise(text, [{ monitor: "obligation", severity: "error", code: "missing-obligation", obligationId: "o1", message: "not found", fix: { kind: "insert-obligation", obligationId: "o1", content: ITEM } }], {
      llm: model, unitId: "u3", heading: "Chapter 3", countUnit: "words", window: lengthWindow(countWords(text), 0.05), systemPrompt: 'You are writing "The Island", a novel in English.',
      messages: [{ role: "system", content: 'You are writing "The Island", a novel in English.' }, { role: "user", content: "Now write Chapter 3.\n\nWrite about 440 words of prose. No heading, no notes, only the text." }],
      ratio: { tokensPerWord: 1.3 }, onLedger: () => {},
    });
    expect(out).toContain(ITEM);
    const insert = model.calls.find((c) => c.kind === "insert")!;
    expect(countWords(/\n\nParagraph:\n([\s\S]*)$/.exec(insert.request.messages.at(-1)!.content)![1]!)).toBeLessThanOrEqual(60);
  });
});

describe("writing to length on cleaned replies", () => {
  const base = { countUnit: "words" as const, unitId: "u1", messages: [{ role: "user" as const, content: "Now write Chapter 1.\n\nWrite about 300 words of prose." }] };

  it("reasoning tokens stay out of the tokens-per-word estimate; prose calls skip thinking with a budget of its own", async () => {
    const llm = port(() => ({ text: filler(300), thoughtTokens: 600, completionTokens: Math.ceil(300 * 1.3) + 600 }));
    const ratio = { tokensPerWord: 1.3 };
    const ledger: LedgerEntry[] = [];
    const r = await writeToLength({ ...base, llm, window: lengthWindow(300, 0.05), ratio, onLedger: (e) => ledger.push(e) });
    expect(r.thoughtTokens).toBe(600);
    expect(ratio.tokensPerWord).toBeLessThan(1.45);
    expect(llm.calls[0]!.thoughts).toMatchObject({ skip: true, budget: expect.any(Number) });
    expect(ledger[0]).toMatchObject({ kind: "generate", thoughtTokens: 600 });
  });

  it("a reply that is not prose is asked for again, a few times at most, saying what was wrong; the last one's class comes back", async () => {
    const llm = port(() => ({ text: "I'm sorry, but I can't help with that." }));
    const ledger: LedgerEntry[] = [];
    const r = await writeToLength({ ...base, llm, window: lengthWindow(300, 0.05), ratio: { tokensPerWord: 1.3 }, maxRetries: 2, onLedger: (e) => ledger.push(e), replies: () => new ReplyCleaner({ heading: "Chapter 1", language: "en" }) });
    expect(llm.calls).toHaveLength(3);
    expect(r).toMatchObject({ text: "", words: 0, retries: 2, rejected: { kind: "refusal" } });
    expect(ledger.filter((e) => e.kind === "retry")).toHaveLength(3);
    expect(llm.calls[1]!.messages.at(-1)!.content).toMatch(/write it itself now, as prose|write .* itself now, as prose/i);
  });

  it("a reply in another language, out of retries, is kept for the writer to see (with its class), never a refusal or a list", async () => {
    const spanish = writeProse({ cast: ["Anna"], about: "la isla", include: [] }, 300, 2, "es");
    const llm = port(() => ({ text: spanish }));
    const r = await writeToLength({ ...base, llm, window: lengthWindow(300, 0.05), ratio: { tokensPerWord: 1.3 }, maxRetries: 1, onLedger: () => {}, replies: () => new ReplyCleaner({ heading: "Chapter 1", language: "en", detectLanguage: (t) => detectLanguage(t, "en") }) });
    expect(r.rejected?.kind).toBe("wrong-language");
    expect(r.rejected?.reason).toMatch(/Spanish/);
    expect(r.words).toBeGreaterThan(200);
    expect(llm.calls[1]!.messages.at(-1)!.content).toMatch(/Write it in English|Write it in the language of the book/);
  });

  it("the next unit's heading stops generation there: what follows is never written, and the strip is in the ledger", async () => {
    let delivered = 0;
    const llm: LlmPort = {
      info: async () => null,
      countTokens: async (t) => t.length,
      leaseSequence: async () => ({ id: 0, release: () => {} }),
      generate: async (req) => {
        const words = `${filler(300)}\n\n# Chapter 2\n\n${filler(200, 8)}`.split(/(?<=\s)/);
        let text = "";
        for (const w of words) {
          if (req.signal?.aborted) return { text, stopReason: "cancelled", promptTokens: 1, completionTokens: delivered, millis: 1 };
          text += w;
          delivered++;
          req.onDelta?.(w);
        }
        return { text, stopReason: "eos", promptTokens: 1, completionTokens: delivered, millis: 1 };
      },
    };
    const ledger: LedgerEntry[] = [];
    const r = await writeToLength({ ...base, llm, window: lengthWindow(300, 0.1), ratio: { tokensPerWord: 1.3 }, onLedger: (e) => ledger.push(e), replies: () => new ReplyCleaner({ heading: "Chapter 1", otherHeadings: ["Chapter 2"], language: "en" }) });
    expect(r.text).not.toMatch(/Chapter 2/);
    expect(delivered).toBeLessThan(340);
    expect(ledger.find((e) => e.kind === "generate")?.note).toMatch(/stopped: the heading of another unit began/);
    expect(ledger.some((e) => e.kind === "strip" && e.removed?.kind === "next-unit")).toBe(true);
  });
});

describe("languages", () => {
  it("the detector knows Spanish and French written in the book's script, and never takes English prose (or a short piece) for another language", () => {
    expect(detectLanguage(writeProse({ cast: ["Anna"], about: "la isla", include: [] }, 200, 1, "es"), "en")).toBe("es");
    expect(detectLanguage(filler(200), "en")).toBe("en");
    expect(detectLanguage(filler(200), "en-GB")).toBe("en");
    expect(detectLanguage("Anna laughed.", "en")).toBeNull();
    expect(checkDegeneration(writeProse({ cast: ["Anna"], about: "la isla", include: [] }, 200, 1, "es"), "en").map((f) => f.code)).toEqual(["wrong-language"]);
    expect(checkDegeneration(filler(300), "en")).toEqual([]);
  });

  it("names a language in words for the prompts", () => {
    expect(languageName("en")).toBe("English");
    expect(languageName("pt-BR")).toBe("Brazilian Portuguese");
    expect(languageName("English")).toBe("English");
  });
});

describe("the judge's reply cut off by its token limit", () => {
  it("a yes whose quote was cut short still counts when what it quoted is in the unit", async () => {
    const text = "The rain stopped. Anna finds the letter hidden in the piano, folded twice and yellow with age, and reads it by the window.";
    const cut = port(() => ({ text: '{"answer": "yes", "quote": "Anna finds the letter hidden in the piano, folded tw', stopReason: "length" }));
    expect((await judgeItem("Anna discovers the letter inside the piano", text, { llm: cut })).met).toBe(true);
    const invented = port(() => ({ text: '{"answer": "yes", "quote": "Anna discovers a letter inside the old pia', stopReason: "length" }));
    expect((await judgeItem("Anna discovers the letter inside the piano", text, { llm: invented })).met).toBe(false);
  });
});
