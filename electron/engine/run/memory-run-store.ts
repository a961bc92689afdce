/** An in-memory RunStore for tests and for callers that do not persist; it keeps JSON, read back through the same schemas as files. */
import { parseRunState, parseUnitRecord } from "./run-schema";
import type { RunState, RunStore, UnitRecord } from "./types";

export class MemoryRunStore implements RunStore {
  readonly states = new Map<string, string>();
  readonly units = new Map<string, { record: string; text: string }>();

  async loadState(runId: string): Promise<RunState | null> {
    const s = this.states.get(runId);
    return s ? parseRunState(JSON.parse(s), `run ${runId}`) : null;
  }
  async saveState(state: RunState): Promise<void> {
    this.states.set(state.runId, JSON.stringify(state));
  }
  async saveUnit(runId: string, record: UnitRecord, text: string): Promise<void> {
    this.units.set(`${runId}/${record.unitId}`, { record: JSON.stringify(record), text });
  }
  async loadUnit(runId: string, unitId: string): Promise<{ record: UnitRecord; text: string } | null> {
    const u = this.units.get(`${runId}/${unitId}`);
    return u ? { record: parseUnitRecord(JSON.parse(u.record), `run ${runId}, unit ${unitId}`), text: u.text } : null;
  }
}
