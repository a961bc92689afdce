/** brief.md front matter: split from the body, parsed with `yaml`, validated with zod so errors name the field. */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { BriefError } from "./types";
import { placementSchema } from "./placement-schema";

const positiveInt = z.number().int().positive();
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
          count: positiveInt,
          heading: z.string().optional(),
          targets: z.record(z.string().regex(/^\d+$/, "targets are keyed by unit number"), positiveInt).optional(),
          titles: z.array(z.string()).optional(),
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

export function parseFrontMatter(yamlText: string | null, file: string): FrontMatter {
  if (yamlText === null || yamlText.trim() === "") return {};
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (error) {
    throw new BriefError(file, `front matter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (data === null || data === undefined) return {};
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.length ? i.path.join(".") : "(front matter)"}: ${i.message}`);
    throw new BriefError(file, `front matter does not match the brief schema:\n${lines.join("\n")}`);
  }
  return result.data;
}
