/**
 * Units numbered otherwise than 1, 2, 3… ("a prologue, ten chapters and an epilogue", "card 0 to
 * card XXI", "B3, B2, B1, then floors 1 to 12", "a letter for each birthday from his 7th to his
 * 18th"): a reference by number means the unit carrying that label, and a reference by a label's
 * name ("the prologue", "the page for Q") means that unit. Positions ("the last three", "every
 * other") stay positions. Run on what the reader found before the resolver sees it.
 */
import type { Placement, StructureLevel } from "./types";

/** A label that stands for a number in a heading ("7", "B2", "Q"), as against a name ("Prologue"). */
export function isNumberLabel(label: string): boolean {
  return /^(?:[A-Z]?-?\d+|[A-Z])$/.test(label);
}

export function relabel(p: Placement, levels: StructureLevel[]): Placement {
  const labelsOf = (name: string | undefined) => levels.find((l) => l.name.toLowerCase() === (name ?? "").toLowerCase())?.labels;
  const at = (labels: string[], n: number): number | null => {
    const k = labels.indexOf(String(n));
    return k >= 0 ? k + 1 : null;
  };
  switch (p.kind) {
    case "once": {
      const labels = labelsOf(p.level);
      const k = labels ? at(labels, p.index) : null;
      return k === null ? p : { ...p, index: k };
    }
    case "range": {
      const labels = labelsOf(p.level);
      const a = labels ? at(labels, p.from) : null;
      const b = labels ? at(labels, p.to) : null;
      return a === null || b === null ? p : { ...p, from: a, to: b };
    }
    case "set": {
      const labels = labelsOf(p.level);
      if (!labels) return p;
      return { ...p, indices: p.indices.map((n) => (n > 0 ? at(labels, n) ?? n : n)) };
    }
    case "periodic": {
      const labels = labelsOf(p.level);
      const s = labels ? at(labels, p.start) : null;
      if (s === null) return p;
      const e = p.end !== undefined && labels ? at(labels, p.end) : null;
      return { ...p, start: s, ...(p.end !== undefined ? { end: e ?? p.end } : {}) };
    }
    case "name": {
      const want = p.name.toLowerCase().replace(/^the\s+/, "").trim();
      for (const l of p.level ? levels.filter((x) => x.name.toLowerCase() === p.level!.toLowerCase()) : levels) {
        const k = (l.labels ?? []).findIndex((x) => x.toLowerCase() === want);
        if (k >= 0) return { kind: "once", level: l.name, index: k + 1 };
      }
      return p;
    }
    case "last": {
      // "the last chapter" of a book with an epilogue is chapter 10, not the epilogue; "the top three floors" are numbered floors
      const labels = labelsOf(p.level);
      if (!labels || labels.every((x) => /^\d+$/.test(x))) return p;
      const numbered = labels.map((x, k) => (/^\d+$/.test(x) ? k + 1 : 0)).filter((k) => k > 0);
      const count = p.count ?? 1;
      if (numbered.length < count) return p;
      return { kind: "set", level: p.level, indices: numbered.slice(numbered.length - count) };
    }
    case "within":
      return { ...p, outer: relabel(p.outer, levels), inner: p.inner };
    case "union":
      return { ...p, of: p.of.map((q) => relabel(q, levels)) };
    default:
      return p;
  }
}
