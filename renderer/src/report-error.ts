import { QuireError } from "../../electron/shared/contract/errors";
import { useApp } from "./state/app-store";

/** The one way an error reaches the writer: a notice, worded by whoever threw it, naming the file when there is one. */
export function errorText(error: unknown): string {
  return error instanceof QuireError
    ? error.extra.file && !error.message.includes(error.extra.file)
      ? `${error.message} (${error.extra.file})`
      : error.message
    : error instanceof Error
      ? error.message
      : String(error);
}

export function reportError(error: unknown): void {
  useApp.getState().notify({ text: errorText(error), kind: "error" });
}
