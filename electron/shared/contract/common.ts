import { z } from "zod";

/** Opaque handle the backend issued for a project folder; the renderer never makes up paths. */
export const projectHandle = z.string().min(1).max(100);
export const unitId = z.string().min(1).max(64);
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
