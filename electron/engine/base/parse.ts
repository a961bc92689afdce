/**
 * Data read back is checked against its schema, never cast: a file (run.json, a unit record,
 * plan.json…) or a model's JSON reply (the planner's, the judge's, the fact reader's). A file
 * that does not fit is an error naming the file and the field; a file written by a newer Quire
 * is refused with a message saying so; an older one is migrated by its reader. A model reply
 * that does not fit is a handled outcome, naming the call, for the caller to fall back from.
 */
import type { z } from "zod";

/** A file (or any named data) that cannot be read as what it should be. `where` names it. */
export class DataError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = "DataError";
  }
}

/** "units.3.targetWords: expected number, received string; …" (at most a few issues). */
export function describeIssues(error: z.ZodError, max = 4): string {
  const shown = error.issues.slice(0, max).map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  return error.issues.length > max ? `${shown.join("; ")}; and ${error.issues.length - max} more` : shown.join("; ");
}

/** The schema version a value says it has (0 when it says none: files from before versions were written). */
export function versionOf(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  const v = (value as { schemaVersion?: unknown }).schemaVersion;
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : 0;
}

/** Refuses data from a newer Quire: reading it as this one's would lose what it knows. */
export function checkVersion(value: unknown, current: number, where: string, what: string): number {
  const v = versionOf(value);
  if (v > current) throw new DataError(where, `was written by a newer version of Quire (${what} version ${v}; this version reads up to ${current}). Update Quire to open it.`);
  return v;
}

/** Parses `value` with `schema`, or throws a DataError naming `where` and what does not fit. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new DataError(where, `is not ${what} (${describeIssues(r.error)})`);
  return r.data;
}

/** JSON text to a value, or a DataError naming `where`. */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DataError(where, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

export type ModelReply<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A model's JSON reply checked against what the call asked for. Grammar-constrained replies
 * still fail this when cut off by the token limit or when a runtime ignores the grammar; the
 * caller falls back (the note goes to its ledger) instead of trusting a cast.
 */
export function parseModelReply<T>(schema: z.ZodType<T>, text: string, call: string): ModelReply<T> {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, error: `${call}: the reply is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: `${call}: the reply does not fit its schema (${describeIssues(r.error)})` };
}
