/** The structured form of a unit reference, as zod (front matter, the model's answers) and as JSON Schema (the model's grammar). */
import { z } from "zod";
import type { Placement } from "./types";

const positiveInt = z.number().int().positive();
const cell = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
const dateText = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().regex(/^(?:\d{4}-)?\d{2}-\d{2}$/, "a date is MM-DD or YYYY-MM-DD"));

export const placementSchema: z.ZodType<Placement> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("once"), level: z.string(), index: positiveInt }),
    z.object({ kind: z.literal("range"), level: z.string(), from: positiveInt, to: positiveInt }),
    z.object({ kind: z.literal("periodic"), level: z.string(), every: positiveInt, start: positiveInt, end: positiveInt.optional() }),
    z.object({ kind: z.literal("last"), level: z.string(), count: positiveInt.optional() }),
    z.object({ kind: z.literal("set"), level: z.string(), indices: z.array(z.number().int().refine((n) => n !== 0, "0 is no unit")).min(1).max(1000) }),
    z.object({ kind: z.literal("fraction"), level: z.string(), at: z.number().min(0).max(1) }),
    z.object({ kind: z.literal("name"), level: z.string().optional(), name: z.string().min(1) }),
    z.object({ kind: z.literal("date"), date: dateText, to: dateText.optional(), every: positiveInt.optional() }),
    z.object({ kind: z.literal("cells"), level: z.string(), from: cell, to: cell.optional(), every: positiveInt.optional(), along: z.enum(["column", "row"]).optional(), diagonal: z.boolean().optional() }),
    z.object({ kind: z.literal("corners"), level: z.string() }),
    z.object({ kind: z.literal("line"), level: z.string(), axis: z.enum(["row", "column"]), index: z.number().int().min(0) }),
    z.object({ kind: z.literal("within"), outer: placementSchema, inner: placementSchema }),
    z.object({ kind: z.literal("union"), of: z.array(placementSchema).min(1).max(20) }),
    z.object({ kind: z.literal("anywhere") }),
  ]),
) as z.ZodType<Placement>;

/**
 * A flat JSON Schema the model's grammar can enforce: one reference per sentence, to a level the
 * structure has; a nested reference ("the last scene of chapter 2") goes in `of`.
 */
export function placementJsonSchema(levels: string[]): Record<string, unknown> {
  const simple = {
    type: "object",
    properties: {
      kind: { enum: ["once", "range", "periodic", "last", "set", "fraction", "name", "date", "anywhere"] },
      level: { enum: levels },
      index: { type: "integer" },
      from: { type: "integer" },
      to: { type: "integer" },
      every: { type: "integer" },
      start: { type: "integer" },
      count: { type: "integer" },
      indices: { type: "array", items: { type: "integer" }, maxItems: 50 },
      name: { type: "string", maxLength: 60 },
      date: { type: "string", maxLength: 10 },
    },
    required: ["kind"],
  };
  return { ...simple, properties: { ...simple.properties, of: simple } };
}

/** The model's flat reference as a Placement, or null when it does not validate. */
export function placementFromModel(raw: unknown): Placement | null {
  if (typeof raw !== "object" || raw === null) return null;
  const o = raw as Record<string, unknown>;
  const candidate = o.of && typeof o.of === "object" ? { kind: "within", outer: o.of, inner: { ...o, of: undefined } } : o;
  const clean = JSON.parse(JSON.stringify(candidate)) as unknown;
  const parsed = placementSchema.safeParse(clean);
  return parsed.success ? parsed.data : null;
}
