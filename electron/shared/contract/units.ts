import { z } from "zod";
import { entityId, projectHandle, title, unitId, unitMeta, unitStatus } from "./common";
import { event, method } from "./define";

const body = z.string().max(20_000_000);
const version = z.number().int().min(0);

export const unitPatch = z
  .object({
    title,
    synopsis: z.string().max(20_000),
    targetWords: z.number().int().min(0).max(10_000_000).nullable(),
    /** the writer's own target: rebalancing the plan leaves it alone */
    targetPinned: z.boolean(),
    status: unitStatus,
    notes: z.string().max(200_000),
  })
  .partial();

export const unitsMethods = {
  "units.create": method(
    z.object({
      handle: projectHandle,
      parentId: unitId.nullable(),
      level: z.number().int().min(0).max(32),
      title,
      /** position among siblings; appended when absent */
      index: z.number().int().min(0).optional(),
    }),
    unitMeta,
  ),
  "units.update": method(z.object({ handle: projectHandle, id: unitId, patch: unitPatch }), unitMeta),
  "units.move": method(
    z.object({ handle: projectHandle, id: unitId, parentId: unitId.nullable(), index: z.number().int().min(0) }),
    z.object({ units: z.array(unitMeta) }),
  ),
  "units.trash": method(z.object({ handle: projectHandle, id: unitId }), z.object({ units: z.array(unitMeta) })),
  "units.restore": method(z.object({ handle: projectHandle, id: unitId }), z.object({ units: z.array(unitMeta) })),
  "units.listTrash": method(
    z.object({ handle: projectHandle }),
    z.array(z.object({ id: unitId, title: z.string(), trashedAt: z.string() })),
  ),
  "units.read": method(z.object({ handle: projectHandle, id: unitId }), z.object({ body, version })),
  /** Saves a unit's Markdown; refused with "stale-version" if the file moved on since baseVersion. */
  "units.save": method(
    z.object({
      handle: projectHandle,
      id: unitId,
      body,
      baseVersion: version,
      /** words the writer added since the last save (their own words, for today's count) */
      writerWordsDelta: z.number().int().min(-10_000_000).max(10_000_000).default(0),
      /** the tab or window saving: its journal entry is settled, and the others are told (unit.saved) */
      client: entityId.optional(),
    }),
    /** warning: the body was saved, but something after it was not (today's word count) */
    z.object({ version, warning: z.string().max(2_000).optional() }),
  ),
  /** Unsaved edits, written about once a second so a crash loses nothing. */
  "units.journal": method(
    z.object({ handle: projectHandle, id: unitId, body, baseVersion: version, client: entityId.optional() }),
    z.object({}),
  ),
  /** The writer chose the disk version over their unsaved edits (kept as a snapshot by the store). */
  "units.discardJournal": method(z.object({ handle: projectHandle, id: unitId, client: entityId.optional() }), z.object({})),
};

export const unitsEvents = {
  "units.changed": event(z.object({ handle: projectHandle, units: z.array(unitMeta) })),
  /** changed outside Quire and reloaded (the unit had no unsaved edits) */
  "unit.reloaded": event(z.object({ handle: projectHandle, id: unitId, body, version })),
  /** changed outside Quire while it had unsaved edits here: the writer chooses */
  "unit.conflict": event(z.object({ handle: projectHandle, id: unitId, diskBody: body, version })),
  "unit.removedOnDisk": event(z.object({ handle: projectHandle, id: unitId })),
  /** a unit's body was saved: every client is told, `by` is the one that saved it */
  "unit.saved": event(z.object({ handle: projectHandle, id: unitId, version, by: entityId.optional() })),
};
