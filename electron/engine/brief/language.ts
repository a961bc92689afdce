/**
 * The language a brief is written in (franc-min, mapped to ISO 639-1), so Chinese and Japanese
 * briefs count characters and the drafting prompts ask for the right language.
 */
import { franc } from "franc-min";
import { iso6393To1 } from "iso-639-3";

/** Chinese varieties franc reports individually; they share the "zh" macrolanguage. */
const MACRO: Record<string, string> = { cmn: "zh", yue: "yue", wuu: "wuu", hak: "zh", nan: "zh" };

export function detectLanguage(body: string): string {
  const text = body.replace(/[#*_>`|-]/g, " ");
  const kana = (text.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length;
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const letters = (text.match(/\p{L}/gu) ?? []).length || 1;
  // script first: short CJK briefs are too short for trigram statistics
  if (kana > 0 && (kana + han) / letters > 0.3) return "ja";
  if (han / letters > 0.3) return "zh";
  const code = franc(text, { minLength: 20 });
  if (code === "und") return "en";
  // a short brief is too little for trigram statistics ("A 300 page fantasy novel." read as Tagalog): English words decide
  if (code !== "eng" && letters < 400 && englishShare(text) >= 0.2) return "en";
  return MACRO[code] ?? iso6393To1[code] ?? "en";
}

export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

const ENGLISH_WORDS = new Set("a an the of and or in on at to for with about each every per is are be should would will my our your it this that words word chapters chapter book novel story stories poems sections set from by as short long avg approx roughly around running order collection poetry pamphlet total k one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand tales".split(" "));

/** The share of a text's words that are common English words. */
function englishShare(text: string): number {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.length === 0 ? 0 : words.filter((w) => ENGLISH_WORDS.has(w)).length / words.length;
}
