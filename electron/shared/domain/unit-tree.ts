/**
 * The unit hierarchy, one place for the store and the studio. It lives in front matter
 * (parentId + order), so the files themselves stay flat and keep their names when a unit moves.
 * arrangeTree puts them back into document order (depth first, siblings by order) and repairs
 * what hand edits can break: a parent that no longer exists, or a loop, makes the unit a
 * top-level one instead of hiding it. The rest is the studio's view: nodes, levels, moves.
 */
import type { UnitMeta } from "./project";

export interface TreeItem {
  id: string;
  parentId: string | null;
  order: number;
  title: string;
}

export interface ArrangedTree<T> {
  /** every item exactly once, depth first; repaired items are copies with parentId null */
  ordered: T[];
  repairs: { id: string; message: string }[];
}

export function compareSiblings(a: TreeItem, b: TreeItem): number {
  return a.order - b.order || a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function arrangeTree<T extends TreeItem>(items: readonly T[]): ArrangedTree<T> {
  const byId = new Map(items.map((item) => [item.id, item]));
  const repairs: { id: string; message: string }[] = [];
  const roots: T[] = [];
  // Rescued units go after the real top level, where the writer will notice them.
  const rescued: T[] = [];
  const children = new Map<string, T[]>();
  for (const item of items) {
    if (item.parentId === null) roots.push(item);
    else if (!byId.has(item.parentId)) {
      repairs.push({ id: item.id, message: `parent ${item.parentId} not found; shown at the top level` });
      rescued.push({ ...item, parentId: null });
    } else {
      const list = children.get(item.parentId) ?? [];
      list.push(item);
      children.set(item.parentId, list);
    }
  }
  for (const list of children.values()) list.sort(compareSiblings);

  const ordered: T[] = [];
  const seen = new Set<string>();
  const walk = (item: T) => {
    // Iterative, so a very deep hand-made tree cannot overflow the stack.
    const stack: T[] = [item];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      ordered.push(next);
      const kids = children.get(next.id) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  };
  roots.sort(compareSiblings);
  for (const root of roots) walk(root);
  for (const root of rescued.sort(compareSiblings)) walk(root);

  // Whatever is left sits in a parent loop (a → b → a): break it at the first one met.
  for (const item of items) {
    if (seen.has(item.id)) continue;
    repairs.push({ id: item.id, message: `parent loop through ${item.parentId}; shown at the top level` });
    walk({ ...item, parentId: null });
  }
  return { ordered, repairs };
}

/** Ids of `id` and everything below it, in document order. */
export function subtreeIds(items: readonly TreeItem[], id: string): string[] {
  const children = new Map<string, TreeItem[]>();
  for (const item of items) {
    if (item.parentId === null) continue;
    const list = children.get(item.parentId) ?? [];
    list.push(item);
    children.set(item.parentId, list);
  }
  const out: string[] = [];
  const stack = [id];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    const kids = (children.get(next) ?? []).slice().sort(compareSiblings);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!.id);
  }
  return out;
}


export interface UnitNode<U extends UnitMeta = UnitMeta> {
  unit: U;
  depth: number;
  children: UnitNode<U>[];
}

/** Units arranged by parentId and order; orphans (a parent that no longer exists) go to the top level. */
export function buildUnitTree<U extends UnitMeta>(units: readonly U[]): UnitNode<U>[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, U[]>();
  for (const u of units) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    const list = byParent.get(parent) ?? [];
    list.push(u);
    byParent.set(parent, list);
  }
  const build = (parent: string | null, depth: number, seen: Set<string>): UnitNode<U>[] =>
    (byParent.get(parent) ?? [])
      .slice()
      .sort(compareSiblings)
      .filter((u) => !seen.has(u.id))
      .map((u) => {
        seen.add(u.id);
        return { unit: u, depth, children: build(u.id, depth + 1, seen) };
      });
  return build(null, 0, new Set());
}

/** Depth-first document order. */
export function flattenTree<U extends UnitMeta>(nodes: readonly UnitNode<U>[]): UnitNode<U>[] {
  const out: UnitNode<U>[] = [];
  const walk = (list: readonly UnitNode<U>[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

export const documentOrder = <U extends UnitMeta>(units: readonly U[]): U[] =>
  flattenTree(buildUnitTree(units)).map((n) => n.unit);

/** The name of a unit's level, deeper levels than named reuse the last name. */
export function levelName(levels: readonly string[], level: number): string {
  return levels[Math.min(level, levels.length - 1)] ?? "Unit";
}

/** Where a keyboard move (up, down, indent, outdent) takes a unit, or null if it cannot go there. */
export function keyboardMoveTarget(
  units: readonly UnitMeta[],
  id: string,
  move: "up" | "down" | "indent" | "outdent",
): { parentId: string | null; index: number } | null {
  const unit = units.find((u) => u.id === id);
  if (!unit) return null;
  const siblings = units
    .filter((u) => u.parentId === unit.parentId)
    .sort((a, b) => a.order - b.order);
  const pos = siblings.findIndex((u) => u.id === id);
  switch (move) {
    case "up":
      return pos > 0 ? { parentId: unit.parentId, index: pos - 1 } : null;
    case "down":
      return pos < siblings.length - 1 ? { parentId: unit.parentId, index: pos + 1 } : null;
    case "indent": {
      const prev = siblings[pos - 1];
      if (!prev) return null;
      const count = units.filter((u) => u.parentId === prev.id).length;
      return { parentId: prev.id, index: count };
    }
    case "outdent": {
      if (unit.parentId === null) return null;
      const parent = units.find((u) => u.id === unit.parentId);
      if (!parent) return null;
      const parentSiblings = units.filter((u) => u.parentId === parent.parentId).sort((a, b) => a.order - b.order);
      return { parentId: parent.parentId, index: parentSiblings.findIndex((u) => u.id === parent.id) + 1 };
    }
  }
}

/** Whether a unit at `level` may hold units one level down: the project's levels say how deep the tree goes. */
export function canHoldChildren(levels: readonly string[], level: number): boolean {
  return level + 1 < Math.max(1, levels.length);
}

/**
 * Where a unit (with everything under it) may go: under `parentId` (null: the top level) it
 * takes the parent's level plus one, and its deepest descendant must still be a level the
 * project names. Answers the level the unit takes there, or why it cannot go (a sentence for
 * the writer). `id` null checks a new unit of `level`.
 */
export function placeUnit(
  units: readonly UnitMeta[],
  levels: readonly string[],
  id: string | null,
  parentId: string | null,
  level: number,
): { level: number } | { problem: string } {
  const deepest = Math.max(1, levels.length) - 1;
  const parent = parentId === null ? null : units.find((u) => u.id === parentId);
  const unit = id === null ? null : units.find((u) => u.id === id);
  const own = unit?.level ?? level;
  // at the top level a unit keeps its level (a chapter outside any part); inside, one below its parent
  const at = parent ? parent.level + 1 : Math.min(own, deepest);
  const height = unit ? Math.max(...subtreeIds(units, unit.id).map((x) => units.find((u) => u.id === x)!.level)) - unit.level : 0;
  if (at + height <= deepest) return { level: at };
  const names = levels.join(" › ") || "Unit";
  const what = unit ? `“${unit.title}”` : `A new ${levelName(levels, at)}`;
  if (!parent) return { problem: `${what} cannot be placed there: this project's levels are ${names}.` };
  return {
    problem:
      height > 0
        ? `${what} cannot go inside “${parent.title}”: what it holds would sit deeper than ${levelName(levels, deepest)}, the last of this project's levels (${names}).`
        : `${what} cannot go inside “${parent.title}”: a ${levelName(levels, parent.level)} holds no further level in this project (${names}).`,
  };
}

/**
 * Each unit's target as the binder shows it: its own where it has one, else the sum of what the
 * units inside it aim for (a chapter whose scenes have targets has the scenes' total); null
 * where nothing inside has a target either.
 */
export function rolledUpTargets(units: readonly UnitMeta[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const children = new Map<string, UnitMeta[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  // children before parents: the reverse of document order
  for (const u of [...documentOrder(units)].reverse()) {
    if (u.targetWords !== null) {
      out.set(u.id, u.targetWords);
      continue;
    }
    const inside = (children.get(u.id) ?? []).map((c) => out.get(c.id) ?? null).filter((x): x is number => x !== null);
    out.set(u.id, inside.length > 0 ? inside.reduce((a, b) => a + b, 0) : null);
  }
  return out;
}
