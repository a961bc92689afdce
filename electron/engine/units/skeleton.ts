/**
 * The unit tree a structure describes, without budgets: what a reference is checked against
 * before any plan exists (the brief reader's notes, the model's gap filling).
 */
import { periodOf } from "./calendar";
import type { UnitLike } from "./resolve-placement";
import type { CalendarSpec, StructureLevel } from "./types";

export interface SkeletonUnit extends UnitLike {
  depth: number;
  /** 1-based among all units of its level, in document order */
  ordinal: number;
  indexInParent: number;
}

/** At most `cap` units per parent: a brief asking for more is refused elsewhere, never expanded here. */
export function skeletonUnits(levels: StructureLevel[], calendar?: CalendarSpec, cap = 20_000): SkeletonUnit[] {
  const units: SkeletonUnit[] = [];
  const ordinals = levels.map(() => 0);
  const calendarDepth = calendar ? Math.max(0, levels.findIndex((l) => l.name.toLowerCase() === (calendar.level ?? levels[levels.length - 1]!.name).toLowerCase())) : -1;
  const grow = (depth: number, parent: SkeletonUnit | null) => {
    const level = levels[depth]!;
    const count = level.counts?.[(parent?.ordinal ?? 1) - 1] ?? level.count;
    for (let i = 1; i <= Math.min(count, cap); i++) {
      const ordinal = ++ordinals[depth]!;
      const u: SkeletonUnit = {
        id: `${parent ? `${parent.id}.` : "u"}${i}`, parentId: parent?.id ?? null, depth, levelName: level.name, ordinal, indexInParent: i,
        title: level.titles?.[ordinal - 1] ?? "", isLeaf: depth === levels.length - 1,
        ...(depth === calendarDepth && calendar ? { period: periodOf(calendar, ordinal) } : {}),
      };
      units.push(u);
      if (!u.isLeaf) grow(depth + 1, u);
    }
  };
  grow(0, null);
  return units;
}
