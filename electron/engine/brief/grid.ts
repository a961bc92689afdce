/**
 * Units laid out as a grid: "a 10x10 block grid, numbered from 1 to 100", "a 3 x 4 grid of flower
 * beds (3 rows, 4 columns)", "8 columns lettered A to H and 8 rows numbered 1 to 8", numbered left
 * to right, top to bottom, column by column, or like a snake; coordinates as (column, row) or (row,
 * column), counting from 0 or 1, as the brief says or as its coordinates show.
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
const NOUN = "([\\p{L}]+)";

export function readGrid(clauses: Clause[], body: string): GridReading | null {
  const consumed = new Set<number>();
  let columns = 0;
  let rows = 0;
  let noun: string | undefined;
  let statedAxes = false;
  clauses.forEach((c, i) => {
    if (columns) return;
    // "6 by 6 plots", "a 4 x 4 maze of rooms", "a 6x6 sculpture park grid"
    const loose = new RegExp(`\\b(\\d{1,3})\\s*(?:x|×|by)\\s*(\\d{1,3})\\s+((?:[\\p{L}-]+[,;:]?\\s+){0,4})`, "iu").exec(c.text);
    const looseNoun = loose?.[3]?.split(/\s+/).map((w) => w.replace(/[,;:]$/, "")).find((w) => /s$/i.test(w) && w.length > 3 && !/^(?:words|characters|rows|columns)$/i.test(w));
    const looseGrid = loose && (/\b(?:grid|maze|board|chessboard|layout|array)\b/i.test(loose[3]!) || looseNoun);
    const byX = new RegExp(`\\b(\\d{1,3})\\s*(?:x|×|by)\\s*(\\d{1,3})\\s+(?:${NOUN}\\s+)?grid\\b(?:\\s+of\\s+(?:[\\p{L}-]+\\s+)?${NOUN})?|\\bgrid\\s+of\\s+(\\d{1,3})\\s*(?:x|×|by)\\s*(\\d{1,3})(?:\\s+${NOUN})?`, "iu").exec(c.text);
    const byWords = new RegExp(`\\bgrid\\s+of\\s+(${N})\\s+rows\\s+(?:and|by)\\s+(${N})\\s+columns|\\b(${N})\\s+rows\\s+(?:and|of|by)\\s+(${N})\\s+(?:columns|${NOUN})`, "iu").exec(c.text);
    const axes = new RegExp(`\\b(${N})\\s+columns\\b[^.]*?\\b(?:and|,)\\s+(${N})\\s+rows\\b`, "iu").exec(c.text);
    if (!byX && looseGrid && loose) {
      columns = Number(loose[1]);
      rows = Number(loose[2]);
      noun = looseNoun?.replace(/s$/i, "") ?? new RegExp(`\\bof\\s+(?:[\\p{L}-]+\\s+)?([\\p{L}]+?)s\\b`, "iu").exec(c.text.slice(loose.index))?.[1];
      consumed.add(i);
    } else if (byX) {
      // "10x10": width by height, the usual way a grid is given; "(3 rows, 4 columns)" says otherwise
      columns = Number(byX[1] ?? byX[5]);
      rows = Number(byX[2] ?? byX[6]);
      noun = byX[3] ?? byX[4] ?? byX[7];
      consumed.add(i);
    } else if (byWords) {
      rows = parseNumber(byWords[1] ?? byWords[3]!) ?? 0;
      columns = parseNumber(byWords[2] ?? byWords[4]!) ?? 0;
      noun = byWords[5];
      statedAxes = true;
      consumed.add(i);
    } else if (axes) {
      columns = parseNumber(axes[1]!) ?? 0;
      rows = parseNumber(axes[2]!) ?? 0;
      statedAxes = true;
      consumed.add(i);
    }
  });
  if (!columns || !rows) return null;
  // "The plots are numbered 1 to 64": the grid's units named where the numbering is
  noun ??= /\bthe\s+([\p{L}]+?)s\s+are\s+numbered\b/iu.exec(body)?.[1];
  const explicit = new RegExp(`\\b(${N})\\s+rows?\\s*(?:,|and|by|x|×)\\s*(${N})\\s+columns?\\b|\\b(${N})\\s+columns?\\s*(?:,|and|by|x|×)\\s*(${N})\\s+rows?\\b`, "iu").exec(body);
  if (explicit) {
    rows = parseNumber(explicit[1] ?? explicit[4]!) ?? rows;
    columns = parseNumber(explicit[2] ?? explicit[3]!) ?? columns;
    statedAxes = true;
  }
  clauses.forEach((c, i) => {
    if (/\b(?:numbered|arrange[ds]?|ordered|running|moving|sequentially|snake|lettered)\b.*\b(?:left|right|top|bottom|row|column)\b|\bleft\s+to\s+right\b|\btop\s+to\s+bottom\b|\bcoordinates?\s+(?:are|is|read|given)\b|\bgiven\s+as\b[^.]*\(\s*(?:row|col|x)|\b(?:counting|counted|start(?:ing|s)?)\s+(?:at|from)\s+(?:0|1|zero|one)\b/i.test(c.text)) consumed.add(i);
  });
  const assumed: GridReading["assumed"] = [];
  const snake = /\bsnake|boustrophedon|zig-?zag|right\s+to\s+left\b/i.test(body);
  const colFirst = /\btop\s+to\s+bottom\s*(?:,|and|then)?\s*(?:then\s+)?left\s+to\s+right\b|\bcolumn\s+by\s+column\b|\b(?:going\s+)?down\s+(?:each|the|every)\s+columns?\b/i.test(body);
  const order: GridSpec["order"] = snake ? "snake" : colFirst ? "columns" : "rows";
  const rowCol = /\(\s*row\s*,\s*col(?:umn)?\s*\)|\brow\s+first\b|\bcounting\s+rows\s+and\s+columns\b/i.test(body);
  const stated = rowCol || /\(\s*(?:x\s*,\s*y|col(?:umn)?\s*,\s*row)\s*\)/i.test(body);
  const pair: GridSpec["pair"] = rowCol ? "row-column" : "column-row";
  const pairs = [...body.matchAll(/\(\s*(\d+)\s*,\s*(\d+)\s*\)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const letters = /\blettered\s+A\s+to\s+[A-Z]\b|\b[A-H][1-9]\b.*\b[A-H][1-9]\b/.test(body);
  let origin: 0 | 1;
  if (/\bzero[- ]based\b|\b(?:numbered|counted|counting|count|start(?:ing|s)?|begin(?:ning|s)?)\s+(?:from|at)\s+(?:0|zero)\b|\(\s*0\s*,\s*0\s*\)/i.test(body)) origin = 0;
  else if (/\bone[- ]based\b|\b(?:counted|counting|count|start(?:ing|s)?|begin(?:ning|s)?)\s+(?:from|at)\s+(?:1|one)\b|\(\s*1\s*,\s*1\s*\)/i.test(body) || letters) origin = 1;
  else if (pairs.some(([a, b]) => a === 0 || b === 0)) origin = 0;
  else if (pairs.some(([a, b]) => a === columns || b === rows || a === rows || b === columns)) origin = 1;
  else {
    origin = 1;
    if (pairs.length > 0) assumed.push({ why: "the brief does not say whether rows and columns count from 0 or 1: read as from 1", alternative: { description: "rows and columns counted from 0", grid: { columns, rows, origin: 0, order, pair, ...(letters ? { letters } : {}) } } });
  }
  const grid: GridSpec = { columns, rows, origin, order, pair, ...(letters ? { letters } : {}) };
  if (!stated && pairs.length > 0) {
    assumed.push({
      why: "coordinates “(a, b)” read as (column, row): a across, b down; “along the column” as stepping through column numbers",
      alternative: { description: "coordinates read as (row, column)", grid: { ...grid, pair: "row-column" } },
    });
  }
  if (!statedAxes && columns !== rows) {
    assumed.push({ why: `“${columns} x ${rows}” read as ${columns} columns by ${rows} rows`, alternative: { description: `${rows} columns by ${columns} rows`, grid: { ...grid, columns: rows, rows: columns } } });
  }
  return { grid, noun, consumed, assumed };
}
