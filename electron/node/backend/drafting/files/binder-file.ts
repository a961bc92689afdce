/**
 * binder.json, at the top of the project: which project unit each plan unit became when the
 * writer accepted the plan. The studio's fact, kept beside the plan, never inside it (the
 * engine's plan knows nothing of the binder) and never under runs/ (it outlives every run).
 *
 *   { "schemaVersion": 1, "units": { "u1": "umxi0irwxjw", "u2": … } }
 *
 * Before issue 12 the studio kept it inside plan.json as "binder"; PlanService moves it here.
 */
import { z } from "zod";
import { absolutePath, readProjectText, writeProjectFile } from "../../../engine-store/project-file-io";
import { parseJsonFile, type JsonFormat } from "../../../store/json-file";
import { MAX_SETTINGS_FILE_BYTES } from "../../../store/limits";
import type { ProjectPaths } from "../../../store/project-paths";
import { jsonText } from "./json-text";

export const BINDER_FILE = "binder.json";
export const BINDER_VERSION = 1;

/** plan unit id → project unit id */
export type Binder = Record<string, string>;

const binderFormat: JsonFormat<{ units: Binder }> = {
  what: "a Quire binder file",
  schema: z.object({ schemaVersion: z.literal(BINDER_VERSION), units: z.record(z.string().min(1), z.string().min(1)) }),
  version: { key: "schemaVersion", current: BINDER_VERSION },
};

/** The same mapping as plan.json carried it before it had a file of its own. */
export const legacyBinderSchema = z.record(z.string().min(1), z.string().min(1));

export async function readBinder(paths: ProjectPaths): Promise<Binder | null> {
  const text = await readProjectText(paths, BINDER_FILE, MAX_SETTINGS_FILE_BYTES);
  return text === null ? null : parseJsonFile(text, absolutePath(paths, BINDER_FILE), binderFormat).units;
}

export async function writeBinder(paths: ProjectPaths, binder: Binder): Promise<void> {
  await writeProjectFile(paths, BINDER_FILE, jsonText({ schemaVersion: BINDER_VERSION, units: binder }));
}

/** The plan unit a project unit was made from, if any. */
export function planIdOf(binder: Binder, unitId: string): string | null {
  return Object.entries(binder).find(([, id]) => id === unitId)?.[0] ?? null;
}
