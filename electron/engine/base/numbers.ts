/**
 * Numbers as writers type them, in one place: digits ("12", "10,000", "2.000", "10k"), English
 * words ("twelve", "fifty-two", "five thousand", "a dozen"), ordinals ("seventh", "21st"), Roman
 * numerals ("IX") and Chinese/Japanese numerals ("十二", "三万"); month names; and the reverse
 * (Roman numerals and number words for headings and exports).
 *
 * The word tables are generated from number-to-words rather than typed by hand, so reading and
 * writing agree; Roman numerals go through `romans`, CJK numerals through @geolonia/japanese-numeral.
 */
import numberToWords from "number-to-words";
import { deromanize, romanize } from "romans";
import { kanji2number } from "@geolonia/japanese-numeral";

// ── writing numbers ────────────────────────────────────────────────────

/** "XII" for 12; numbers outside 1..3999 stay in digits. */
export function toRoman(n: number): string {
  return Number.isInteger(n) && n >= 1 && n < 4000 ? romanize(n) : String(n);
}

/** "twelve", "fifty-two", "one hundred twenty-three"; negative or fractional numbers stay in digits. */
export function numberWord(n: number): string {
  return Number.isInteger(n) && n >= 0 ? numberToWords.toWords(n) : String(n);
}

/** "first", "twenty-first". */
export function ordinalWord(n: number): string {
  return Number.isInteger(n) && n >= 1 ? numberToWords.toWordsOrdinal(n) : String(n);
}

// ── reading numbers ────────────────────────────────────────────────────

const SMALL = Array.from({ length: 20 }, (_, i) => numberToWords.toWords(i));
const TENS = [20, 30, 40, 50, 60, 70, 80, 90].map((n) => numberToWords.toWords(n));
const SCALES = ["hundred", "thousand", "million"];
const WORDS = [...SMALL, ...TENS, ...SCALES, "dozen"];
const ORDINALS = [
  ...Array.from({ length: 19 }, (_, i) => numberToWords.toWordsOrdinal(i + 1)),
  ...TENS.map((_, i) => numberToWords.toWordsOrdinal((i + 2) * 10)),
  "hundredth", "thousandth", "millionth",
];

const alternation = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join("|");
const WORD_SRC = `(?:${alternation([...ORDINALS, ...WORDS])})`;

/** Digits: "12", "10,000", "60 000" is not read (a space is too ambiguous), "2.000" (German thousands), "1.5k", "21st". */
export const DIGITS_SOURCE = "(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,3}(?:\\.\\d{3})+(?![\\d.])|\\d+(?:\\.\\d+)?)(?:\\s?[kK]\\b)?(?:st|nd|rd|th)?";
/** A number in English words: "twelve", "twenty-one", "two hundred and fifty", "a dozen", "half a dozen", "seventh". */
export const WORDS_SOURCE = `(?:(?:half\\s+)?an?\\s+(?=(?:dozen|hundred|thousand|million)\\b))?\\b${WORD_SRC}(?:(?:\\s+and\\s+|[\\s-]+)${WORD_SRC})*\\b`;
/** Any number a writer types: digits or words (Roman numerals are read only after a unit noun: see ROMAN_SOURCE). */
export const NUMBER_SOURCE = `(?:${DIGITS_SOURCE}|${WORDS_SOURCE})`;
/** A Roman numeral (upper or lower case), as in "Book IX" or "act ii". */
export const ROMAN_SOURCE = "(?=[MDCLXVImdclxvi])(?:M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))";

let phraseValues: Map<string, number> | undefined;

/** "one hundred twenty three" → 123 and "one hundred twenty third" → 123, for 0..999, generated once. */
function phrases(): Map<string, number> {
  if (phraseValues) return phraseValues;
  phraseValues = new Map();
  for (let n = 0; n < 1000; n++) {
    phraseValues.set(normalise(numberToWords.toWords(n)), n);
    if (n > 0) phraseValues.set(normalise(numberToWords.toWordsOrdinal(n)), n);
  }
  phraseValues.set("hundred", 100);
  phraseValues.set("hundredth", 100);
  return phraseValues;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[-‐–]/g, " ").replace(/\band\b/g, " ").replace(/,/g, " ").replace(/\s+/g, " ").trim();
}

function parseWords(raw: string): number | null {
  const plain = normalise(raw);
  if (/^half (an? |one )?dozen$/.test(plain)) return 6;
  const s = plain.replace(/^an? /, "one ");
  let total = 0;
  let chunk: string[] = [];
  const flush = (scale: number) => {
    const value = chunk.length === 0 ? 1 : phrases().get(chunk.join(" "));
    chunk = [];
    if (value === undefined) return false;
    total += value * scale;
    return true;
  };
  for (const token of s.split(" ")) {
    if (token === "thousand" || token === "thousandth") {
      if (!flush(1000)) return null;
    } else if (token === "million" || token === "millionth") {
      if (!flush(1_000_000)) return null;
    } else if (token === "dozen") {
      if (!flush(12)) return null;
    } else chunk.push(token);
  }
  if (chunk.length > 0 && !flush(1)) return null;
  return total;
}

/** A Roman numeral's value, or null when the text is not one. */
export function fromRoman(raw: string): number | null {
  const s = raw.trim().toUpperCase();
  if (!/^[MDCLXVI]+$/.test(s)) return null;
  try {
    return deromanize(s);
  } catch {
    return null;
  }
}

/** A Chinese or Japanese numeral ("十二", "三万六千", "两万"), or null. */
export function fromCjk(raw: string): number | null {
  const s = raw.trim().replace(/两/g, "二").replace(/萬/g, "万").replace(/〇/g, "零");
  if (!/^[零一二三四五六七八九十百千万億亿]+$/.test(s)) return null;
  try {
    const n = kanji2number(s.replace(/亿/g, "億"));
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

const cache = new Map<string, number | null>();

/**
 * The value of one number token or phrase: digits (with thousands separators, "k", ordinal
 * suffixes), English words and ordinals, CJK numerals, or (when `roman` is set) a Roman numeral.
 */
export function parseNumber(raw: string, options: { roman?: boolean } = {}): number | null {
  const key = `${options.roman ? "r" : ""}${raw}`;
  if (cache.has(key)) return cache.get(key)!;
  const value = parseUncached(raw.trim(), options.roman === true);
  if (cache.size > 5000) cache.clear();
  cache.set(key, value);
  return value;
}

function parseUncached(s: string, roman: boolean): number | null {
  const digits = /^(\d[\d,.]*)(\s?[kK])?(?:st|nd|rd|th)?$/.exec(s);
  if (digits?.[1]) {
    const body = digits[1];
    let n: number;
    if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(body)) n = Number(body.replace(/,/g, ""));
    else if (/^\d{1,3}(?:\.\d{3})+$/.test(body)) n = Number(body.replace(/\./g, ""));
    else if (/^\d+(?:\.\d+)?$/.test(body)) n = Number(body);
    else return null;
    return digits[2] ? Math.round(n * 1000) : n;
  }
  if (/^[\p{Script=Han}]+$/u.test(s)) return fromCjk(s);
  if (roman) {
    const r = fromRoman(s);
    if (r !== null) return r;
  }
  if (/^[a-z][a-z\s,-]*$/i.test(s)) return parseWords(s);
  return null;
}

/** True for ordinal tokens ("third", "21st"): they name a position, not a count. */
export function isOrdinal(raw: string): boolean {
  const s = raw.trim().toLowerCase();
  return /\d(?:st|nd|rd|th)$/.test(s) || ORDINALS.some((o) => s === o || s.endsWith(`-${o}`) || s.endsWith(` ${o}`));
}

// ── months ─────────────────────────────────────────────────────────────

let englishMonths: string[] | undefined;

/** Month names, January first, from the platform's own locale data. */
export function monthNames(locale = "en"): string[] {
  if (locale === "en" && englishMonths) return englishMonths;
  const format = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  const names = Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 1))));
  if (locale === "en") englishMonths = names;
  return names;
}

/** A month name or its usual abbreviation ("Sept", "dec.") → 1..12, or null. */
export function monthIndex(name: string): number | null {
  const s = name.trim().toLowerCase().replace(/\.$/, "");
  if (s.length < 3) return null;
  const i = monthNames().findIndex((m) => {
    const full = m.toLowerCase();
    return full === s || (full.startsWith(s) && (s.length === 3 || s === "sept"));
  });
  return i < 0 ? null : i + 1;
}

/** Regex source for an English month name or abbreviation. */
export const MONTH_SOURCE = `(?:${monthNames()
  .flatMap((m) => [m, m.slice(0, 3)])
  .concat(["Sept"])
  .sort((a, b) => b.length - a.length)
  .join("|")})\\.?`;

/** "2025-06-14" → "14 June 2025". */
export function formatDay(isoDay: string): string {
  const [y, m, d] = isoDay.split("-").map(Number);
  return `${d} ${monthNames()[(m ?? 1) - 1]} ${y}`;
}
