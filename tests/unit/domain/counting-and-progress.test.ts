import { describe, expect, it } from "vitest";
import { wordsPerDayNeeded } from "../../../electron/shared/domain/progress";
import { countUnitForLanguage, countWords } from "../../../electron/shared/text/count-words";

describe("counting", () => {
  it("counts words in space-separated text, keeping contractions and hyphenations whole", () => {
    expect(countWords("She didn't say a well-known word — not one.")).toBe(8);
    expect(countWords("  \n\t ")).toBe(0);
    expect(countWords("Café naïve Ærø 1871")).toBe(4);
  });

  it("counts Chinese and Japanese by character", () => {
    expect(countUnitForLanguage("zh-Hans")).toBe("characters");
    expect(countUnitForLanguage("ja")).toBe("characters");
    expect(countUnitForLanguage("en-GB")).toBe("words");
    expect(countWords("我们今天去北京。", "characters")).toBe(7);
    expect(countWords("Hello 世界", "words")).toBe(3);
  });

  it("counts emoji-free letters only as characters", () => {
    expect(countWords("a b, c!", "characters")).toBe(3);
  });
});

describe("progress", () => {
  it("spreads the remaining words over the days left, today included", () => {
    expect(wordsPerDayNeeded(10_000, 40_000, "2026-12-08", "2026-11-29")).toEqual({ perDay: 3000, days: 10 });
    expect(wordsPerDayNeeded(10_000, 40_000, "2026-11-01", "2026-11-29")).toBeNull();
    expect(wordsPerDayNeeded(10_000, null, "2026-12-08", "2026-11-29")).toBeNull();
  });
});
