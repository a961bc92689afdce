/**
 * The keys a browser keeps. RESERVED: Chromium never hands them to a page (new window, new
 * incognito window, new tab, close, reopen a closed tab, switch tabs, quit), so a shortcut there
 * simply never fires in browser mode. BROWSER_OWN: the page gets them first, but they are the
 * browser's everyday keys (address bar, reload, back, find, zoom, developer tools, profiles); the
 * studio takes them over only deliberately (DELIBERATE), as editors on the web do.
 */
export const RESERVED = [
  "Mod+N",
  "Mod+Shift+N",
  "Mod+T",
  "Mod+Shift+T",
  "Mod+W",
  "Mod+Shift+W",
  "Mod+Q",
  "Mod+Shift+Q",
  "Mod+Tab",
  "Mod+Shift+Tab",
  "Mod+PageUp",
  "Mod+PageDown",
  "Mod+F4",
  "Alt+F4",
  "Mod+Shift+[",
  "Mod+Shift+]",
  "Mod+Alt+ArrowLeft",
  "Mod+Alt+ArrowRight",
];

export const BROWSER_OWN = [
  "Mod+L",
  "Mod+D",
  "Mod+E",
  "Mod+F",
  "Mod+G",
  "Mod+H",
  "Mod+J",
  "Mod+O",
  "Mod+R",
  "Mod+U",
  "Mod+Shift+R",
  "Mod+Shift+A",
  "Mod+Shift+B",
  "Mod+Shift+C",
  "Mod+Shift+D",
  "Mod+Shift+G",
  "Mod+Shift+I",
  "Mod+Shift+J",
  "Mod+Shift+M",
  "Mod+Shift+O",
  "Mod+Shift+Delete",
  "Mod+=",
  "Mod+-",
  "Mod+0",
  // tab 1 to 8, and the last tab
  ...["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((n) => `Mod+${n}`),
  "Alt+ArrowLeft",
  "Alt+ArrowRight",
  "Alt+Home",
  "F1",
  "F3",
  "F5",
  "F6",
  "F7",
  "F10",
  "F11",
  "F12",
];

/**
 * Taken over on purpose: save, the command palette (print), the editor's own bold, italic and
 * link, and the studio's six screens on Mod+1 to 6, which work as the studio's own tabs.
 */
export const DELIBERATE = ["Mod+S", "Mod+P", "Mod+B", "Mod+I", "Mod+K", "Mod+1", "Mod+2", "Mod+3", "Mod+4", "Mod+5", "Mod+6"];

/** One spelling for comparing: modifiers in a fixed order, the key in lower case. */
export function normaliseKeys(keys: string): string {
  const parts = keys.split("+");
  // "Mod+=" splits into ["Mod", "="], "Mod++" would not occur: the table spells plus as "="
  const key = parts.pop()!.toLowerCase();
  const mods = ["Mod", "Alt", "Shift"].filter((m) => parts.includes(m));
  return [...mods, key].join("+");
}
