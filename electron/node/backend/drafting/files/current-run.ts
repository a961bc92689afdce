/**
 * runs/current.json: which run the studio shows. Version 1 says so; the file before it held only
 * the run id (read as the same thing). Written atomically, like every file of the project.
 */
import { join } from "node:path";
import { z } from "zod";
import { checkVersion, parseWith } from "../../../../engine/index";
import { writeFileAtomicCreatingFolder as writeFileAtomic } from "../../../store/atomic-write";
import { jsonText, readJsonFile } from "./read-json";

const CURRENT_VERSION = 1;
const currentSchema = z.object({ schemaVersion: z.literal(CURRENT_VERSION), runId: z.string().regex(/^[A-Za-z0-9._-]+$/) });

export const currentRunPath = (projectDir: string) => join(projectDir, "runs", "current.json");

export async function readCurrentRun(projectDir: string): Promise<string | null> {
  const file = currentRunPath(projectDir);
  const json = await readJsonFile(file);
  if (json === null) return null;
  const version = checkVersion(json, CURRENT_VERSION, file, "current-run");
  const migrated = version === 0 && typeof json === "object" ? { ...json, schemaVersion: CURRENT_VERSION } : json;
  return parseWith(currentSchema, migrated, file, "the studio's current-run file").runId;
}

export async function writeCurrentRun(projectDir: string, runId: string): Promise<void> {
  await writeFileAtomic(currentRunPath(projectDir), jsonText({ schemaVersion: CURRENT_VERSION, runId }));
}
