/**
 * Units that are calendar periods: a weekly diary, a daily menu, monthly reports. Reads the
 * period (from the unit noun or "daily"/"weekly"/"monthly"), the first day ("starting 1 March
 * 2025", "Start from January 1st", "for the entire year of 2018") and, when no count is given,
 * how many periods the brief spans ("for 2018", "from 3 June to 16 June").
 */
import * as chrono from "chrono-node";
import type { Clause } from "./clauses";
import { capitalise, conceptOf, guessSingular, isKnownUnitNoun } from "./level-names";
import { MONTH_SOURCE, monthIndex } from "../base/numbers";
import type { StructureLevel } from "./types";

export interface CalendarReading {
  start: string;
  period: "day" | "week" | "month" | "quarter";
  level: string;
  year: number;
  /** How many periods the stated span covers, when the brief gives a span. */
  spanCount?: number;
  /** The brief named the last day itself ("ending the week of 29 September"): the span bounds any count. */
  bounded?: boolean;
  /** Clauses that only set the calendar. */
  consumed: Set<number>;
  /** The start or year had to be assumed. */
  assumed?: string;
}

const DAY = 86_400_000;
/** When a brief names no year at all, a common (non-leap) year; listed as assumed. */
const FALLBACK_YEAR = 2025;

function isoOf(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function periodOfWord(text: string): "day" | "week" | "month" | "quarter" | null {
  if (/\b(?:quarterly|every\s+quarter|each\s+quarter|a\s+quarter|per\s+quarter)\b/i.test(text)) return "quarter";
  if (/\b(?:daily|every\s+day|each\s+day|a\s+day|per\s+day|day[’']s)\b|每天|每日|毎日/i.test(text)) return "day";
  if (/\b(?:weekly|every\s+week|each\s+week|a\s+week|per\s+week|(?:every|each)\s+(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday))\b/i.test(text)) return "week";
  if (/\b(?:monthly|every\s+month|each\s+month|a\s+month|per\s+month)\b/i.test(text)) return "month";
  return null;
}

/** A period said of the document's units, not of something a relative clause describes ("the 37 groups that meet every week"). */
function periodOfUnits(text: string): ReturnType<typeof periodOfWord> {
  if (/\b(?:that|which|who)\s+(?:[\p{L}'’-]+\s+){0,6}(?:every|each|a|per)\s+(?:day|week|month|quarter)\b/iu.test(text)) return null;
  return periodOfWord(text);
}

export function readCalendar(clauses: Clause[], levels: StructureLevel[], body: string): CalendarReading | null {
  const leaf = levels[levels.length - 1];
  let period: CalendarReading["period"] | null = null;
  let level = leaf?.name ?? "";
  for (const l of levels) {
    const c = conceptOf(l.name);
    if (c === "day" || c === "week" || c === "month" || c === "quarter") {
      period = c;
      level = l.name;
    }
  }
  if (!period && (!leaf || conceptOf(leaf.name) === "leaf" || levels.length === 0)) {
    // the first sentence that says a period sets it ("one report per month" before "quarterly tallies")
    period = clauses.map((c) => periodOfUnits(c.text)).find((p) => p !== null) ?? null;
    const unitNoun = /\bone\s+([\p{L}]+)\s+(?:a|per|each|every|for\s+each|for\s+every|on\s+the\s+first\s+day\s+of\s+each)\b/iu.exec(body)?.[1];
    // "Letters from a keeper …, one on the first of each month": the units are the letters
    const periodClause = clauses.find((c) => periodOfWord(c.text));
    const named = periodClause?.text.match(/[\p{L}]+/gu)?.find((w) => /s$/i.test(w) && isKnownUnitNoun(w) && !/^(?:days|weeks|months|quarters|years|nights|mornings|evenings)$/i.test(w));
    const noun = unitNoun && conceptOf(unitNoun) !== "leaf" && !/^(?:for|of|on)$/i.test(unitNoun) ? unitNoun : named;
    if (period && !leaf) level = noun ? capitalise(guessSingular(noun)) : period === "day" ? "Day" : period === "week" ? "Week" : period === "quarter" ? "Quarter" : "Month";
  }
  // "daily dinner menus", "one letter on the first day of each month", "a poem for every day of September":
  // the period is said of the document's own units, in the sentence that names them
  if (!period && levels.length <= 1) {
    for (const c of clauses) {
      const p = periodOfUnits(c.text);
      if (!p) continue;
      if (p !== clauses.map((x) => periodOfWord(x.text)).find((x) => x !== null)) continue;
      const unitNoun = /\bone\s+([\p{L}]+)\s+(?:a|per|each|every|for\s+each|for\s+every|on\s+the\s+first\s+day\s+of\s+each)\b/iu.exec(c.text)?.[1];
      const names = leaf ? [leaf.name] : [];
      const mentions = (n: string) => new RegExp(`\\b${n}(?:s|es)?\\b`, "i").test(c.text);
      if (names.some(mentions) || (unitNoun && conceptOf(unitNoun) !== null) || (!leaf && unitNoun)) {
        period = p;
        level = leaf?.name ?? capitalise(guessSingular(unitNoun ?? (p === "day" ? "day" : p)));
        break;
      }
    }
  }
  if (!period) return null;

  const consumed = new Set<number>();
  const years = [...body.matchAll(/\b(1[89]\d\d|20\d\d|21\d\d)\b/g)].map((m) => Number(m[1]));
  let year = years[0];
  let start: string | null = null;
  let end: string | null = null;
  /** Both ends given as days ("from 7 April to 29 September"): the span bounds a count. */
  let bounded = false;
  clauses.forEach((c, i) => {
    // an example of layout ("Use '#*#' to separate each entry (e.g. Week 1 (January 1st - January 7th))") sets nothing
    if (/\b(?:use|using)\b[^.]{0,60}\bto\s+(?:separate|mark|denote|indicate|label)\b|\(e\.g\./i.test(c.text)) return;
    const startCue = /\b(?:start(?:s|ing)?|begin(?:s|ning)?|commenc(?:e|es|ing)|first\s+(?:entry|day|week|letter)\s+(?:is|falls\s+on)|opens?\s+on)\b/i.exec(c.text);
    const yearCue = /\bfor\s+(?:the\s+(?:entire|whole|full)\s+)?(?:(?:calendar\s+)?year\s+(?:of\s+)?)?((?:19|20|21)\d\d)\b/i.exec(c.text);
    if (yearCue && /\b(?:diary|journal|menu|year|log|calendar|planner|almanac|generate|write|document|plan)\b/i.test(c.text)) {
      year = Number(yearCue[1]);
      if (!/\b(?:celebrate|birthday|on\s+\w+\s+\d)/i.test(c.text)) consumed.add(i);
    }
    // "from 1 June to 31 August 2025", "for January 2027", "every day of September 2025": the span the units cover
    if (!start && (periodOfWord(c.text) || (/\b(?:diary|journal|log|entries|entry)\b/i.test(c.text) && /\bfrom\b|\bfor\s+(?:the\s+month\s+of\s+)?\p{Lu}/u.test(c.text)))) {
      const own = dateSpan(c.text, year ?? FALLBACK_YEAR);
      if (own) {
        start = own.start;
        end = own.end;
        bounded = true;
        year = Number(own.start.slice(0, 4));
        consumed.add(i);
        return;
      }
      const parsed = chrono.parse(c.text, { instant: new Date(Date.UTC(year ?? FALLBACK_YEAR, 0, 1)), timezone: 0 });
      // "for the Sundays from 7 September 2025, one a week": a first day only
      const from = parsed.find((r) => r.start.isCertain("month") && r.start.isCertain("day") && !r.end && /\b(?:from|starting|beginning|commencing)\s+(?:on\s+)?(?:\w+\s+)?$/i.test(c.text.slice(0, r.index))
        // a day written as a day ("7 September"), not read out of a year ("March 1911")
        && /(?:^|\D)\d{1,2}(?:st|nd|rd|th)?(?!\d)/.test(r.text.replace(/\b\d{4}\b/g, ""))
        && !/^\s*(?:to|until|till|through)\b/i.test(c.text.slice(r.index + r.text.length)));
      if (from && periodOfWord(c.text)) {
        start = isoOf(from.start.isCertain("year") ? from.start.get("year")! : (year ?? FALLBACK_YEAR), from.start.get("month")!, from.start.get("day")!);
        year = Number(start.slice(0, 4));
        consumed.add(i);
        return;
      }
      const span = parsed.find((r) => r.start.isCertain("month") && (r.end?.isCertain("month") || !r.start.isCertain("day")));
      if (span && !/\bevery\s+\d/i.test(c.text.slice(0, span.index))) {
        const y = span.start.isCertain("year") ? span.start.get("year")! : span.end?.isCertain("year") ? span.end.get("year")! : (year ?? FALLBACK_YEAR);
        const m = span.start.get("month")!;
        start = isoOf(y, m, span.start.isCertain("day") ? span.start.get("day")! : 1);
        if (span.end?.isCertain("month")) {
          const ey = span.end.isCertain("year") ? span.end.get("year")! : y;
          end = isoOf(ey, span.end.get("month")!, span.end.isCertain("day") ? span.end.get("day")! : daysIn(ey, span.end.get("month")!));
        } else if (!span.start.isCertain("day")) end = isoOf(y, m, daysIn(y, m));
        year = y;
        consumed.add(i);
        return;
      }
    }
    if (!startCue) return;
    // "every 14 days starting from April 4" places content; it does not start the calendar
    if (/\b(?:every|repeating|recurring|each)\b/i.test(c.text.slice(0, startCue.index + 40)) && /\bevery\b/i.test(c.text)) return;
    if (start) {
      // the calendar is set already; a sentence that only restates where it starts is no content
      if (/\b(?:start|begin|commenc)\w*\s+(?:from|on|with)?\s*(?:\p{Lu}\p{L}+\s+\d|\d)/iu.test(c.text) && !/\b(?:must|should|include|celebrate|birthday|feature|visit|meet|attend)\b/i.test(c.text)) consumed.add(i);
      return;
    }
    const after = c.text.slice(startCue.index);
    // "starting with Q1 2025"
    const q = /\bQ([1-4])\s+((?:19|20)\d\d)\b/.exec(after);
    if (q) {
      start = isoOf(Number(q[2]), (Number(q[1]) - 1) * 3 + 1, 1);
      year = Number(q[2]);
      return;
    }
    const r = chrono.parse(after, { instant: new Date(Date.UTC(year ?? FALLBACK_YEAR, 0, 1)), timezone: 0 })[0];
    if (!r || !r.start.isCertain("month")) return;
    const y = r.start.isCertain("year") ? r.start.get("year")! : (year ?? FALLBACK_YEAR);
    start = isoOf(y, r.start.get("month")!, r.start.isCertain("day") ? r.start.get("day")! : 1);
    if (r.end?.isCertain("month")) end = isoOf(r.end.isCertain("year") ? r.end.get("year")! : y, r.end.get("month")!, r.end.get("day") ?? 1);
    else {
      const through = /\b(?:continue|continuing|run(?:ning)?|through|until|till|to)\b/i.exec(after.slice(r.index + r.text.length));
      if (through) {
        const e = chrono.parse(after.slice(r.index + r.text.length), { instant: new Date(Date.UTC(y, 0, 1)), timezone: 0 })[0];
        if (e?.start.isCertain("month") && e.start.isCertain("day")) end = isoOf(e.start.isCertain("year") ? e.start.get("year")! : y, e.start.get("month")!, e.start.get("day")!);
      }
    }
    year = y;
    // a clause that only sets the start ("Start from January 1st, a Monday, marking the first week …")
    if (!/\b(?:must|should|include|celebrate|birthday|feature|visit|meet|attend)\b/i.test(c.text)) consumed.add(i);
  });
  let assumed: string | undefined;
  if (!start) {
    // counted units that only happen to be weeks or months ("a course in 12 weeks"), in a brief that
    // speaks of no date, year or weekday: units to number, not a calendar to assume
    if (year === undefined && leaf && !yearLong(body) && !speaksOfDates(body)) return null;
    if (year === undefined) {
      year = FALLBACK_YEAR;
      assumed = `the brief gives no year or first day for its ${period}s: read as starting 1 January ${FALLBACK_YEAR}`;
    }
    start = isoOf(year, 1, 1);
  }
  const s = start as string;
  const y = Number(s.slice(0, 4));
  let spanCount: number | undefined;
  const spanEnd = end ?? (levels.length === 0 || !leaf || yearLong(body) ? isoOf(y, 12, 31) : null);
  if (spanEnd) {
    // "one letter a week from 3 March to 26 May": a last day on the first day's weekday is a unit's own day, and counts
    const days = Math.round((Date.parse(spanEnd) - Date.parse(s)) / DAY) + 1;
    if (days > 0) spanCount = period === "day" ? days : period === "week" ? ((days - 1) % 7 === 0 ? (days - 1) / 7 + 1 : Math.floor(days / 7)) : period === "quarter" ? Math.ceil(monthsBetween(s, spanEnd) / 3) : monthsBetween(s, spanEnd);
  }
  return { start: s, period, level: level || (period === "day" ? "Day" : period === "week" ? "Week" : period === "quarter" ? "Quarter" : "Month"), year: y, spanCount, ...(bounded ? { bounded } : {}), consumed, assumed };
}

/** "from 3 July to 16 July 2025", "1 June to 31 August", "January 20 to February 3, 2026". */
function dateSpan(text: string, fallbackYear: number): { start: string; end: string } | null {
  const M = MONTH_SOURCE;
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\s+(?:of\\s+)?(${M})(?:,?\\s+(\\d{4}))?\\s*(?:-|–|—|to|until|till|through)\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\s+(?:of\\s+)?(${M})(?:,?\\s+(\\d{4}))?`, "i").exec(text);
  const monthFirst = new RegExp(`\\b(${M})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?\\s*(?:-|–|—|to|until|till|through)\\s*(${M})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?`, "i").exec(text);
  const sameMonth = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\s*(?:-|–|—|to|until|till|through)\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\s+(?:of\\s+)?(${M})(?:,?\\s+(\\d{4}))?`, "i").exec(text);
  let parts: [number, number, number | undefined, number, number, number | undefined] | null = null;
  if (!dayFirst && !monthFirst && sameMonth) {
    const m = monthIndex(sameMonth[3]!)!;
    const y = sameMonth[4] ? Number(sameMonth[4]) : undefined;
    parts = [Number(sameMonth[1]), m, y, Number(sameMonth[2]), m, y];
  }
  if (parts) {
    // one month, both days given
  } else if (dayFirst) parts = [Number(dayFirst[1]), monthIndex(dayFirst[2]!)!, dayFirst[3] ? Number(dayFirst[3]) : undefined, Number(dayFirst[4]), monthIndex(dayFirst[5]!)!, dayFirst[6] ? Number(dayFirst[6]) : undefined];
  else if (monthFirst) parts = [Number(monthFirst[2]), monthIndex(monthFirst[1]!)!, monthFirst[3] ? Number(monthFirst[3]) : undefined, Number(monthFirst[5]), monthIndex(monthFirst[4]!)!, monthFirst[6] ? Number(monthFirst[6]) : undefined];
  if (!parts) {
    // "from Ash Wednesday, 18 February, to Palm Sunday, 29 March", "starting … and ending …": two dates with words between
    const dm = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\s+(?:of\\s+)?(${M})(?:,?\\s+(\\d{4}))?|(${M})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?`, "gi");
    const dates = [...text.matchAll(dm)];
    for (let k = 0; k + 1 < dates.length; k++) {
      const a = dates[k]!;
      const b = dates[k + 1]!;
      const before = text.slice(Math.max(0, a.index - 40), a.index);
      const between = text.slice(a.index + a[0].length, b.index);
      // "starting the week of 7 April 2025 and ending the week of 29 September 2025": the same span, said with its ends
      if (!/\b(?:from|start(?:s|ing)?|begin(?:s|ning)?|commenc(?:es|ing)|first)\b/i.test(before) || !/\b(?:to|until|till|through|end(?:s|ing)?|finish(?:es|ing)?|last|closing)\b/i.test(between) || between.length > 48) continue;
      const pick = (d: RegExpMatchArray): [number, number, number | undefined] => [Number(d[1] ?? d[5]), monthIndex((d[2] ?? d[4])!)!, d[3] ?? d[6] ? Number(d[3] ?? d[6]) : undefined];
      const [da, ma, ya] = pick(a);
      const [db, mb, yb] = pick(b);
      parts = [da, ma, ya, db, mb, yb];
      break;
    }
  }
  if (!parts) return null;
  const [d1, m1, y1, d2, m2, y2] = parts;
  const endYear = y2 ?? y1 ?? fallbackYear;
  const startYear = y1 ?? (m1 > m2 ? endYear - 1 : endYear);
  return { start: isoOf(startYear, m1, d1), end: isoOf(endYear, m2, d2) };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A month's or a weekday's name anywhere in the brief: something in it happens on a date. Months
 * are names, so capitalised; the ones that are also everyday words ("you may skip week 4", "they
 * march on", "nothing can mar it") count only with a day number or a word that places a date
 * before them ("on 13 May", "in March", "May 3").
 */
function speaksOfDates(body: string): boolean {
  if (/\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/i.test(body)) return true;
  for (const m of body.matchAll(new RegExp(`\\b${MONTH_SOURCE}(?![\\w'’])`, "g"))) {
    if (!/^(?:May|March|Mar)\.?$/.test(m[0])) return true;
    const before = body.slice(Math.max(0, m.index - 24), m.index);
    const after = body.slice(m.index + m[0].length, m.index + m[0].length + 8);
    if (/\b(?:in|of|on|by|from|until|till|through|to|since|early|late|mid|next|last|this|every|each|before|after)\s+$/i.test(before)) return true;
    if (/\d(?:st|nd|rd|th)?\s+$/.test(before) || /^\s+\d{1,4}\b/.test(after)) return true;
  }
  return false;
}

function yearLong(body: string): boolean {
  return /\b(?:the\s+(?:entire|whole|full)\s+year|a\s+(?:full\s+|whole\s+)?year|all\s+year|for\s+(?:19|20)\d\d\b|year[- ]long|twelve\s+months|12\s+months)\b/i.test(body);
}

function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split("-").map(Number);
  const [yb, mb] = b.split("-").map(Number);
  return (yb! - ya!) * 12 + (mb! - ma!) + 1;
}
