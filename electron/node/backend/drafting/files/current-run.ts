/**
 * runs/current.json: which run the studio shows. Version 1 says so; the file before it held only
 * the run id (read as the same thing). Written atomically, like every file of the project.
 */
import { z } from "zod";
import { checkVersion, parseWith } from "../../../../engine/index";
import { absolutePath, readProjectJson, writeProjectFile } from "../../../engine-store/project-file-io";
import { MAX_SMALL_FILE_BYTES } from "../../../store/limits";
import type { ProjectPaths } from "../../../store/project-paths";
import { jsonText } from "./json-text";

const CURRENT_VERSION = 1;
const currentSchema = z.object({ schemaVersion: z.literal(CURRENT_VERSION), runId: z.string().regex(/^[A-Za-z0-9._-]+$/) });

const CURRENT_FILE = "runs/current.json";

export async function readCurrentRun(paths: ProjectPaths): Promise<string | null> {
  const json = await readProjectJson(paths, CURRENT_FILE, MAX_SMALL_FILE_BYTES);
  if (json === null) return null;
  const file = absolutePath(paths, CURRENT_FILE);
  const version = checkVersion(json, CURRENT_VERSION, file, "current-run");
  const migrated = version === 0 && typeof json === "object" ? { ...json, schemaVersion: CURRENT_VERSION } : json;
  return parseWith(currentSchema, migrated, file, "the studio's current-run file").runId;
}

export async function writeCurrentRun(paths: ProjectPaths, runId: string): Promise<void> {
  await writeProjectFile(paths, CURRENT_FILE, jsonText({ schemaVersion: CURRENT_VERSION, runId }));
}
