/** The studio's drafting state: which screen shows, the plan, the run as it goes, proposals. Fed by backend events. */
import { create } from "zustand";
import type { z } from "zod";
import type { planState, proposalView, runView } from "../../../electron/shared/contract/drafting";
import type { Highlights } from "../editor/highlights";

export type PlanState = z.infer<typeof planState>;
export type RunView = z.infer<typeof runView>;
export type RunUnit = RunView["units"][number];
export type ProposalView = z.infer<typeof proposalView>;
export type Screen = "write" | "brief" | "plan" | "run" | "review" | "bible";

interface DraftingState {
  screen: Screen;
  plan: PlanState | null;
  run: RunView | null;
  proposals: ProposalView[];
  /** binder unit ids being written right now */
  locked: string[];
  /** text streaming into units being written, by binder unit id */
  live: Record<string, string>;
  liveText(unitId: string, text: string, reset: boolean): void;
  /** what the editor highlights: the bible's names, the open unit's findings (a new object when they change) */
  highlights: Highlights;
  setMentionNames(entries: { name: string; aliases: string[] }[]): void;
  setFindingMarks(findings: { excerpt?: string; message: string }[]): void;
  setScreen(screen: Screen): void;
  /** the plan screen's "where does the plan go" question, asked from elsewhere (the palette) */
  askAccept: boolean;
  setAskAccept(ask: boolean): void;
  setPlan(plan: PlanState | null): void;
  setRun(run: RunView | null): void;
  unitProgress(planId: string, words: number, state: RunUnit["state"]): void;
  unitDone(unit: RunUnit): void;
  progress(p: RunView["progress"], at: number): void;
  setProposals(p: ProposalView[]): void;
  setLocked(ids: string[]): void;
  reset(): void;
}

const patchUnit = (run: RunView | null, planId: string, patch: (u: RunUnit) => RunUnit): RunView | null =>
  run ? { ...run, units: run.units.map((u) => (u.planId === planId ? patch(u) : u)) } : run;

export const useDrafting = create<DraftingState>((set) => ({
  screen: "write",
  plan: null,
  run: null,
  proposals: [],
  locked: [],
  live: {},
  highlights: { names: [], findings: [] },
  setMentionNames: (entries) => set((s) => ({ highlights: { ...s.highlights, names: entries.map((e) => ({ name: e.name, aliases: e.aliases })) } })),
  // the same findings again (every quick check) leave the editor's highlights as they are
  setFindingMarks: (findings) =>
    set((s) => {
      const next = findings.map((f) => ({ ...(f.excerpt ? { excerpt: f.excerpt } : {}), message: f.message }));
      return JSON.stringify(next) === JSON.stringify(s.highlights.findings) ? {} : { highlights: { ...s.highlights, findings: next } };
    }),
  liveText: (unitId, text, reset) => set((s) => ({ live: { ...s.live, [unitId]: (reset ? "" : (s.live[unitId] ?? "")) + text } })),
  setScreen: (screen) => set({ screen }),
  askAccept: false,
  setAskAccept: (askAccept) => set({ askAccept }),
  setPlan: (plan) => set({ plan }),
  setRun: (run) => set({ run }),
  unitProgress: (planId, words, state) =>
    set((s) => ({ run: patchUnit(s.run, planId, (u) => (u.state === "done" ? u : { ...u, words, state })) })),
  unitDone: (unit) => set((s) => ({ run: patchUnit(s.run, unit.planId, () => unit) })),
  progress: (progress, at) =>
    set((s) => {
      if (!s.run) return {};
      // the summary follows every event (twice a second); the chart takes a point every few seconds
      const last = s.run.history.at(-1);
      const point = !last || at - last[0] >= 2 || progress.unitsDone !== s.run.progress.unitsDone;
      return { run: { ...s.run, progress, history: point ? [...s.run.history, [at, progress.words] as [number, number]] : s.run.history } };
    }),
  setProposals: (proposals) => set({ proposals }),
  setLocked: (locked) =>
    set((s) => ({ locked, live: Object.fromEntries(Object.entries(s.live).filter(([id]) => locked.includes(id))) })),
  reset: () => set({ plan: null, run: null, proposals: [], locked: [], live: {} }),
}));
