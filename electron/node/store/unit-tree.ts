/**
 * The unit hierarchy lives in front matter (parentId + order), so the files themselves stay
 * flat and keep their names when a unit moves. This puts them back into document order
 * (depth first, siblings by order) and repairs what hand edits can break: a parent that no
 * longer exists, or a loop, makes the unit a top-level one instead of hiding it.
 */

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
