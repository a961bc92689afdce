import { parseArgs, type ParseArgsConfig } from "node:util";

/** Parses a command's flags; an unknown or malformed flag is a usage error naming it. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export class UsageError extends Error {
  override name = "UsageError";
}
