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
import { join } from "node:path";
import { z } from "zod";
import { checkVersion, parseWith } from "../../../../engine/index";
import { writeFileAtomicCreatingFolder as writeFileAtomic } from "../../../store/atomic-write";
import { jsonText, readJsonFile } from "./read-json";

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
export type Decision = z.infer<typeof decision>;
export type LandingProposal = z.infer<typeof landingProposal>;

export const studioRunPath = (runDir: string) => join(runDir, "studio.json");

export function emptyStudioRun(runId: string): StudioRunFile {
  return { schemaVersion: STUDIO_VERSION, runId, landed: {}, decisions: {}, landings: [], history: [] };
}

export async function readStudioRun(runDir: string): Promise<StudioRunFile | null> {
  const file = studioRunPath(runDir);
  const json = await readJsonFile(file);
  if (json === null) return null;
  const version = checkVersion(json, STUDIO_VERSION, file, "studio run file");
  const migrated = version === 0 && typeof json === "object" ? { ...json, schemaVersion: STUDIO_VERSION } : json;
  return parseWith(studioRunSchema, migrated, file, "the studio's run file");
}

export async function writeStudioRun(runDir: string, studio: StudioRunFile): Promise<void> {
  await writeFileAtomic(studioRunPath(runDir), jsonText(studio));
}
