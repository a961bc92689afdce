/**
 * How large the files of a project may be before Quire refuses to read them. A shared project
 * can hold anything; these keep one oversized file from taking the studio's memory, and each
 * refusal names the file.
 */
import { unitsMethods } from "../../shared/contract/units";

/** The most characters a unit body may hold: what a save may carry over the contract, so whatever Quire opens it can also save. */
export const MAX_UNIT_CHARS: number = unitsMethods["units.save"].input.shape.body.maxLength ?? 20_000_000;

/** A unit, bible or snapshot file: the body at up to 3 bytes a character, plus its front matter. */
export const MAX_TEXT_FILE_BYTES = MAX_UNIT_CHARS * 3 + 1024 * 1024;

/** A journal entry holds one body as JSON. */
export const MAX_JOURNAL_ENTRY_BYTES = MAX_TEXT_FILE_BYTES;

/** quire.json, export profiles: settings and a daily history. */
export const MAX_SETTINGS_FILE_BYTES = 4 * 1024 * 1024;

/** A trash entry's manifest, the lock file. */
export const MAX_SMALL_FILE_BYTES = 1024 * 1024;

/** brief.md and plan.json (the engine's plan of a long book). */
export const MAX_PLAN_FILE_BYTES = 64 * 1024 * 1024;
