/** brief.md front matter: split from the body, parsed with `yaml`, validated with zod so errors name the field. */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { BriefError } from "./types";
import { placementSchema } from "./placement-schema";
import { parseNumber } from "../base/numbers";

const positiveInt = z.number().int().positive();
/** A count as typed: 30, "30", "thirty"; what cannot be read stays as it was, for the schema to name. */
const countish = z.preprocess((v) => (typeof v === "string" && parseNumber(v.trim()) !== null ? parseNumber(v.trim()) : v), positiveInt);
const stringish = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "number" ? String(v) : v), z.string());

export const frontMatterSchema = z
  .object({
    title: z.string().min(1).optional(),
    kind: z.string().optional(),
    language: z.string().min(2).optional(),
    premise: z.string().optional(),
    instructions: z.string().optional(),
    length: z
      .union([
        positiveInt,
        z.object({
          total: positiveInt,
          unit: z.enum(["words", "characters"]).optional(),
          /** a fraction (0.05) or a percentage (5) */
          tolerance: z.number().min(0).max(100).optional(),
        }).strict(),
      ])
      .optional(),
    structure: z
      .array(
        z.object({
          level: z.string().min(1),
          count: countish,
          heading: z.string().optional(),
          targets: z.record(z.string().regex(/^\d+$/, "targets are keyed by unit number"), positiveInt).optional(),
          titles: z.array(z.string()).optional(),
          /** what each unit is called in place of its number ("Prologue", "1" … "Epilogue") */
          labels: z.array(z.string().min(1).max(60)).max(20_000).optional(),
          counts: z.array(positiveInt).optional(),
          grid: z
            .object({
              columns: positiveInt,
              rows: positiveInt,
              origin: z.union([z.literal(0), z.literal(1)]).default(1),
              order: z.enum(["rows", "columns", "snake"]).default("rows"),
              pair: z.enum(["column-row", "row-column"]).default("column-row"),
              letters: z.boolean().optional(),
            })
            .strict()
            .optional(),
        }).strict(),
      )
      .min(1)
      .optional(),
    calendar: z
      .object({
        start: stringish.pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "calendar.start must be YYYY-MM-DD")),
        period: z.enum(["day", "week", "month", "quarter"]),
        level: z.string().optional(),
      }).strict()
      .optional(),
    required: z
      .array(
        z.union([
          z.string().min(1),
          z.object({ text: z.string().min(1), where: stringish.optional(), placement: placementSchema.optional() }).strict(),
        ]),
      )
      .optional(),
    style: z
      .object({
        pov: z.string().optional(),
        tense: z.string().optional(),
        tone: z.string().optional(),
        audience: z.string().optional(),
        voiceSample: z.string().optional(),
        avoid: z.array(z.string()).optional(),
      }).strict()
      .optional(),
    bible: z
      .array(
        z.object({
          name: z.string().min(1),
          kind: z.enum(["character", "place", "object", "fact"]).default("character"),
          aliases: z.array(z.string()).default([]),
          attributes: z.record(z.string(), stringish).default({}),
        }),
      )
      .optional(),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export function splitFrontMatter(source: string): { yaml: string | null; body: string } {
  const text = source.replace(/^\uFEFF/, "");
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { yaml: null, body: text };
  return { yaml: m[1] ?? "", body: text.slice(m[0].length) };
}

export interface ParsedFrontMatter {
  fm: FrontMatter;
  /** Keys a writer used that the brief form does not have: kept out, and listed. */
  unread: string[];
}

export function parseFrontMatter(yamlText: string | null, file: string): FrontMatter {
  return readFrontMatter(yamlText, file).fm;
}

/**
 * Front matter as the form writes it, or as a writer types it: common keys of their own
 * ("words: 75000", "type: novel", "structure: {parts: 3, chapters_per_part: 5}", "units: 6 modules",
 * "words_per_unit: 2000") are read; other unknown keys are listed, not fatal. A known key with a
 * wrong value is still an error that names the field.
 */
export function readFrontMatter(yamlText: string | null, file: string): ParsedFrontMatter {
  if (yamlText === null || yamlText.trim() === "") return { fm: {}, unread: [] };
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (error) {
    throw new BriefError(file, `front matter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (data === null || data === undefined) return { fm: {}, unread: [] };
  if (typeof data !== "object" || Array.isArray(data)) throw new BriefError(file, "front matter must be a set of `key: value` fields");
  const { fields, unread } = writerKeys(data as Record<string, unknown>, file);
  const result = frontMatterSchema.safeParse(fields);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.length ? i.path.join(".") : "(front matter)"}: ${i.message}`);
    throw new BriefError(file, `front matter does not match the brief schema:\n${lines.join("\n")}`);
  }
  return { fm: result.data, unread };
}

const KNOWN_KEYS = new Set(Object.keys(frontMatterSchema.shape));

/** The writer's own names for the form's fields, turned into the form's. */
function writerKeys(raw: Record<string, unknown>, file: string): { fields: Record<string, unknown>; unread: string[] } {
  const fields: Record<string, unknown> = {};
  const unread: string[] = [];
  let perUnit: number | undefined;
  let startDate: string | undefined;
  const topStyle: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const k = key.toLowerCase().replace(/[\s-]+/g, "_");
    if (key === "length" && (typeof value === "string" || (typeof value === "number" && !Number.isInteger(value)))) fields.length = lengthValue(key, value, file);
    else if (key === "length" && value && typeof value === "object" && typeof (value as { total?: unknown }).total === "string") fields.length = { ...(value as object), total: lengthValue("length.total", (value as { total: string }).total, file) };
    else if (KNOWN_KEYS.has(key) && !(key === "structure" && !Array.isArray(value))) fields[key] = value;
    else if (/^(?:start|start_date|starts|first_day|begins)$/.test(k) && (value instanceof Date || typeof value === "string")) startDate = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    else if (/^(?:words|word_count|wordcount|total_words|length_words|target_words|target_length|total_length|total)$/.test(k) && (typeof value === "number" || typeof value === "string")) fields.length = lengthValue(key, value, file);
    else if (/^(?:type|genre|form)$/.test(k) && typeof value === "string") fields.kind = value;
    // style fields typed at the top ("pov: third, alternating", "tense: past") are the style's
    else if (/^(?:pov|point_of_view|tense|tone|audience|voice)$/.test(k) && typeof value === "string") topStyle[k === "point_of_view" ? "pov" : k === "voice" ? "tone" : k] = value;
    else if (/^words_per_(?:unit|chapter|entry|section|part|lesson|module|episode|letter|story|day|week)$/.test(k) && (typeof value === "number" || typeof value === "string")) perUnit = lengthValue(key, value, file);
    else if (k === "structure" && value && typeof value === "object" && !Array.isArray(value)) fields.structure = structureFromObject(value as Record<string, unknown>);
    else if (k === "structure" && typeof value === "string" && /^(\d+)\s+(?:[\p{L}-]+\s+)*?([\p{L}]+?)s?$/u.test(value.trim())) {
      const [, n, noun] = /^(\d+)\s+(?:[\p{L}-]+\s+)*?([\p{L}]+?)s?$/u.exec(value.trim())!;
      fields.structure = [{ level: noun!, count: Number(n) }];
    }
    else if (/^(?:units|chapters|sections|parts|lessons|modules|episodes|letters|entries|stories)$/.test(k)) {
      // "chapters: 30", "chapters: '30'", "units: 6 modules"
      const own = k === "units" ? "unit" : k.replace(/s$/, "").replace(/ie$/, "y");
      const spelled = typeof value === "string" ? parseNumber(value.trim()) : null;
      const m = typeof value === "number" ? [String(value), own] : typeof value === "string" ? (spelled !== null && Number.isInteger(spelled) ? [String(spelled), own] : /^(\d+)\s+(?:[\p{L}-]+\s+)*?([\p{L}]+?)s?$/u.exec(value.trim())?.slice(1)) : undefined;
      if (m) fields.structure = [{ level: m[1]!, count: Number(m[0]) }];
      else unread.push(key);
    } else unread.push(key);
  }
  // a style block, where there is one, says it more precisely than the keys at the top
  if (Object.keys(topStyle).length > 0) fields.style = { ...topStyle, ...(fields.style && typeof fields.style === "object" ? (fields.style as object) : {}) };
  // "start: 2025-09-01" with "units: 12 weekly menus": a calendar
  const unitsText = Object.entries(raw).find(([k]) => /^units$/i.test(k))?.[1];
  const period = typeof unitsText === "string" ? (/\bweekly\b/i.test(unitsText) ? "week" : /\bdaily\b/i.test(unitsText) ? "day" : /\bmonthly\b/i.test(unitsText) ? "month" : undefined) : undefined;
  if (startDate && /^\d{4}-\d{2}-\d{2}$/.test(startDate) && period && fields.calendar === undefined) fields.calendar = { start: startDate, period };
  else if (startDate) unread.push("start");
  if (perUnit !== undefined && fields.length === undefined && Array.isArray(fields.structure)) {
    const leaves = (fields.structure as { count: number }[]).reduce((n, l) => n * l.count, 1);
    fields.length = perUnit * leaves;
  }
  return { fields, unread };
}

/** "{parts: 3, chapters_per_part: 5}" or "{chapters: 12}" → the form's list of levels. */
function structureFromObject(o: Record<string, unknown>): { level: string; count: number }[] {
  const levels: { level: string; count: number }[] = [];
  for (const [key, value] of Object.entries(o)) {
    if (typeof value !== "number") continue;
    const per = /^(\w+?)s?_per_(\w+)$/.exec(key);
    const name = (per ? per[1]! : key).replace(/ies$/, "y").replace(/s$/, "");
    levels.push({ level: name, count: value });
  }
  return levels;
}

/**
 * A length as a writer types it in the front matter: 90000, "90,000", "90.000", 90k, "90K words",
 * "about 90,000", "~90k". Whatever is not one number of words is an error naming the field.
 */
function lengthValue(key: string, value: string | number, file: string): number {
  const raw = String(value).trim();
  const text = raw.replace(/^(?:about|around|approx(?:imately|\.)?|roughly|c\.|ca\.|~|≈)\s*/i, "").replace(/\s*(?:words?|wds)\.?$/i, "").trim();
  const n = /^\d[\d,.]*(?:\s?[kK])?$|^[a-z][a-z\s-]*$/i.test(text) ? parseNumber(text) : null;
  if (n === null || !Number.isFinite(n) || n <= 0) {
    throw new BriefError(file, `front matter: ${key}: cannot read "${raw}" as a number of words (write e.g. ${key}: 90000, "90,000" or 90k)`);
  }
  return Math.round(n);
}
