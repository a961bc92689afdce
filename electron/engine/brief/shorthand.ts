/**
 * Writers' shorthand put into the words the reader knows, before anything else reads the brief:
 * "25 chs", "ch. 3", "chap 20" (chapters), "70k" or "approx. 90K" with no unit (words: a book's
 * length is what a bare "70k" in a brief measures), "2,500 wds". Markdown tables of units and
 * one-line lists ("Module 1 – Getting set up / Module 2 – VAT") become lists, one unit an item,
 * so the list reader takes their titles and places what each row says on its unit. Requirements
 * keep the writer's own sentences where the sentences still line up (read-brief restores them).
 */
import { NUMBER_SOURCE, ROMAN_SOURCE } from "../base/numbers";
import { isKnownUnitNoun } from "./level-names";

/** Abbreviations of unit nouns, with the nouns they stand for (plural, singular). */
const UNIT_ABBREVIATIONS: [RegExp, string, string][] = [
  // plural forms first: "chs", "chaps", "chapts"
  [/(?<![\p{L}\d])(?:chs|chaps|chapts|chps)(?![\p{L}])/giu, "chapters", "chapter"],
  [/(?<![\p{L}\d])(?:ch|chap|chapt|chp)(?![\p{L}])/giu, "chapters", "chapter"],
  [/(?<![\p{L}\d])(?:eps)(?![\p{L}])/giu, "episodes", "episode"],
  [/(?<![\p{L}\d])(?:ep)(?=\.?\s*\d)/giu, "episodes", "episode"],
  [/(?<![\p{L}\d])(?:secs|sects)(?![\p{L}])/giu, "sections", "section"],
  [/(?<![\p{L}\d])(?:sec|sect)(?=\.?\s*\d)/giu, "sections", "section"],
  [/(?<![\p{L}\d])(?:pt)(?=\.?\s*(?:\d|[IVX]+\b))/gu, "parts", "part"],
  [/(?<![\p{L}\d])(?:pts)(?![\p{L}])/giu, "parts", "part"],
];

const N = NUMBER_SOURCE;
/** What may follow a bare "70k" for it to be a length in words: punctuation, the end, or a word of measure. */
const AFTER_BARE_K = /^(?:\s*(?:[,.;:)\]/–—-]|$)|\s+(?:per|each|a|an|every|in|over|across|for|total|altogether|overall|or\s+so|max(?:imum)?|min(?:imum)?|tops|target|long|split|spread|divided|with)\b)/i;
const CONTAINER_AFTER = /^\s+(?:novel|novella|book|story|memoir|thriller|romance|romcom|mystery|manuscript|draft|collection|saga|script|fantasy|epic)\b/i;

export function expandShorthand(body: string): string {
  const lines = tablesAsLists(body.split("\n")).flatMap(slashListAsItems).flatMap(inlineListAsItems);
  return linesOfUnitsAsItems(lines.map(expandLine)).join("\n");
}

/** Lines that each begin with a unit and its number ("chapter 1 the funeral", "chapter 7 Nora leaves"): one item a line, not one paragraph. */
function linesOfUnitsAsItems(lines: string[]): string[] {
  const re = new RegExp(`^\\s*(\\p{L}+)\\s+(?:\\d+|${ROMAN_SOURCE})(?![\\p{L}\\d])`, "u");
  const noun = (line: string) => {
    const m = re.exec(line);
    return m && isKnownUnitNoun(m[1]!) ? m[1]!.toLowerCase() : null;
  };
  return lines.map((line, k) => {
    const n = noun(line);
    if (!n || /^\s*(?:[-*+]|\d+[.)])\s/.test(line)) return line;
    const run = noun(lines[k - 1] ?? "") === n || noun(lines[k + 1] ?? "") === n;
    return run ? `- ${line.trim()}` : line;
  });
}

function expandLine(line: string): string {
  let s = line;
  for (const [re, plural, singular] of UNIT_ABBREVIATIONS) {
    // the abbreviation's dot stays where it ends a sentence ("25 chs. Dual POV"), not before a number ("ch. 3")
    s = s.replace(re, (m: string, at: number, whole: string) => {
      // "20 ch" counts chapters
      // (a window before it, not the whole line: a long line stays linear)
      const lead = whole.slice(Math.max(0, at - 48), at);
      const counted = new RegExp(`(?:^|[^\\p{L}\\d.,])(?:${N})\\s*$`, "iu").exec(lead);
      const many = counted !== null && !/(?:^|\D)1\s*$|\bone\s*$/i.test(lead);
      const word = /s$/i.test(m) || many ? plural : singular;
      return /^\p{Lu}/u.test(m) ? word[0]!.toUpperCase() + word.slice(1) : word;
    }).replace(new RegExp(`\\b(${plural}|${singular})\\.(?=\\s*(?:\\d|${ROMAN_SOURCE}\\b))`, "giu"), "$1");
  }
  s = s.replace(/(?<![\p{L}])(?:wds|wrds|wds\.)(?![\p{L}])/giu, "words");
  // "Twenty 3,000-word chapters", "12 x 2k-word stories": a count of units of one length
  s = s.replace(new RegExp(`(?<![\\p{L}\\d])(${N})\\s+(?:x\\s+|×\\s+)?(\\d[\\d,.]*(?:\\s?[kK])?)\\s*-?\\s*words?\\s+((?:[\\p{L}'’-]+\\s+)?)([\\p{L}'’-]+)`, "giu"), (all: string, n: string, len: string, adj: string, noun: string) =>
    isKnownUnitNoun(noun) && /s$/i.test(noun) ? `${n} ${adj}${noun} of ${len} words` : all);
  // "~300 words/day", "2k words/chapter"
  s = s.replace(/\b(words?|characters?)\s*\/\s*(?=\p{L})/giu, "$1 per ");
  // "70k", "approx. 90K", "2.5k per chapter": a length in words (not "$70k", "a 5k run")
  s = s.replace(/(?<![£$€¥\p{L}\d.,])(\d+(?:\.\d+)?\s?[kK])(?![\p{L}\d])/gu, (m: string, _n: string, at: number, whole: string) => {
    const after = whole.slice(at + m.length);
    if (/^\s*-?\s*(?:words?|characters?|chars?)\b/i.test(after)) return m;
    if (CONTAINER_AFTER.test(after)) return `${m}-word`;
    // "the first 5K", "ran a 10k.": a race; a length standing alone is a book's (10k and up) unless said per unit
    const perUnit = /^\s+(?:per|each|a|an|every|for)\b/i.test(after) || /\b(?:avg|average|averaging|each|apiece)\.?\s*(?:of\s+)?~?\s*$/i.test(whole.slice(Math.max(0, at - 24), at));
    if (!perUnit && (parseFloat(m) < 10 || /\b(?:a|the|first|my|your|his|her|their|our|another|next)\s+$/i.test(whole.slice(Math.max(0, at - 24), at)))) return m;
    return AFTER_BARE_K.test(after) ? `${m} words` : m;
  });
  return s;
}

/**
 * A Markdown table whose first column numbers units ("| Ch | Title | What happens |"): each row
 * becomes "- Chapter 1: The Audition: what happens". Tables of anything else are left alone.
 */
function tablesAsLists(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = cells(lines[i]!);
    const rule = lines[i + 1];
    if (!header || rule === undefined || !/^\s*\|?\s*:?-{2,}/.test(rule)) {
      out.push(lines[i]!);
      continue;
    }
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length; j++) {
      const row = cells(lines[j]!);
      if (!row) break;
      rows.push(row);
    }
    const isNumber = (c: string) => new RegExp(`^(?:${N}|${ROMAN_SOURCE})\\.?$`, "iu").test(c);
    const numberAt = header.findIndex((_, k) => rows.length >= 2 && rows.every((r) => isNumber(r[k] ?? "")));
    // the unit is named by the numbered column's header ("| Ch | Title |"), or by another column's ("| # | Lesson | Focus |")
    const ownNoun = numberAt >= 0 ? unitNounOf(header[numberAt]!) : null;
    const nounAt = ownNoun ? numberAt : header.findIndex((h, k) => k !== numberAt && unitNounOf(h) !== null);
    const noun = ownNoun ?? (nounAt >= 0 ? unitNounOf(header[nounAt]!) : null);
    if (!noun || rows.length < 2) {
      out.push(...lines.slice(i, j));
      i = j - 1;
      continue;
    }
    const titleAt = ownNoun ? header.findIndex((h, k) => k !== numberAt && /\b(?:title|name|heading)s?\b/i.test(h)) : nounAt;
    rows.forEach((r, k) => {
      const n = numberAt >= 0 ? r[numberAt]!.replace(/\.$/, "") : String(k + 1);
      const title = titleAt >= 0 ? r[titleAt] ?? "" : "";
      const rest = r.filter((_, c) => c !== titleAt && c !== numberAt).filter(Boolean);
      const said = [title, ...rest].filter(Boolean).join(": ");
      out.push(`- ${noun} ${n}${said ? `: ${said}` : ""}`);
    });
    i = j - 1;
  }
  return out;
}

function cells(line: string): string[] | null {
  if (!/^\s*\|.*\|\s*$/.test(line)) return null;
  return line.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
}

/** "Ch", "Chapter", "Week", "Module #": the unit a table's first column numbers, capitalised. */
function unitNounOf(header: string): string | null {
  const h = header.replace(/[#.:]|\bno\b|\bnumber\b/gi, "").trim();
  for (const [re, , singular] of UNIT_ABBREVIATIONS) if (new RegExp(`^${re.source}$`, "iu").test(h)) return singular[0]!.toUpperCase() + singular.slice(1);
  const w = h.toLowerCase();
  if (/^\p{L}+$/u.test(w) && isKnownUnitNoun(w)) return w[0]!.toUpperCase() + w.slice(1).replace(/s$/, "");
  return null;
}

/** "Module 1 – Getting set up / Module 2 – VAT / Module 3 – Cash": one item a unit. */
function slashListAsItems(line: string): string[] {
  if (/^\s*\|/.test(line)) return [line];
  // "… / Module 6 – Year end": an ellipsis stands for the units between, which the list reader counts by number
  const parts = line.split(/\s+[/|·•]\s+/).filter((p) => !/^\s*(?:…|\.{3}|etc\.?|and\s+so\s+on)\s*$/i.test(p));
  if (parts.length < 2) return [line];
  // "Six modules: Module 1 – Getting set up / Module 2 – VAT": the words before the colon lead the list in
  const lead = /^(.*?:)\s+(?=\p{L}+\.?\s+\S)/u.exec(parts[0]!);
  if (lead) parts[0] = parts[0]!.slice(lead[0].length);
  const re = new RegExp(`^\\s*(?:[-*+]\\s+)?(\\p{L}+)\\.?\\s+(?:${N}|${ROMAN_SOURCE})(?![\\p{L}\\d])`, "iu");
  const nouns = parts.map((p) => re.exec(p)?.[1]?.toLowerCase());
  if (nouns.some((n) => !n || n !== nouns[0] || !isKnownUnitNoun(n))) return [line];
  // a sentence after the last item ("… Module 3 – Pensions. Each module about 2,000 words.") is prose again
  const last = parts[parts.length - 1]!;
  const end = /[.!?]\s+(?=\p{Lu})/u.exec(last);
  const tail = end ? last.slice(end.index + 1).trim() : "";
  if (end) parts[parts.length - 1] = last.slice(0, end.index);
  return [...(lead ? [lead[1]!] : []), ...parts.map((p) => `- ${p.trim().replace(/^[-*+]\s+/, "")}`), ...(tail ? ["", tail] : [])];
}

/**
 * "Stories, in order: The Audition; Flood; Night Bus; The Lake." or "Sections: Introduction,
 * Methods, Results, Discussion.": titles of the units listed in a sentence after their noun.
 */
function inlineListAsItems(line: string): string[] {
  if (/^\s*(?:[-*+]|\d+[.)])\s/.test(line)) return [line];
  const m = /(^|[.!?]\s+)([^.!?:]*?\b(\p{L}+)(?:,?\s+in\s+(?:this\s+)?order|\s+(?:are|will\s+be|should\s+be))?\s*:)\s+([^.!?]+)(?:[.!?]|$)/u.exec(line);
  if (!m || !isKnownUnitNoun(m[3]!) || !/s$/i.test(m[3]!)) return [line];
  const raw = m[4]!.trim();
  const items = (raw.includes(";") ? raw.split(/\s*;\s*(?:and\s+)?/) : raw.split(/\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+(?=[^,]*$)/)).map((t) => t.trim().replace(/^["“‘']|["”’']$/g, "")).filter(Boolean);
  if (items.length < 3 || !items.every((t) => /^[\p{Lu}\p{N}]/u.test(t) && t.split(/\s+/).length <= 6)) return [line];
  const start = m.index + m[1]!.length;
  const end = m.index + m[0].length;
  const before = line.slice(0, start).trim();
  const after = line.slice(end).trim();
  return [...(before ? [before, ""] : []), m[2]!.trim(), ...items.map((t) => `- ${t}`), ...(after ? ["", after] : [])];
}
