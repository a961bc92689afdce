/**
 * Deterministic extraction of the explicit forms of a natural-language brief: structure
 * ("20 chapters of about 500 words", "3 parts of 4 chapters each"), total length, tolerance,
 * a calendar ("a weekly diary starting 1 January") and placed requirements ("in chapter 3 …",
 * "in chapters 4-6 …", "every 3rd chapter starting from chapter 2 …", "on 13 May …").
 * Anything vaguer is left to the model planner. Each requirement keeps the writer's sentence whole.
 */
import type { CountUnit } from "../../shared/text/count-words";
import type { CalendarSpec, Placement, StructureLevel } from "./types";
import { NUMBER_SRC, parseNumber } from "./numbers";
import { capitalise, levelNounSource, singularOf } from "./level-names";

const N = NUMBER_SRC;
const APPROX = "(?:about|around|roughly|approximately|approx\\.?|some|nearly|~|circa|at least|up to)";
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_SRC = `(?:${MONTHS.join("|")}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)`;

export interface ExtractedStructure {
  levels: StructureLevel[];
  perUnit?: number;
  total?: number;
  unit?: CountUnit;
  tolerance?: number;
  calendar?: CalendarSpec;
}

function isOrdinalToken(raw: string): boolean {
  return /(?:st|nd|rd|th)$/i.test(raw) || /^(first|second|third|other)$/i.test(raw);
}

function levelName(noun: string): string {
  return capitalise(singularOf(noun) ?? noun.toLowerCase());
}

function unitOf(word: string): CountUnit {
  return /^char/i.test(word) ? "characters" : "words";
}

export function extractStructure(text: string): ExtractedStructure {
  const out: ExtractedStructure = { levels: [] };
  const L = levelNounSource();
  const ADJ = "(?:[a-z]+\\s+)?";
  const consumed: [number, number][] = [];

  // "3 parts of 4 chapters each" / "3 parts, each with 4 chapters"
  const nested = new RegExp(
    `\\b(${N})\\s+(${L})\\s*,?\\s*(?:each\\s+)?(?:of|with|containing|holding|having|made up of|divided into|split into)\\s+(${N})\\s+${ADJ}(${L})`, "i");
  // "12 chapters in 3 parts"
  const nestedInv = new RegExp(`\\b(${N})\\s+${ADJ}(${L})\\s+(?:in|across|grouped into|divided into|split into|over)\\s+(${N})\\s+(${L})`, "i");
  let m = nested.exec(text);
  if (m && !isOrdinalToken(m[1]!)) {
    out.levels = [
      { name: levelName(m[2]!), count: parseNumber(m[1]!) ?? 1 },
      { name: levelName(m[4]!), count: parseNumber(m[3]!) ?? 1 },
    ];
    consumed.push([m.index, m.index + m[0].length]);
  } else if ((m = nestedInv.exec(text)) && !isOrdinalToken(m[1]!)) {
    const inner = parseNumber(m[1]!) ?? 1;
    const outer = parseNumber(m[3]!) ?? 1;
    if (outer > 0 && inner % outer === 0) {
      out.levels = [
        { name: levelName(m[4]!), count: outer },
        { name: levelName(m[2]!), count: inner / outer },
      ];
      consumed.push([m.index, m.index + m[0].length]);
    }
  }

  // "20 chapters of about 500 words" / "12 lessons, each roughly 400 words"
  const flatWithLength = new RegExp(
    `\\b(${N})(?:\\s+|-)${ADJ}(${L})\\s*,?\\s*(?:each\\s+)?(?:of|at|with|running|,)?\\s*(?:each\\s+)?${APPROX}?\\s*(\\d[\\d,]*)\\s*-?\\s*(words?|characters?)(?:\\s+each)?`, "i");
  m = flatWithLength.exec(text);
  // "6 chapters, 3,000 words in total" states a total, not a length per unit
  const statesTotal = m !== null && /^\s*(?:in total|total|altogether|overall|all told|in all)\b/i.test(text.slice(m.index + m[0].length));
  if (m && statesTotal) {
    if (out.levels.length === 0) out.levels = [{ name: levelName(m[2]!), count: parseNumber(m[1]!) ?? 1 }];
    out.total = parseNumber(m[3]!) ?? undefined;
    out.unit = unitOf(m[4]!);
    consumed.push([m.index, m.index + m[0].length]);
  } else if (m && !isOrdinalToken(m[1]!)) {
    const name = levelName(m[2]!);
    const count = parseNumber(m[1]!) ?? 1;
    if (out.levels.length === 0) out.levels = [{ name, count }];
    out.perUnit = parseNumber(m[3]!) ?? undefined;
    out.unit = unitOf(m[4]!);
    consumed.push([m.index, m.index + m[0].length]);
  }
  // "about 800 words per chapter"
  const perUnit = new RegExp(`${APPROX}?\\s*(\\d[\\d,]*)\\s*-?\\s*(words?|characters?)\\s+(?:per|a|an|each|for each|every)\\s+(${L})`, "i");
  m = perUnit.exec(text);
  if (m && out.perUnit === undefined) {
    out.perUnit = parseNumber(m[1]!) ?? undefined;
    out.unit = unitOf(m[2]!);
    consumed.push([m.index, m.index + m[0].length]);
  }
  // "a diary of 52 weekly entries", "a 7-day itinerary"
  if (out.levels.length === 0) {
    const flat = new RegExp(`\\b(${N})(?:\\s+|-)${ADJ}(${L})\\b`, "gi");
    for (const f of text.matchAll(flat)) {
      const before = text.slice(Math.max(0, f.index - 12), f.index).toLowerCase();
      if (isOrdinalToken(f[1]!) || /(every|the|in|on)\s*$/.test(before)) continue;
      const count = parseNumber(f[1]!);
      if (count === null || count < 1) continue;
      out.levels = [{ name: levelName(f[2]!), count }];
      break;
    }
  }

  // Total length: any "N words/characters" not already read as a per-unit length.
  const total = new RegExp(`(\\d[\\d,]*)\\s*-?\\s*(words?|characters?)\\b`, "gi");
  for (const t of out.total === undefined ? text.matchAll(total) : []) {
    if (consumed.some(([a, b]) => t.index >= a && t.index < b)) continue;
    const after = text.slice(t.index + t[0].length, t.index + t[0].length + 20).toLowerCase();
    if (/^\s*(per|a|an|each|for each|every)\s/.test(after)) continue;
    const n = parseNumber(t[1]!);
    if (n === null || n < 10) continue;
    out.total = n;
    out.unit = unitOf(t[2]!);
    break;
  }

  // CJK forms: 共20章，每章约500字 / 全文约一万字 (digits only)
  const zhCount = /(\d+)\s*(章|篇|节|封|课|天|周|层)/.exec(text);
  if (zhCount && out.levels.length === 0) out.levels = [{ name: zhCount[2]!, count: Number(zhCount[1]) }];
  const zhPer = /每(?:章|篇|节|封|课|天|周|层)[^\d]{0,4}(\d+)\s*字/.exec(text);
  if (zhPer) { out.perUnit = Number(zhPer[1]); out.unit = "characters"; }
  const zhTotal = /(?:共|全文|总共|总计)[^\d]{0,4}(\d+)\s*字/.exec(text);
  if (zhTotal) { out.total = Number(zhTotal[1]); out.unit = "characters"; }

  const tol = /(?:±|\+\/-|plus or minus|within)\s*(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)/i.exec(text);
  if (tol) out.tolerance = Number(tol[1]) / 100;

  out.calendar = extractCalendar(text, out.levels);
  return out;
}

function monthIndex(name: string): number {
  const k = name.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((mm) => mm.startsWith(k));
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

const START_DATE = new RegExp(
  `(?:starting|beginning|begins|starts|commencing|from)\\s+(?:on\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_SRC})|(${MONTH_SRC})\\s+(\\d{1,2})(?:st|nd|rd|th)?)(?:,?\\s+(\\d{4}))?|(?:starting|beginning|begins|starts|from)\\s+(?:on\\s+)?(\\d{4}-\\d{2}-\\d{2})`, "i");

export function extractCalendar(text: string, levels: StructureLevel[]): CalendarSpec | undefined {
  const m = START_DATE.exec(text);
  if (!m) return undefined;
  let period: CalendarSpec["period"] | null = null;
  const lower = text.toLowerCase();
  const deepest = levels[levels.length - 1]?.name.toLowerCase();
  if (deepest === "day" || /\bdaily\b/.test(lower)) period = "day";
  if (deepest === "week" || /\bweekly\b/.test(lower)) period = "week";
  if (deepest === "month" || /\bmonthly\b/.test(lower)) period = "month";
  if (!period) return undefined;
  let start: string;
  if (m[6]) start = m[6];
  else {
    const day = Number(m[1] ?? m[4]);
    const month = monthIndex((m[2] ?? m[3])!) + 1;
    // No year given: take one stated elsewhere in the brief, else 2025 (a common, non-leap year).
    const year = m[5] ?? /\b(19\d{2}|20\d{2})\b/.exec(text)?.[1] ?? "2025";
    start = `${year}-${pad(month)}-${pad(day)}`;
  }
  return { start, period };
}

/** Sentences (and list items) of a Markdown body, each with its original wording. */
export function splitSentences(body: string): string[] {
  const out: string[] = [];
  for (const rawLine of body.split(/\n+/)) {
    const line = rawLine.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "").replace(/^#+\s+/, "").trim();
    if (!line) continue;
    for (const s of line.split(/(?<=[.!?])\s+(?=["“(]?[A-Z0-9])/)) if (s.trim()) out.push(s.trim());
  }
  return out;
}

export interface ExtractedRequirement {
  text: string;
  content: string;
  placement: Placement;
}

/**
 * Placed requirements from prose. `levels` are the structure's level names; a noun that names a
 * calendar period ("week 19") maps onto the calendar level.
 */
export function extractRequirements(body: string, levels: string[], calendar?: CalendarSpec): ExtractedRequirement[] {
  const out: ExtractedRequirement[] = [];
  const names = [...levels];
  if (calendar) names.push(calendar.period);
  const L = levelNounSource(names.length > 0 ? names : undefined);
  const resolveLevel = (noun: string): string => {
    const s = singularOf(noun) ?? noun.toLowerCase();
    const direct = levels.find((l) => l.toLowerCase() === s);
    if (direct) return direct;
    if (calendar && s === calendar.period) return calendar.level ?? levels[levels.length - 1] ?? capitalise(s);
    return capitalise(s);
  };
  const NUM = `(${N}|[ivxlc]+)`;
  const periodic = new RegExp(`\\bevery\\s+(?:(${N})\\s+)?(${L})`, "i");
  const periodicStart = new RegExp(
    `,?\\s*(?:(?:starting|beginning|commencing)\\s+)?(?:from|with|at|in)\\s+(?:the\\s+)?(?:(${L})\\s+${NUM}|(${N})\\s+(${L}))`, "i");
  const range = new RegExp(
    `(?:\\b(?:in|across|over|throughout|during|from|for)\\s+)?(?:the\\s+)?\\b(${L})\\s+(\\d+|[ivxlc]+)\\s*(?:-|–|—|to|through|thru|and)\\s*(?:(?:${L})\\s+)?(\\d+|[ivxlc]+)\\b`, "i");
  const ordinal = new RegExp(`(?:\\b(?:in|on|at|during|for|by)\\s+)?\\bthe\\s+(last|final|closing|top|highest|opening|ground|bottom|${N})\\s+(${L})\\b`, "i");
  const once = new RegExp(`(?:\\b(?:in|on|at|during|for|by)\\s+)?\\b(${L})\\s+${NUM}\\b(?!\\s*(?:-|–|to|through)\\s*\\d)`, "i");
  const date = new RegExp(
    `(?:\\b(?:on|by|for)\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_SRC})\\b|\\b(${MONTH_SRC})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b|(\\d{4}-\\d{2}-\\d{2}))`, "i");
  const anywhere = /\b(?:somewhere(?:\s+in\s+the\s+\w+)?|at some point|anywhere(?:\s+in\s+the\s+\w+)?|at any point)\b/i;

  for (const sentence of splitSentences(body)) {
    let placement: Placement | null = null;
    let spans: [number, number][] = [];
    let m: RegExpExecArray | null;
    if ((m = periodic.exec(sentence))) {
      const every = m[1] ? parseNumber(m[1]) ?? 1 : 1;
      const level = resolveLevel(m[2]!);
      const rest = sentence.slice(m.index + m[0].length);
      const s = periodicStart.exec(rest);
      let start = every;
      spans = [[m.index, m.index + m[0].length]];
      if (s && s.index <= 2) {
        start = parseNumber((s[2] ?? s[3])!) ?? every;
        spans.push([m.index + m[0].length + s.index, m.index + m[0].length + s.index + s[0].length]);
      }
      placement = { kind: "periodic", level, every, start };
    } else if ((m = range.exec(sentence)) && singularOf(m[1]!) !== null) {
      const from = parseNumber(m[2]!) ?? 1;
      const to = parseNumber(m[3]!) ?? from;
      placement = { kind: "range", level: resolveLevel(m[1]!), from: Math.min(from, to), to: Math.max(from, to) };
      spans = [[m.index, m.index + m[0].length]];
    } else if ((m = date.exec(sentence)) && calendar && !/\b(starting|beginning|begins|starts|commencing)\b/i.test(sentence)) {
      let iso: string;
      if (m[5]) iso = m[5];
      else iso = `${pad(monthIndex((m[2] ?? m[3])!) + 1)}-${pad(Number(m[1] ?? m[4]))}`;
      placement = { kind: "date", date: iso };
      spans = [[m.index, m.index + m[0].length]];
    } else if ((m = ordinal.exec(sentence))) {
      const word = m[1]!.toLowerCase();
      const level = resolveLevel(m[2]!);
      if (["last", "final", "closing", "top", "highest"].includes(word)) placement = { kind: "last", level };
      else placement = { kind: "once", level, index: ["opening", "ground", "bottom"].includes(word) ? 1 : parseNumber(word) ?? 1 };
      spans = [[m.index, m.index + m[0].length]];
    } else if ((m = once.exec(sentence))) {
      const index = parseNumber(m[2]!);
      if (index !== null && index >= 1) {
        placement = { kind: "once", level: resolveLevel(m[1]!), index };
        spans = [[m.index, m.index + m[0].length]];
      }
    } else if ((m = anywhere.exec(sentence))) {
      placement = { kind: "anywhere" };
      spans = [[m.index, m.index + m[0].length]];
    }
    if (!placement) continue;
    out.push({ text: sentence, content: stripSpans(sentence, spans), placement });
  }
  return out;
}

/** The sentence without its placement phrase: what the unit must contain. */
function stripSpans(sentence: string, spans: [number, number][]): string {
  let s = sentence;
  for (const [a, b] of [...spans].sort((x, y) => y[0] - x[0])) s = `${s.slice(0, a)} ${s.slice(b)}`;
  s = s.replace(/\s+/g, " ").replace(/^[\s,;:—–-]+/, "").replace(/\s+([,.;:!?])/g, "$1").replace(/^(?:then|also|and)\s+/i, "").trim();
  return capitalise(s);
}
