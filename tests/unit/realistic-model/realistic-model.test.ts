/**
 * The realistic scripted model: it reads today's prompts (a whole plan-and-draft run goes through
 * it without one unread section), fails loudly when a section it needs is missing, writes readable
 * prose about the brief, and has each habit on cue, for the cued unit and call only.
 */
import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { cleanReply } from "../../../electron/engine/draft/clean-reply";
import { buildUnitPrompt, followUps, withInstruction } from "../../../electron/engine/draft/prompt-builder";
import { buildPlan } from "../../../electron/engine/plan/build-plan";
import { fillPlanWithModel } from "../../../electron/engine/plan/model-planner";
import { factsFromBible } from "../../../electron/engine/monitors/consistency";
import { extractFactsWithModel } from "../../../electron/engine/monitors/extract-facts";
import { judgeObligation } from "../../../electron/engine/monitors/obligations";
import { MemoryRunStore } from "../../../electron/engine/run/memory-run-store";
import { DraftRun } from "../../../electron/engine/run/runner";
import type { GenerateRequest } from "../../../electron/shared/llm/llm-port";
import { PromptReadError } from "../../fixtures/realistic-model/prompt-reader";
import { RealisticModel, type Habit } from "../../fixtures/realistic-model/realistic-model";

const BRIEF = `---
bible:
  - { name: Anna Berg, attributes: { eyes: green } }
  - { name: Tom Berg, attributes: { relation: brother } }
---
# The Island
A novel of 4 chapters of about 300 words. Anna returns to the island where her grandmother kept the lighthouse.

In chapter 2, Anna finds the letter hidden in the piano.
`;

function setup() {
  const brief = parseBrief(BRIEF);
  const plan = buildPlan(brief);
  return { brief, plan };
}

/** The drafting prompt the engine sends for a unit today. */
function draftRequest(heading: string, extra: Partial<GenerateRequest> = {}): GenerateRequest {
  const { brief, plan } = setup();
  const unit = plan.units.find((u) => u.heading === heading)!;
  const prompt = buildUnitPrompt({ brief, plan, unit, bible: brief.bible });
  return { messages: prompt.messages, maxTokens: 2000, ...extra };
}

describe("the realistic model reads today's prompts", () => {
  it("plans and drafts a whole book through the engine, every prompt read", async () => {
    const { brief, plan } = setup();
    const model = new RealisticModel({ seed: 3 });
    await fillPlanWithModel(plan, brief, { llm: model });
    const run = await DraftRun.create({ llm: model, store: new MemoryRunStore() }, { runId: "r", brief, plan, options: {} });
    const state = await run.start();
    expect(state.status).toBe("done");
    const kinds = new Set(model.calls.map((c) => c.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(["plan", "plan-review", "draft"]));
    const texts = await run.texts();
    expect(texts).toHaveLength(4);
    const all = texts.map((t) => t.text).join("\n\n");
    // prose about the brief: its people, readable sentences, the required item where it belongs
    expect(all).toMatch(/\bAnna\b/);
    expect(texts[1]!.text).toMatch(/Anna finds the letter hidden in the piano/);
    const sentences = all.split(/(?<=[.!?”])\s+/);
    expect(new Set(sentences).size / sentences.length).toBeGreaterThan(0.5);
  });

  it.each([
    ["length line (Write about N words of prose)", /Write about \d+ words of prose\. /],
    ["unit plan (Now write …)", /Now write /],
    ['brief line (You are writing "…", a … in …)', /You are writing /],
  ])("fails loudly when the drafting prompt has no %s", async (section, cut) => {
    const req = draftRequest("Chapter 1");
    const broken = { ...req, messages: req.messages.map((m) => ({ ...m, content: m.content.replace(cut, "") })) };
    const err = await new RealisticModel().generate(broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromptReadError);
    expect((err as PromptReadError).section).toBe(section);
    expect((err as Error).message).toMatch(/update tests\/fixtures\/realistic-model\/prompt-reader\.ts/);
  });

  it("fails loudly on a JSON call it does not know, and on a judge prompt without its passage", async () => {
    const unknown = await new RealisticModel()
      .generate({ messages: [{ role: "system", content: "You summarise chapters. Reply with JSON only." }, { role: "user", content: "Chapter 1" }], maxTokens: 50, jsonSchema: { type: "object" } })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(PromptReadError);
    const judge = await new RealisticModel()
      .generate({
        messages: [
          { role: "system", content: "You check whether a passage contains a required event or detail. Answer only yes or no." },
          { role: "user", content: "Requirement: Anna finds the letter\n\nDoes the passage contain the requirement? Answer yes or no." },
        ],
        maxTokens: 12,
        jsonSchema: { type: "object", properties: { answer: { type: "string", enum: ["yes", "no"] } }, required: ["answer"] },
      })
      .catch((e: unknown) => e);
    expect((judge as PromptReadError).section).toBe("Passage section");
  });
});

describe("the engine's follow-up prompts", () => {
  it("reads an ending (what it must still include, at the length asked) and a retry, and fails loudly on an ending without the text it finishes", async () => {
    const req = draftRequest("Chapter 2");
    const follow = followUps({ label: "Chapter 2", language: "en" });
    const messages = withInstruction(withInstruction(req.messages, follow.ending(60, ["Anna finds the letter hidden in the piano."])), follow.retry({ kind: "list", reason: "a list" }));
    const model = new RealisticModel({ seed: 2 });
    const r = await model.generate({ ...req, messages, continueFrom: "The tide was out." });
    expect(model.calls[0]!.kind).toBe("ending");
    expect(r.text).toMatch(/Anna finds the letter hidden in the piano\./);
    expect(Math.abs(r.text.split(/\s+/).length - 60)).toBeLessThanOrEqual(15);
    const err = await new RealisticModel().generate({ ...req, messages }).catch((e: unknown) => e);
    expect((err as PromptReadError).section).toBe("text to finish (continueFrom)");
  });

  it("reads the paragraph a missing item is written into, and keeps that paragraph's sentences around it", async () => {
    const paragraph = "Rain fell on the roof. Tom sat by the window. The clock struck nine.";
    const model = new RealisticModel();
    const r = await model.generate({
      messages: [
        { role: "system", content: 'You are writing "The Island", a novel in English.' },
        { role: "user", content: `For Chapter 2, rewrite this paragraph so that it also includes: Anna finds the letter hidden in the piano.\nIt comes in the middle of the section. Keep what happens in it and write about 30 words. Reply with the paragraph only.\n\nParagraph:\n${paragraph}` },
      ],
      maxTokens: 200,
    });
    expect(model.calls[0]!.kind).toBe("insert");
    expect(r.text).toBe("Rain fell on the roof. Tom sat by the window. Anna finds the letter hidden in the piano. The clock struck nine.");
    const old = await new RealisticModel()
      .generate({ messages: [{ role: "system", content: 'You are writing "The Island", a novel in English.' }, { role: "user", content: "For Chapter 2, write a short passage that includes: the letter\nIt goes in the middle of the section. Write about 40 words." }], maxTokens: 100 })
      .catch((e: unknown) => e);
    expect(old).toBeInstanceOf(PromptReadError);
  });
});

describe("the engine's own judge and fact reader, through the realistic model", () => {
  it("judges an item met only when a sentence of the passage carries it; on cue it says yes regardless", async () => {
    const item = "Anna finds the letter hidden in the piano";
    const met = "Rain fell on the roof. In the end Anna finds the letter hidden in the piano, folded twice.";
    const missing = "Rain fell on the roof. Tom sat by the window and said nothing at all.";
    const model = new RealisticModel();
    expect(await judgeObligation(item, met, { llm: model })).toBe(true);
    expect(await judgeObligation(item, missing, { llm: model })).toBe(false);
    expect(await judgeObligation(item, "Anna did not find the letter hidden in the piano.", { llm: model })).toBe(false);
    // on cue it says yes without quoting a sentence: the engine does not take that for met
    const lax = new RealisticModel().cue({ habit: "judge-yes-no-quote", times: "always" });
    expect(await judgeObligation(item, missing, { llm: lax })).toBe(false);
    expect(lax.calls.map((c) => [c.kind, c.habits, JSON.parse(c.result!.text)])).toEqual([["judge", ["judge-yes-no-quote"], { answer: "yes", quote: "" }]]);
    expect(model.calls.every((c) => c.kind === "judge")).toBe(true);
  });

  it("reads the facts a sentence states, for the names it was asked about", async () => {
    const table = factsFromBible([{ name: "Anna Berg", kind: "character", aliases: [], attributes: { eyes: "green" } }], (ref) => Number(ref));
    const model = new RealisticModel();
    const r = await extractFactsWithModel("The tide was out. Anna's eyes were brown in the lamplight.", 2, table, { llm: model, heading: "Chapter 2" });
    expect(model.calls.map((c) => c.kind)).toEqual(["facts"]);
    expect(r.findings.map((f) => f.code)).toEqual(["fact-contradiction"]);
  });
});

describe("habits on cue", () => {
  async function reply(habit: Habit, heading = "Chapter 2", extra: Partial<GenerateRequest> = {}) {
    const model = new RealisticModel({ seed: 5 }).cue({ unit: heading, habit });
    const deltas: string[] = [];
    const r = await model.generate(draftRequest(heading, { ...extra, onDelta: (d) => deltas.push(d) }));
    expect(deltas.join("")).toBe(r.text);
    const again = await model.generate(draftRequest(heading));
    return { r, again, model };
  }

  const clean = (text: string) => cleanReply(text, { heading: "Chapter 2", otherHeadings: ["Chapter 1", "Chapter 3"], language: "en" });

  it.each<[Habit, RegExp]>([
    ["preamble", /^Sure! Here is Chapter 2/],
    ["closing-chatter", /Let me know if you'd like any changes/],
    ["inline-chatter", /\n\n\(I'll keep the pacing slow here to build tension\.\)\n\n/],
    ["repeated-heading", /^(?:# Chapter 2|\*\*Chapter 2\*\*|CHAPTER 2|## )/],
    ["next-unit", /\n# Chapter 3\n\n\S/],
    ["think-text", /^<think>\n[\s\S]+\n<\/think>\n/],
    ["refusal", /^I'm sorry, but I can't help with that\.$/],
    ["list", /\n- .+\n- .+/],
    ["table", /^\| Scene \| What happens \|\n\| --- \| --- \|/],
  ])("%s: on the cued call only, and the cleaner takes it off", async (habit, shape) => {
    const { r, again } = await reply(habit);
    expect(r.text).toMatch(shape);
    expect(again.text).not.toMatch(shape);
    if (habit !== "refusal" && habit !== "list" && habit !== "table") {
      const c = clean(r.text);
      expect(c.text).not.toMatch(shape);
      expect(c.kind.kind).toBe("prose");
    }
  });

  it("the required item: met, late, only in reasoning, or negated", async () => {
    const item = /Anna finds the letter hidden in the piano/;
    expect((await reply("late-item")).r.text.split("\n\n").at(-1)).toMatch(item);
    const hidden = (await reply("mention-in-reasoning")).r.text;
    expect(hidden.split("</think>")[0]).toMatch(/Anna finds the letter hidden in the piano/);
    expect(hidden.split("</think>")[1]).not.toMatch(item);
    const negated = (await reply("negated")).r.text;
    expect(negated).toMatch(/Anna did not find the letter hidden in the piano\./);
    expect(negated).not.toMatch(item);
  });

  it("Spanish or Chinese for an English book, until the prompt names the language in words (or regardless, on cue)", async () => {
    // the engine's prompt names it ("a novel in English"); a code ("in en") is what a model may not follow
    const coded = { messages: draftRequest("Chapter 2").messages.map((m) => ({ ...m, content: m.content.replace(" in English.", " in en.") })) };
    expect(draftRequest("Chapter 2").messages[0]!.content).toMatch(/ a novel in English\./);
    expect((await reply("spanish", "Chapter 2", coded)).r.text).toMatch(/\b(?:durante|junto|después|ninguno|sobre)\b/);
    expect((await reply("chinese", "Chapter 2", coded)).r.text).toMatch(/\p{Script=Han}{6}/u);
    const model = new RealisticModel().cue({ unit: "Chapter 2", habit: "spanish" });
    expect((await model.generate(draftRequest("Chapter 2"))).text).not.toMatch(/\b(?:durante|junto|después|ninguno)\b/);
    const deaf = new RealisticModel().cue({ unit: "Chapter 2", habit: "spanish", ignoresLanguage: true });
    expect((await deaf.generate(draftRequest("Chapter 2"))).text).toMatch(/\b(?:durante|junto|después|ninguno|sobre)\b/);
  });

  it("ends early, or runs past the length until stopped", async () => {
    const early = await reply("ends-early");
    expect(early.r.stopReason).toBe("eos");
    expect(early.r.text.split(/\s+/).length).toBeLessThan(early.again.text.split(/\s+/).length / 2);
    const over = await reply("overrun", "Chapter 2", { maxTokens: 300 });
    expect(over.r.stopReason).toBe("length");
    expect(over.r.completionTokens).toBeLessThanOrEqual(300);
  });

  it("reasons through the port's thought fields, apart from the text, within its budget; or spends the whole budget on it", async () => {
    const model = new RealisticModel().cue({ habit: "thoughts", times: "always" });
    const thoughts: string[] = [];
    const r = await model.generate(draftRequest("Chapter 1", { maxTokens: 400, thoughts: { budget: 100 }, onThought: (t) => thoughts.push(t) }));
    expect(r.thoughtTokens).toBe(100);
    expect(thoughts.join("")).toBe(r.thoughts);
    expect(r.text).not.toMatch(/Let me think/);
    expect(r.completionTokens - r.thoughtTokens!).toBeGreaterThan(200);
    const eaten = await new RealisticModel().cue({ unit: "Chapter 1", habit: "thoughts-eat-budget" }).generate(draftRequest("Chapter 1", { maxTokens: 400 }));
    expect(eaten).toMatchObject({ text: "", stopReason: "length", thoughtTokens: 400 });
  });

  it("the judge says yes without a quote on cue, and quotes the sentence otherwise", async () => {
    const schema = { type: "object", properties: { answer: { type: "string", enum: ["yes", "no"] }, quote: { type: "string", maxLength: 300 } }, required: ["answer", "quote"] };
    const judge = (passage: string): GenerateRequest => ({
      messages: [
        { role: "system", content: "You check whether a passage contains a required event or detail. Answer only yes or no." },
        { role: "user", content: `Requirement: Anna finds the letter hidden in the piano\n\nPassage:\n${passage}\n\nDoes the passage contain the requirement? Answer yes or no.` },
      ],
      maxTokens: 80,
      jsonSchema: schema,
    });
    const honest = new RealisticModel();
    expect(JSON.parse((await honest.generate(judge("Rain fell. Anna finds the letter hidden in the piano. Tom laughed."))).text)).toEqual({ answer: "yes", quote: "Anna finds the letter hidden in the piano." });
    expect(JSON.parse((await honest.generate(judge("Rain fell all day and nobody came."))).text)).toEqual({ answer: "no", quote: "" });
    const lax = new RealisticModel().cue({ habit: "judge-yes-no-quote", times: "always" });
    expect(JSON.parse((await lax.generate(judge("Rain fell all day and nobody came."))).text)).toEqual({ answer: "yes", quote: "" });
  });
});

describe("holding a unit open", () => {
  it("the unit's first drafting call waits until released; other units go on meanwhile", async () => {
    const model = new RealisticModel();
    const hold = model.hold("Chapter 1");
    let done = false;
    const first = model.generate(draftRequest("Chapter 1")).then((r) => ((done = true), r));
    await hold.started;
    const other = await model.generate(draftRequest("Chapter 2"));
    expect(other.text.length).toBeGreaterThan(100);
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    hold.release();
    expect((await first).text.length).toBeGreaterThan(100);
  });

  it("a held call that is cancelled ends at once", async () => {
    const model = new RealisticModel();
    model.hold("Chapter 1");
    const ac = new AbortController();
    const running = model.generate(draftRequest("Chapter 1", { signal: ac.signal }));
    ac.abort();
    expect((await running).stopReason).toBe("cancelled");
  });
});
