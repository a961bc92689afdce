import { create } from "zustand";
import type { ProjectState } from "../../../electron/shared/contract/projects";
import type { z } from "zod";
import type { unitMeta } from "../../../electron/shared/contract/common";

export type UnitMetaView = z.infer<typeof unitMeta>;
export type SaveState = "saved" | "dirty" | "saving" | "offline" | "error";
export interface Notice {
  id: number;
  text: string;
  kind: "info" | "warning" | "error";
  action?: { label: string; run: () => void };
}

interface AppState {
  connected: boolean;
  project: ProjectState | null;
  currentUnitId: string | null;
  /** words per unit; the open unit's entry is kept live by the editor */
  words: Record<string, number>;
  /** of those, words the model wrote (provenance mark), for units opened this session */
  modelWords: Record<string, number>;
  /** words the writer typed today in this session, on top of the saved history */
  saveState: SaveState;
  theme: "light" | "dark";
  focusMode: boolean;
  /** tint the text the model wrote */
  showProvenance: boolean;
  modelsOpen: boolean;
  notices: Notice[];
  setConnected(connected: boolean): void;
  setProject(project: ProjectState | null): void;
  setUnits(units: UnitMetaView[]): void;
  patchUnit(unit: UnitMetaView): void;
  selectUnit(id: string | null): void;
  setWords(id: string, words: number, model?: number): void;
  setSaveState(state: SaveState): void;
  setMeta(meta: ProjectState["meta"]): void;
  toggleTheme(): void;
  setFocusMode(on: boolean): void;
  setShowProvenance(on: boolean): void;
  setModelsOpen(on: boolean): void;
  notify(notice: Omit<Notice, "id">): void;
  dismiss(id: number): void;
  dropRecovery(unitId: string): void;
}

let noticeId = 1;
const THEME_KEY = "quire-theme";
const initialTheme = (): "light" | "dark" => {
  const saved = typeof localStorage === "object" ? localStorage.getItem(THEME_KEY) : null;
  if (saved === "light" || saved === "dark") return saved;
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
};

export const useApp = create<AppState>((set) => ({
  connected: true,
  project: null,
  currentUnitId: null,
  words: {},
  modelWords: {},
  saveState: "saved",
  theme: initialTheme(),
  focusMode: false,
  showProvenance: false,
  modelsOpen: false,
  notices: [],
  setConnected: (connected) => set((s) => ({ connected, saveState: connected ? s.saveState : "offline" })),
  setProject: (project) => set({ project, words: project ? { ...project.words } : {}, currentUnitId: null }),
  setUnits: (units) => set((s) => (s.project ? { project: { ...s.project, units } } : {})),
  patchUnit: (unit) =>
    set((s) =>
      s.project ? { project: { ...s.project, units: s.project.units.map((u) => (u.id === unit.id ? unit : u)) } } : {},
    ),
  selectUnit: (currentUnitId) => set({ currentUnitId }),
  setWords: (id, n, model = 0) =>
    set((s) =>
      s.words[id] === n && s.modelWords[id] === model
        ? {}
        : { words: { ...s.words, [id]: n }, modelWords: { ...s.modelWords, [id]: model } },
    ),
  setSaveState: (saveState) => set({ saveState }),
  setMeta: (meta) => set((s) => (s.project ? { project: { ...s.project, meta } } : {})),
  toggleTheme: () =>
    set((s) => {
      const theme = s.theme === "dark" ? "light" : "dark";
      localStorage.setItem(THEME_KEY, theme);
      return { theme };
    }),
  setFocusMode: (focusMode) => set({ focusMode }),
  setShowProvenance: (showProvenance) => set({ showProvenance }),
  setModelsOpen: (modelsOpen) => set({ modelsOpen }),
  notify: (notice) => set((s) => ({ notices: [...s.notices.slice(-4), { ...notice, id: noticeId++ }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  dropRecovery: (unitId) =>
    set((s) =>
      s.project ? { project: { ...s.project, recovery: s.project.recovery.filter((r) => r.unitId !== unitId) } } : {},
    ),
}));
