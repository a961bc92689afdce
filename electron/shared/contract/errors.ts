import { z } from "zod";

/** Every failure that crosses a process boundary is one of these codes, with a message a writer can read. */
export const errorCodes = [
  "invalid-payload",
  "unknown-method",
  "not-found",
  "stale-version",
  "conflict",
  "locked",
  "corrupt",
  "io",
  "unavailable",
  "cancelled",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const wireError = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** the file the error is about, as the writer sees it */
  file: z.string().optional(),
  details: z.unknown().optional(),
});
export type WireError = z.infer<typeof wireError>;

export class QuireError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { file?: string; details?: unknown } = {},
  ) {
    super(message);
    this.name = "QuireError";
  }

  toWire(): WireError {
    return { code: this.code, message: this.message, ...this.extra };
  }

  static fromWire(w: WireError): QuireError {
    return new QuireError(w.code, w.message, { file: w.file, details: w.details });
  }
}
