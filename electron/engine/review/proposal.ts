/** A revision is a proposal against a snapshot, with a unified diff the writer can read, accept or reject. */
import { createTwoFilesPatch } from "diff";
import { contentHash } from "../text/hash";

export interface Proposal {
  id: string;
  unitId: string;
  round: number;
  /** Why: the findings the revision answers. */
  reasons: string[];
  snapshotHash: string;
  before: string;
  after: string;
  patch: string;
  status: "pending" | "accepted" | "rejected";
  decidedBy?: "autopilot" | "writer";
  /** Error findings before and after, so autopilot's choice can be checked. */
  errorsBefore: number;
  errorsAfter: number;
}

export function makeProposal(unitId: string, round: number, reasons: string[], before: string, after: string, errorsBefore: number, errorsAfter: number): Proposal {
  return {
    id: `${unitId}-r${round}`,
    unitId,
    round,
    reasons,
    snapshotHash: contentHash(before),
    before,
    after,
    patch: createTwoFilesPatch(`${unitId} (snapshot)`, `${unitId} (proposal)`, withNewline(before), withNewline(after), undefined, undefined, { context: 2 }),
    status: "pending",
    errorsBefore,
    errorsAfter,
  };
}

function withNewline(s: string): string {
  return s.endsWith("\n") ? s : `${s}\n`;
}

/** Apply an accepted proposal only if the unit still matches the snapshot it was made against. */
export function applyProposal(current: string, p: Proposal): string {
  if (contentHash(current) !== p.snapshotHash) throw new Error(`proposal ${p.id} was made against another version of ${p.unitId}`);
  return p.after;
}
