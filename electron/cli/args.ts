import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * A command line a command cannot run with. Commands throw it; `quire` prints the message
 * with that command's usage and exits 2, so every command reports misuse the same way.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Parses a command's flags; an unknown or malformed flag is a usage error naming it. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A flag that takes one of a few words; absent gives the fallback. */
export function oneOf<const T extends string>(flag: string, raw: string | undefined, allowed: readonly T[], fallback: T): T;
export function oneOf<const T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T | undefined;
export function oneOf<const T extends string>(flag: string, raw: string | undefined, allowed: readonly T[], fallback?: T): T | undefined {
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${flag} must be ${allowed.slice(0, -1).join(", ")}${allowed.length > 1 ? " or " : ""}${allowed.at(-1)}, not "${raw}"`);
  return raw as T;
}

/** A flag that takes a whole number, at least `min`; absent gives the fallback. */
export function wholeNumber(flag: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be a whole number${min > 0 ? ` from ${min}` : ""}, not "${raw}"`);
  return n;
}
