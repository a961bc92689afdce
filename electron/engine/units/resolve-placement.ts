/**
 * Resolves a placement (a reference to units, as the brief said it) against the units of a plan:
 * the one place where "the last chapter of every part", "every 20 floors from floor 40", "the
 * week of 15 March" or "Block at (4, 9)" become units. A reference to units that do not exist is
 * rejected with an error that says why; nothing is guessed.
 */
import type { CalendarSpec, Cell, GridSpec, Placement } from "./types";
import { resolveDate } from "./calendar";
import { monthIndex } from "../base/numbers";

export interface UnitLike {
  id: string;
  parentId: string | null;
  levelName: string;
  title: string;
  isLeaf: boolean;
  period?: { start: string; end: string };
}

export class PlacementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlacementError";
  }
}

export interface ResolveContext {
  calendar?: CalendarSpec;
  grids?: Record<string, GridSpec>;
}

export interface Resolved<U extends UnitLike> {
  units: U[];
  /** Readings the resolver had to choose ("the days after 31 December wrap to January"), for the writer. */
  notes: string[];
}

const DAY = 86_400_000;
const plural = (name: string) => `${name.toLowerCase()}s`;

export function resolvePlacement<U extends UnitLike>(all: U[], p: Placement, ctx: ResolveContext = {}): Resolved<U> {
  const notes: string[] = [];
  const units = resolveIn(all, all, p, ctx, notes);
  const seen = new Set<string>();
  return { units: units.filter((u) => (seen.has(u.id) ? false : (seen.add(u.id), true))), notes };
}

function levelPool<U extends UnitLike>(pool: U[], all: U[], level: string): U[] {
  const found = pool.filter((u) => u.levelName.toLowerCase() === level.toLowerCase());
  if (found.length === 0 && !all.some((u) => u.levelName.toLowerCase() === level.toLowerCase())) {
    const levels = [...new Set(all.map((u) => u.levelName))];
    throw new PlacementError(`the structure has no ${plural(level)} (it has ${levels.map(plural).join(" and ")})`);
  }
  return found;
}

function nth<U>(units: U[], n: number, what: string): U {
  const u = n < 0 ? units[units.length + n] : units[n - 1];
  if (!u) throw new PlacementError(`${what.toLowerCase()} ${n < 0 ? `${-n} from the end` : n} does not exist (there ${units.length === 1 ? "is" : "are"} ${units.length})`);
  return u;
}

function resolveIn<U extends UnitLike>(pool: U[], all: U[], p: Placement, ctx: ResolveContext, notes: string[]): U[] {
  switch (p.kind) {
    case "anywhere":
      return [];
    case "once":
      return [nth(levelPool(pool, all, p.level), p.index, p.level)];
    case "last": {
      const us = levelPool(pool, all, p.level);
      const count = p.count ?? 1;
      if (count > us.length) throw new PlacementError(`the last ${count} ${plural(p.level)}: there are only ${us.length}`);
      return us.slice(us.length - count);
    }
    case "range": {
      const us = levelPool(pool, all, p.level);
      if (p.from < 1 || p.to > us.length || p.from > p.to) throw new PlacementError(`${plural(p.level)} ${p.from} to ${p.to}: there are ${us.length}`);
      return us.slice(p.from - 1, p.to);
    }
    case "periodic": {
      const us = levelPool(pool, all, p.level);
      if (p.every < 1) throw new PlacementError(`every ${p.every} ${plural(p.level)}: not a period`);
      if (p.start < 1 || p.start > us.length) throw new PlacementError(`every ${p.every} ${p.level.toLowerCase()} from ${p.start}: there are only ${us.length}`);
      const end = Math.min(p.end ?? us.length, us.length);
      const out: U[] = [];
      for (let n = p.start; n <= end; n += p.every) out.push(us[n - 1]!);
      return out;
    }
    case "set": {
      const us = levelPool(pool, all, p.level);
      return p.indices.map((n) => nth(us, n, p.level));
    }
    case "fraction": {
      const us = levelPool(pool, all, p.level);
      if (us.length === 0) throw new PlacementError(`no ${plural(p.level)} to place on`);
      return [us[Math.min(us.length, Math.max(1, Math.ceil(p.at * us.length))) - 1]!];
    }
    case "name":
      return byName(pool, all, p, ctx);
    case "date":
      return byDate(pool, all, p, ctx, notes);
    case "cells":
    case "line":
    case "corners":
      return byCells(pool, all, p, ctx);
    case "within": {
      const outer = resolveIn(pool, all, p.outer, ctx, notes);
      const out: U[] = [];
      for (const o of outer) out.push(...resolveIn(descendants(all, o), all, p.inner, ctx, notes));
      return out;
    }
    case "union":
      return p.of.flatMap((q) => resolveIn(pool, all, q, ctx, notes));
  }
}

export function descendants<U extends UnitLike>(all: U[], unit: U): U[] {
  const out: U[] = [];
  const ids = new Set([unit.id]);
  for (const u of all) {
    if (u.parentId !== null && ids.has(u.parentId)) {
      out.push(u);
      ids.add(u.id);
    }
  }
  return out;
}

function byName<U extends UnitLike>(pool: U[], all: U[], p: Extract<Placement, { kind: "name" }>, ctx: ResolveContext): U[] {
  const candidates = p.level ? levelPool(pool, all, p.level) : pool;
  const want = p.name.toLowerCase().trim();
  const exact = candidates.filter((u) => u.title.toLowerCase().trim() === want);
  if (exact.length > 0) return exact;
  const word = new RegExp(`\\b${want.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i");
  const partial = candidates.filter((u) => u.title && word.test(u.title));
  if (partial.length === 1) return partial;
  const dated = candidates.filter((u) => u.period);
  if (dated.length > 0) {
    const byPeriod = datedByName(dated, p.name);
    if (byPeriod) {
      if (byPeriod.length === 0) throw new PlacementError(`no ${(p.level ?? "unit").toLowerCase()} falls in “${p.name}”`);
      return byPeriod;
    }
  }
  const month = monthIndex(p.name);
  if (month !== null) {
    const dated = candidates.filter((u) => u.period);
    if (dated.length > 0) {
      const inMonth = dated.filter((u) => overlapsMonth(u.period!, month));
      if (inMonth.length > 0) return inMonth;
    }
    // twelve units and no dates: the months in order ("a year in twelve chapters")
    if (candidates.length === 12 && !ctx.calendar) return [candidates[month - 1]!];
  }
  if (partial.length > 1) throw new PlacementError(`“${p.name}” matches ${partial.length} ${plural(p.level ?? "unit")}`);
  throw new PlacementError(`no ${(p.level ?? "unit").toLowerCase()} is called “${p.name}”${candidates.some((u) => u.title) ? "" : " (the units have no titles yet)"}`);
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** Calendar units by a name for a stretch of time: "Q2", "Q4 2026", "January–March", "1913", "Sunday". */
function datedByName<U extends UnitLike>(dated: U[], name: string): U[] | null {
  const startMonth = (u: U) => Number(u.period!.start.slice(5, 7));
  const year = (u: U) => u.period!.start.slice(0, 4);
  const q = /^Q([1-4])(?:\s+(\d{4}))?$/i.exec(name);
  if (q) {
    const months = [1, 2, 3].map((k) => (Number(q[1]) - 1) * 3 + k);
    return dated.filter((u) => months.includes(startMonth(u)) && (!q[2] || year(u) === q[2]));
  }
  const span = new RegExp(`^(\\p{L}+)\\.?\\s*[–—-]\\s*(\\p{L}+)\\.?$`, "u").exec(name);
  if (span && monthIndex(span[1]!) !== null && monthIndex(span[2]!) !== null) {
    const first = monthIndex(span[1]!)!;
    const last = monthIndex(span[2]!)!;
    const inSpan = (m: number) => (first <= last ? m >= first && m <= last : m >= first || m <= last);
    // quarters named by their months ("January–March") are the units that start in the first month
    const starting = dated.filter((u) => startMonth(u) === first);
    const monthly = dated.every((u) => u.period!.start.slice(0, 7) === u.period!.end.slice(0, 7));
    return monthly ? dated.filter((u) => inSpan(startMonth(u))) : starting;
  }
  if (/^\d{4}$/.test(name)) return dated.filter((u) => year(u) === name || u.period!.end.slice(0, 4) === name);
  const weekday = WEEKDAYS.indexOf(name.toLowerCase());
  if (weekday >= 0) return dated.filter((u) => containsWeekday(u.period!, weekday));
  return null;
}

function containsWeekday(period: { start: string; end: string }, weekday: number): boolean {
  for (let t = Date.parse(period.start); t <= Date.parse(period.end); t += DAY) if (new Date(t).getUTCDay() === weekday) return true;
  return false;
}

function overlapsMonth(period: { start: string; end: string }, month: number): boolean {
  for (let t = Date.parse(period.start); t <= Date.parse(period.end); t += DAY) if (new Date(t).getUTCMonth() + 1 === month) return true;
  return false;
}

function byDate<U extends UnitLike>(pool: U[], all: U[], p: Extract<Placement, { kind: "date" }>, ctx: ResolveContext, notes: string[]): U[] {
  const cal = ctx.calendar;
  const dated = pool.filter((u) => u.period);
  if (!cal || dated.length === 0) throw new PlacementError(`a date (“${p.date}”) needs units that are days, weeks or months`);
  const first = Date.parse(dated[0]!.period!.start);
  const last = Date.parse(dated[dated.length - 1]!.period!.end);
  const wholeYear = dated[0]!.period!.start.endsWith("-01-01") && dated[dated.length - 1]!.period!.end.endsWith("-12-31") && dated[0]!.period!.start.slice(0, 4) === dated[dated.length - 1]!.period!.end.slice(0, 4);
  const from = Date.parse(resolveDate(cal, p.date));
  let to = p.to ? Date.parse(resolveDate(cal, p.to)) : from;
  if (to < from) to = Date.parse(resolveDate({ ...cal, start: new Date(from).toISOString().slice(0, 10) }, p.to!.slice(-5)));
  const days: number[] = [];
  if (p.every) {
    for (let t = from; t <= last; t += p.every * DAY) days.push(t);
  } else {
    for (let t = from; t <= to && days.length < 4000; t += DAY) days.push(t);
  }
  let wrapped = false;
  const placed = days.map((t) => {
    if (t >= first && t <= last) return t;
    if (wholeYear) {
      // a diary of one whole year: a day past its end is read as the same day of the diary's year
      const d = new Date(t);
      const year = new Date(first).getUTCFullYear();
      wrapped = true;
      return Date.UTC(year, d.getUTCMonth(), d.getUTCDate());
    }
    return null;
  });
  if (wrapped) notes.push(`${p.date}${p.to ? ` to ${p.to}` : ""} runs outside ${dated[0]!.period!.start.slice(0, 4)}: the days outside are read as the same days of the diary's year`);
  const inside = placed.filter((t): t is number => t !== null);
  if (inside.length === 0) throw new PlacementError(`${p.date}${p.to ? ` to ${p.to}` : ""} falls outside the calendar (${dated[0]!.period!.start} to ${dated[dated.length - 1]!.period!.end})`);
  if (inside.length < placed.length) notes.push(`part of ${p.date} to ${p.to} falls outside the calendar and is not placed`);
  const out: U[] = [];
  for (const t of inside) {
    const iso = new Date(t).toISOString().slice(0, 10);
    const u = dated.find((x) => x.period!.start <= iso && iso <= x.period!.end);
    if (u && !out.includes(u)) out.push(u);
  }
  return out;
}

function byCells<U extends UnitLike>(pool: U[], all: U[], p: Extract<Placement, { kind: "cells" | "line" | "corners" }>, ctx: ResolveContext): U[] {
  const us = levelPool(pool, all, p.level);
  const grid = ctx.grids?.[p.level];
  if (!grid) throw new PlacementError(`grid positions need the ${plural(p.level)} laid out as a grid`);
  const o = grid.origin;
  /** (column, row) from 0, as the brief's pair is read */
  const colRow = ([a, b]: Cell): [number, number] => (grid.pair === "column-row" ? [a - o, b - o] : [b - o, a - o]);
  const index = (col: number, row: number): number => {
    if (col < 0 || row < 0 || col >= grid.columns || row >= grid.rows) throw new PlacementError(`(${col + o}, ${row + o}) is outside the ${grid.columns}×${grid.rows} grid`);
    if (grid.order === "columns") return col * grid.rows + row + 1;
    // like a snake: every other row runs right to left
    if (grid.order === "snake") return row * grid.columns + (row % 2 === 0 ? col : grid.columns - 1 - col) + 1;
    return row * grid.columns + col + 1;
  };
  const cells: number[] = [];
  if (p.kind === "corners") {
    cells.push(index(0, 0), index(grid.columns - 1, 0), index(0, grid.rows - 1), index(grid.columns - 1, grid.rows - 1));
    cells.sort((a, b) => a - b);
  } else if (p.kind === "line") {
    const k = p.index - o;
    if (p.axis === "row") for (let c = 0; c < grid.columns; c++) cells.push(index(c, k));
    else for (let r = 0; r < grid.rows; r++) cells.push(index(k, r));
  } else if (p.every) {
    let [c, r] = colRow(p.from);
    index(c, r);
    // "every 2 blocks along the column": the column number advances; "along the row": the row number
    while (c >= 0 && r >= 0 && c < grid.columns && r < grid.rows) {
      cells.push(index(c, r));
      if (p.along === "row") r += p.every;
      else c += p.every;
    }
  } else if (p.to && p.diagonal) {
    const [c1, r1] = colRow(p.from);
    const [c2, r2] = colRow(p.to);
    if (Math.abs(c2 - c1) !== Math.abs(r2 - r1)) throw new PlacementError(`(${p.from.join(", ")}) to (${p.to.join(", ")}) is not a diagonal`);
    const steps = Math.abs(c2 - c1);
    for (let k = 0; k <= steps; k++) cells.push(index(c1 + Math.sign(c2 - c1) * k, r1 + Math.sign(r2 - r1) * k));
    cells.sort((a, b) => a - b);
  } else if (p.to) {
    const [c1, r1] = colRow(p.from);
    const [c2, r2] = colRow(p.to);
    for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) cells.push(index(c, r));
    cells.sort((a, b) => a - b);
  } else {
    const [c, r] = colRow(p.from);
    cells.push(index(c, r));
  }
  if (us.length < grid.columns * grid.rows) throw new PlacementError(`the grid has ${grid.columns * grid.rows} cells but there are ${us.length} ${plural(p.level)}`);
  return cells.map((n) => us[n - 1]!);
}

