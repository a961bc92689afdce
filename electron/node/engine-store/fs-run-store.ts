/**
 * The engine's RunStore on disk, inside a project folder:
 *   runs/<runId>/run.json              run state (plan, options, done list, planning ledger)
 *   runs/<runId>/units/<unitId>.md     a finished unit's text
 *   runs/<runId>/units/<unitId>.json   its record (findings, obligations, proposals, ledger)
 * Every write is atomic; the text goes down before the record, so a record implies its text.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseJsonText, parseRunState, parseUnitRecord, type RunState, type RunStore, type UnitRecord } from "../../engine/index";
import { writeFileAtomicCreatingFolder as writeFileAtomic } from "../store/atomic-write";

const SAFE_ID = /^[A-Za-z0-9._-]+$/;

function checkId(kind: string, id: string): string {
  if (!SAFE_ID.test(id) || id.startsWith(".")) throw new Error(`invalid ${kind} id "${id}"`);
  return id;
}

/** The file's JSON, or null when there is none; DataError (naming the file) when it is not JSON. */
async function readJson(path: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return parseJsonText(raw, path);
}

export class FsRunStore implements RunStore {
  constructor(readonly projectDir: string) {}

  runDir(runId: string): string {
    return join(this.projectDir, "runs", checkId("run", runId));
  }

  async loadState(runId: string): Promise<RunState | null> {
    const file = join(this.runDir(runId), "run.json");
    const json = await readJson(file);
    return json === null ? null : parseRunState(json, file);
  }

  async saveState(state: RunState): Promise<void> {
    await writeFileAtomic(join(this.runDir(state.runId), "run.json"), `${JSON.stringify(state, null, 1)}\n`);
  }

  async saveUnit(runId: string, record: UnitRecord, text: string): Promise<void> {
    const dir = join(this.runDir(runId), "units");
    const id = checkId("unit", record.unitId);
    await writeFileAtomic(join(dir, `${id}.md`), text);
    await writeFileAtomic(join(dir, `${id}.json`), `${JSON.stringify(record, null, 1)}\n`);
  }

  async loadUnit(runId: string, unitId: string): Promise<{ record: UnitRecord; text: string } | null> {
    const dir = join(this.runDir(runId), "units");
    const id = checkId("unit", unitId);
    const file = join(dir, `${id}.json`);
    const json = await readJson(file);
    if (json === null) return null;
    const record = parseUnitRecord(json, file);
    try {
      return { record, text: await readFile(join(dir, `${id}.md`), "utf8") };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }
}
