/**
 * Titles said in the sentence that counts the units: "three sections, titled 'Salt', 'Iron' and
 * 'Ash', eight poems in each", "four sections - Spring, Summer, Autumn and Winter - each holding ten
 * recipes", "four parts (North, Centre, Lisbon, South), each with five chapters". The titles are
 * taken for that level, and the list is cut out of the text the structure reader sees, so that what
 * follows it ("each holding ten recipes") still reads as nesting.
 */
import { NUMBER_SOURCE, parseNumber } from "../base/numbers";
import type { BodyPieces } from "./clauses";

export interface TitleLists {
  pieces: BodyPieces;
  /** Titles by the noun that was counted (as written, lower case). */
  titles: Map<string, string[]>;
}

const N = NUMBER_SOURCE;
const QUOTED = `["“‘'][^"”’']{1,60}["”’']`;
const CAP = `\\p{Lu}[\\p{L}'’-]*(?:\\s+\\p{Lu}[\\p{L}'’-]*){0,3}`;
const list = (item: string) => `${item}(?:\\s*,\\s*${item})*\\s*,?\\s*(?:and|&)\\s+${item}|${item}(?:\\s*,\\s*${item}){2,}`;
const TITLED = new RegExp(
  `\\b(${N})\\s+([\\p{L}]+)\\s*(?:,\\s*)?(?:` +
    `(?:titled|called|named|entitled)\\s+(${list(QUOTED)})` +
    `|\\(\\s*(${list(CAP)}|${list(QUOTED)})\\s*\\)` +
    `|[-–—]\\s+(${list(CAP)}|${list(QUOTED)})\\s*(?:[-–—]|(?=[.;]|$))` +
    `|:\\s+(${list(QUOTED)}|${list(CAP)})(?=\\s*(?:[.;]|$))` +
    `)\\s*,?`,
  "gu",
);

export function readTitleLists(pieces: BodyPieces): TitleLists {
  const titles = new Map<string, string[]>();
  const clauses = pieces.clauses.map((c) => {
    // a number word opening the sentence ("Three sections, titled …") is read as any other; titles keep their capitals
    const probe = c.text.replace(/^(\s*)(\p{Lu})(?=\p{Ll}+\s)/u, (_, sp: string, ch: string) => sp + ch.toLowerCase());
    let text = c.text;
    let shift = 0;
    for (const m of probe.matchAll(TITLED)) {
      const count = parseNumber(m[1]!);
      const raw = m[3] ?? m[4] ?? m[5] ?? m[6]!;
      const items = raw.split(/\s*(?:,\s*(?:and\s+|&\s+)?|\s(?:and|&)\s)\s*/).map((t) => t.trim().replace(/^["“‘']|["”’']$/g, "").trim()).filter(Boolean);
      if (count === null || items.length !== count) continue;
      titles.set(m[2]!.toLowerCase(), items);
      const kept = `${c.text.slice(m.index, m.index + m[1]!.length)} ${m[2]}, `;
      text = text.slice(0, m.index + shift) + kept + text.slice(m.index + shift + m[0].length);
      shift += kept.length - m[0].length;
    }
    return text === c.text ? c : { ...c, text };
  });
  return { pieces: { ...pieces, clauses }, titles };
}
