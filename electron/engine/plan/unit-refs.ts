/** How the bible and the writer name a unit ("chapter 12", "12", "Part 2"), read against a plan. */
import { singularOf } from "../brief/level-names";
import { parseNumber } from "../base/numbers";
import type { Plan } from "./types";

/** "chapter 12", "12", "Part 2" → 1-based leaf index of that unit's first leaf. */
export function unitRefResolver(plan: Plan): (ref: string) => number | null {
  const ls = plan.units.filter((u) => u.isLeaf);
  return (ref: string) => {
    const m = /^\s*(?:([\p{L}]+)\s+)?(\S+)\s*$/u.exec(ref);
    if (!m) return null;
    const n = parseNumber(m[2]!, { roman: true });
    if (n === null) return null;
    const level = m[1] ? (singularOf(m[1]) ?? m[1].toLowerCase()) : plan.levels[plan.levels.length - 1]!.toLowerCase();
    const unit = plan.units.find((u) => u.levelName.toLowerCase() === level && u.ordinal === n);
    if (!unit) return null;
    const first = unit.isLeaf ? unit : ls.find((l) => l.id.startsWith(`${unit.id}.`));
    return first ? ls.indexOf(first) + 1 : null;
  };
}
