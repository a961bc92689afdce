/** Calendar arithmetic for units that are periods (days, weeks, months, quarters), in UTC so it never depends on the machine's zone. */
import type { CalendarSpec } from "./types";

const DAY = 86_400_000;

function parseIso(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y!, (m ?? 1) - 1, d ?? 1);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The period of the n-th (1-based) calendar unit. */
export function periodOf(cal: CalendarSpec, n: number): { start: string; end: string } {
  const start = parseIso(cal.start);
  if (cal.period === "day") return { start: iso(start + (n - 1) * DAY), end: iso(start + (n - 1) * DAY) };
  if (cal.period === "week") return { start: iso(start + (n - 1) * 7 * DAY), end: iso(start + ((n - 1) * 7 + 6) * DAY) };
  const months = cal.period === "quarter" ? 3 : 1;
  const d = new Date(start);
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (n - 1) * months, 1);
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n * months, 1);
  return { start: iso(n === 1 ? start : first), end: iso(next - DAY) };
}

/** Resolve "05-13" against the calendar: the first such day on or after the start. */
export function resolveDate(cal: CalendarSpec, date: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const year = Number(cal.start.slice(0, 4));
  const candidate = `${year}-${date}`;
  return candidate >= cal.start ? candidate : `${year + 1}-${date}`;
}

/** 1-based index of the calendar unit holding `date`, or null before the start. */
export function unitIndexForDate(cal: CalendarSpec, date: string): number | null {
  const day = parseIso(resolveDate(cal, date));
  const start = parseIso(cal.start);
  if (day < start) return null;
  if (cal.period === "day") return Math.floor((day - start) / DAY) + 1;
  if (cal.period === "week") return Math.floor((day - start) / (7 * DAY)) + 1;
  const a = new Date(start);
  const b = new Date(day);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  return Math.floor(months / (cal.period === "quarter" ? 3 : 1)) + 1;
}

export { formatDay } from "../base/numbers";
