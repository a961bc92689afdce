/**
 * Unit and bible files: Markdown with YAML front matter. Decoding is forgiving field by field
 * (a bad `status:` costs that field, not the chapter) and keeps keys Quire does not know, so a
 * writer's own front matter survives Quire rewriting the file.
 */
import { basename } from "node:path";
import type { BibleEntry, Unit } from "../../shared/domain/project";
import { parseFrontMatter, serializeFrontMatter } from "../../shared/markdown/front-matter";
import { idForFileName } from "./ids";
import { MAX_UNIT_CHARS } from "./limits";
import { BIBLE_ID_PREFIX, UNIT_ID_PREFIX } from "./project-layout";
import { bibleFieldSchemas, describeIssues, unitFieldSchemas } from "./schemas";

export const UNIT_KEYS = ["id", "parentId", "level", "order", "title", "synopsis", "targetWords", "targetPinned", "status", "notes"] as const;
export const BIBLE_KEYS = ["id", "kind", "name", "aliases", "attributes"] as const;

/** Sorts after every real sibling until the store renumbers. */
export const ORDER_UNSET = 1_000_000;

export interface Decoded<T> {
  value: T;
  /** front matter keys Quire does not use, kept as they were */
  extra: Record<string, unknown>;
  /** what was wrong and what was used instead; the file is still usable */
  warnings: string[];
  /** the file had no id and got one derived from its name */
  idDerived: boolean;
}

/** Throws for content that is not text at all (a binary file saved with a .md name). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new Error("contains binary data, not text");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error("is not valid UTF-8 text");
  }
}

function titleFromFileName(fileName: string): string {
  return basename(fileName).replace(/\.md$/i, "").replace(/[-_]+/g, " ").trim() || "Untitled";
}

type FieldSchemas = Record<string, { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: import("zod").ZodError } }>;

function decodeFields<K extends string>(
  data: Record<string, unknown>,
  keys: readonly K[],
  schemas: FieldSchemas,
  defaults: Record<K, unknown>,
  required: ReadonlySet<K>,
  warnings: string[],
): Record<K, unknown> {
  const out = { ...defaults };
  for (const key of keys) {
    if (!(key in data)) {
      if (required.has(key)) warnings.push(`front matter has no "${key}"; using ${JSON.stringify(defaults[key])}`);
      continue;
    }
    const parsed = schemas[key]!.safeParse(data[key]);
    if (parsed.success) out[key] = parsed.data;
    else warnings.push(`front matter "${key}" is invalid (${describeIssues(parsed.error)}); using ${JSON.stringify(defaults[key])}`);
  }
  return out;
}

function extraKeys(data: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!known.includes(k)) extra[k] = v;
  return extra;
}

/** A body longer than a save may carry is refused whole: Quire could show it but never save it back. */
function checkBodyLength(body: string): void {
  if (body.length > MAX_UNIT_CHARS) {
    throw new Error(`is ${body.length.toLocaleString("en")} characters long, over the limit of ${MAX_UNIT_CHARS.toLocaleString("en")} Quire holds in one unit`);
  }
}

/** Throws (with a message that does not repeat the file name) when the front matter cannot be read at all. */
export function parseUnitText(text: string, fileName: string): Decoded<Unit> {
  const { data, body } = parseFrontMatter(text);
  checkBodyLength(body);
  const warnings: string[] = [];
  const derivedId = idForFileName(UNIT_ID_PREFIX, basename(fileName));
  if (data === null) warnings.push("has no front matter; it is shown at the top level and Quire adds front matter when it next saves it");
  const defaults = {
    id: derivedId,
    parentId: null,
    level: 0,
    order: ORDER_UNSET,
    title: titleFromFileName(fileName),
    synopsis: "",
    targetWords: null,
    targetPinned: undefined,
    status: "draft",
    notes: "",
  };
  const fields = decodeFields(data ?? {}, UNIT_KEYS, unitFieldSchemas, defaults, new Set(data ? (["id", "title"] as const) : []), warnings);
  return {
    value: { ...(fields as unknown as Omit<Unit, "body">), body },
    extra: extraKeys(data ?? {}, UNIT_KEYS),
    warnings,
    idDerived: fields.id === derivedId,
  };
}

export function serializeUnit(unit: Unit, extra: Record<string, unknown> = {}): string {
  const { body, ...meta } = unit;
  const data: Record<string, unknown> = {};
  for (const key of UNIT_KEYS) data[key] = meta[key];
  for (const [k, v] of Object.entries(extra)) if (!(k in data)) data[k] = v;
  return serializeFrontMatter(data, body);
}

export function parseBibleText(text: string, fileName: string): Decoded<BibleEntry> {
  const { data, body } = parseFrontMatter(text);
  checkBodyLength(body);
  const warnings: string[] = [];
  const derivedId = idForFileName(BIBLE_ID_PREFIX, basename(fileName));
  if (data === null) warnings.push("has no front matter; Quire adds it when it next saves this entry");
  const defaults = { id: derivedId, kind: "fact", name: titleFromFileName(fileName), aliases: [], attributes: {} };
  const fields = decodeFields(data ?? {}, BIBLE_KEYS, bibleFieldSchemas, defaults, new Set(data ? (["id", "kind", "name"] as const) : []), warnings);
  return {
    value: { ...(fields as unknown as Omit<BibleEntry, "notes">), notes: body },
    extra: extraKeys(data ?? {}, BIBLE_KEYS),
    warnings,
    idDerived: fields.id === derivedId,
  };
}

export function serializeBibleEntry(entry: BibleEntry, extra: Record<string, unknown> = {}): string {
  const { notes, ...meta } = entry;
  const data: Record<string, unknown> = {};
  for (const key of BIBLE_KEYS) data[key] = meta[key];
  for (const [k, v] of Object.entries(extra)) if (!(k in data)) data[k] = v;
  return serializeFrontMatter(data, notes);
}
