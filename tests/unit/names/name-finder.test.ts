import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isSentenceStart, NameFinder } from "../../../electron/shared/text/names";

const corpus = join(import.meta.dirname, "../../fixtures/prose/false-friends");
const bible = JSON.parse(readFileSync(join(corpus, "bible.json"), "utf8")) as { name: string; aliases: string[] }[];
const counts = JSON.parse(readFileSync(join(corpus, "counts.json"), "utf8")) as {
  names: Record<string, { count: number; atSentenceStart: number; insideAliases: number }>;
  aliases: Record<string, { name: string; atSentenceStart: number; midSentence: number }>;
};
const chapters = Array.from({ length: 12 }, (_, i) => readFileSync(join(corpus, `chapter-${String(i + 1).padStart(2, "0")}.md`), "utf8"));

describe("the name finder", () => {
  it("finds an alias that opens with an article or a common word at a sentence start, and only there for a common word", () => {
    const f = new NameFinder([{ name: "Amos", aliases: ["the vicar"] }, { name: "Tom", aliases: ["old Tom"] }]);
    const found = (text: string) => f.find(text).map((o) => o.text);
    expect(found("The vicar looked up. Then the vicar sighed.")).toEqual(["The vicar", "the vicar"]);
    expect(found('She said, "The vicar is late."')).toEqual(["The vicar"]);
    expect(found("Old Tom came in.")).toEqual(["Old Tom"]);
    // mid-sentence, "Old Tom" is someone the writer did not name so
    expect(found("They met Old Tom there.")).toEqual(["Tom"]);
    expect(found("the vicarage stood empty")).toEqual([]);
  });

  it("prefers the longer form and matches whole words only", () => {
    const f = new NameFinder([{ name: "Crale", aliases: ["Old Crale"] }, { name: "Will", aliases: ["the smith"] }]);
    expect(f.find("Old Crale wound the clock; Crale smiled.").map((o) => o.form)).toEqual(["Old Crale", "Crale"]);
    expect(f.find("the smithy was cold, and Willa was away.")).toEqual([]);
  });

  it("knows sentence starts: after . ! ? and closing quotes, at a line start, after an opening quote", () => {
    const t = 'He left. "Go," she said.\nThen rain. ‘Now’ — and “Come”.';
    const at = (w: string) => isSentenceStart(t, t.indexOf(w));
    expect([at("He"), at("Go"), at("she"), at("Then"), at("rain"), at("Now"), at("Come")]).toEqual([true, true, false, true, false, true, true]);
  });

  it("finds every alias of the false-friends prose as its counts say, at sentence starts and mid-sentence", () => {
    const f = new NameFinder(bible);
    const found = chapters.flatMap((c) => f.find(c));
    for (const [alias, c] of Object.entries(counts.aliases)) {
      const mine = found.filter((o) => o.form === alias);
      expect({ alias, starts: mine.filter((o) => o.sentenceStart).length, mid: mine.filter((o) => !o.sentenceStart).length }).toEqual({ alias, starts: c.atSentenceStart, mid: c.midSentence });
    }
    // names that are no ordinary word are counted exactly ("Old Crale" is the alias, not also Crale)
    for (const name of ["Hale", "Crale", "Amos", "Edna"]) expect({ name, n: found.filter((o) => o.form === name).length }).toEqual({ name, n: counts.names[name]!.count });
  });
});
