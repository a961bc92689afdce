/**
 * runs/<runId>/studio.json: what the studio did with a run's drafts. It is the one owner of a
 * proposal's status once the writer has decided: the engine's unit records say only what
 * autopilot did during the run.
 *
 *   landed     plan unit → the body written into its (empty) project unit
 *   decisions  proposal id → the writer's accept or reject (and the snapshot to undo it)
 *   landings   proposals the studio made: a draft that met the writer's own text, a revision drafted again
 *   history    [seconds since the run started, words done], for the progress chart
 *
 * Version 1 is the first to say its version; files from before (no schemaVersion) have the same shape.
 */
import { z } from "zod";
import { absolutePath, readProjectText, writeProjectFile } from "../../../engine-store/project-file-io";
import { parseJsonFile, type JsonFormat } from "../../../store/json-file";
import { MAX_PLAN_FILE_BYTES } from "../../../store/limits";
import type { ProjectPaths } from "../../../store/project-paths";
import { jsonText } from "./json-text";

const STUDIO_VERSION = 1;

const check = z.object({ obligationId: z.string(), met: z.boolean().nullable(), by: z.enum(["lexical", "judge", "none"]), coverage: z.number() });

const decision = z.object({
  status: z.enum(["accepted", "rejected"]),
  snapshotId: z.string().optional(),
  appliedBody: z.string().optional(),
  /** obligation checks on the accepted text */
  checks: z.array(check).optional(),
});

const landingProposal = z.object({
  id: z.string(),
  planId: z.string(),
  unitId: z.string(),
  before: z.string(),
  after: z.string(),
  reasons: z.array(z.string()).optional(),
  errorsBefore: z.number().int().optional(),
  errorsAfter: z.number().int().optional(),
});

const studioRunSchema = z.object({
  schemaVersion: z.literal(STUDIO_VERSION),
  runId: z.string(),
  landed: z.record(z.string(), z.object({ unitId: z.string(), body: z.string() })),
  decisions: z.record(z.string(), decision),
  landings: z.array(landingProposal),
  history: z.array(z.tuple([z.number(), z.number()])),
});

export type StudioRunFile = z.infer<typeof studioRunSchema>;

const studioRunFormat: JsonFormat<StudioRunFile> = {
  what: "the studio's run file",
  schema: studioRunSchema,
  // files before version 1 had the same shape without saying so
  version: { key: "schemaVersion", current: STUDIO_VERSION, whenMissing: 0, migrations: { 0: (old) => (typeof old === "object" && old !== null ? { ...old, schemaVersion: 1 } : old) } },
};
export type Decision = z.infer<typeof decision>;
export type LandingProposal = z.infer<typeof landingProposal>;


export function emptyStudioRun(runId: string): StudioRunFile {
  return { schemaVersion: STUDIO_VERSION, runId, landed: {}, decisions: {}, landings: [], history: [] };
}

/** `runFolder` is the run's folder relative to the project ("runs/<runId>"). */
export async function readStudioRun(paths: ProjectPaths, runFolder: string): Promise<StudioRunFile | null> {
  const rel = `${runFolder}/studio.json`;
  const text = await readProjectText(paths, rel, MAX_PLAN_FILE_BYTES);
  return text === null ? null : parseJsonFile(text, absolutePath(paths, rel), studioRunFormat);
}

export async function writeStudioRun(paths: ProjectPaths, runFolder: string, studio: StudioRunFile): Promise<void> {
  await writeProjectFile(paths, `${runFolder}/studio.json`, jsonText(studio));
}
