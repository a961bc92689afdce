import type { UnitMeta } from "./project";

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
      .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title))
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
