import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserWindow, Rectangle } from "electron";
import { z } from "zod";
import { writeFileAtomic } from "../node/store/atomic-write";
import { parseJsonFile, type JsonFormat } from "../node/store/json-file";

export const WINDOW_STATE_FILE = "window-state.json";

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1280, height: 820 }, maximized: false };

/** Format 1 is the first with a version; files written before it had none and read the same. */
const WINDOW_STATE_FORMAT = 1;
const coordinate = z.number().int().min(-100_000).max(100_000);
const windowStateFormat: JsonFormat<WindowState> = {
  what: "a saved window position",
  schema: z.object({
    bounds: z.object({ x: coordinate, y: coordinate, width: z.number().int().min(400).max(100_000), height: z.number().int().min(300).max(100_000) }),
    maximized: z.boolean(),
  }),
  version: { key: "version", current: WINDOW_STATE_FORMAT, whenMissing: 1 },
};

/** The saved state, or null (with the reason logged, naming the file) when there is none Quire can use. */
export function parseWindowState(text: string, file: string): WindowState | null {
  try {
    return parseJsonFile(text, file, windowStateFormat);
  } catch (e) {
    console.warn(`quire: ${e instanceof Error ? e.message : String(e)}; the window opens at its default size`);
    return null;
  }
}

/** Remembers the main window's size, position and maximised state between launches. */
export function loadWindowState(dataDir: string): WindowState {
  const file = join(dataDir, WINDOW_STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return DEFAULT; // first launch
  }
  return parseWindowState(text, file) ?? DEFAULT;
}

export function trackWindowState(win: BrowserWindow, dataDir: string): void {
  const save = () => {
    if (win.isDestroyed()) return;
    const state = { version: WINDOW_STATE_FORMAT, bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    void writeFileAtomic(join(dataDir, WINDOW_STATE_FILE), JSON.stringify(state)).catch(() => undefined);
  };
  win.on("close", save);
  win.on("resized", save);
  win.on("moved", save);
}
