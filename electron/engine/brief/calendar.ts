/**
 * Units that are calendar periods: a weekly diary, a daily menu, monthly reports. Reads the
 * period (from the unit noun or "daily"/"weekly"/"monthly"), the first day ("starting 1 March
 * 2025", "Start from January 1st", "for the entire year of 2018") and, when no count is given,
 * how many periods the brief spans ("for 2018", "from 3 June to 16 June").
 */
import * as chrono from "chrono-node";
import type { Clause } from "./clauses";
import { conceptOf } from "./level-names";
import type { StructureLevel } from "./types";

export interface CalendarReading {
  start: string;
  period: "day" | "week" | "month";
  level: string;
  year: number;
  /** How many periods the stated span covers, when the brief gives a span. */
  spanCount?: number;
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

function periodOfWord(text: string): "day" | "week" | "month" | null {
  if (/\b(?:daily|every\s+day|each\s+day|a\s+day|per\s+day|day[’']s)\b/i.test(text)) return "day";
  if (/\b(?:weekly|every\s+week|each\s+week|a\s+week|per\s+week|(?:every|each)\s+(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday))\b/i.test(text)) return "week";
  if (/\b(?:monthly|every\s+month|each\s+month|a\s+month|per\s+month)\b/i.test(text)) return "month";
  return null;
}

export function readCalendar(clauses: Clause[], levels: StructureLevel[], body: string): CalendarReading | null {
  const leaf = levels[levels.length - 1];
  let period: CalendarReading["period"] | null = null;
  let level = leaf?.name ?? "";
  for (const l of levels) {
    const c = conceptOf(l.name);
    if (c === "day" || c === "week" || c === "month") {
      period = c;
      level = l.name;
    }
  }
  if (!period && (!leaf || conceptOf(leaf.name) === "leaf" || levels.length === 0)) {
    period = periodOfWord(body);
    if (period && !leaf) level = period === "day" ? "Day" : period === "week" ? "Week" : "Month";
  }
  if (!period) return null;

  const consumed = new Set<number>();
  const years = [...body.matchAll(/\b(1[89]\d\d|20\d\d|21\d\d)\b/g)].map((m) => Number(m[1]));
  let year = years[0];
  let start: string | null = null;
  let end: string | null = null;
  clauses.forEach((c, i) => {
    const startCue = /\b(?:start(?:s|ing)?|begin(?:s|ning)?|commenc(?:e|es|ing)|first\s+(?:entry|day|week|letter)\s+(?:is|falls\s+on)|opens?\s+on)\b/i.exec(c.text);
    const yearCue = /\bfor\s+(?:the\s+(?:entire|whole|full)\s+)?(?:(?:calendar\s+)?year\s+(?:of\s+)?)?((?:19|20|21)\d\d)\b/i.exec(c.text);
    if (yearCue && /\b(?:diary|journal|menu|year|log|calendar|planner|almanac|generate|write|document|plan)\b/i.test(c.text)) {
      year = Number(yearCue[1]);
      if (!/\b(?:celebrate|birthday|on\s+\w+\s+\d)/i.test(c.text)) consumed.add(i);
    }
    if (!startCue || start) return;
    // "every 14 days starting from April 4" places content; it does not start the calendar
    if (/\b(?:every|repeating|recurring|each)\b/i.test(c.text.slice(0, startCue.index + 40)) && /\bevery\b/i.test(c.text)) return;
    const after = c.text.slice(startCue.index);
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
    const days = Math.round((Date.parse(spanEnd) - Date.parse(s)) / DAY) + 1;
    if (days > 0) spanCount = period === "day" ? days : period === "week" ? Math.floor(days / 7) : monthsBetween(s, spanEnd);
  }
  return { start: s, period, level: level || (period === "day" ? "Day" : period === "week" ? "Week" : "Month"), year: y, spanCount, consumed, assumed };
}

function yearLong(body: string): boolean {
  return /\b(?:the\s+(?:entire|whole|full)\s+year|a\s+(?:full\s+|whole\s+)?year|all\s+year|for\s+(?:19|20)\d\d\b|year[- ]long|twelve\s+months|12\s+months)\b/i.test(body);
}

function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split("-").map(Number);
  const [yb, mb] = b.split("-").map(Number);
  return (yb! - ya!) * 12 + (mb! - ma!) + 1;
}
