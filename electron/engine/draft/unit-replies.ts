/**
 * The reply cleaner for one unit of a plan: it knows the unit's heading and title, the headings
 * and titles of the units around it (a model that writes on into the next chapter names it), the
 * plan's level names, the engine's number reader ("Chapter Four") and a language detector for the
 * book's language.
 */
import { parseNumber } from "../base/numbers";
import { languageDetector } from "../monitors/language";
import type { Plan, PlanUnit } from "../plan/types";
import { ReplyCleaner } from "./clean-reply";
import type { ReplyFilter } from "./reply-stream";

/** What builds a reply filter for each call of a unit (the engine's default: the reply cleaner). */
export type UnitReplies = (unit: PlanUnit, plan: Plan, language: string) => ReplyFilter;

/** Units on either side whose headings and titles are listed by name (the rest are recognised by level and number). */
const NEIGHBOURS = 4;

export function unitReplies(unit: PlanUnit, plan: Plan, language: string): ReplyFilter {
  const ls = plan.units.filter((u) => u.isLeaf);
  const i = ls.findIndex((u) => u.id === unit.id);
  const near = ls.slice(Math.max(0, i - NEIGHBOURS), i + NEIGHBOURS + 1).filter((u) => u.id !== unit.id);
  const parents = plan.units.filter((u) => !u.isLeaf);
  const others = [...near, ...parents.filter((p) => !unit.id.startsWith(`${p.id}.`))].flatMap((u) => [u.heading, u.title]).filter((h): h is string => Boolean(h?.trim()));
  return new ReplyCleaner({
    heading: unit.heading,
    ...(unit.title ? { title: unit.title } : {}),
    otherHeadings: [...new Set(others)],
    levelNames: plan.levels,
    language,
    readNumber: parseNumber,
    detectLanguage: languageDetector(language),
  });
}
