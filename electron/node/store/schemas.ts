/**
 * What the files on disk may contain, as zod schemas. quire.json is validated strictly (a bad
 * one is reported, naming the field); unit and bible front matter are validated field by field
 * so one bad value costs only that value, never the writer's text.
 */
import { z } from "zod";
import type { BibleKind, UnitStatus } from "../../shared/domain/project";
import { entityId } from "../../shared/contract/common";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");

export const projectSettingsSchema = z.object({
  counter: z.enum(["auto", "words", "characters"]).default("auto"),
  theme: z.enum(["system", "light", "dark"]).default("system"),
});

export const dailyWordsSchema = z.object({ date: isoDate, words: z.number().int() });

export const projectMetaSchema = z.object({
  schemaVersion: z.number().int().positive(),
  id: z.string().min(1),
  title: z.string(),
  author: z.string().default(""),
  contact: z.string().default(""),
  language: z
    .string()
    .default("en")
    .refine((tag) => isLanguageTag(tag), "expected a BCP-47 language tag such as en-GB"),
  levels: z.array(z.string().min(1)).min(1).default(["Part", "Chapter", "Scene"]),
  targetWords: z.number().int().nonnegative().nullable().default(null),
  deadline: isoDate.nullable().default(null),
  settings: projectSettingsSchema.default({ counter: "auto", theme: "system" }),
  history: z.array(dailyWordsSchema).default([]),
  createdAt: z.string().default(() => new Date(0).toISOString()),
  updatedAt: z.string().default(() => new Date(0).toISOString()),
});

function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const UNIT_STATUSES: readonly UnitStatus[] = ["todo", "draft", "revised", "final"];
export const BIBLE_KINDS: readonly BibleKind[] = ["character", "place", "object", "fact"];

// YAML reads `title: 1984` as a number; a writer means the text.
const text = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const nullableText = z.union([z.null(), text]);

/** One schema per front matter field, so a bad value is reported and replaced alone. */
export const unitFieldSchemas = {
  id: entityId,
  parentId: z.union([z.null(), z.string().min(1)]),
  level: z.number().int().nonnegative(),
  order: z.number().nonnegative(),
  title: text,
  synopsis: nullableText.transform((v) => v ?? ""),
  targetWords: z.number().int().nonnegative().nullable(),
  targetPinned: z.boolean(),
  status: z.enum(UNIT_STATUSES as [UnitStatus, ...UnitStatus[]]),
  notes: nullableText.transform((v) => v ?? ""),
} as const;

export const bibleFieldSchemas = {
  id: unitFieldSchemas.id,
  kind: z.enum(BIBLE_KINDS as [BibleKind, ...BibleKind[]]),
  name: text,
  aliases: z.array(text),
  attributes: z.record(z.string(), nullableText.transform((v) => v ?? "")),
} as const;

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
