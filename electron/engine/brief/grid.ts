/**
 * Units laid out as a grid: "a 10x10 block grid, numbered from 1 to 100", "a grid of 8 rows and
 * 6 columns", with the numbering order ("left to right, top to bottom") and whether rows and
 * columns count from 0 or 1, as the brief says or as its coordinates show.
 */
import { NUMBER_SOURCE, parseNumber } from "../base/numbers";
import type { Clause } from "./clauses";
import type { GridSpec } from "./types";

export interface GridReading {
  grid: GridSpec;
  /** The unit noun the grid is made of ("block", "plot"), when it says. */
  noun?: string;
  consumed: Set<number>;
  /** What the brief leaves open about the grid (listed as assumed). */
  assumed: { why: string; alternative?: { description: string; grid: GridSpec } }[];
}

const N = NUMBER_SOURCE;

export function readGrid(clauses: Clause[], body: string): GridReading | null {
  const consumed = new Set<number>();
  let columns = 0;
  let rows = 0;
  let noun: string | undefined;
  clauses.forEach((c, i) => {
    if (columns) return;
    const byX = new RegExp(`\\b(\\d{1,3})\\s*(?:x|×|by)\\s*(\\d{1,3})\\s+(?:([\\p{L}]+)\\s+)?grid\\b|\\bgrid\\s+of\\s+(\\d{1,3})\\s*(?:x|×|by)\\s*(\\d{1,3})(?:\\s+([\\p{L}]+))?`, "iu").exec(c.text);
    const byWords = new RegExp(`\\bgrid\\s+of\\s+(${N})\\s+rows\\s+(?:and|by)\\s+(${N})\\s+columns|\\b(${N})\\s+rows\\s+(?:and|of|by)\\s+(${N})\\s+(?:columns|([\\p{L}]+))`, "iu").exec(c.text);
    if (byX) {
      // "10x10": columns by rows as written (width first), the usual way a grid is given
      columns = Number(byX[1] ?? byX[4]);
      rows = Number(byX[2] ?? byX[5]);
      noun = byX[3] ?? byX[6];
      consumed.add(i);
    } else if (byWords) {
      rows = parseNumber(byWords[1] ?? byWords[3]!) ?? 0;
      columns = parseNumber(byWords[2] ?? byWords[4]!) ?? 0;
      noun = byWords[5];
      consumed.add(i);
    }
  });
  if (!columns || !rows) return null;
  clauses.forEach((c, i) => {
    if (/\b(?:numbered|arrange[ds]?|ordered|running|moving|sequentially)\b.*\b(?:left|right|top|bottom)\b|\bleft\s+to\s+right\b|\btop\s+to\s+bottom\b/i.test(c.text)) consumed.add(i);
  });
  const assumed: GridReading["assumed"] = [];
  const colFirst = /\btop\s+to\s+bottom\s*(?:,|and|then)?\s*(?:then\s+)?left\s+to\s+right\b/i.test(body);
  const order: GridSpec["order"] = colFirst ? "columns" : "rows";
  const rowCol = /\(\s*row\s*,\s*col(?:umn)?\s*\)|\brow\s+first\b/i.test(body);
  const stated = rowCol || /\(\s*(?:x\s*,\s*y|col(?:umn)?\s*,\s*row)\s*\)/i.test(body);
  const pair: GridSpec["pair"] = rowCol ? "row-column" : "column-row";
  const pairs = [...body.matchAll(/\(\s*(\d+)\s*,\s*(\d+)\s*\)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  let origin: 0 | 1;
  if (/\bzero[- ]based\b|\b(?:numbered|counted|count|start(?:ing)?)\s+from\s+(?:0|zero)\b|\(\s*0\s*,\s*0\s*\)/i.test(body)) origin = 0;
  else if (/\bone[- ]based\b|\(\s*1\s*,\s*1\s*\)/i.test(body)) origin = 1;
  else if (pairs.some(([a, b]) => a === 0 || b === 0)) origin = 0;
  else if (pairs.some(([a, b]) => a === columns || b === rows || a === rows || b === columns)) origin = 1;
  else {
    origin = 1;
    assumed.push({ why: "the brief does not say whether rows and columns count from 0 or 1: read as from 1", alternative: { description: "rows and columns counted from 0", grid: { columns, rows, origin: 0, order, pair } } });
  }
  const grid: GridSpec = { columns, rows, origin, order, pair };
  if (!stated && pairs.length > 0) {
    assumed.push({
      why: "coordinates “(a, b)” read as (column, row): a across, b down; “along the column” as stepping through column numbers",
      alternative: { description: "coordinates read as (row, column)", grid: { ...grid, pair: "row-column" } },
    });
  }
  return { grid, noun, consumed, assumed };
}
