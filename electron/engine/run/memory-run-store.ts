/** An in-memory RunStore for tests and for callers that do not persist. */
import type { Proposal } from "../review/proposal";
import type { RunState, RunStore, UnitRecord } from "./types";

export class MemoryRunStore implements RunStore {
  readonly states = new Map<string, string>();
  readonly units = new Map<string, { record: string; text: string }>();
  readonly proposals = new Map<string, Proposal[]>();

  async loadState(runId: string): Promise<RunState | null> {
    const s = this.states.get(runId);
    return s ? (JSON.parse(s) as RunState) : null;
  }
  async saveState(state: RunState): Promise<void> {
    this.states.set(state.runId, JSON.stringify(state));
  }
  async saveUnit(runId: string, record: UnitRecord, text: string): Promise<void> {
    this.units.set(`${runId}/${record.unitId}`, { record: JSON.stringify(record), text });
  }
  async loadUnit(runId: string, unitId: string): Promise<{ record: UnitRecord; text: string } | null> {
    const u = this.units.get(`${runId}/${unitId}`);
    return u ? { record: JSON.parse(u.record) as UnitRecord, text: u.text } : null;
  }
  async saveProposal(runId: string, proposal: Proposal): Promise<void> {
    const list = this.proposals.get(runId) ?? [];
    list.push(proposal);
    this.proposals.set(runId, list);
  }
}
