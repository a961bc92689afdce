/**
 * Language-aware counting. Space-separated languages count words; Chinese and Japanese
 * count characters (as their writers and publishers do). Shared by the editor, the
 * store, the engine and export so every count in Quire agrees.
 */

export type CountUnit = "words" | "characters";

const CHARACTER_COUNTED = new Set(["zh", "ja", "yue", "wuu", "lzh"]);

export function countUnitForLanguage(language: string): CountUnit {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? "";
  return CHARACTER_COUNTED.has(primary) ? "characters" : "words";
}

// Han, kana and CJK punctuation-free ideographs count one each even inside "words" mode, as word processors do.
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-.][\p{L}\p{N}\p{M}]+)*/gu;
const COUNTED_CHAR = /[\p{L}\p{N}]/u;

export function countWords(text: string, unit: CountUnit = "words"): number {
  if (text.length === 0) return 0;
  if (unit === "characters") return countCharacters(text);
  let cjk = 0;
  const rest = text.replace(CJK_CHAR, () => {
    cjk++;
    return " ";
  });
  let words = 0;
  for (const _ of rest.matchAll(WORD)) words++;
  return words + cjk;
}

let graphemes: Intl.Segmenter | undefined;

/** Letters and digits, as user-perceived characters (Intl.Segmenter), ignoring spaces and punctuation. */
export function countCharacters(text: string): number {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let n = 0;
  for (const { segment } of graphemes.segment(text)) if (COUNTED_CHAR.test(segment)) n++;
  return n;
}
