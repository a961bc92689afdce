import { create } from "zustand";
import type { ModelsState } from "../../../electron/shared/contract/models";

/** What the Models page and the status bar show about models, kept current by backend events. */
interface ModelsView {
  state: ModelsState | null;
  tokensPerSecond: number;
  set(state: ModelsState): void;
  progress(d: ModelsState["downloads"][number]): void;
  throughput(tokensPerSecond: number): void;
}

export const useModels = create<ModelsView>((set) => ({
  state: null,
  tokensPerSecond: 0,
  set: (state) => set({ state }),
  progress: (d) =>
    set((s) =>
      s.state ? { state: { ...s.state, downloads: s.state.downloads.map((x) => (x.id === d.id ? d : x)) } } : {},
    ),
  throughput: (tokensPerSecond) => set({ tokensPerSecond }),
}));
