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
  /** more than one way out (a conflict: keep mine, take the file's, keep both); any of them closes the notice */
  actions?: { label: string; run: () => void }[];
  /** a notice about the same thing replaces the one already shown, never piles up beside it */
  key?: string;
}

interface AppState {
  connected: boolean;
  project: ProjectState | null;
  currentUnitId: string | null;
  /** words per unit; the open unit's entry is kept live by the editor */
  words: Record<string, number>;
  /** every unit's words on disk have come (projects.wordCounts, asked for after the project opens) */
  wordsCounted: boolean;
  /** of those, words the model wrote (provenance mark), for units opened this session */
  modelWords: Record<string, number>;
  /** words the writer typed today in this session, on top of the saved history */
  saveState: SaveState;
  theme: "light" | "dark";
  focusMode: boolean;
  /** in focus mode: keep the caret's line at a steady height on screen */
  typewriter: boolean;
  /** in focus mode: fade every paragraph but the caret's */
  dimOthers: boolean;
  /** the Inspector beside the page (only on the write screen, with a unit open) */
  inspectorOpen: boolean;
  /** the browser's spelling marks in the manuscript */
  spellcheck: boolean;
  /** the assistant's row above the page */
  assistOpen: boolean;
  /** tint the text the model wrote */
  showProvenance: boolean;
  /** the one dialog the studio shows at a time (the recovery dialog and questions aside) */
  dialog: StudioDialog | null;
  notices: Notice[];
  /** a rename asked for outside the binder (a command); the binder turns the row into a field */
  renameRequest: { id: string; at: number } | null;
  requestRename(id: string): void;
  setConnected(connected: boolean): void;
  setProject(project: ProjectState | null): void;
  setUnits(units: UnitMetaView[]): void;
  patchUnit(unit: UnitMetaView): void;
  selectUnit(id: string | null): void;
  setWords(id: string, words: number, model?: number): void;
  /** The units' words as counted on disk; a unit already counted live here (opened, drafted) keeps its own. */
  takeDiskWords(handle: string, words: Record<string, number>): void;
  setSaveState(state: SaveState): void;
  setMeta(meta: ProjectState["meta"]): void;
  toggleTheme(): void;
  setFocusMode(on: boolean): void;
  setTypewriter(on: boolean): void;
  setDimOthers(on: boolean): void;
  setInspectorOpen(on: boolean): void;
  setSpellcheck(on: boolean): void;
  setAssistOpen(on: boolean): void;
  setShowProvenance(on: boolean): void;
  openDialog(dialog: StudioDialog | null): void;
  setModelsOpen(on: boolean): void;
  notify(notice: Omit<Notice, "id">): void;
  dismiss(id: number): void;
  /** one recovered entry (a unit, and the tab it came from) is dealt with */
  dropRecovery(unitId: string, client?: string): void;
}

export type StudioDialog = "models" | "export" | "settings" | "palette" | "projects" | "calls";

let noticeId = 1;
const THEME_KEY = "quire-theme";
/** the writer's layout preferences, per browser profile (desktop window), not per project */
const PREFS_KEY = "quire-layout";
type Prefs = { typewriter: boolean; dimOthers: boolean; inspectorOpen: boolean; spellcheck: boolean };
const savedPrefs = (): Prefs => {
  const fallback: Prefs = { typewriter: true, dimOthers: false, inspectorOpen: true, spellcheck: true };
  try {
    const raw = typeof localStorage === "object" ? localStorage.getItem(PREFS_KEY) : null;
    const parsed = raw ? (JSON.parse(raw) as Partial<Prefs>) : {};
    return {
      typewriter: typeof parsed.typewriter === "boolean" ? parsed.typewriter : fallback.typewriter,
      dimOthers: typeof parsed.dimOthers === "boolean" ? parsed.dimOthers : fallback.dimOthers,
      inspectorOpen: typeof parsed.inspectorOpen === "boolean" ? parsed.inspectorOpen : fallback.inspectorOpen,
      spellcheck: typeof parsed.spellcheck === "boolean" ? parsed.spellcheck : fallback.spellcheck,
    };
  } catch {
    return fallback;
  }
};
const savePrefs = (s: Prefs) => {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ typewriter: s.typewriter, dimOthers: s.dimOthers, inspectorOpen: s.inspectorOpen, spellcheck: s.spellcheck }));
  } catch {
    // a full or disabled storage only costs the preference
  }
};
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
  wordsCounted: false,
  modelWords: {},
  saveState: "saved",
  theme: initialTheme(),
  focusMode: false,
  ...savedPrefs(),
  assistOpen: false,
  showProvenance: false,
  dialog: null,
  notices: [],
  renameRequest: null,
  requestRename: (id) => set({ renameRequest: { id, at: Date.now() } }),
  setConnected: (connected) => set((s) => ({ connected, saveState: connected ? s.saveState : "offline" })),
  // a notice belongs to the project it was raised in: its Undo or its choices act on that project
  setProject: (project) =>
    set((s) => ({
      project,
      words: {},
      modelWords: {},
      wordsCounted: false,
      currentUnitId: null,
      notices: s.project && s.project.handle === project?.handle ? s.notices : [],
    })),
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
  takeDiskWords: (handle, disk) =>
    set((s) => {
      if (s.project?.handle !== handle) return {};
      const words = { ...disk };
      for (const id of Object.keys(s.modelWords)) if (s.words[id] !== undefined) words[id] = s.words[id];
      return { words, wordsCounted: true };
    }),
  setSaveState: (saveState) => set({ saveState }),
  setMeta: (meta) => set((s) => (s.project ? { project: { ...s.project, meta } } : {})),
  toggleTheme: () =>
    set((s) => {
      const theme = s.theme === "dark" ? "light" : "dark";
      localStorage.setItem(THEME_KEY, theme);
      return { theme };
    }),
  setFocusMode: (focusMode) => set({ focusMode }),
  setTypewriter: (typewriter) => set((s) => (savePrefs({ ...s, typewriter }), { typewriter })),
  setDimOthers: (dimOthers) => set((s) => (savePrefs({ ...s, dimOthers }), { dimOthers })),
  setInspectorOpen: (inspectorOpen) => set((s) => (savePrefs({ ...s, inspectorOpen }), { inspectorOpen })),
  setSpellcheck: (spellcheck) => set((s) => (savePrefs({ ...s, spellcheck }), { spellcheck })),
  setAssistOpen: (assistOpen) => set({ assistOpen }),
  setShowProvenance: (showProvenance) => set({ showProvenance }),
  openDialog: (dialog) => set({ dialog }),
  setModelsOpen: (on) => set((s) => ({ dialog: on ? "models" : s.dialog === "models" ? null : s.dialog })),
  notify: (notice) =>
    set((s) => ({ notices: [...s.notices.filter((n) => !notice.key || n.key !== notice.key).slice(-4), { ...notice, id: noticeId++ }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  dropRecovery: (unitId, client) =>
    set((s) =>
      s.project ? { project: { ...s.project, recovery: s.project.recovery.filter((r) => r.unitId !== unitId || r.client !== client) } } : {},
    ),
}));
