/**
 * Which events are live state a slow tab may receive coalesced: only the latest of a kind
 * (a length bar, the binder, the run's status), or deltas of text run together. Everything
 * else (a unit saved, a draft landed, a conflict) is delivered one by one, in order.
 */
import type { EventName } from "../shared/contract/index";

type Payload = Record<string, unknown>;

export interface Coalescing {
  /** events with the same key replace (or extend) each other while they wait */
  key: string;
  merge(earlier: Payload, later: Payload): Payload;
}

const latest = (_earlier: Payload, later: Payload) => later;
// text deltas run together; a reset starts over
const appendText = (earlier: Payload, later: Payload): Payload =>
  later.reset === true ? later : { ...later, text: String(earlier.text ?? "") + String(later.text ?? ""), reset: earlier.reset === true };

const RULES: Partial<Record<EventName, { key: (p: Payload) => string; merge: Coalescing["merge"] }>> = {
  "run.changed": { key: (p) => String(p.handle), merge: latest },
  "run.progress": { key: (p) => String(p.handle), merge: latest },
  "run.locked": { key: (p) => String(p.handle), merge: latest },
  "run.unitProgress": { key: (p) => `${String(p.handle)}|${String(p.planId)}`, merge: latest },
  "run.unitText": { key: (p) => `${String(p.handle)}|${String(p.planId)}|${String(p.unitId)}`, merge: appendText },
  "assist.text": { key: (p) => `${String(p.handle)}|${String(p.assistId)}`, merge: appendText },
  "proposals.changed": { key: (p) => String(p.handle), merge: latest },
  "units.changed": { key: (p) => String(p.handle), merge: latest },
  "project.metaChanged": { key: (p) => String(p.handle), merge: latest },
  "models.changed": { key: () => "", merge: latest },
  "models.throughput": { key: () => "", merge: latest },
  "models.downloadProgress": { key: (p) => String(p.id), merge: latest },
};

export function coalescingFor(event: string, payload: unknown): Coalescing | null {
  const rule = RULES[event as EventName];
  if (!rule || typeof payload !== "object" || payload === null) return null;
  return { key: `${event}|${rule.key(payload as Payload)}`, merge: rule.merge };
}
