/**
 * The work that runs in a worker thread (heavy-worker.ts): parsing that can take seconds or
 * gigabytes on a large or hostile input. Each task takes and returns plain data.
 */
import { readImportSource } from "../import/read-source";
import type { ImportOptions } from "../import/import-types";
import { unitChecksHere, type UnitChecksInput } from "../backend/drafting/unit-checks";

export const heavyTasks = {
  "import.preview": (input: { path: string; options: ImportOptions }) => readImportSource(input.path, input.options),
  "unit.checks": (input: UnitChecksInput) => unitChecksHere(input),
};

export type HeavyTasks = typeof heavyTasks;
export type HeavyTaskName = keyof HeavyTasks;
