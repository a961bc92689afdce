/** Numbers as writers type them: the one module every reader of numbers, months and Roman numerals uses. */
import { describe, expect, it } from "vitest";
import { formatDay, fromCjk, isOrdinal, monthIndex, NUMBER_SOURCE, numberWord, parseNumber, toRoman } from "../../../electron/engine/base/numbers";
import { numberWord as headingWord, roman } from "../../../electron/node/export/manuscript";

describe("parseNumber", () => {
  it.each([
    ["12", 12], ["10,000", 10_000], ["2.000", 2000], ["10k", 10_000], ["1.5k", 1500], ["21st", 21],
    ["twelve", 12], ["fifty-two", 52], ["twenty one", 21], ["five thousand", 5000], ["thirty-six thousand", 36_000],
    ["two hundred and fifty", 250], ["a hundred", 100], ["a dozen", 12], ["two dozen", 24], ["half a dozen", 6],
    ["seventh", 7], ["twenty-first", 21], ["one hundred and fifth", 105],
    ["十二", 12], ["三万六千", 36_000], ["两万", 20_000],
  ])("%s is %d", (raw, value) => expect(parseNumber(raw)).toBe(value));

  it("reads Roman numerals only when asked (\"I\" is usually a pronoun)", () => {
    expect(parseNumber("IX")).toBeNull();
    expect(parseNumber("IX", { roman: true })).toBe(9);
    expect(parseNumber("xii", { roman: true })).toBe(12);
  });

  it("refuses what is not a number", () => {
    for (const s of ["someone", "lighthouse", "", "12-13", "IIII"]) expect(parseNumber(s, { roman: true })).toBeNull();
    expect(fromCjk("小说")).toBeNull();
  });

  it("finds number phrases inside prose", () => {
    const found = [..."a dozen short stories, roughly five thousand words apiece; the final two letters; about 9,000 words".matchAll(new RegExp(NUMBER_SOURCE, "gi"))].map((m) => m[0]);
    expect(found).toEqual(["a dozen", "five thousand", "two", "9,000"]);
  });

  it("tells ordinals from counts", () => {
    expect(isOrdinal("third")).toBe(true);
    expect(isOrdinal("twenty-first")).toBe(true);
    expect(isOrdinal("21st")).toBe(true);
    expect(isOrdinal("three")).toBe(false);
  });
});

describe("writing numbers and months", () => {
  it("Roman numerals and words for headings", () => {
    expect(toRoman(12)).toBe("XII");
    expect(toRoman(0)).toBe("0");
    expect(numberWord(42)).toBe("forty-two");
    expect(headingWord(21)).toBe("Twenty-One");
    expect(headingWord(3)).toBe("Three");
    expect(roman(1994)).toBe("MCMXCIV");
  });

  it("month names and days", () => {
    expect(monthIndex("March")).toBe(3);
    expect(monthIndex("sept")).toBe(9);
    expect(monthIndex("Dec.")).toBe(12);
    expect(monthIndex("Ma")).toBeNull();
    expect(formatDay("2025-06-14")).toBe("14 June 2025");
  });
});
