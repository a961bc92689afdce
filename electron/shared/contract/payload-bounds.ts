/**
 * The largest JSON a schema accepts, read from the schema itself: every string's max length,
 * every array's max items, every record's max entries. Browser mode sizes its WebSocket frames
 * from this, so any payload the contract allows also fits a frame (and nothing larger is read).
 * Infinity means the schema has an input that can grow without a limit.
 */
import { z } from "zod";

/** What `boundedRecord` notes on a record, so the bound is read back here. */
interface RecordBound {
  maxEntries: number;
}
const recordBounds = z.registry<RecordBound>();

/** A record with at most `maxEntries` keys (zod's record has no size check of its own). */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V, maxEntries: number) {
  const schema = z.record(key, value).refine((r) => Object.keys(r).length <= maxEntries, `at most ${maxEntries} entries`);
  recordBounds.add(schema, { maxEntries });
  return schema;
}

// one UTF-16 unit becomes at most 6 bytes of JSON (a control character or lone surrogate: \u0001)
const JSON_BYTES_PER_CHAR = 6;
// formats whose every character is printable ASCII needing no escape: one byte each
const ASCII_FORMATS = new Set(["base64", "base64url", "uuid", "cuid", "cuid2", "ulid", "nanoid", "hex"]);
// "-1.2345678901234567e+308"
const NUMBER_BYTES = 24;

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; maximum?: number } } }[];
  [key: string]: unknown;
}
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

function maxLength(def: Def): number {
  let max = Number.POSITIVE_INFINITY;
  for (const c of def.checks ?? []) if (c._zod.def.check === "max_length" && c._zod.def.maximum !== undefined) max = Math.min(max, c._zod.def.maximum);
  return max;
}

const quoted = (s: string) => JSON.stringify(s).length * 3; // a literal's own text, counted generously

export function worstCaseJsonBytes(schema: z.ZodType): number {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return 2 + (ASCII_FORMATS.has(String(def.format)) ? 1 : JSON_BYTES_PER_CHAR) * maxLength(def);
    case "number":
    case "bigint":
      return NUMBER_BYTES;
    case "boolean":
      return 5;
    case "null":
    case "undefined":
    case "never":
      return 4;
    case "literal":
      return Math.max(...(def.values as unknown[]).map((v) => quoted(String(v))));
    case "enum":
      return Math.max(...Object.values(def.entries as Record<string, string | number>).map((v) => quoted(String(v))));
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return Math.max(4, worstCaseJsonBytes(def.innerType as z.ZodType));
    case "pipe":
      return worstCaseJsonBytes(def.in as z.ZodType);
    case "array":
      return 2 + maxLength(def) * (worstCaseJsonBytes(def.element as z.ZodType) + 1);
    case "object": {
      let total = 2;
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) total += quoted(key) + 2 + worstCaseJsonBytes(value);
      return total;
    }
    case "record": {
      const bound = recordBounds.get(schema)?.maxEntries ?? Number.POSITIVE_INFINITY;
      return 2 + bound * (worstCaseJsonBytes(def.keyType as z.ZodType) + 2 + worstCaseJsonBytes(def.valueType as z.ZodType));
    }
    case "union":
      return Math.max(...(def.options as z.ZodType[]).map(worstCaseJsonBytes));
    case "tuple": {
      // fixed items (a rest element would make it unbounded)
      if (def.rest) return Number.POSITIVE_INFINITY;
      const items = def.items as z.ZodType[];
      return 2 + items.reduce((a, item) => a + worstCaseJsonBytes(item) + 1, 0);
    }
    default:
      // unknown, any, lazy, transforms…: nothing bounds them
      return Number.POSITIVE_INFINITY;
  }
}
