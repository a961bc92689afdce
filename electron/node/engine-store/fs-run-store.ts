/**
 * The engine's RunStore on disk, inside a project folder:
 *   runs/<runId>/run.json              run state (plan, options, done list, planning ledger)
 *   runs/<runId>/units/<unitId>.md     a finished unit's text
 *   runs/<runId>/units/<unitId>.json   its record (findings, obligations, proposals, ledger)
 * Every path goes through the project's path guard, every read has a size limit and every read
 * file its schema; every write is atomic, the text before the record, so a record implies its text.
 */
import { mkdir } from "node:fs/promises";
import { parseRunState, parseUnitRecord, type RunState, type RunStore, type UnitRecord } from "../../engine/index";
import { MAX_PLAN_FILE_BYTES, MAX_TEXT_FILE_BYTES } from "../store/limits";
import { ProjectPaths } from "../store/project-paths";
import { absolutePath, readProjectJson, readProjectText, writeProjectFile } from "./project-file-io";

const SAFE_ID = /^[A-Za-z0-9._-]+$/;

function checkId(kind: string, id: string): string {
  if (!SAFE_ID.test(id) || id.startsWith(".")) throw new Error(`invalid ${kind} id "${id}"`);
  return id;
}

export class FsRunStore implements RunStore {
  constructor(readonly paths: ProjectPaths) {}

  /** A run store in `dir` (made if missing): `quire draft --project DIR`. */
  static async at(dir: string): Promise<FsRunStore> {
    await mkdir(dir, { recursive: true });
    return new FsRunStore(await ProjectPaths.of(dir));
  }

  get projectDir(): string {
    return this.paths.dir;
  }

  /** The run's folder, relative to the project ("runs/<runId>"). */
  runFolder(runId: string): string {
    return `runs/${checkId("run", runId)}`;
  }

  async loadState(runId: string): Promise<RunState | null> {
    const rel = `${this.runFolder(runId)}/run.json`;
    const json = await readProjectJson(this.paths, rel, MAX_PLAN_FILE_BYTES);
    return json === null ? null : parseRunState(json, absolutePath(this.paths, rel));
  }

  async saveState(state: RunState): Promise<void> {
    await writeProjectFile(this.paths, `${this.runFolder(state.runId)}/run.json`, `${JSON.stringify(state, null, 1)}\n`);
  }

  async saveUnit(runId: string, record: UnitRecord, text: string): Promise<void> {
    const units = `${this.runFolder(runId)}/units`;
    const id = checkId("unit", record.unitId);
    await writeProjectFile(this.paths, `${units}/${id}.md`, text);
    await writeProjectFile(this.paths, `${units}/${id}.json`, `${JSON.stringify(record, null, 1)}\n`);
  }

  async loadUnit(runId: string, unitId: string): Promise<{ record: UnitRecord; text: string } | null> {
    const units = `${this.runFolder(runId)}/units`;
    const id = checkId("unit", unitId);
    const json = await readProjectJson(this.paths, `${units}/${id}.json`, MAX_PLAN_FILE_BYTES);
    if (json === null) return null;
    const record = parseUnitRecord(json, absolutePath(this.paths, `${units}/${id}.json`));
    const text = await readProjectText(this.paths, `${units}/${id}.md`, MAX_TEXT_FILE_BYTES);
    return text === null ? null : { record, text };
  }
}
