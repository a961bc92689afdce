/**
 * One required item said twice: a label line naming it ("The lighthouse fire — chapter 11",
 * "Ada's wedding (last chapter)") and a sentence placing it ("In chapter 11 the fire at the
 * lighthouse is seen from the ferry"). Both read as requirements on the same units; the label adds
 * nothing the sentence does not say, so it is dropped and the item is planned once.
 */
import type { Placement } from "./types";

export interface Said {
  content: string;
  placement: Placement;
}

/** Words that carry no content of their own. */
const FILLER = new Set(["the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "with", "is", "are", "be", "her", "his", "their", "its", "scene", "moment", "beat"]);

function words(s: string): string[] {
  return (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.replace(/['’]s$/, "")).filter((w) => !FILLER.has(w));
}

/** Indices of requirements that only restate another one on the same units (never one that has a note). */
export function restatedIndices(items: Said[], keep: Set<number>): Set<number> {
  const drop = new Set<number>();
  items.forEach((label, i) => {
    if (keep.has(i) || label.placement.kind === "anywhere") return;
    const own = words(label.content);
    // a label is short: a name for the item, not a sentence about it
    if (own.length === 0 || own.length > 6) return;
    const where = JSON.stringify(label.placement);
    const fuller = items.findIndex((other, j) => j !== i && !drop.has(j) && JSON.stringify(other.placement) === where && words(other.content).length > own.length && own.every((w) => words(other.content).includes(w)));
    if (fuller >= 0) drop.add(i);
  });
  return drop;
}
