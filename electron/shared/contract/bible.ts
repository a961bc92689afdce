/** The story bible: characters, places, objects and facts, their mentions per unit, and facts the engine offers. */
import { z } from "zod";
import { projectHandle, unitId } from "./common";
import { method } from "./define";
import { boundedRecord } from "./payload-bounds";

export const bibleKind = z.enum(["character", "place", "object", "fact"]);
const name = z.string().trim().min(1).max(200);

export const bibleEntry = z.object({
  id: z.string().max(64),
  kind: bibleKind,
  name,
  aliases: z.array(name).max(100),
  attributes: boundedRecord(z.string().max(100), z.string().max(2000), 200),
  notes: z.string().max(200_000),
});

export const bibleEntryInput = bibleEntry.omit({ id: true }).partial({ aliases: true, attributes: true, notes: true });

/** A fact the engine extracted from drafted text, offered for the writer to confirm into the bible. */
export const factSuggestion = z.object({
  entity: z.string(),
  attribute: z.string(),
  value: z.string(),
  fromUnit: z.number().int(),
  heading: z.string(),
  /** the bible entry it would go into, when one matches */
  entryId: z.string().nullable(),
});

export const bibleMethods = {
  "bible.list": method(z.object({ handle: projectHandle }), z.array(bibleEntry)),
  "bible.create": method(z.object({ handle: projectHandle, entry: bibleEntryInput }), bibleEntry),
  "bible.update": method(
    z.object({ handle: projectHandle, id: z.string().max(64), patch: bibleEntryInput.partial() }),
    bibleEntry,
  ),
  "bible.delete": method(z.object({ handle: projectHandle, id: z.string().max(64) }), z.object({})),
  /** Mentions (name or alias) of every entry in every unit: the entity × unit matrix. */
  "bible.mentions": method(
    z.object({ handle: projectHandle }),
    z.object({
      units: z.array(z.object({ id: unitId, title: z.string() })),
      entries: z.array(z.object({ id: z.string(), name: z.string() })),
      /** counts[entry][unit] */
      counts: z.array(z.array(z.number().int())),
    }),
  ),
  "bible.suggestions": method(z.object({ handle: projectHandle }), z.array(factSuggestion)),
  /** Confirms a suggested fact: sets the attribute on its entry, creating the entry when needed. */
  "bible.confirmFact": method(
    z.object({ handle: projectHandle, entity: name, attribute: z.string().min(1).max(100), value: z.string().max(2000) }),
    bibleEntry,
  ),
};
