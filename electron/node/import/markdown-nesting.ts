/**
 * How deep a Markdown text nests quotes and lists, read line by line before any parser sees it
 * (marked and the codec recurse once a level: a thousand `>` overflow the stack, a few hundred
 * nested list items take seconds and gigabytes). An upper bound, never an undercount: each `>`
 * and list marker at the start of a line is a level, and so is each two columns of indentation
 * on a line that has one. Fenced code is skipped.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Headings of `splitLevel` or above (ATX `##`, and setext underlines for levels 1-2), counted
 * line by line outside fenced code: the units an import would make, known before parsing.
 */
export function countSplittingHeadings(text: string, splitLevel: number): number {
  let count = 0;
  let fence: string | null = null;
  let previousBlank = true;
  for (const line of text.split("\n")) {
    const f = FENCE.exec(line);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      previousBlank = false;
      continue;
    }
    if (fence !== null) continue;
    const atx = /^ {0,3}(#{1,6})(?:[ \t]|$)/.exec(line);
    if (atx && atx[1]!.length <= splitLevel) count++;
    else if (!previousBlank && /^ {0,3}(=+|-+)[ \t]*$/.test(line) && (line.includes("=") ? 1 : 2) <= splitLevel) count++;
    previousBlank = line.trim() === "";
  }
  return count;
}

/** The deepest line: its 1-based number and depth (0 when nothing nests). */
export function deepestMarkdownLine(text: string): { line: number; depth: number } {
  let deepest = { line: 0, depth: 0 };
  let fence: string | null = null;
  let lineNo = 0;
  for (const line of text.split("\n")) {
    lineNo++;
    const f = FENCE.exec(line);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const depth = lineDepth(line);
    if (depth > deepest.depth) deepest = { line: lineNo, depth };
  }
  return deepest;
}

function lineDepth(line: string): number {
  let columns = 0;
  let markers = 0;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === " ") columns++;
    else if (c === "\t") columns += 4;
    else if (c === ">") markers++;
    else if ((c === "-" || c === "*" || c === "+") && /[ \t]/.test(line[i + 1] ?? "")) markers++;
    else if (c >= "0" && c <= "9") {
      const m = /^\d{1,9}[.)](?=[ \t])/.exec(line.slice(i, i + 11));
      if (!m) break;
      markers++;
      i += m[0].length;
      continue;
    } else break;
    i++;
  }
  return markers === 0 ? 0 : markers + Math.floor(columns / 2);
}
