/**
 * The one diff shape Quire shows: a text's parts, each unchanged, added or removed. A snapshot
 * against the current text, a regenerated draft against the one it replaces, a revision against
 * its snapshot are all shown this way (and cross the contract this way: `diffPart` in
 * contract/snapshots.ts is this shape). Pure TS over the `diff` package.
 */
import { diffLines, diffWordsWithSpace } from "diff";

export type DiffGranularity = "words" | "lines";

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface TextDiff {
  granularity: DiffGranularity;
  parts: DiffPart[];
  /** words (or lines) added and removed */
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
