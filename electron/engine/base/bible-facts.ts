/**
 * The fact table as the story bible starts it: every attribute of an entry holds from the first
 * unit; a death attribute such as `dies: chapter 12` or `dead from: 12` becomes status=dead from
 * the unit after (or at, for "dead from") that unit. Read by the monitors and by the planner,
 * whose states at the joins must not put the dead in a room.
 */
import { FactTable } from "./facts";
import type { Lexicon } from "./lexicon";

const DEATH_ATTRIBUTES = /^(dies|died|death|dead|dead from|killed)$/i;

/**
 * Build the table from bible attributes. A death attribute such as `dies: chapter 12` or `dead from: 12`
 * becomes status=dead from the unit after (or at, for "dead from") that unit.
 */
export function factsFromBible(
  entries: { name: string; aliases: string[]; kind: string; attributes: Record<string, string> }[],
  resolveUnit: (ref: string) => number | null,
  lexicon?: Lexicon,
): FactTable {
  const table = new FactTable(entries.map((e) => ({ name: e.name, aliases: e.aliases, kind: e.kind })), lexicon);
  for (const e of entries) {
    for (const [attribute, value] of Object.entries(e.attributes)) {
      if (DEATH_ATTRIBUTES.test(attribute)) {
        const n = resolveUnit(value);
        if (n === null) continue;
        const from = /from/i.test(attribute) ? n : n + 1;
        table.add({ entity: e.name, attribute: "status", value: "dead", fromUnit: from, toUnit: null, source: "bible", confirmed: true });
        continue;
      }
      const attr = /^(eyes?|eye colou?r)$/i.test(attribute) ? "eyes" : attribute.toLowerCase();
      table.add({ entity: e.name, attribute: attr, value: value.toLowerCase(), fromUnit: 1, toUnit: null, source: "bible", confirmed: true });
    }
  }
  return table;
}
