/**
 * A revision is a proposal against a snapshot of a unit's text: what it changes and why. The
 * engine records what autopilot did with it during the run; what the writer decides later is
 * the studio's to keep (one owner of a proposal's status: see node/backend/drafting/proposals).
 */
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
  /** What autopilot did during the run: applied it (the unit's text is `after`) or declined it; absent: left for the writer. */
  autopilot?: "applied" | "declined";
  /** Error findings before and after, so autopilot's choice can be checked. */
  errorsBefore: number;
  errorsAfter: number;
}

export function makeProposal(unitId: string, round: number, reasons: string[], before: string, after: string, errorsBefore: number, errorsAfter: number): Proposal {
  return { id: `${unitId}-r${round}`, unitId, round, reasons, snapshotHash: contentHash(before), before, after, errorsBefore, errorsAfter };
}
