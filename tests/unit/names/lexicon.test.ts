import { describe, expect, it } from "vitest";
import { checkNames } from "../../../electron/engine/monitors/name-drift";
import { dictionaryFor, languageLexicon } from "../../../electron/node/lexicon/language-lexicon";

const bible = [{ name: "Hale", aliases: ["the Major"], kind: "character" }];

describe("the project language's lexicon", () => {
  it("picks the dictionary for the language's spelling, and none for a language it has no dictionary for", async () => {
    expect([dictionaryFor("en-US"), dictionaryFor("en_GB"), dictionaryFor("en-AU"), dictionaryFor("EN"), dictionaryFor("fr-FR")]).toEqual([
      "dictionary-en", "dictionary-en-gb", "dictionary-en-gb", "dictionary-en", null,
    ]);
    const gb = (await languageLexicon("en-GB"))!;
    const us = (await languageLexicon("en-US"))!;
    expect([gb.knows("colour"), us.knows("colour"), us.knows("color")]).toEqual([true, false, true]);
    // inflections come from the affix rules, capitalised and curly-apostrophe forms too
    expect(["Hopes", "dawned", "Hands", "Monday", "don’t"].every((w) => us.knows(w))).toBe(true);
    expect(us.knows("Hael")).toBe(false);
    expect(await languageLexicon("fr-FR")).toBeUndefined();
  });

  it("without a dictionary, learns ordinary words from the text itself and is less sure", async () => {
    const text = "They have a hall. Hael came late, and Hael left early. Have you seen Hael? The hall was cold.";
    const withDictionary = checkNames(text, bible, await languageLexicon("en"));
    const without = checkNames(text, bible, undefined);
    for (const found of [withDictionary, without]) expect(found.filter((f) => f.code === "name-drift").map((f) => f.suggestion?.from)).toEqual(["Hael"]);
    expect(without[0]!.suggestion!.confidence).toBeLessThan(withDictionary[0]!.suggestion!.confidence);
    // a capital where a sentence starts is not evidence on its own: "Have" and "The" are words of this text
    expect(without.some((f) => /Have|The/.test(f.message))).toBe(false);
  });

  it("keeps a name's plural (\"the Hales\", \"two Hales\") apart from a slip (\"Hales said\")", async () => {
    const en = await languageLexicon("en");
    const plural = checkNames("Two Hales lived there, and the Hales kept bees.", [{ name: "Crale", aliases: [], kind: "character" }, ...bible], en);
    expect(plural.filter((f) => f.code === "name-drift")).toEqual([]);
    const slip = checkNames("Later Crales said nothing.", [{ name: "Crale", aliases: [], kind: "character" }], en);
    expect(slip.map((f) => f.suggestion?.to)).toEqual(["Crale"]);
  });
});
