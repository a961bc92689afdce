/** A structured diff of two texts: the one diff shape Quire shows (snapshots against the text, proposals against the unit). */
import { diffLines, diffWordsWithSpace } from "diff";

export type DiffGranularity = "words" | "lines";

/** The `diff` package's shape, which the contract uses too. */
export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface TextDiff {
  granularity: DiffGranularity;
  parts: DiffPart[];
  inserted: number;
  deleted: number;
}

/** Unchanged + removed parts rebuild `before`; unchanged + added parts rebuild `after` (whitespace included). */
export function diffTexts(before: string, after: string, granularity: DiffGranularity = "words"): TextDiff {
  const changes = granularity === "lines" ? diffLines(before, after) : diffWordsWithSpace(before, after);
  const parts: DiffPart[] = [];
  let inserted = 0;
  let deleted = 0;
  for (const c of changes) {
    if (c.added) inserted += c.count;
    if (c.removed) deleted += c.count;
    const last = parts.at(-1);
    if (last && last.added === c.added && last.removed === c.removed) last.value += c.value;
    else parts.push({ value: c.value, added: c.added, removed: c.removed });
  }
  return { granularity, parts, inserted, deleted };
}
