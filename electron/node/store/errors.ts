/**
 * Typed store errors. Every error about a file names it, so the writer (and the UI) can
 * tell which file is at fault and go and look at it.
 */

/** A problem with one file that did not stop the rest of the project from opening. */
export interface FileProblem {
  /** path relative to the project folder, with forward slashes, e.g. "manuscript/one-u123.md" */
  file: string;
  message: string;
}

/** A file the store cannot use: unreadable quire.json, a bad plan.json, … */
export class ProjectFileError extends Error {
  override readonly name = "ProjectFileError";
  constructor(
    readonly file: string,
    readonly detail: string,
    /** the whole message, where "<file> <detail>" does not read well */
    message = `${file} ${detail}`,
  ) {
    super(message);
  }
}

/** A save based on a version that is no longer current; refusing it keeps newer edits safe. */
export class StaleVersionError extends Error {
  override readonly name = "StaleVersionError";
  constructor(
    readonly unitId: string,
    readonly baseVersion: number,
    readonly currentVersion: number,
  ) {
    super(`Unit ${unitId} changed since this edit began (edit based on ${baseVersion}, now ${currentVersion}); the save was refused.`);
  }
}

export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
  constructor(
    readonly kind: "unit" | "bible entry" | "snapshot" | "trash entry" | "recovery",
    readonly id: string,
  ) {
    super(`No ${kind} with id ${id}`);
  }
}

/** A request that would break the tree (a unit moved under itself, a parent that does not exist…). */
export class InvalidOperationError extends Error {
  override readonly name = "InvalidOperationError";
}

/**
 * An id that is not in the contract's id grammar (a path, say). Refused before it reaches a
 * path; the message depends only on the id given, never on what is on disk.
 */
export class InvalidIdError extends InvalidOperationError {
  constructor(
    readonly kind: "unit" | "bible entry" | "snapshot" | "client",
    readonly id: string,
  ) {
    super(`${JSON.stringify(id.slice(0, 80))} is not a valid ${kind} id (ids are 1 to 64 letters, digits, - and _)`);
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
