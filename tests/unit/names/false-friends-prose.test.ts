/**
 * The prose check of the name monitor (issue 16), on a corpus written apart from the code
 * (tests/fixtures/prose/false-friends): about 20,800 words of ordinary English with ten
 * characters whose names sit next to common words. No ordinary word may be reported as a
 * misspelt name; every single-edit variant of a name that no dictionary knows must be caught,
 * mid-sentence and at a sentence start, in the middle of that prose.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkNames, type Lexicon } from "../../../electron/engine/monitors/name-drift";
import { languageLexicon } from "../../../electron/node/lexicon/language-lexicon";
import { NameFinder } from "../../../electron/shared/text/names";
import { countWords } from "../../../electron/shared/text/count-words";

const corpus = join(import.meta.dirname, "../../fixtures/prose/false-friends");
const read = (name: string) => readFileSync(join(corpus, name), "utf8");
const bible = (JSON.parse(read("bible.json")) as { name: string; aliases: string[]; kind: string }[]);
const misspellings = JSON.parse(read("misspellings.json")) as Record<string, string[]>;
const counts = JSON.parse(read("counts.json")) as { ordinaryWords: Record<string, { count: number; atSentenceStart: number }> };
const chapters = Array.from({ length: 12 }, (_, i) => read(`chapter-${String(i + 1).padStart(2, "0")}.md`));

/** Names a variant is one slip from (twelve variants are one slip from two names; either is right). */
const namesFor = new Map<string, string[]>();
for (const [name, variants] of Object.entries(misspellings)) for (const v of variants) namesFor.set(v, [...(namesFor.get(v) ?? []), name]);

let en: Lexicon;
beforeAll(async () => {
  en = (await languageLexicon("en-GB"))!;
});

describe("the name monitor on the false-friends prose", () => {
  it("is the corpus the issue asks for", () => {
    expect(chapters.reduce((n, c) => n + countWords(c), 0)).toBeGreaterThanOrEqual(20_000);
    expect(bible.map((e) => e.name)).toEqual(["Hale", "Crale", "Amos", "Edna", "Mark", "Will", "Hope", "Rose", "Bill", "Dawn"]);
    for (const [word, c] of Object.entries(counts.ordinaryWords)) {
      expect({ word, enough: c.count >= 20 && c.atSentenceStart >= 10 }).toEqual({ word, enough: true });
    }
  });

  it("reports no ordinary word of the prose as a misspelt name, in English and in British English", async () => {
    for (const lexicon of [en, (await languageLexicon("en-US"))!]) {
      const drift = chapters.flatMap((c) => checkNames(c, bible, lexicon)).filter((f) => f.code === "name-drift");
      expect(drift.map((f) => f.message)).toEqual([]);
    }
  });

  it("catches every listed variant of each name, mid-sentence and at a sentence start, in the middle of the prose", () => {
    const finder = new NameFinder(bible);
    const missed: string[] = [];
    const wrong: string[] = [];
    let caught = 0;
    for (const [name, variants] of Object.entries(misspellings)) {
      const entry = bible.findIndex((e) => e.name === name);
      // every sentence of the prose that uses the name on its own, at a start or mid-sentence
      const uses = chapters.flatMap((c) => finder.find(c).filter((o) => o.entry === entry && o.form === name).map((o) => ({ c, o })));
      const starts = uses.filter((u) => u.o.sentenceStart);
      const mids = uses.filter((u) => !u.o.sentenceStart);
      expect(starts.length * mids.length).toBeGreaterThan(0);
      // the variants take the name's place in its own chapters, half where a sentence starts;
      // each check sees the real chapter with one slip in it
      variants.forEach((v, i) => {
        const pool = i % 2 === 0 ? mids : starts;
        const { c, o } = pool[Math.floor(i / 2) % pool.length]!;
        const text = `${c.slice(0, o.at)}${v}${c.slice(o.end)}`;
        const found = checkNames(text, bible, en).filter((f) => f.code === "name-drift");
        const mine = found.find((f) => f.suggestion?.from === v);
        if (!mine) missed.push(`${v} (${name})`);
        else if (!namesFor.get(v)!.includes(mine.suggestion!.to)) wrong.push(`${v} → ${mine.suggestion!.to}`);
        else caught++;
        // and nothing else in that chapter is taken for a misspelling
        for (const f of found) if (f.suggestion?.from !== v) wrong.push(`${f.suggestion?.from} in the prose`);
      });
    }
    expect(missed).toEqual([]);
    expect(wrong).toEqual([]);
    expect(caught).toBe(Object.values(misspellings).reduce((n, v) => n + v.length, 0));
  }, 120_000);
});
