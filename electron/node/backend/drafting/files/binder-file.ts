/**
 * binder.json, at the top of the project: which project unit each plan unit became when the
 * writer accepted the plan. The studio's fact, kept beside the plan, never inside it (the
 * engine's plan knows nothing of the binder) and never under runs/ (it outlives every run).
 *
 *   { "schemaVersion": 1, "units": { "u1": "umxi0irwxjw", "u2": … } }
 *
 * Before issue 12 the studio kept it inside plan.json as "binder"; PlanService moves it here.
 */
import { join } from "node:path";
import { z } from "zod";
import { checkVersion, parseWith } from "../../../../engine/index";
import { writeFileAtomicCreatingFolder as writeFileAtomic } from "../../../store/atomic-write";
import { jsonText, readJsonFile } from "./read-json";

export const BINDER_FILE = "binder.json";
export const BINDER_VERSION = 1;

/** plan unit id → project unit id */
export type Binder = Record<string, string>;

const binderSchema = z.object({
  schemaVersion: z.literal(BINDER_VERSION),
  units: z.record(z.string().min(1), z.string().min(1)),
});

/** The same mapping as plan.json carried it before it had a file of its own. */
export const legacyBinderSchema = z.record(z.string().min(1), z.string().min(1));

export const binderPath = (projectDir: string) => join(projectDir, BINDER_FILE);

export async function readBinder(projectDir: string): Promise<Binder | null> {
  const file = binderPath(projectDir);
  const json = await readJsonFile(file);
  if (json === null) return null;
  checkVersion(json, BINDER_VERSION, file, "binder");
  return parseWith(binderSchema, json, file, "a Quire binder file").units;
}

export async function writeBinder(projectDir: string, binder: Binder): Promise<void> {
  await writeFileAtomic(binderPath(projectDir), jsonText({ schemaVersion: BINDER_VERSION, units: binder }));
}

/** The plan unit a project unit was made from, if any. */
export function planIdOf(binder: Binder, unitId: string): string | null {
  return Object.entries(binder).find(([, id]) => id === unitId)?.[0] ?? null;
}
