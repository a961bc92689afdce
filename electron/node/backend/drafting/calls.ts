/**
 * The model's calls of a project, for the writer to read: recorded as they end (see
 * observed-llm.ts) into the current run's ledger or the studio's (plans, assists), listed and
 * opened by the call viewer. Each is stored as the model received it: the prompt's named
 * sections with their text, the messages, and the reply.
 */
import { randomBytes } from "node:crypto";
import type { DraftingContext } from "./context";
import { appendCall, callRecord, clip, readCalls, runCallsFile, STUDIO_CALLS_FILE, type CallRecord } from "./files/call-ledger";
import type { CallObserver, ObservedCall } from "./observed-llm";

export type CallSummary = Omit<CallRecord, "sections" | "messages" | "continueFrom" | "output"> & { scope: "run" | "studio" };

export interface CallPlace {
  /** the binder unit and its heading, from the call's own unit id (a plan unit in a run) */
  unit(purposeUnitId: string | null): { unitId: string | null; planId: string | null; heading: string | null };
}

export class Calls {
  constructor(
    private readonly ctx: DraftingContext,
    /** the current run's id, if any: its ledger is listed first */
    private readonly currentRun: () => string | null,
  ) {}

  /** The ledger's path in the project (relative, through the path guard). */
  private fileOf(scope: "run" | "studio", runId: string | null): string | null {
    if (scope === "studio") return STUDIO_CALLS_FILE;
    return runId ? runCallsFile(this.ctx.runStore.runFolder(runId)) : null;
  }

  /** An observer that records each call into the run's ledger (runId) or the studio's (null). */
  observer(runId: string | null, place: CallPlace, extra: Partial<CallObserver> = {}): CallObserver {
    const file = this.fileOf(runId ? "run" : "studio", runId)!;
    return {
      ...extra,
      call: (c) => {
        extra.call?.(c);
        void appendCall(this.ctx.runStore.paths, file, toRecord(c, place)).catch((error: unknown) => console.error("quire: recording a model call failed", error));
      },
    };
  }

  async list(unitId: string | null): Promise<CallSummary[]> {
    const out: CallSummary[] = [];
    for (const scope of ["run", "studio"] as const) {
      const file = this.fileOf(scope, this.currentRun());
      if (!file) continue;
      for (const c of await readCalls(this.ctx.runStore.paths, file)) {
        if (unitId && c.unitId !== unitId) continue;
        const { sections: _s, messages: _m, continueFrom: _c, output: _o, ...summary } = c;
        out.push({ ...summary, scope });
      }
    }
    return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  async get(id: string): Promise<CallRecord | null> {
    for (const scope of ["run", "studio"] as const) {
      const file = this.fileOf(scope, this.currentRun());
      if (!file) continue;
      const found = (await readCalls(this.ctx.runStore.paths, file)).find((c) => c.id === id);
      if (found) return found;
    }
    return null;
  }
}

function toRecord(c: ObservedCall, place: CallPlace): CallRecord {
  let clipped = false;
  const cut = (s: string) => {
    const r = clip(s);
    clipped ||= r.clipped;
    return r.text;
  };
  const where = place.unit(c.purpose?.unitId ?? null);
  const record: CallRecord = {
    id: `c${Date.now().toString(36)}${randomBytes(3).toString("hex")}`,
    at: new Date(c.startedAt).toISOString(),
    kind: c.purpose?.kind ?? "call",
    unitId: where.unitId,
    planId: where.planId,
    heading: where.heading,
    sections: (c.purpose?.sections ?? []).slice(0, 50).map((s) => ({ name: s.name.slice(0, 100), text: cut(s.text) })),
    messages: c.messages.slice(0, 50).map((m) => ({ role: m.role, content: cut(m.content) })),
    continueFrom: c.continueFrom === null ? null : cut(c.continueFrom),
    output: cut(c.result.text),
    stopReason: c.result.stopReason,
    promptTokens: c.result.promptTokens,
    completionTokens: c.result.completionTokens,
    millis: Math.round(c.result.millis),
    clipped,
  };
  return callRecord.parse(record);
}
