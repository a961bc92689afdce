import { QuireError } from "../../shared/contract/errors";
import { InvalidOperationError, NotFoundError, ProjectFileError, StaleVersionError } from "../store/errors";
import { ProjectLockedError } from "../store/project-lock";

/** Store errors as the writer sees them across the contract: typed, with the file named. */
export function toQuireError(error: unknown): unknown {
  if (error instanceof QuireError) return error;
  if (error instanceof ProjectLockedError) return new QuireError("locked", error.message, { file: error.projectDir });
  if (error instanceof ProjectFileError) return new QuireError("corrupt", error.message, { file: error.file });
  if (error instanceof StaleVersionError) return new QuireError("stale-version", error.message);
  if (error instanceof NotFoundError) return new QuireError("not-found", error.message);
  if (error instanceof InvalidOperationError) return new QuireError("invalid-payload", error.message);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && /^E[A-Z]+$/.test(code)) {
    const path = (error as NodeJS.ErrnoException).path;
    return new QuireError("io", error instanceof Error ? error.message : String(error), path ? { file: path } : {});
  }
  return error;
}

/** Runs a store call and rethrows its failure as a QuireError where one fits. */
export async function storeCall<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    throw toQuireError(error);
  }
}
