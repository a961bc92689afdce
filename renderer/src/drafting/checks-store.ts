/**
 * When the open unit's findings show (calm checks): a unit in progress shows its progress only;
 * findings appear once the writer marks it done (Revised or Final), once a run or the assistant
 * drafted it, or on demand ("Check now"). The writer can dismiss each finding; dismissals are
 * kept per project (studio.dismissFindings → .quire/studio.json) and survive reloads.
 */
import { create } from "zustand";
import { client } from "../client";
import { runAction } from "../use-action";

export { findingKey } from "./finding-key";

interface ChecksState {
  handle: string | null;
  dismissed: Set<string>;
  /** units the writer asked to check, with a counter that changes on each ask */
  requested: Record<string, number>;
  load(handle: string | null): void;
  requestCheck(unitId: string): void;
  setDismissed(handle: string, keys: string[], dismissed: boolean): Promise<void>;
}

export const useChecks = create<ChecksState>((set, get) => ({
  handle: null,
  dismissed: new Set(),
  requested: {},
  load: (handle) => {
    set({ handle, dismissed: new Set(), requested: {} });
    if (!handle) return;
    void runAction(async () => {
      const s = await client.call("studio.settings", { handle });
      if (get().handle === handle) set({ dismissed: new Set(s.dismissedFindings) });
    });
  },
  requestCheck: (unitId) => set((s) => ({ requested: { ...s.requested, [unitId]: (s.requested[unitId] ?? 0) + 1 } })),
  setDismissed: async (handle, keys, dismissed) => {
    // shown at once; the backend's answer is the truth once it comes
    set((s) => {
      const next = new Set(s.dismissed);
      for (const k of keys) dismissed ? next.add(k) : next.delete(k);
      return { dismissed: next };
    });
    const saved = await runAction(() => client.call("studio.dismissFindings", { handle, keys, dismissed }));
    if (saved && get().handle === handle) set({ dismissed: new Set(saved.dismissedFindings) });
  },
}));

/** The statuses that mean the writer considers the unit done enough to be checked. */
export const DONE_STATUSES = new Set(["revised", "final"]);
