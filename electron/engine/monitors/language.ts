/**
 * The language a piece of prose is written in, by its text (franc-min's trigram statistics, not
 * only the script), and a language's name in words for the prompts ("English", not "en": a model
 * told "a novel in en" may well answer in Spanish).
 *
 * The detector says a text is in another language only when it is sure: enough letters to judge,
 * and the book's own language clearly behind. A short continuation, a page of dialogue or a list
 * of names is given the benefit of the doubt (null), so an English unit is never sent back on a
 * guess.
 */
import { francAll } from "franc-min";
import { iso6393To1 } from "iso-639-3";

/** Letters below which a text is too short to judge by statistics. */
const MIN_LETTERS = 160;
/** franc scores the best language 1; the book's language within this of it counts as a tie (its own). */
const TIE = 0.985;
/** Letters in a stretch judged on its own: long enough for trigram statistics, short enough that a few sentences in another language do not swing the whole. */
const CHUNK = 300;

/** Chinese varieties franc names apart share the "zh" macrolanguage. */
const MACRO: Record<string, string> = { cmn: "zh", yue: "zh", wuu: "zh", hak: "zh", nan: "zh" };

const primary = (language: string) => language.toLowerCase().split(/[-_]/)[0] ?? "";

/** ISO 639-1 (or the 639-3 code where there is none) of a franc code. */
function toCode(code: string): string {
  return MACRO[code] ?? iso6393To1[code] ?? code;
}

/** The 639-3 codes franc may use for a language given as 639-1 or 639-3 ("en" → ["eng"], "zh" → ["cmn", …]). */
function francCodes(language: string): string[] {
  const p = primary(language);
  const out = Object.entries(iso6393To1).filter(([, one]) => one === p).map(([three]) => three);
  if (p === "zh") out.push(...Object.keys(MACRO));
  if (p.length === 3) out.push(p);
  return out;
}

/** Scripts a language is written in, for texts too short for statistics. */
function scriptOf(text: string): string | null {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 12) return null;
  const share = (re: RegExp) => letters.filter((c) => re.test(c)).length / letters.length;
  if (share(/[\p{Script=Hiragana}\p{Script=Katakana}]/u) > 0.1) return "ja";
  if (share(/\p{Script=Han}/u) > 0.5) return "zh";
  if (share(/\p{Script=Hangul}/u) > 0.5) return "ko";
  return null;
}

/** One stretch's language by statistics: the expected one when it is the best or within a hair of it. */
function chunkLanguage(text: string, want: string, own: string[]): string | null {
  const scores = francAll(text, { minLength: 10 });
  const [top, best] = scores[0] ?? ["und", 0];
  if (top === "und" || best === 0) return null;
  const ownScore = Math.max(0, ...scores.filter(([c]) => own.includes(c)).map(([, s]) => s));
  if (own.includes(top) || ownScore >= best * TIE) return want;
  return toCode(top);
}

/** The text in stretches of about CHUNK letters, at sentence ends. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const s of text.match(/[^.!?…\n]+[.!?…]*["'”’)\]]*\s*|\n+/g) ?? [text]) {
    current += s;
    if ((current.match(/\p{L}/gu) ?? []).length >= CHUNK) {
      out.push(current);
      current = "";
    }
  }
  if ((current.match(/\p{L}/gu) ?? []).length >= CHUNK / 3 || out.length === 0) out.push(current);
  else out[out.length - 1] += current;
  return out;
}

/**
 * The language the text is in (ISO 639-1 where it has one), compared with the book's `expected`
 * language: the expected one when the text could be in it, another only when most of the text
 * clearly is (a Spanish chapter with an English sentence or two in it is Spanish; an English one
 * quoting a line of French is English), null when the text is too short to say.
 */
export function detectLanguage(text: string, expected: string): string | null {
  const want = primary(expected);
  const script = scriptOf(text);
  if (script) return script === want || (script === "zh" && want === "ja") ? want : script;
  if ((text.match(/\p{L}/gu) ?? []).length < MIN_LETTERS) return null;
  const own = francCodes(want);
  const votes = new Map<string, number>();
  let total = 0;
  for (const c of chunks(text)) {
    const letters = (c.match(/\p{L}/gu) ?? []).length;
    const found = chunkLanguage(c, want, own);
    if (found === null) continue;
    votes.set(found, (votes.get(found) ?? 0) + letters);
    total += letters;
  }
  if (total === 0) return null;
  const [other, n] = [...votes].filter(([l]) => l !== want).sort((a, b) => b[1] - a[1])[0] ?? [want, 0];
  return n / total > 0.5 ? other : want;
}

/** A detector for one book's language, in the shape the reply cleaner takes. */
export function languageDetector(expected: string): (text: string) => string | null {
  return (text) => detectLanguage(text, expected);
}

let names: Intl.DisplayNames | undefined;

/** "en" → "English", "pt-BR" → "Brazilian Portuguese"; a name already in words is kept. */
export function languageName(language: string): string {
  const l = language.trim();
  if (!/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(l)) return l;
  try {
    names ??= new Intl.DisplayNames(["en"], { type: "language" });
    const name = names.of(l.replace(/_/g, "-"));
    if (name && name.toLowerCase() !== l.toLowerCase()) return name;
  } catch {
    // not a tag Intl knows
  }
  return l;
}
