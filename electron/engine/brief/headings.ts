/**
 * Heading patterns a brief asks for: "headed 'Section N: Name of the bird'", "one heading per
 * floor ('Level N')", "titled 'Chapter N – Title'", "each beginning with 'Day N:'". The pattern
 * becomes the level's heading ("Section {n}: {title}"); a heading word other than the level's name
 * ("Level" for floors) is remembered so "Level 5" finds floor 5.
 */
import type { Clause } from "./clauses";
import { ROMAN_SOURCE } from "../base/numbers";
import { guessSingular } from "./level-names";
import type { StructureLevel } from "./types";

export interface HeadingReading {
  /** By level name. */
  patterns: Map<string, string>;
  /** Heading words that name a level ("level" → "Floor"). */
  aliases: Record<string, string>;
  consumed: Set<number>;
}

const CUE = /\b(?:head(?:ed|ing|ings)?|title[ds]?|label(?:l?ed)?|call(?:ed)?|name[ds]?|begin(?:s|ning)?\s+with|start(?:s|ing)?\s+with|marked)\b/i;
const QUOTED = /["“‘']((?:[^"”’']|'(?=\w))*?)["”’'](?!\w)/g;
const PLACEHOLDER = /^(?:N|n|X|#|\{n\}|\[n\]|<n>|NN|\d+)$/;

export function readHeadings(clauses: Clause[], levels: StructureLevel[]): HeadingReading {
  const patterns = new Map<string, string>();
  const aliases: Record<string, string> = {};
  const consumed = new Set<number>();
  clauses.forEach((c, i) => {
    const roman = romanHeadings(c.text, levels);
    if (roman) {
      patterns.set(roman.name, `${roman.name} {roman}: {title}`);
      // "Number the chapters in Roman numerals (Chapter I … Chapter XXIV)" only says how; "Chapters I-III are set in Paris" places content too
      const rest = c.text.replace(new RegExp(`\\b${roman.name}s?\\s+(?:${ROMAN_SOURCE})(?![\\p{L}\\d])`, "giu"), " ").replace(/\([^)]*\)/g, " ");
      if (/\broman\b|\b(?:number(?:ed|ing)?|head(?:ed|ings?)?|title[ds]?|label(?:l?ed)?)\b/i.test(rest) || rest.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length <= 2) {
        consumed.add(i);
        return;
      }
    }
    if (!CUE.test(c.text)) return;
    for (const m of c.text.matchAll(QUOTED)) {
      const quoted = m[1]!.trim();
      const parts = /^([\p{L}][\p{L}'’-]*)\s+(\S+?)(?:\s*([:.—–-])\s*(.*))?$/u.exec(quoted);
      if (!parts || !PLACEHOLDER.test(parts[2]!)) continue;
      const word = parts[1]!;
      const level = levelFor(word, c.text, levels);
      if (!level) continue;
      const rest = parts[4]?.trim();
      const pattern = `${word} {n}${parts[3] ? `${parts[3] === ":" ? ":" : ` ${parts[3]}`} ${rest && /^(?:\{?title\}?|name|.*\b(?:name|title)\b.*|[a-z].*)$/i.test(rest) ? "{title}" : rest ?? ""}` : ""}`.trim();
      patterns.set(level.name, pattern);
      if (word.toLowerCase() !== level.name.toLowerCase()) aliases[guessSingular(word)] = level.name;
      if (!/\b(?:must|should\s+(?:include|describe|cover)|describe|cover)\b/i.test(c.text.replace(m[0], ""))) consumed.add(i);
    }
  });
  return { patterns, aliases, consumed };
}

/**
 * "Number the chapters in Roman numerals", "Chapter I … Chapter XXIV", "headed Part I, Part II":
 * the level whose headings keep Roman numerals. A sentence that also asks for content is left to
 * the requirements ("In Chapter IX the governess finds the locked room" numbers nothing).
 */
function romanHeadings(text: string, levels: StructureLevel[]): StructureLevel | undefined {
  if (levels.length === 0) return undefined;
  if (/\broman\s+numer(?:al|als|ation)\b|\bin\s+roman\b/i.test(text)) {
    return levels.find((l) => new RegExp(`\\b${l.name}s?\\b`, "i").test(text)) ?? levels[levels.length - 1];
  }
  // examples: "(Chapter I … Chapter XXIV)", "Part I, Part II, Part III", "Chapters I–XII"
  for (const l of levels) {
    if (new RegExp(`\\b${l.name}s?\\s+I\\s*(?:-|–|—|to|through|…|\\.\\.\\.)\\s*(?:${l.name}\\s+)?(?:II|III|IV|V|VI|VII|VIII|IX|X[IVXLC]*|L[IVXLC]*|C[IVXLC]*)(?![\\p{L}\\d])`, "iu").test(text) && !/\b[a-z]+\s+i\s/.test(text)) return l;
    const shown = [...text.matchAll(new RegExp(`\\b${l.name}\\s+(${ROMAN_SOURCE})(?![\\p{L}\\d])`, "giu"))].map((m) => m[1]!).filter((r) => /^[IVXLC]+$/.test(r));
    if (shown.length >= 2 && shown[0] === "I" && new Set(shown).size === shown.length) return l;
  }
  return undefined;
}

/** The level a heading belongs to: named in the heading itself, or the level the sentence speaks of ("one heading per floor"). */
function levelFor(word: string, sentence: string, levels: StructureLevel[]): StructureLevel | undefined {
  const w = guessSingular(word);
  const direct = levels.find((l) => l.name.toLowerCase() === w);
  if (direct) return direct;
  const mentioned = levels.find((l) => new RegExp(`\\b${l.name}s?\\b`, "i").test(sentence));
  return mentioned ?? (levels.length === 1 ? levels[0] : undefined);
}
