/** The units a brief describes and the references to them: shared by the brief reader, which writes them, and the planner, which resolves them. */

export interface StructureLevel {
  /** Singular level name as the writer uses it: "Part", "Chapter", "Week", "Floor". */
  name: string;
  /** How many units of this level each parent holds (for the top level: how many in total). */
  count: number;
  /** When parents hold different numbers ("Part One has three chapters, Part Two five"): one count per parent, in order. */
  counts?: number[];
  /** Heading pattern: {n} number within the level (global), {i} number within the parent, {roman}, {title}, {date}. */
  heading?: string;
  /** Per-unit targets by global 1-based index within this level. */
  targets?: Record<number, number>;
  /** Optional fixed titles, by global index - 1. */
  titles?: string[];
  /** The units of this level laid out as a grid ("a 10x10 grid numbered 1 to 100, left to right, top to bottom"). */
  grid?: GridSpec;
}

export interface GridSpec {
  columns: number;
  rows: number;
  /** The first row and column are numbered 0 or 1. */
  origin: 0 | 1;
  /** "rows": numbered left to right along a row, then the next row down; "columns": top to bottom, then the next column; "snake": rows, every other one right to left. */
  order: "rows" | "columns" | "snake";
  /** Columns are lettered A, B, C… ("C4" is column 3, row 4). */
  letters?: boolean;
  /** How a pair "(a, b)" is read: (column, row) as in x and y, or (row, column). */
  pair: "column-row" | "row-column";
}

export type Cell = [number, number];

/** Units that are calendar periods (a weekly diary starting 1 January). */
export interface CalendarSpec {
  /** ISO date of the first unit's first day. */
  start: string;
  period: "day" | "week" | "month" | "quarter";
  /** Which structure level is the calendar one; defaults to the deepest. */
  level?: string;
}

/**
 * Where required content goes, as the writer said it: a reference to units, not unit numbers
 * worked out in advance. The planner (plan/build-plan.ts) resolves it against the structure and
 * rejects references to units that do not exist.
 */
export type Placement =
  | { kind: "once"; level: string; index: number }
  | { kind: "range"; level: string; from: number; to: number }
  /** Every `every`-th unit from `start` (to `end` when given): "every other chapter", "odd-numbered", "every 20 floors from 40". */
  | { kind: "periodic"; level: string; every: number; start: number; end?: number }
  /** The last unit, or the last `count` ("the final two letters"). */
  | { kind: "last"; level: string; count?: number }
  /** Listed units; a negative number counts from the end (-1 the last, -2 the one before). */
  | { kind: "set"; level: string; indices: number[] }
  /** A point through the units, 0..1: "halfway through" is 0.5. */
  | { kind: "fraction"; level: string; at: number }
  /** A unit by its title, or by the month it covers ("the March chapter", "the April report"). */
  | { kind: "name"; level?: string; name: string }
  /** Month-day ("05-13") or ISO date; `to` ends a span; `every` repeats every so many days. Needs calendar units. */
  | { kind: "date"; date: string; to?: string; every?: number }
  /** Grid cells: one (`from`), a rectangle (`from` to `to`), or every `every`-th cell from `from` along an axis. */
  | { kind: "cells"; level: string; from: Cell; to?: Cell; every?: number; along?: "column" | "row"; diagonal?: boolean }
  /** The four corner cells of a grid. */
  | { kind: "corners"; level: string }
  /** A whole row or column of a grid. */
  | { kind: "line"; level: string; axis: "row" | "column"; index: number }
  /** Units inside other units: "the second scene of chapter 4", "the last chapter of every part". */
  | { kind: "within"; outer: Placement; inner: Placement }
  /** Several references for one item: "in chapter 2 and again in the last chapter". */
  | { kind: "union"; of: Placement[] }
  | { kind: "anywhere" };
