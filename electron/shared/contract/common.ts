import { z } from "zod";

/** Opaque handle the backend issued for a project folder; the renderer never makes up paths. */
export const projectHandle = z.string().min(1).max(100);
/**
 * The id grammar. Ids name files and folders (`snapshots/<unitId>/`, `.quire/trash/<unitId>/`,
 * `.quire/journal/<unitId>.json`), so an id is 1 to 64 letters, digits, - and _ and can never be
 * a path. The store checks ids read from files against the same schema before they reach a path.
 */
export const ID_GRAMMAR = /^[A-Za-z0-9_-]{1,64}$/;
export const entityId = z.string().max(64).regex(ID_GRAMMAR, "ids are 1 to 64 letters, digits, - and _");
export const unitId = entityId;
/** A snapshot's id: the time it was taken, sortable, and a few random letters. */
export const snapshotId = z.string().max(40).regex(/^\d{8}T\d{9}Z-[a-z0-9]{1,16}$/, "not a snapshot id");
export const isoDate = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/);
export const title = z.string().trim().min(1).max(300);

export const unitStatus = z.enum(["todo", "draft", "revised", "final"]);

export const unitMeta = z.object({
  id: unitId,
  parentId: unitId.nullable(),
  level: z.number().int().min(0).max(32),
  order: z.number().int().min(0),
  title: z.string().max(300),
  synopsis: z.string().max(20_000),
  targetWords: z.number().int().min(0).max(10_000_000).nullable(),
  targetPinned: z.boolean().optional(),
  status: unitStatus,
  notes: z.string().max(200_000),
});

export const projectSettings = z.object({
  counter: z.enum(["auto", "words", "characters"]),
  theme: z.enum(["system", "light", "dark"]),
});

export const projectMeta = z.object({
  schemaVersion: z.number().int(),
  id: z.string(),
  title: z.string(),
  author: z.string(),
  contact: z.string(),
  language: z.string(),
  levels: z.array(z.string()),
  targetWords: z.number().int().min(0).nullable(),
  deadline: isoDate.nullable(),
  settings: projectSettings,
  history: z.array(z.object({ date: isoDate, words: z.number().int() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const fileProblem = z.object({ file: z.string(), message: z.string() });
