import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserWindow, Rectangle } from "electron";
import { writeFileAtomic } from "../node/store/atomic-write";

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1280, height: 820 }, maximized: false };

/** Remembers the main window's size, position and maximised state between launches. */
export function loadWindowState(userData: string): WindowState {
  try {
    const s = JSON.parse(readFileSync(join(userData, "window-state.json"), "utf8")) as WindowState;
    if (s.bounds.width >= 400 && s.bounds.height >= 300) return s;
  } catch {
    // first launch, or an unreadable file: defaults
  }
  return DEFAULT;
}

export function trackWindowState(win: BrowserWindow, userData: string): void {
  const save = () => {
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    void writeFileAtomic(join(userData, "window-state.json"), JSON.stringify(state));
  };
  win.on("close", save);
  win.on("resized", save);
  win.on("moved", save);
}
