/**
 * runs/current.json: which run the studio shows. Version 1 says so; the file before it held only
 * the run id (read as the same thing). Written atomically, like every file of the project.
 */
import { z } from "zod";
import { absolutePath, readProjectText, writeProjectFile } from "../../../engine-store/project-file-io";
import { parseJsonFile, type JsonFormat } from "../../../store/json-file";
import { MAX_SMALL_FILE_BYTES } from "../../../store/limits";
import type { ProjectPaths } from "../../../store/project-paths";
import { jsonText } from "./json-text";

const CURRENT_VERSION = 1;
const currentFormat: JsonFormat<{ runId: string }> = {
  what: "the studio's current-run file",
  schema: z.object({ schemaVersion: z.literal(CURRENT_VERSION), runId: z.string().regex(/^[A-Za-z0-9._-]+$/) }),
  // the file before version 1 held only the run id: the same thing
  version: { key: "schemaVersion", current: CURRENT_VERSION, whenMissing: 0, migrations: { 0: (old) => (typeof old === "object" && old !== null ? { ...old, schemaVersion: 1 } : old) } },
};

const CURRENT_FILE = "runs/current.json";

export async function readCurrentRun(paths: ProjectPaths): Promise<string | null> {
  const text = await readProjectText(paths, CURRENT_FILE, MAX_SMALL_FILE_BYTES);
  return text === null ? null : parseJsonFile(text, absolutePath(paths, CURRENT_FILE), currentFormat).runId;
}

export async function writeCurrentRun(paths: ProjectPaths, runId: string): Promise<void> {
  await writeProjectFile(paths, CURRENT_FILE, jsonText({ schemaVersion: CURRENT_VERSION, runId }));
}
