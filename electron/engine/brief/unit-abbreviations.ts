/**
 * The short forms writers type for unit nouns in notes and outlines ("ch. 1 meet-cute", "chs 3
 * thru 5", "Ep. 6: the fire", "wk 3", "L2"). Each maps to the full noun that level-names knows,
 * so a short form resolves to a level exactly as its full word would.
 */
import { parseNumber } from "../base/numbers";
import { isKnownUnitNoun } from "./level-names";

const SHORT: Record<string, string> = {
  ch: "chapter", chs: "chapters", chap: "chapter", chaps: "chapters", chapt: "chapter", chpt: "chapter",
  ep: "episode", eps: "episodes", epi: "episode", epis: "episodes",
  wk: "week", wks: "weeks",
  mod: "module", mods: "modules",
  sc: "scene", scs: "scenes", scn: "scene",
  pt: "part", pts: "parts",
  sec: "section", secs: "sections", sect: "section", sects: "sections",
  bk: "book", bks: "books",
  vol: "volume", vols: "volumes",
  lsn: "lesson", lsns: "lessons",
  sess: "session",
};

/** The full unit noun a short form stands for ("chs" → "chapters"), or null. */
export function expandUnitAbbreviation(word: string): string | null {
  return SHORT[word.toLowerCase().replace(/\.$/, "")] ?? null;
}

/** Short forms as a regex alternation, longest first, for sentence splitting ("Ep. 6" ends no sentence). */
export const UNIT_ABBREVIATION_SOURCE = Object.keys(SHORT).sort((a, b) => b.length - a.length).join("|");

/**
 * A line that opens with a unit and its number ("Module 2 – VAT", "ch. 1 meet-cute", "wk6 revision
 * quiz", "Act II, Scene 3:", "L2 (lesson 2)"): an outline line of its own, even with no list marker.
 */
export function opensWithUnitRef(line: string): boolean {
  const m = /^\s*(?:[*_]{1,2})?(\p{L}+)(?:\.\s*|\s+|(?=\d))(\d{1,3}(?![\d,.]\d)|[\p{L}-]+)(.?)/u.exec(line);
  if (!m) return false;
  const [, word, index, after] = m as unknown as [string, string, string, string];
  // a Roman numeral only where the number ends ("Act II, Scene 3"), never "Week I think …"
  const isIndex = /^\d/.test(index) || (/^[IVXLC]+$/.test(index) ? /^(?:[,.:;)–—-]|\s|)$/.test(after) && !(index === "I" && after === " ") : parseNumber(index) !== null);
  if (!isIndex) return false;
  if (isKnownUnitNoun(word) || expandUnitAbbreviation(word)) return true;
  // "L2", "E5": one capital glued to its number, read against the levels later
  return /^\p{Lu}$/u.test(word) && /^\d/.test(index) && line.trimStart().startsWith(`${word}${index}`);
}
