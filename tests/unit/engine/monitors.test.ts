import { describe, expect, it } from "vitest";
import { countWords } from "../../../electron/shared/text/count-words";
import { cutToRange } from "../../../electron/engine/text/boundaries";
import { FactTable } from "../../../electron/engine/base/facts";
import { checkConsistency, factsFromBible } from "../../../electron/engine/monitors/consistency";
import { checkDegeneration, repetitionRate } from "../../../electron/engine/monitors/degeneration";
import { checkObligations, lexicalCoverage } from "../../../electron/engine/monitors/obligations";
import { lengthWindow } from "../../../electron/engine/monitors/length-monitor";
import { writeToLength } from "../../../electron/engine/draft/write-to-length";
import type { LedgerEntry } from "../../../electron/engine/base/ledger";
import { FakeLlm } from "./fake-llm";

const bible: { name: string; kind: string; aliases: string[]; attributes: Record<string, string> }[] = [
  { name: "Anna Berg", kind: "character", aliases: ["Nan"], attributes: { eyes: "green" } },
  { name: "Tom", kind: "character", aliases: [], attributes: { dies: "12" } },
];
const table = () => factsFromBible(bible, (ref) => Number(ref));

describe("consistency, deterministically", () => {
  it("flags a character who speaks after their death, not before", () => {
    const text = `"Bring the lamp," Tom said. Anna laughed.`;
    expect(checkConsistency(text, 12, table()).map((f) => f.code)).toEqual([]);
    const after = checkConsistency(text, 13, table());
    expect(after.map((f) => f.code)).toEqual(["dead-speaks"]);
    expect(after[0]!.excerpt).toContain("Tom said");
  });

  it("does not flag a dead character who is only remembered", () => {
    expect(checkConsistency("She remembered how Tom said it would rain.", 14, table())).toEqual([]);
  });

  it("flags eye colour changing against the bible and against earlier units", () => {
    expect(checkConsistency("Anna's brown eyes narrowed.", 2, table())[0]?.code).toBe("eye-colour");
    const t = new FactTable([{ name: "Ola", aliases: [], kind: "character" }]);
    expect(checkConsistency("Ola's blue eyes shone.", 1, t)).toEqual([]);
    expect(checkConsistency("Ola's grey eyes shone.", 5, t)[0]?.message).toMatch(/blue \(unit 1\)/);
  });

  it("catches a drifting name and suggests the known one, for the writer to apply; reports recurring unknown names", () => {
    const f = checkConsistency("Then Anan opened the door, and later Anan sat with Gregor, who called for Gregor's dog.", 3, table());
    const drift = f.find((x) => x.code === "name-drift")!;
    expect(drift.fix).toBeUndefined();
    expect(drift.suggestion).toMatchObject({ kind: "replace-name", from: "Anan", to: "Anna" });
    expect(drift.suggestion!.confidence).toBeGreaterThan(0.5);
    expect(f.find((x) => x.code === "unknown-name")?.excerpt).toBe("Gregor");
  });

  it("records a death stated in a unit, so later units are checked against it", () => {
    const t = table();
    checkConsistency("That winter Anna Berg died in her sleep.", 4, t);
    expect(t.isDeadAt("Anna Berg", 5)?.source).toBe("unit 4");
    expect(checkConsistency(`"Come in," Anna said.`, 6, t)[0]?.code).toBe("dead-speaks");
  });
});

describe("degeneration", () => {
  it("finds loops and identical lines, and leaves ordinary prose alone", () => {
    const prose = "The river ran past the mill. A dog waited by the gate while the bells rang. Somebody laughed upstairs.";
    expect(checkDegeneration(prose, "en")).toEqual([]);
    const loop = `${prose} ${"and the bells rang over the square again and again ".repeat(4)}`;
    expect(checkDegeneration(loop, "en")[0]?.code).toBe("loop");
    expect(repetitionRate(loop)).toBeGreaterThan(repetitionRate(prose));
    expect(checkDegeneration("这是一个很长的中文句子，用来检查语言是否正确，以及是否有问题出现在这里。".repeat(2), "en")[0]?.code).toBe("wrong-language");
  });
});

describe("obligations", () => {
  it("accepts a lexical match without a judge call, asks the judge otherwise", async () => {
    expect(lexicalCoverage("Anna finds the letter hidden in the piano.", "Inside the piano Anna found a hidden letter.")).toBeGreaterThanOrEqual(0.75);
    const llm = new FakeLlm();
    const ob = [{ id: "o1", content: "Anna finds the letter hidden in the piano.", text: "In chapter 3, Anna finds the letter hidden in the piano." }];
    const hit = await checkObligations("Inside the piano Anna found a hidden letter.", ob, { llm });
    expect(hit.checks[0]).toMatchObject({ met: true, by: "lexical" });
    expect(llm.judgeCalls).toBe(0);
    const miss = await checkObligations("The river ran past the mill.", ob, { llm });
    expect(miss.checks[0]).toMatchObject({ met: false, by: "judge" });
    expect(miss.findings[0]?.fix).toMatchObject({ kind: "insert-obligation" });
    expect(llm.judgeCalls).toBe(1);
  });
});

describe("length control", () => {
  const run = async (llm: FakeLlm, target: number) => {
    const ledger: LedgerEntry[] = [];
    const r = await writeToLength({
      llm, messages: [{ role: "user", content: `Now write Chapter 1.\n\nWrite about ${target} words of prose.` }],
      window: lengthWindow(target, 0.05), countUnit: "words", unitId: "u1", ratio: { tokensPerWord: 1.5 }, onLedger: (e) => ledger.push(e),
    });
    return { r, ledger };
  };

  it("continues when the model stops early", async () => {
    const { r, ledger } = await run(new FakeLlm({ cues: [{ unit: "Chapter 1", does: "stop-early" }] }), 600);
    expect(r.words).toBeGreaterThanOrEqual(570);
    expect(r.words).toBeLessThanOrEqual(630);
    expect(ledger.some((e) => e.kind === "continue")).toBe(true);
  });

  it("fills a unit from a model that ends its turn at once unless held back", async () => {
    const llm = new FakeLlm();
    const generate = llm.generate.bind(llm);
    llm.generate = async (req) => (req.minTokens ? generate(req) : { text: "", stopReason: "eos", promptTokens: 20, completionTokens: 0, millis: 1 });
    const { r, ledger } = await run(llm, 500);
    expect(r.words).toBeGreaterThanOrEqual(475);
    expect(r.words).toBeLessThanOrEqual(525);
    // one empty reply, then a held-back second try: never two empty ones in a row
    expect(ledger.filter((e) => e.kind === "generate").map((e) => e.completionTokens > 0)).toEqual([false, true]);
  });

  it("keeps going when every call ends early at random", async () => {
    const { r } = await run(new FakeLlm({ cues: [{ unit: "Chapter 1", does: "random-eos" }] }), 800);
    expect(r.words).toBeGreaterThanOrEqual(760);
    expect(r.words).toBeLessThanOrEqual(840);
  });

  it("finishes a long-running model instead of cutting it: cut back short of the target and asked for an ending", async () => {
    const { r, ledger } = await run(new FakeLlm({ cues: [{ unit: "Chapter 1", does: "run-long" }] }), 500);
    expect(r.words).toBeGreaterThanOrEqual(475);
    expect(r.words).toBeLessThanOrEqual(525);
    expect(r.text).toMatch(/[.!?]$/);
    expect(ledger.map((e) => e.kind)).toEqual(["generate", "trim", "ending"]);
    expect(ledger[0]?.note).toMatch(/past the upper bound/);
    expect(ledger[1]?.note).toMatch(/cut back at a (?:paragraph|sentence) boundary/);
    expect(ledger[1]!.wordsAfter!).toBeLessThan(500 - 20);
    expect(r.endings).toBe(1);
  });

  it("trims a model that ignores cancellation at a boundary inside the window", async () => {
    const { r, ledger } = await run(new FakeLlm({ cues: [{ unit: "Chapter 1", does: "overshoot" }] }), 500);
    expect(r.words).toBeGreaterThanOrEqual(475);
    expect(r.words).toBeLessThanOrEqual(525);
    expect(ledger.find((e) => e.kind === "trim")?.wordsBefore).toBeGreaterThan(900);
  });

  it("cuts punctuation-free word salad at a word boundary and closes the sentence", () => {
    const salad = Array.from({ length: 300 }, (_, i) => `w${i}`).join(" ");
    const cut = cutToRange(salad, "words", 200, 190, 210);
    expect(countWords(cut.text)).toBe(200);
    expect(cut.kind).toBe("word");
    expect(cut.text.endsWith(".")).toBe(true);
  });
});
