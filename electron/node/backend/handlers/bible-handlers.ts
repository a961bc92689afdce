import { parseMarkdown } from "../../../shared/markdown/index";
import { plainTextOf } from "../../../shared/markdown/plain-text";
import { documentOrder } from "../../../shared/domain/unit-tree";
import { NameFinder } from "../../../shared/text/names";
import type { Handlers } from "../dispatcher";
import type { DraftingServices } from "../drafting/drafting-services";
import type { OpenProjects } from "../open-projects";
import { storeCall } from "../store-errors";

type BibleHandlers = Pick<
  Handlers,
  "bible.list" | "bible.create" | "bible.update" | "bible.delete" | "bible.mentions" | "bible.suggestions" | "bible.confirmFact"
>;

export function bibleHandlers(open: OpenProjects, drafting: DraftingServices): BibleHandlers {
  return {
    "bible.list": async ({ handle }) => open.get(handle).listBible(),
    "bible.create": ({ handle, entry }) => storeCall(() => open.get(handle).createBibleEntry(entry)),
    "bible.update": ({ handle, id, patch }) => storeCall(() => open.get(handle).updateBibleEntry(id, patch)),
    "bible.delete": async ({ handle, id }) => {
      await storeCall(() => open.get(handle).deleteBibleEntry(id));
      return {};
    },
    "bible.mentions": async ({ handle }) => {
      const store = open.get(handle);
      const units = documentOrder(store.units());
      const entries = store.listBible();
      // the editor's highlighting and the consistency monitor find names the same way
      const finder = new NameFinder(entries);
      const counts = entries.map(() => units.map(() => 0));
      for (const [j, u] of units.entries()) {
        const text = plainTextOf(parseMarkdown((await storeCall(() => store.readUnit(u.id))).body));
        finder.countByEntry(text, entries.length).forEach((n, i) => (counts[i]![j] = n));
      }
      return { units: units.map((u) => ({ id: u.id, title: u.title })), entries: entries.map((e) => ({ id: e.id, name: e.name })), counts };
    },
    "bible.suggestions": async ({ handle }) => {
      const entries = open.get(handle).listBible();
      const facts = await drafting.get(handle).extractedFacts();
      const seen = new Set<string>();
      const out = [];
      for (const f of facts) {
        const entry = entries.find((e) => e.name === f.entity || e.aliases.includes(f.entity));
        if (entry && entry.attributes[f.attribute] === f.value) continue;
        const key = `${f.entity}\u0000${f.attribute}\u0000${f.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ entity: f.entity, attribute: f.attribute, value: f.value, fromUnit: f.fromUnit, heading: f.heading, entryId: entry?.id ?? null });
      }
      return out.slice(0, 500);
    },
    "bible.confirmFact": async ({ handle, entity, attribute, value }) => {
      const store = open.get(handle);
      const entry = store.listBible().find((e) => e.name === entity || e.aliases.includes(entity));
      if (entry) return storeCall(() => store.updateBibleEntry(entry.id, { attributes: { ...entry.attributes, [attribute]: value } }));
      return storeCall(() => store.createBibleEntry({ kind: "character", name: entity, attributes: { [attribute]: value } }));
    },
  };
}
