/**
 * Timeline order without a judge call: explicit dates ("13 May 1901", "May 13, 1901", "in 1902")
 * are kept in the fact table as the point each unit reached; a later unit that is set earlier
 * than a previous one, outside a flashback, is flagged.
 */
import type { Fact, FactTable } from "../base/facts";
import type { Finding } from "./types";
import { monthIndex, monthNames } from "../base/numbers";

const MONTH = `(${monthNames().join("|")})`;
const FULL_DAY_FIRST = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\s*,?\\s+(\\d{4})\\b`, "gi");
const FULL_MONTH_FIRST = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s+(\\d{4})\\b`, "gi");
const MONTH_YEAR = new RegExp(`\\b${MONTH}\\s+(?:of\\s+)?(\\d{4})\\b`, "gi");
const YEAR = /\b(?:in|by|of|during|since|until|summer of|winter of|spring of|autumn of|the year)\s+(1[0-9]{3}|20[0-9]{2}|21[0-9]{2})\b/gi;
/** Sentences that look back are allowed to name earlier dates. */
const FLASHBACK = /\b(remember(?:ed|s)?|recalled|years? (?:ago|before|earlier)|had (?:been|come|seen|lived|left|built|met)|once|back in|as a (?:child|girl|boy)|since|used to|born)\b/i;

/** A sortable day number: yyyymmdd, with unknown month or day as the start of the period. */
interface DatePoint {
  key: number;
  label: string;
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());
}

export function datesIn(sentence: string): DatePoint[] {
  const out: DatePoint[] = [];
  const taken: [number, number][] = [];
  const push = (m: RegExpMatchArray, key: number) => {
    const at = m.index ?? 0;
    if (taken.some(([a, b]) => at < b && at + m[0].length > a)) return;
    taken.push([at, at + m[0].length]);
    out.push({ key, label: m[0].trim() });
  };
  const month = (name: string) => monthIndex(name) ?? 0;
  for (const m of sentence.matchAll(FULL_DAY_FIRST)) push(m, Number(m[3]) * 10_000 + month(m[2]!) * 100 + Number(m[1]));
  for (const m of sentence.matchAll(FULL_MONTH_FIRST)) push(m, Number(m[3]) * 10_000 + month(m[1]!) * 100 + Number(m[2]));
  for (const m of sentence.matchAll(MONTH_YEAR)) push(m, Number(m[2]) * 10_000 + month(m[1]!) * 100);
  for (const m of sentence.matchAll(YEAR)) push(m, Number(m[1]) * 10_000);
  return out;
}

/** The fact table's pseudo-entity for dates units reach; bookkeeping, not a bible entry. */
export const TIMELINE = "timeline";

/** Check unit n's dates against what earlier units reached; record the latest date this unit reaches. */
export function checkTimeline(text: string, n: number, table: FactTable, unitId?: string): Finding[] {
  const earlier = table.facts.filter((f) => f.entity === TIMELINE && f.fromUnit < n);
  const reached = earlier.reduce<Fact | null>((best, f) => (!best || Number(f.value) > Number(best.value) ? f : best), null);
  const out: Finding[] = [];
  let latest: DatePoint | null = null;
  for (const s of sentencesOf(text)) {
    const dates = datesIn(s);
    for (const d of dates) if (!latest || d.key > latest.key) latest = d;
    if (!reached || FLASHBACK.test(s)) continue;
    const reachedKey = Number(reached.value);
    const before = dates.find((d) => isBefore(d.key, reachedKey));
    if (before) {
      out.push({
        monitor: "consistency",
        severity: "warning",
        code: "timeline",
        unitId,
        message: `This passage is set at ${before.label}, but ${reached.source} already reached ${describe(reachedKey)}`,
        excerpt: s.trim(),
        fix: {
          kind: "rewrite-passage",
          passage: s.trim(),
          instruction: `The story has already reached ${describe(reachedKey)}; make this a recollection, or move the date later`,
        },
      });
    }
  }
  if (latest) {
    table.add({ entity: TIMELINE, attribute: "date", value: String(latest.key), fromUnit: n, toUnit: null, source: `unit ${n}`, confirmed: false });
  }
  return out;
}

/** A bare year or month is only "earlier" when the whole period is before the point reached. */
function isBefore(key: number, reached: number): boolean {
  if (key % 10_000 === 0) return Math.floor(key / 10_000) < Math.floor(reached / 10_000);
  if (key % 100 === 0) return Math.floor(key / 100) < Math.floor(reached / 100);
  return key < reached;
}

function describe(key: number): string {
  const y = Math.floor(key / 10_000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  if (!m) return String(y);
  return d ? `${d} ${monthNames()[m - 1]} ${y}` : `${monthNames()[m - 1]} ${y}`;
}

