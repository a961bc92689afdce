/**
 * The one way the store side reads a JSON file it wrote (quire.json, journal entries, trash
 * entries, the lock, export profiles, the recent projects, the window state, the model index):
 * parsed, its format version checked, older formats migrated on read, and validated with its
 * zod schema. Every failure is a ProjectFileError naming the file and saying what is wrong,
 * never a bare SyntaxError or a cast that lets a bad value through.
 *
 * Versions: a file carries its format number under `version.key`. A file from a newer Quire is
 * refused (this Quire cannot know what the new fields mean, and writing it back would drop
 * them); an older one is brought up to date step by step with `version.migrations`, and is
 * written in the current format the next time Quire writes it.
 */
import type { z } from "zod";
import { ProjectFileError } from "./errors";
import { describeIssues } from "./schemas";

export interface JsonFormat<T> {
  /** what the file is, in a writer's words: "a Quire project file", "a trash entry" */
  what: string;
  schema: z.ZodType<T>;
  version?: {
    key: string;
    /** the format this Quire writes */
    current: number;
    /** the format of a file that has no version key (written before versions were) */
    whenMissing?: number;
    /** migrations[n] turns format n into format n + 1 */
    migrations?: Record<number, (old: unknown) => unknown>;
  };
}

export function parseJsonFile<T>(text: string, file: string, format: JsonFormat<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new ProjectFileError(file, `is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (format.version) raw = migrate(raw, file, format.what, format.version);
  const parsed = format.schema.safeParse(raw);
  if (!parsed.success) throw new ProjectFileError(file, `is not ${format.what} Quire can read: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function migrate(raw: unknown, file: string, what: string, v: NonNullable<JsonFormat<unknown>["version"]>): unknown {
  const stated = isObject(raw) ? raw[v.key] : undefined;
  let version = stated === undefined ? v.whenMissing : stated;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new ProjectFileError(file, `is not ${what} Quire can read: ${v.key} must be a format number, not ${JSON.stringify(stated)}`);
  }
  if (version > v.current) {
    throw new ProjectFileError(file, `was written by a newer Quire (format ${version}; this Quire reads up to ${v.current}). Update Quire to open it.`);
  }
  while (version < v.current) {
    const step = v.migrations?.[version];
    if (!step) throw new ProjectFileError(file, `is in format ${version}, which this Quire can no longer read (it reads ${v.current})`);
    raw = step(raw);
    version++;
  }
  return isObject(raw) && v.key in raw ? { ...raw, [v.key]: v.current } : raw;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
