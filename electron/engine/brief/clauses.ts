/**
 * A brief's body as the pieces a reader takes in one at a time: sentences of paragraphs, list
 * items (with the lead-in line they continue), and the Markdown headings they sit under. Every
 * piece keeps the writer's own words. Parentheses and quotes are never split: an example in
 * brackets ("(e.g. Week 1: …)") stays inside its sentence.
 */

import { opensWithUnitRef, UNIT_ABBREVIATION_SOURCE } from "./unit-abbreviations";

export interface Clause {
  /** The writer's words, list marker and heading hashes removed. */
  text: string;
  /** The line a list continues ("Family birthdays:"), without its colon. */
  lead?: string;
  /** The Markdown heading above, for outline briefs ("Chapter 3: The Storm"). */
  heading?: { text: string; depth: number; order: number };
  listItem: boolean;
  /** An outline number the list marker gave ("2.3" in "2.3 Payroll"): module 2, lesson 3 when the structure has two levels. */
  outline?: string;
  /** Which list the item belongs to (items of one list share it), and which item of it. */
  list?: number;
  itemIndex?: number;
}

export interface ListBlock {
  id: number;
  lead?: string;
  items: string[];
  heading?: Clause["heading"];
}

export interface Heading {
  text: string;
  depth: number;
  order: number;
}

export interface BodyPieces {
  clauses: Clause[];
  lists: ListBlock[];
  headings: Heading[];
}

const MARKER = /^\s*(?:(?:[-*+•·]|\(?\d{1,3}[.)]\)?:?|[a-z][.)])\s+|\d{1,3}(?:\.\d{1,3})+\s+(?=\S))+/;
const INLINE_MARKER = /(?<=[.!?:;])\s*(?=\(?\d{1,2}\)\s*:?\s*\S)/g;
/** "1.2)" or "b)": a list enumerator's bracket, which closes nothing. */
const ENUMERATOR = /(?:^|[.:;]\s+)(?:\d{1,3}(?:\.\d{1,3})*|[a-z])$/;
const WORD_ABBREVIATIONS = new RegExp(`(?<![\\p{L}\\p{N}])(?:e\\.g|i\\.e|etc|vs|approx|ca|no|pp?|dr|mr|mrs|ms|st|mt|jr|sr|fig|cf|al|inc|ltd|co|${UNIT_ABBREVIATION_SOURCE})\\.$`, "iu");
/** A line's end that continues into the next line: a comma, a dash, a hyphen, or a word that needs what follows. */
const RUNS_ON = /(?:[,(–—-]|\b(?:in|on|of|at|to|by|for|from|with|into|the|a|an|and|or|but|then|until|through|thru|before|after|during|between|is|are|was|were|see|than|as|about|over|under))\s*$/i;
/** A short line that ends without punctuation and does not run on: a label, not wrapped prose. */
function isLabelLine(line: string): boolean {
  const t = line.trim();
  return t.length <= 60 && !/[.!?:;,…]["”’)]*$/.test(t) && !RUNS_ON.test(t);
}
/** An initial ("J. R. Hartley"), not a word's last letter ("río.", "1920s."). */
const INITIAL = /(?<![\p{L}\p{N}])\p{Lu}\.$/u;
const ABBREVIATIONS = { test: (s: string) => WORD_ABBREVIATIONS.test(s) || INITIAL.test(s) };

export function stripMarker(line: string): string {
  return line.replace(MARKER, "").trim();
}

/** Sentences of a run of text; brackets and quotes are kept whole. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "(" || c === "[") depth++;
    else if ((c === ")" || c === "]") && depth > 0 && !ENUMERATOR.test(text.slice(Math.max(0, i - 12), i))) depth--;
    else if (c === "“") quote = "”";
    else if (c === quote) quote = null;
    else if (c === '"' && quote === null && (i === 0 || /[\s(]/.test(text[i - 1]!))) quote = '"';
    else if (c === '"' && quote === '"') quote = null;
    if (depth > 0 || quote !== null) continue;
    // "…" ends a sentence as "..." does ("weeks 2, 4, 6 … Recipes in weeks 3, 6")
    if (c === "." || c === "!" || c === "?" || c === "…" || c === "。" || c === "！" || c === "？") {
      const next = text.slice(i + 1);
      const cjk = c === "。" || c === "！" || c === "？";
      // a sentence may start in lower case where the writer types that way ("only heard. no jump scares"),
      // after "!" or "?", or after a "." that ends a word of three letters or more
      const lowerStart = /^["”’)]*\s+["“(]?\p{Ll}/u.test(next) && (c !== "." || /(?<![\p{L}.])\p{L}{3,}$/u.test(text.slice(Math.max(0, i - 20), i)));
      if (!cjk && !lowerStart && !/^["”’)]*\s+["“(]?[\p{Lu}\d*#]/u.test(next)) continue;
      if (!cjk && c === "." && ABBREVIATIONS.test(text.slice(Math.max(0, i - 8), i + 1))) continue;
      const closing = /^["”’)]*/.exec(next)![0].length;
      out.push(text.slice(start, i + 1 + closing).trim());
      start = i + 1 + closing;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** The body's clauses, lists and headings, in document order. */
export function readBody(body: string): BodyPieces {
  const text = body.replace(/\r\n?/g, "\n").replace(/<!--[\s\S]*?-->/g, "");
  const clauses: Clause[] = [];
  const lists: ListBlock[] = [];
  const headings: Heading[] = [];
  let heading: Clause["heading"];
  let list: ListBlock | null = null;
  let paragraph: string[] = [];
  let pendingLead: string | undefined;
  /** A list item whose bracket is still open takes the following lines (an example spanning lines). */
  let openItem: { list: ListBlock; depth: number } | null = null;

  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    const joined = paragraph.join(" ").replace(INLINE_MARKER, "\n");
    paragraph = [];
    for (const part of joined.split("\n")) {
      const isItem = MARKER.test(part) && /^\s*\(?\d/.test(part);
      const piece = stripMarker(part);
      if (!piece) continue;
      for (const s of splitSentences(piece)) clauses.push({ text: s, heading, listItem: isItem });
      const last = splitSentences(piece).at(-1) ?? piece;
      pendingLead = /:\s*$/.test(last) ? last.replace(/:\s*$/, "") : undefined;
    }
  };

  for (const rawLine of text.split("\n")) {
    const line = rawLine.trimEnd();
    if (openItem) {
      const { list: open } = openItem;
      const last = open.items.length - 1;
      open.items[last] = `${open.items[last]}\n${line}`;
      openItem.depth += bracketBalance(line);
      if (openItem.depth <= 0) {
        const whole = open.items[last]!;
        // the item's clauses are replaced by the whole item, now that its bracket has closed
        while (clauses.length > 0 && clauses[clauses.length - 1]!.list === open.id && clauses[clauses.length - 1]!.itemIndex === last) clauses.pop();
        for (const s of splitSentences(whole.replace(/\s*\n\s*/g, " "))) clauses.push({ text: s, lead: open.lead, heading, listItem: true, list: open.id, itemIndex: last });
        openItem = null;
      }
      continue;
    }
    const h = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) {
      flushParagraph();
      list = null;
      pendingLead = undefined;
      heading = { text: h[2]!.trim(), depth: h[1]!.length, order: headings.length };
      headings.push(heading);
      continue;
    }
    if (!line.trim()) {
      flushParagraph();
      if (list) list = null;
      continue;
    }
    const isListLine = MARKER.test(line) && !/^\s*\d{1,3}(?:[.,]\d{3})+\s/.test(line);
    if (isListLine) {
      flushParagraph();
      const item = stripMarker(line);
      const outline = /^\s*(\d{1,3}\.\d{1,3})\s/.exec(line)?.[1];
      if (!list) {
        list = { id: lists.length, lead: pendingLead, items: [], heading };
        lists.push(list);
      }
      list.items.push(item);
      const sentences = splitSentences(item);
      (sentences.length > 0 ? sentences : [item]).forEach((s, k) => clauses.push({ text: s, lead: list!.lead, heading, listItem: true, list: list!.id, itemIndex: list!.items.length - 1, ...(outline && k === 0 ? { outline } : {}) }));
      const depth = bracketBalance(item);
      if (depth > 0) openItem = { list, depth };
      continue;
    }
    if (list && /^\s{2,}\S/.test(rawLine)) {
      // an indented continuation of the last list item
      const last = list.items.length - 1;
      list.items[last] = `${list.items[last]} ${line.trim()}`;
      for (const s of splitSentences(line.trim())) clauses.push({ text: s, lead: list.lead, heading, listItem: true, list: list.id, itemIndex: last });
      continue;
    }
    if (list) list = null;
    // "ch. 1 meet-cute at the depot" under "Beats:": an outline line with no marker is a piece of its
    // own, unless the line before runs on into it ("… and then in" / "Chapter 3 she …")
    if (paragraph.length > 0 && opensWithUnitRef(line) && !RUNS_ON.test(paragraph[paragraph.length - 1]!)) flushParagraph();
    // "The lighthouse fire — chapter 11" over "In chapter 11 the fire …": a short label line with no
    // stop of its own ends where a capitalised line begins (wrapped prose runs longer, or runs on)
    else if (paragraph.length > 0 && isLabelLine(paragraph[paragraph.length - 1]!) && /^\s*[\p{Lu}\d]/u.test(line)) flushParagraph();
    // "… at the end" / "also the innkeeper's diary …": a line that opens with a new thought's word starts a new piece
    else if (paragraph.length > 0 && /^\s*(?:also|plus|oh,?\s+and|and\s+also|p\.?s\.?|btw|one\s+more\s+thing)\b/i.test(line) && !RUNS_ON.test(paragraph[paragraph.length - 1]!)) flushParagraph();
    // a line that ends its sentence ends it even when the next begins in lower case
    else if (paragraph.length > 0 && /[.!?]["”’)]*$/.test(paragraph[paragraph.length - 1]!) && /^\s*\p{Ll}/u.test(line)) flushParagraph();
    // a line of markers ("#*# Week 1:", "*** started ***") stands alone: it is layout, not prose
    if (/^\s*(?:[#*=~_]{2,}|#\S)/.test(line)) {
      flushParagraph();
      clauses.push({ text: line.trim(), heading, listItem: false });
      continue;
    }
    paragraph.push(line.trim());
  }
  flushParagraph();
  return { clauses, lists, headings };
}

function bracketBalance(s: string): number {
  const t = s.replace(/(^|[.:;]\s+)(?:\d{1,3}(?:\.\d{1,3})*|[a-z])\)/g, "$1");
  return (t.match(/[([]/g) ?? []).length - (t.match(/[)\]]/g) ?? []).length;
}
